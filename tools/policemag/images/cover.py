"""The designed cover of an issue: the cover photo under a magazine's typography.

This module decides what the cover says (:func:`cover_text`, :func:`cover_alt`) and
makes it; :mod:`policemag.images.cover_art` draws it (the layout is described there).

Only what is published is lettered: the caller passes the published issue, so a title
under embargo never reaches a cover. The result is a PNG of :data:`SIZE`, cached by
content hash under ``.cache/covers/`` (key: the photo's bytes, every word on the cover,
the fonts, the code version), so the same issue gives the same bytes. The PNG is never
published: it is the source of the cover's web, EPUB and feed renditions, which
:func:`designed_covers` derives in the same worker that drew it, from the picture in
memory, and records as its image set, so the images stage finds them as for any photo
already derived (:mod:`policemag.images.derivatives`). Its alt text (:func:`cover_alt`)
says everything the cover says, then what the photo shows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from policemag.cache import REBUILT, CacheStore
from policemag.comics import fonts
from policemag.config import MagazineConfig
from policemag.images import render
from policemag.images.cache import ImageCache
from policemag.images.cover_art import SIZE, CoverLine, CoverText, draw_cover, png, render_cover
from policemag.images.derivatives import ImageSet, build_image_sets
from policemag.images.settings import COVER_SETTINGS, ImageSettings, set_key
from policemag.model import Article, ComicRef, Issue, Magazine
from policemag.model import Image as ContentImage
from policemag.titles import headline, issue_label, magazine_title
from policemag.workers import pool_size, process_pool

__all__ = [
    "COVER_LINES",
    "SIZE",
    "CoverLine",
    "CoverText",
    "cover_alt",
    "cover_text",
    "designed_cover",
    "designed_covers",
    "draw_cover",
    "is_designed",
    "render_cover",
    "with_designed_cover",
]

#: Contents shown as cover lines.
COVER_LINES = 3
#: Store namespace under ``.cache/``.
NAMESPACE = "covers"
#: Bump when the drawing changes (the code version changes too; this says why).
VERSION = "1"


def cover_text(issue: Issue, config: MagazineConfig) -> CoverText:
    """What the cover of ``issue`` (published) says."""
    words, lang = config.words, issue.lang
    lines: list[CoverLine] = []
    for entry in issue.contents:
        if len(lines) == COVER_LINES:
            break
        if isinstance(entry, Article):
            lines.append(CoverLine(entry.title, entry.lang))
        elif isinstance(entry, ComicRef):
            comic = entry.comic
            edition = lang if lang in comic.languages else comic.languages[0]
            lines.append(CoverLine(comic.title[edition], edition, words.t(edition, "comic")))
    return CoverText(
        lang=lang,
        masthead=magazine_title(lang, config),
        number=issue_label(issue, words),
        date=words.date(issue.date, lang),
        kicker=issue.theme or "",
        headline=headline(issue, words),
        lines=tuple(lines),
    )


def cover_alt(issue: Issue, config: MagazineConfig) -> str:
    """The designed cover's alt text: every word on it, then the editor's description of
    the photo (``cover_alt``)."""
    words, text = config.words, cover_text(issue, config)
    sep = words.t(text.lang, "comma")
    colon = words.t(text.lang, "colon")
    parts = [
        f"{words.t(text.lang, 'cover_of', magazine=text.masthead)}{sep}{text.number}{sep}{text.date}."
    ]
    if text.kicker:
        parts.append(f"{text.kicker}.")
    if text.headline:
        parts.append(_end(text.headline))
    if text.lines:
        listed = words.t(text.lang, "semicolon").join(
            f"{line.label}{colon}{line.text}" if line.label else line.text for line in text.lines
        )
        parts.append(_end(f"{words.t(text.lang, 'in_this_issue')}{colon}{listed}"))
    parts.append(f"{words.t(text.lang, 'photo')}{colon}{issue.cover.alt}")
    return " ".join(parts)


def _end(sentence: str) -> str:
    return sentence if sentence[-1:] in ".!?؟…" else sentence + "."


def designed_covers(
    magazine: Magazine,
    config: MagazineConfig,
    settings: ImageSettings | None = COVER_SETTINGS,
    workers: int | None = None,
) -> Magazine:
    """``magazine`` (published) with each issue's cover replaced by its designed cover
    (:func:`with_designed_cover`).

    Covers missing from the cache are drawn on ``workers`` processes (default: every
    core; none for a single cover), and each worker derives the renditions of the
    covers it draws with ``settings`` (None: drawn only), storing them and their image
    set as :func:`policemag.images.derivatives.build_image_sets` would. The bytes do
    not depend on the number of workers. A rendition that could not be made is left to
    ``build_image_sets``, which derives the cover again and reports the error.
    """
    paths: dict[str, Path] = {}  # by cover key
    todo: dict[str, _Job] = {}
    keys: list[str | None] = []
    for issue in magazine.issues:
        if is_designed(issue.cover.path, config):
            keys.append(None)
            continue
        job = _job(issue, config)
        keys.append(job.key)
        if job.key not in paths and job.key not in todo:
            found = job.store().get_file(job.key, job.suffix)
            if found is None:
                todo[job.key] = job
            else:
                paths[job.key] = found
    paths.update(_make_all(list(todo.values()), config, settings, workers))
    issues = (
        issue if key is None else _with_cover(issue, config, paths[key])
        for issue, key in zip(magazine.issues, keys, strict=True)
    )
    return replace(magazine, issues=tuple(issues))


def with_designed_cover(issue: Issue, config: MagazineConfig) -> Issue:
    """``issue`` whose ``cover`` is its designed cover (made or found in the cache), with
    the designed cover's alt text. An issue whose cover is already designed is returned
    as it is, so callers may apply this twice."""
    if is_designed(issue.cover.path, config):
        return issue
    return _with_cover(issue, config, designed_cover(issue, config))


def _with_cover(issue: Issue, config: MagazineConfig, path: Path) -> Issue:
    alt = cover_alt(issue, config)
    return replace(issue, cover=ContentImage(issue.cover.src, path, alt, issue.cover.line))


def image_sets(paths: Iterable[Path], config: MagazineConfig) -> dict[Path, ImageSet]:
    """:func:`policemag.images.derivatives.build_image_sets` of ``paths``, the designed
    covers among them with :data:`~policemag.images.settings.COVER_SETTINGS` (the
    settings :func:`designed_covers` derived them with), the others with the defaults."""
    paths = sorted(set(paths))
    covers = [p for p in paths if is_designed(p, config)]
    sets = build_image_sets(covers, config.cache, COVER_SETTINGS) if covers else {}
    sets.update(build_image_sets([p for p in paths if p not in sets], config.cache))
    return sets


def is_designed(path: Path, config: MagazineConfig) -> bool:
    """Whether ``path`` is a designed cover from this configuration's cache."""
    return (config.cache / NAMESPACE) in path.parents


def designed_cover(issue: Issue, config: MagazineConfig) -> Path:
    """The designed cover's PNG in the cache (made here when missing or damaged)."""
    job = _job(issue, config)
    found = job.store().get_file(job.key, job.suffix)
    if found is not None:
        return found
    return _adopt(*_make(job, None), None, None)


@dataclass(frozen=True)
class _Job:
    """One cover to draw: the photo's file, the words, where it is stored."""

    photo: Path
    text: CoverText
    cache_root: Path
    key: str
    suffix: str

    def store(self) -> CacheStore:
        return CacheStore(self.cache_root, NAMESPACE)


def _job(issue: Issue, config: MagazineConfig) -> _Job:
    text = cover_text(issue, config)
    photo = issue.cover.path.read_bytes()
    store = CacheStore(config.cache, NAMESPACE)
    key = store.key(VERSION, hashlib.sha256(photo).hexdigest(), repr(text), fonts.fonts_digest())
    # the file name becomes the rendition's name on the web: media/<issue>-cover.<hash>...
    return _Job(issue.cover.path, text, config.cache, key, f"/{issue.id}-cover.png")


def _make_all(
    jobs: list[_Job], config: MagazineConfig, settings: ImageSettings | None, workers: int | None
) -> dict[str, Path]:
    """Make every job's cover (in a pool for two or more); their paths by key."""
    sets = ImageCache(config.cache) if settings is not None and jobs else None
    workers = pool_size(len(jobs), workers)
    if workers == 1:
        return {job.key: _adopt(*_make(job, settings), sets, settings) for job in jobs}
    with process_pool(workers) as pool:
        futures = [pool.submit(_make, job, settings) for job in jobs]
        # adopted in the jobs' order: the same records whatever finishes first
        return {
            job.key: _adopt(*f.result(), sets, settings)
            for job, f in zip(jobs, futures, strict=True)
        }


def _make(job: _Job, settings: ImageSettings | None) -> tuple[Path, str, dict[str, Any] | None]:
    """Draw and store one cover, then (with ``settings``) derive its renditions from the
    picture in memory. Runs in a worker: returns the PNG's path and sha256 and the image
    set record (None when not derived), and counts nothing (:func:`_adopt` does)."""
    canvas = draw_cover(job.photo.read_bytes(), job.text)
    data = png(canvas)
    store = CacheStore(job.cache_root, NAMESPACE, count=False)
    path = store.put_bytes(job.key, data, job.suffix)
    if settings is None:
        return path, "", None
    sha = hashlib.sha256(data).hexdigest()
    return path, sha, render.derive_image(canvas, sha, settings, str(job.cache_root))


def _adopt(
    path: Path,
    sha: str,
    record: dict[str, Any] | None,
    sets: ImageCache | None,
    settings: ImageSettings | None,
) -> Path:
    """Count a cover made (here or in a worker) and store its image set record in
    ``sets``; returns the cover's path."""
    REBUILT[NAMESPACE] += 1
    if sets is not None and settings is not None and record is not None and "error" not in record:
        sets.store_set(set_key(sha, settings), record)
    return path
