"""Lighthouse 12 on every page type of a built site: the table of docs/web.md.

``python -m policemag_dev lighthouse SITE [--preset mobile|desktop]`` (scripts/lighthouse.sh
installs Lighthouse and builds the sample first). The site is served by
:mod:`policemag_dev.serve`, which behaves like the production host: precompressed
``.br``/``.gz`` files, the cache policy of docs/web.md. Chromium is Debian's
(``CHROME_PATH=/usr/bin/chromium``), never a downloaded one.

The 404 page is measured at ``/404.html`` itself: requested at a missing address it
answers with status 404, which Lighthouse's SEO category counts against any page.

Measured, not asserted: a shared two-core machine moves performance scores by a few
points from run to run, so this prints a table and exits 0; read it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from policemag_dev.gallery import page_types
from policemag_dev.serve import serve

#: Where scripts/lighthouse.sh installs Lighthouse (outside the repository's node_modules,
#: which holds the test checkers).
PREFIX = Path(os.environ.get("POLICEMAG_LIGHTHOUSE", Path.home() / ".cache" / "policemag-lighthouse"))
VERSION = "12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: Page types measured, in the order of the table.
MEASURED = ("home", "issue", "article-ar", "article-fr", "comic-ar", "search", "404")


def lighthouse_bin() -> Path | None:
    found = PREFIX / "node_modules" / ".bin" / "lighthouse"
    return found if found.exists() else None


def measure(url: str, preset: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run; the report's scores (0-100), CLS, LCP (ms) and TBT (ms)."""
    binary = lighthouse_bin()
    if binary is None:
        raise SystemExit(f"lighthouse {VERSION} is not installed: scripts/lighthouse.sh installs it into {PREFIX}")
    args = [
        str(binary), url, "--output=json", f"--output-path={out}", "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-background-networking "
        "--disable-component-update --disable-sync",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if preset == "desktop":
        args.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    row: dict[str, Any] = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    row["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    row["lcp"] = audits["largest-contentful-paint"]["numericValue"]
    row["tbt"] = audits["total-blocking-time"]["numericValue"]
    row["failed"] = sorted(
        a["id"] for a in audits.values()
        if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return row


def run_lighthouse(
    site: Path, root: Path, *, preset: str = "mobile", only: list[str] | None = None, keep: Path | None = None
) -> int:
    """Measure each page type; print the table. ``keep``: a folder for the JSON reports."""
    pages = page_types(site)
    pages["404"] = "404.html"
    wanted = [p for p in MEASURED if p in pages and (not only or p in only)]
    rows = {}
    with serve(site) as base, tempfile.TemporaryDirectory() as tmp:
        reports = keep or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        for name in wanted:
            rows[name] = measure(base + pages[name], preset, reports / f"{name}.json")
            print(f"measured {name}", file=sys.stderr)
    print(f"Lighthouse {VERSION}, {preset}, {shutil.which('chromium') or '/usr/bin/chromium'}:\n")
    print("| page | performance | accessibility | best practices | SEO | CLS | LCP | TBT | audits under 0.9 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(
            f"| {name} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['seo']} | "
            f"{r['cls']:.3f} | {r['lcp'] / 1000:.1f} s | {r['tbt']:.0f} ms | {', '.join(r['failed']) or '-'} |"
        )
    return 0
