"""The designed cover of an issue: the cover photo under a magazine's typography.

This module decides what the cover says (:func:`cover_text`, :func:`cover_alt`) and
makes it; :mod:`policemag.images.cover_art` draws it (the layout is described there).

Only what is published is lettered: the caller passes the published issue, so a title
under embargo never reaches a cover. A designed cover is never stored as a picture: the
worker that draws it derives its web, EPUB and feed renditions at once from the picture
in memory and records them as its image set (:mod:`policemag.images.derivatives`), so
the images stage finds them as for any photo already derived. What names the set and
the renditions is the cover's key (:func:`cover_key`): the photo's bytes, every word on
the cover, the fonts, :data:`VERSION` and the libraries that draw; the same issue gives
the same key, the same pixels and the same rendition bytes. The cover's path
(``Issue.cover.path``: the key of ``build.images``, and the stem of the published names,
``media/<issue-id>-cover.<hash10>.<w>.<ext>``) names no file: it is
``<cache>/covers/<k[:2]>/<k>/<issue-id>-cover``, from which :func:`image_sets` reads the
key. A set that is missing or damaged is drawn again. Its alt text (:func:`cover_alt`)
says everything the cover says, then what the photo shows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import PIL
from PIL import features

from policemag.cache import REBUILT, REUSED, CacheStore, digest
from policemag.comics import fonts
from policemag.config import MagazineConfig
from policemag.images import render
from policemag.images.cache import ImageCache, renditions_store
from policemag.images.cover_art import SIZE, CoverLine, CoverText, draw_cover
from policemag.images.derivatives import (
    ImageBuildError,
    ImageSet,
    build_image_sets,
    image_set_of,
    stored_image_set,
)
from policemag.images.settings import COVER_SETTINGS, set_key
from policemag.model import Article, ComicRef, Issue, Magazine
from policemag.model import Image as ContentImage
from policemag.titles import headline, issue_label, magazine_title
from policemag.workers import pool_size, process_pool

__all__ = [
    "COVER_LINES",
    "SIZE",
    "CoverDrawing",
    "CoverLine",
    "CoverText",
    "cover_alt",
    "cover_key",
    "cover_text",
    "designed_cover",
    "designed_covers",
    "draw_cover",
    "image_sets",
    "is_designed",
    "start_designed_covers",
    "with_designed_cover",
]

#: Contents shown as cover lines.
COVER_LINES = 3
#: Folder under the cache root that designed covers' paths name (nothing is stored in it).
NAMESPACE = "covers"
#: Bump when the drawing changes its pixels. Not a cache version (every cache entry's
#: key carries the code version, so a cover is drawn again after any code change): the
#: version of the published names, which hash :func:`cover_key`. Files under media/ are
#: immutable: new pixels under an old name would never reach a browser that has them
#: (tests/unit/test_cover.py pins a cover's pixels to catch a drawing change).
VERSION = "2"
#: Pillow's text shaping and rasterising, which change the lettering's pixels (the
#: codecs are in every rendition key already: ``policemag.images.settings.versions``).
DRAWING_LIBRARIES = ("freetype2", "raqm", "harfbuzz", "fribidi")


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


class CoverDrawing:
    """Designed covers being drawn on a pool while the build goes on: their image sets
    are known before they are made (:func:`planned_sets`: the names hash the covers'
    inputs), so the pages can be written meanwhile; :meth:`finish` waits for them and
    stores their sets. Until then nothing may read their files (the EPUBs wait)."""

    def __init__(self, jobs: list[_Job], config: MagazineConfig, workers: int | None = None) -> None:
        self.jobs = jobs
        self.images = ImageCache(config.cache)
        self.pool = process_pool(pool_size(len(jobs), workers), images=True)
        self.futures = [self.pool.submit(_make, job) for job in jobs]

    def planned_sets(self) -> dict[Path, ImageSet]:
        """Each cover's image set as it will be (every file's ``size`` 0 until drawn)."""
        store = renditions_store(self.images.root)
        out = {}
        for job in self.jobs:
            record = render.planned_record(*SIZE, False, job.key, COVER_SETTINGS, store)
            out[job.path] = image_set_of(job.path, record, self.images)
        return out

    def done(self) -> bool:
        return all(f.done() for f in self.futures)

    def finish(self, *, keep_pool: bool = False) -> ProcessPoolExecutor | None:
        """Wait for every cover; store their sets (in the jobs' order: the same records
        whatever finished first). A cover whose worker failed is drawn here.

        ``keep_pool``: return the pool, its workers idle and running, for more work (the
        caller shuts it down; :class:`policemag.jobs.OutputJobs` makes the EPUBs there
        instead of starting a process of its own); else it is shut down here."""
        try:
            for job, future in zip(self.jobs, self.futures, strict=True):
                try:
                    record = future.result()
                except Exception:  # a dead worker: the cover is drawn here, errors and all
                    record = _make(job)
                _adopt(job, record, self.images)
        except BaseException:
            self.cancel()
            raise
        if keep_pool:
            return self.pool
        self.cancel()
        return None

    def cancel(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def designed_covers(
    magazine: Magazine, config: MagazineConfig, workers: int | None = None
) -> Magazine:
    """``magazine`` (published) with each issue's cover replaced by its designed cover
    (:func:`with_designed_cover`).

    Covers whose image set is missing from the cache (or damaged) are drawn on
    ``workers`` processes (default: every core; none for a single cover), and each
    worker derives the renditions of the covers it draws with
    :data:`~policemag.images.settings.COVER_SETTINGS`; their sets are stored here, so
    :func:`image_sets` finds them. The bytes do not depend on the number of workers.
    """
    magazine, drawing = start_designed_covers(magazine, config, workers)
    if drawing is not None:
        drawing.finish()
    return magazine


def start_designed_covers(
    magazine: Magazine, config: MagazineConfig, workers: int | None = None
) -> tuple[Magazine, CoverDrawing | None]:
    """:func:`designed_covers` without waiting: the missing covers (two or more) are
    being drawn by the returned :class:`CoverDrawing` (None when nothing is, or the one
    missing cover was drawn here)."""
    # the PNGs earlier versions stored here (0.8 MB a cover, never pruned): nothing is now
    CacheStore(config.cache, NAMESPACE, count=False).prune(())
    jobs = [None if is_designed(i.cover.path, config) else _job(i, config) for i in magazine.issues]
    todo = _missing([job for job in jobs if job is not None], config)
    drawing = None
    if pool_size(len(todo), workers) > 1:
        drawing = CoverDrawing(todo, config, workers)
    else:
        _make_all(todo, config, workers)
    issues = (
        issue if job is None else _with_cover(issue, config, job.path)
        for issue, job in zip(magazine.issues, jobs, strict=True)
    )
    return replace(magazine, issues=tuple(issues)), drawing


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


def image_sets(
    paths: Iterable[Path], config: MagazineConfig, planned: Mapping[Path, ImageSet] | None = None
) -> dict[Path, ImageSet]:
    """:func:`policemag.images.derivatives.build_image_sets` of ``paths``, but a
    designed cover's set is found by its key (with
    :data:`~policemag.images.settings.COVER_SETTINGS`) and, when missing or damaged,
    drawn again: only from a cover this process has met (:func:`designed_covers`,
    :func:`with_designed_cover`), since its path holds the key, not the photo and words.
    Raises :class:`~policemag.images.derivatives.ImageBuildError` (E020) for any other.
    ``planned``: the sets of covers being drawn (:meth:`CoverDrawing.planned_sets`),
    taken as they are."""
    paths = sorted(set(paths))
    sets: dict[Path, ImageSet] = {p: planned[p] for p in paths if planned and p in planned}
    covers = [p for p in paths if is_designed(p, config) and p not in sets]
    if covers:
        images = ImageCache(config.cache)
        missing = []
        for path in covers:
            found = _stored(path, images)
            if found is None:
                missing.append(path)
            else:
                sets[path] = found
        unknown = [p for p in missing if p not in _JOBS]
        if unknown:
            raise ImageBuildError([(p, "E020", "designed cover not met in this process: its photo and words are unknown") for p in unknown])
        _make_all([_JOBS[p] for p in missing], config, None)
        for path in missing:
            made = _stored(path, images)
            if made is None:
                raise ImageBuildError([(path, "E020", "designed cover's renditions not stored")])
            sets[path] = made
    sets.update(build_image_sets([p for p in paths if p not in sets], config.cache))
    return sets


def is_designed(path: Path, config: MagazineConfig) -> bool:
    """Whether ``path`` is a designed cover's (for this configuration's cache)."""
    return (config.cache / NAMESPACE) in path.parents


def designed_cover(issue: Issue, config: MagazineConfig) -> Path:
    """The path of ``issue``'s designed cover, its image set made when missing or damaged."""
    job = _job(issue, config)
    _ensure([job], config, None)
    return job.path


@cache
def _drawing_libraries() -> str:
    return repr([PIL.__version__, *(features.version(lib) or "" for lib in DRAWING_LIBRARIES)])


def cover_key(photo: bytes, text: CoverText) -> str:
    """What names a designed cover's image set and renditions (their ``source_sha``): the
    photo's bytes, every word, the fonts, :data:`VERSION` and the drawing libraries."""
    return digest(
        NAMESPACE, VERSION, hashlib.sha256(photo).hexdigest(), repr(text),
        fonts.fonts_digest(), _drawing_libraries(),
    )  # fmt: skip


@dataclass(frozen=True)
class _Job:
    """One cover to draw: the photo's file, the words, its key, its issue's id."""

    photo: Path
    text: CoverText
    cache_root: Path
    key: str
    issue_id: str

    @property
    def path(self) -> Path:
        """The designed cover's path: no file, the key of its image set (the last part is
        the stem of its renditions' names: ``media/<issue-id>-cover.<hash10>...``)."""
        return self.cache_root / NAMESPACE / self.key[:2] / self.key / f"{self.issue_id}-cover"


#: Every cover this process has met, by path: what :func:`image_sets` draws again when
#: a set has gone missing (one small entry per cover).
_JOBS: dict[Path, _Job] = {}


def _job(issue: Issue, config: MagazineConfig) -> _Job:
    text = cover_text(issue, config)
    key = cover_key(issue.cover.path.read_bytes(), text)
    job = _Job(issue.cover.path, text, config.cache, key, issue.id)
    _JOBS[job.path] = job
    return job


def _stored(path: Path, images: ImageCache) -> ImageSet | None:
    """The cover's image set if its record and every rendition are in the cache intact."""
    return stored_image_set(path, path.parent.name, images, COVER_SETTINGS)


def _ensure(jobs: list[_Job], config: MagazineConfig, workers: int | None) -> None:
    """Make the image set of every job whose set is not in the cache intact."""
    _make_all(_missing(jobs, config), config, workers)


def _missing(jobs: list[_Job], config: MagazineConfig) -> list[_Job]:
    """The jobs whose image set is not in the cache intact (once each)."""
    images = ImageCache(config.cache)
    todo: dict[Path, _Job] = {}
    for job in jobs:
        if job.path in todo:
            continue
        if images.load_set(set_key(job.key, COVER_SETTINGS)) is None:
            todo[job.path] = job
        else:
            REUSED[NAMESPACE] += 1
    return list(todo.values())


def _make_all(jobs: list[_Job], config: MagazineConfig, workers: int | None) -> None:
    """Draw every job's cover and derive its renditions (on a :class:`CoverDrawing` for
    two or more), and store their image sets."""
    if pool_size(len(jobs), workers) > 1:
        CoverDrawing(jobs, config, workers).finish()
        return
    images = ImageCache(config.cache)
    for job in jobs:
        _adopt(job, _make(job), images)


def _make(job: _Job) -> dict[str, Any]:
    """Draw one cover and derive its renditions from the picture in memory, named by the
    cover's key. Runs in a worker: returns the image set record and counts nothing
    (:func:`_adopt` does)."""
    canvas = draw_cover(job.photo.read_bytes(), job.text)
    return render.derive_image(canvas, job.key, COVER_SETTINGS, str(job.cache_root))


def _adopt(job: _Job, record: dict[str, Any], images: ImageCache) -> None:
    """Count a cover made (here or in a worker) and store its image set record."""
    REBUILT[NAMESPACE] += 1
    images.store_set(set_key(job.key, COVER_SETTINGS), record)
