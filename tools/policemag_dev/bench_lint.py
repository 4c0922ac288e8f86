"""Lints on pathological inputs, against a normal file of the same size (issue 13, item 8).

``python -m policemag_dev.bench_lint [--size BYTES] [--render]`` (tools/ on the path, as
``scripts/bench.sh`` runs the benchmark) prints one table. Each row is what ``policemag
check`` does with one article (front matter, character check, body lint, privacy lint)
or one YAML file, timed on an input built to be slow, divided by the time of a normal
file of the same size. A linear lint keeps every ratio small whatever the size; a
quadratic one grows with it (a 240 KB line of ``![`` took 3 minutes before).

``--render`` adds, for each input the render-cost guard (E043) is about, the largest
paragraph the lint still accepts and the time Python-Markdown takes to render it: the
guard is an estimate, this checks it against the real thing on this machine.

Timings live here, never in tests: tests only make sure these inputs finish.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from policemag.content.articles import read_article
from policemag.content.files import read_yaml
from policemag.content.privacy import lint_file
from policemag.errors import ErrorLog

FRONT = '---\ntitle: "عنوان"\nsection: news\nsummary: "ملخص قصير."\n---\n\n'

#: A paragraph of what editors write: Arabic and French, links, emphasis, quotes,
#: an abbreviation, a list, numbers that are not personal data.
NORMAL = (
    "أعلنت المديرية العامة للأمن الوطني عن افتتاح **مركز جديد** للشرطة في الحي، "
    "وذلك في إطار [تقريب الخدمات](../2026-01-n1/station.md) من المواطنين. "
    "L'agent a rappelé que « la sécurité est l'affaire de tous » et que le numéro 19 "
    "reste joignable jour et nuit; voir *le guide* (édition 2026) et `la fiche`.\n"
    "- التوجيه والإرشاد.\n- تلقي الشكايات <span dir=\"ltr\">en ligne</span>.\n\n"
)

#: Article bodies built to be slow, by name: a piece repeated up to the size, or a
#: function of the size.
BODIES: dict[str, str | Callable[[int], str]] = {
    "'![' repeated on one line": "![",
    "'![a](' repeated": "![a](",
    "'[' repeated": "[",
    "'<a ' repeated (unclosed tags)": "<a ",
    "'<' and spaces": "<" + " " * 999,
    "letters then one '@' (e-mail pattern)": lambda size: "a" * (size - 1) + "@",
    "'*a' repeated (emphasis)": "*a",
    "apostrophes (smart quotes)": "'",
    "'&#1;' repeated (character references)": "&#1;",
    "'{ on' repeated (attribute lists)": "{ on",
    "'<a \"' repeated (unclosed quotes)": '<a "',
    "'06 ' repeated (phone pattern)": "06 ",
    "'1. ' repeated (nested lists)": "1. ",
}

#: Front matter titles built to be slow (the plain-text check of every text field).
TITLES: dict[str, Callable[[int], str]] = {
    "'<', spaces, a digit in a title": lambda size: "<" + " " * (size - 2) + "1",
}


def _body(piece: str | Callable[[int], str], size: int) -> str:
    if callable(piece):
        return piece(size)
    return (piece * (size // len(piece) + 1))[:size]


#: YAML files built to be slow, by name: (text maker of about ``size`` bytes).
def _alias_bomb(size: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 30)]
    text = "\n".join(lines) + "\ntitle: *a29\n"
    return text + "#" * max(0, size - len(text) - 1) + "\n"


def _normal_yaml(size: int) -> str:
    item = '  - {kind: speech, at: [0.5, 0.2], text: {ar: "مرحبا بكم", fr: "Bonjour à tous"}}\n'
    return "title: {ar: x, fr: y}\nballoons:\n" + item * max(1, (size - 40) // len(item))


YAMLS: dict[str, Callable[[int], str]] = {
    "comic.yml of nested aliases": _alias_bomb,
    "'[' repeated (flow nesting)": lambda size: "theme: " + "[" * (size - 8) + "\n",
    "'- ' repeated (block nesting)": lambda size: "- " * (size // 2) + "x\n",
    "'a: ' repeated (nested mappings)": lambda size: "a: " * (size // 3) + "x\n",
}


def _best(fn: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def check_article(root: Path, body: str, front: str = FRONT) -> float:
    """Seconds ``policemag check`` spends on one article holding ``body``."""
    folder = root / "issues/2026-01-n1"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "a.md"
    path.write_text(front + body, encoding="utf-8")

    def run() -> None:
        log = ErrorLog(root)
        read_article(path, "2026-01-n1", 1, "ar", root, log)
        lint_file(path, set(), log, "warning")

    return _best(run)


def check_yaml(root: Path, text: str) -> float:
    path = root / "comic.yml"
    path.write_text(text, encoding="utf-8")
    return _best(lambda: read_yaml(path, ErrorLog(root)))


def lint_rows(size: int = 240_000) -> list[tuple[str, float, float, float]]:
    """(what, seconds, normal seconds, ratio) for every pathological input of ``size``."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="policemag-lint-") as tmp:
        root = Path(tmp)
        normal_body = (NORMAL * (size // len(NORMAL) + 1))[:size]
        normal = check_article(root, normal_body)
        for what, piece in BODIES.items():
            seconds = check_article(root, _body(piece, size))
            rows.append((f"article: {what}", seconds, normal, seconds / normal))
        normal_title = FRONT.replace("عنوان", "عنوان طويل " * (size // 20))
        normal = check_article(root, "نص.\n", normal_title)
        for what, make in TITLES.items():
            title = make(size).replace("\\", "\\\\").replace('"', '\\"')
            seconds = check_article(root, "نص.\n", FRONT.replace("عنوان", title))
            rows.append((f"front matter: {what}", seconds, normal, seconds / normal))
        normal = check_yaml(root, _normal_yaml(size))
        for what, make in YAMLS.items():
            seconds = check_yaml(root, make(size))
            rows.append((f"YAML: {what}", seconds, normal, seconds / normal))
    return rows


def render_rows() -> list[tuple[str, int, float]]:
    """(what, largest accepted paragraph in bytes, Python-Markdown seconds to render it)."""
    from policemag.content.body import lint_body
    from policemag.content.markdown import _markdown

    rows = []
    root = Path(tempfile.gettempdir())
    for what, piece in BODIES.items():
        if callable(piece):
            continue

        def accepted(n: int, piece: str = piece) -> bool:
            log = ErrorLog(root)
            lint_body(piece * n, 1, root / "a.md", root, log)
            return not any(e.code == "E043" for e in log.items)

        low, high = 1, 1
        while accepted(high) and high < 1_000_000 // len(piece):
            low, high = high, high * 2
        if accepted(high):
            continue  # never refused: not an input the guard is about
        while high - low > 1:
            mid = (low + high) // 2
            low, high = (mid, high) if accepted(mid) else (low, mid)
        body = piece * low
        t = time.perf_counter()
        _markdown(body)
        rows.append((what, len(body), time.perf_counter() - t))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policemag_dev.bench_lint", description=__doc__)
    parser.add_argument("--size", type=int, default=240_000, help="bytes of each input")
    parser.add_argument("--render", action="store_true", help="also check the E043 estimate")
    args = parser.parse_args(argv)
    print(f"\ninputs of {args.size:,} bytes; time of check on it / on a normal file of that size\n")
    print("| input | check | normal file | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    for what, seconds, normal, ratio in lint_rows(args.size):
        ok = "yes" if ratio <= 5 else "**no**"
        print(f"| {what} | {seconds:.3f} s | {normal:.3f} s | {ratio:.2f} | <= 5x | {ok} |")
    if args.render:
        from policemag.content.body import MAX_RENDER_SECONDS

        print(f"\nlargest paragraph the lint accepts, rendered by Python-Markdown"
              f" (estimate allowed: {MAX_RENDER_SECONDS:.0f} s)\n")
        print("| input | bytes | render | target | met |")
        print("|---|---|---|---|---|")
        for what, size, seconds in render_rows():
            ok = "yes" if seconds <= 2 * MAX_RENDER_SECONDS else "**no**"
            print(f"| {what} | {size:,} | {seconds:.2f} s | <= {2 * MAX_RENDER_SECONDS:.0f} s | {ok} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
