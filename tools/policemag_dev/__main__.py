"""``python -m policemag_dev bench [--issues N] [--quick] [-C ROOT]`` (scripts/bench.sh),
``python -m policemag_dev gallery SITE OUT`` (scripts/gallery.sh) and
``python -m policemag_dev lighthouse SITE`` (scripts/lighthouse.sh) and
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
    bench.add_argument(
        "--rows", default="", help="comma-separated groups to run (images,builds,epub,search,rss,fixed,serve); default all"
    )
    gallery = sub.add_parser("gallery", help="screenshot every page type (phone/desktop, light/dark)")
    gallery.add_argument("site", type=Path, help="a built site folder")
    gallery.add_argument("out", type=Path, help="where the PNGs go")
    gallery.add_argument("--only", nargs="*", help="page types to shoot (default: all)")
    lighthouse = sub.add_parser("lighthouse", help="Lighthouse (mobile) on every page type: a table")
    lighthouse.add_argument("site", type=Path, help="a built site folder")
    lighthouse.add_argument("--preset", default="mobile", choices=("mobile", "desktop"))
    lighthouse.add_argument("--only", nargs="*", help="page types to measure (default: all)")
    lighthouse.add_argument("--keep", type=Path, help="keep the JSON reports in this folder")
    sub.add_parser("fonts", help="make the fonts shipped with the package (tools/policemag/data/fonts/)")
    args = parser.parse_args(argv)
    if args.command == "fonts":
        from policemag_dev.fonts import make_shipped_fonts

        for name in sorted(make_shipped_fonts()):
            print(name)
        return 0
    if args.command == "gallery":
        from policemag_dev.gallery import run_gallery

        for shot in run_gallery(args.site.resolve(), args.out.resolve(), args.only):
            print(shot)
        return 0
    if args.command == "lighthouse":
        from policemag_dev.lighthouse import run_lighthouse

        return run_lighthouse(
            args.site.resolve(), args.root.resolve(), preset=args.preset, only=args.only, keep=args.keep
        )
    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():  # the synthetic archive copies its site setup
        print(f"{root}: no mkdocs.yml: run the benchmark in the magazine's repository (or -C it)", file=sys.stderr)
        return 2
    from policemag_dev.bench import GROUPS, run_bench

    wanted = tuple(g for g in args.rows.split(",") if g) or GROUPS
    unknown = sorted(set(wanted) - set(GROUPS))
    if unknown:
        print(f"--rows: unknown group {unknown[0]!r}; known: {', '.join(GROUPS)}", file=sys.stderr)
        return 2
    return int(run_bench(root, issues=args.issues, quick=args.quick, rows_wanted=wanted))


if __name__ == "__main__":
    sys.exit(main())
