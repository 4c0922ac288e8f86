"""read_article: one Markdown file with front matter into an :class:`Article`."""

from __future__ import annotations

from pathlib import Path

from policemag.content.body import check_image, lint_body
from policemag.content.files import read_text, read_yaml
from policemag.content.frontmatter import FrontMatterError, split_front_matter
from policemag.content.privacy import strip_markers
from policemag.content.schemas import ArticleFrontMatter, validate
from policemag.errors import ErrorLog
from policemag.model import Article, direction_of


def read_article(
    path: Path, issue_id: str, issue_number: int, issue_lang: str, root: Path, log: ErrorLog
) -> Article | None:
    """Read and validate ``path``; log problems and return None when it is unusable."""
    text = read_text(path, log)
    if text is None:
        return None
    try:
        yaml_text, body, body_line = split_front_matter(text)
    except FrontMatterError as exc:
        log.add(path, exc.line, "E008", exc.message)
        return None
    data = read_yaml(path, log, yaml_text, first_line=2, front_matter=True)
    if data is None:
        return None
    fm = validate(ArticleFrontMatter, data, path, log, first_line=2)
    body = strip_markers(body)  # the privacy lint reads them from the file; no edition may
    lint = lint_body(body, body_line, path, root, log)
    if fm is None:
        return None
    image = None
    if fm.image:
        line = data.lines.get("image", 2)
        if not fm.image_alt:
            log.add(path, line, "E012", f"lead image '{fm.image}' needs image_alt")
        image = check_image(
            root, path.parent, fm.image, fm.image_alt or "", path, line, log,
            caption=fm.image_caption or "", credit=fm.image_credit or "",
        )
    else:
        for key in ("image_alt", "image_caption", "image_credit"):
            if getattr(fm, key):
                log.add(path, data.lines.get(key, 2), "E003", f"{key} given without image")
    lang = fm.lang or issue_lang
    slug = path.stem
    return Article(
        uid=fm.id or "",  # none given: the build derives it (policemag.ids.article_id)
        slug=slug,
        issue_id=issue_id,
        source=path,
        title=fm.title,
        section=fm.section,
        summary=fm.summary,
        lang=lang,
        dir=direction_of(lang),
        body=body,
        body_line=body_line,
        authors=tuple(fm.authors),
        image=image,
        images=lint.images,
        embargo=fm.embargo,
        draft=fm.draft,
        privacy_ok=tuple(fm.privacy_ok),
    )
