"""Screenshots of every page type of a built site, phone and desktop, light and dark.

``python -m policemag_dev gallery SITE_DIR OUT_DIR`` (scripts/gallery.sh builds the
sample first): serves SITE_DIR like the production host (:mod:`policemag_dev.serve`),
opens each page type in Debian's Chromium (never a downloaded browser) and writes
``OUT_DIR/<page>-<phone|desktop>-<light|dark>.png`` (full page) plus a
``-fold`` shot of the first screen on phones, then prints the list. Look at every one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: The page's own language, on its <article> (the frame is the magazine's).
_ARTICLE_LANG = re.compile(r'<article class="md-content__inner[^"]*" lang="([^"]+)"')
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = ("light", "dark")


def page_types(site: Path) -> dict[str, str]:
    """One URL path per page type of the built site (home, issue, Arabic and French
    article, comic in both languages, archive, section, search, 404, about, developers)."""
    issues = sorted(p.name for p in site.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}-\d{2}-n\d+", p.name))
    out = {"home": ""}
    if issues:
        latest = issues[-1]
        out["issue"] = f"{latest}/"
        for article in sorted((site / latest).glob("*/index.html")):
            found = _ARTICLE_LANG.search(article.read_text(encoding="utf-8"))
            kind = "article-fr" if found and found.group(1) == "fr" else "article-ar"
            out.setdefault(kind, f"{latest}/{article.parent.name}/")
    comics = sorted((site / "comics").glob("*/index.html")) if (site / "comics").is_dir() else []
    if comics:
        slug = comics[0].parent.name
        out["comic-ar"] = f"comics/{slug}/"
        if (site / "comics" / slug / "fr" / "index.html").is_file():
            out["comic-fr"] = f"comics/{slug}/fr/"
    out["archive"] = "archive/"
    sections = sorted((site / "sections").glob("*/index.html")) if (site / "sections").is_dir() else []
    if sections:
        out["section"] = f"sections/{sections[0].parent.name}/"
    out["search"] = "search/?q=الشرطة"
    out["404"] = "no-such-page/"
    for extra in ("about", "developers"):
        if (site / extra / "index.html").is_file():
            out[extra] = f"{extra}/"
    return out


def _load_lazy_images(page: object) -> None:
    """Scroll through the page so lazy images load, then back to the top."""
    page.evaluate(  # type: ignore[attr-defined]
        """async () => {
          for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
            scrollTo(0, y); await new Promise(r => setTimeout(r, 60));
          }
          await Promise.all([...document.images].filter(i => !i.complete)
            .map(i => new Promise(r => { i.onload = i.onerror = r; })));
          scrollTo(0, 0);
        }"""
    )
    page.wait_for_timeout(150)  # type: ignore[attr-defined]


def run_gallery(site: Path, out: Path, only: list[str] | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from policemag_dev.serve import serve

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    pages = page_types(site)
    if only:
        pages = {k: v for k, v in pages.items() if k in only}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for scheme in SCHEMES:
            for size, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport, color_scheme=scheme)  # type: ignore[arg-type]
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(base + path, wait_until="networkidle")
                    _load_lazy_images(page)
                    target = out / f"{name}-{size}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=True)
                    shots.append(target)
                    if size == "phone":
                        fold = out / f"{name}-{size}-{scheme}-fold.png"
                        page.screenshot(path=str(fold))
                        shots.append(fold)
                context.close()
        browser.close()
    return shots


#: Older issues the gallery adds to the sample (number, date, headline, theme), so the
#: front page has previous issues and the archive has years.
OLDER = (
    (111, "2026-10-15", "طرقنا أمانة: السلامة الطرقية في موسم الأمطار", "السلامة الطرقية"),
    (110, "2026-09-15", "المخدرات: الوقاية تبدأ في البيت", "الوقاية من المخدرات"),
    (99, "2025-06-20", "شرطة القرب في خدمة الأحياء", None),
)


def make_gallery_repo(root: Path, dest: Path) -> Path:
    """A copy of the magazine at ``root`` with :data:`OLDER` issues made from its latest
    one (same articles and photos, other numbers, dates and headlines). Returns ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml",):
        shutil.copy2(root / name, dest / name)
    for name in ("overrides", "pages", "comics", "issues"):
        if (root / name).is_dir():
            shutil.copytree(root / name, dest / name)
    if (root / "docs" / "app-feed.md").is_file():
        (dest / "docs").mkdir()
        shutil.copy2(root / "docs" / "app-feed.md", dest / "docs" / "app-feed.md")
    latest = sorted((dest / "issues").iterdir())[-1]
    for number, day, title, theme in OLDER:
        folder = dest / "issues" / f"{day[:7]}-n{number}"
        shutil.copytree(latest, folder)
        yml = (folder / "issue.yml").read_text(encoding="utf-8")
        yml = re.sub(r"(?m)^number: .*$", f"number: {number}", yml)
        yml = re.sub(r"(?m)^date: .*$", f"date: {day}", yml)
        yml = re.sub(r"(?m)^title: .*$", f'title: "{title}"', yml)
        yml = re.sub(r"(?m)^theme: .*$", f'theme: "{theme}"' if theme else "", yml)
        yml = re.sub(r"(?m)^  - comic: .*\n", "", yml)
        (folder / "issue.yml").write_text(yml, encoding="utf-8")
        for md in folder.glob("*.md"):  # each article keeps its text, not its permanent id
            text = md.read_text(encoding="utf-8")
            md.write_text(re.sub(r"(?m)^id: .*\n", "", text, count=1), encoding="utf-8")
    return dest
