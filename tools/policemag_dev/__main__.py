"""``python -m policemag_dev bench [--issues N] [--quick] [-C ROOT]`` (scripts/bench.sh) and
``python -m policemag_dev fonts`` (the fonts shipped with the package)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policemag_dev", description=__doc__)
    parser.add_argument("-C", "--root", type=Path, default=Path.cwd(), help="repository root")
    sub = parser.add_subparsers(dest="command", required=True)
    bench = sub.add_parser("bench", help="benchmark against baselines (prints ratios)")
    bench.add_argument("--issues", type=int, default=10)
    bench.add_argument("--quick", action="store_true", help="small sizes, for CI")
    sub.add_parser("fonts", help="make the fonts shipped with the package (tools/policemag/data/fonts/)")
    args = parser.parse_args(argv)
    if args.command == "fonts":
        from policemag_dev.fonts import make_shipped_fonts

        for name in sorted(make_shipped_fonts()):
            print(name)
        return 0
    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():  # the synthetic archive copies its site setup
        print(f"{root}: no mkdocs.yml: run the benchmark in the magazine's repository (or -C it)", file=sys.stderr)
        return 2
    from policemag_dev.bench import run_bench

    return int(run_bench(root, issues=args.issues, quick=args.quick))


if __name__ == "__main__":
    sys.exit(main())
