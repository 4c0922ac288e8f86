"""Lettered comic pages: render (or take from the cache) every page in every language.

Contract of :func:`letter_comic`:

* one :class:`LetteredPage` per page and language, in ``comic.languages`` order; files
  live in the store (:class:`policemag.cache.CacheStore`, namespace ``comics/<slug>``):
  a lossless PNG master, a WebP for the web and a JPEG for EPUB readers and older
  devices, and the page's geometry (JSON), each verified against its digest when read;
* a page is rendered only when its cache key changes: the store key (the package's code
  version) of the fonts' bytes, the settings, the art bytes, the layout and that
  language's texts. Alt texts are not in the key: they are not drawn (geometry is
  rebuilt on every call); renders of the comic that are no longer used are deleted;
* a balloon that does not fit at the readable size is logged as E034 (too big) or E036
  (no place clear of the heads) at comic.yml:<balloon line>, and the function returns
  None; nothing is clipped; a page lettered smaller in one language than in another gets
  W038 at the balloons that made it smaller;
* same input, same bytes: drawing is deterministic and no encoder writes a timestamp.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from policemag.cache import REBUILT, REUSED, CacheStore
from policemag.comics import fonts
from policemag.comics.balloons import outline, tail_polygon
from policemag.comics.layout import Box, compose, layout_boxes
from policemag.comics.lettering import (
    MAX_PX,
    PHONE_CSS_WIDTH,
    READABLE_CSS_PX,
    TOO_BIG,
    FitError,
    Lettered,
    PanelInput,
    draw_balloons,
    letter_page_balloons,
    readable_px,
)
from policemag.comics.placement import head_rect
from policemag.comics.transcript import page_alt
from policemag.config import MagazineConfig
from policemag.errors import ErrorLog
from policemag.model import Balloon, Comic, Head, Panel
from policemag.model.lang import direction_of

#: WebP method 0 at q80. On the sample's six page-languages (phone-readable lettering,
#: art at print size): method 4 102 KB, method 2 107 KB, method 1 122 KB, method 0
#: 128 KB, all at 41.1-41.4 dB PSNR; method 0 encodes about a quarter faster than
#: method 1, which keeps a lettered page within 0.15 s (docs/comics.md).
WEBP = {"quality": 80, "method": 0}
JPEG = {"quality": 85, "optimize": False, "progressive": False, "subsampling": "4:2:0"}
PNG = {"compress_level": 1}
#: Pages rendered by this process (cache misses): tests and the benchmark read it.
RENDERS = 0
# No process pool: each page already encodes its PNG, WebP and JPEG in threads (Pillow
# releases the GIL), which keeps both cores busy; a pool of 2 processes measured slower
# (1.69 s against 1.45 s for the sample's 4 pages, see docs/comics.md).


@dataclass(frozen=True)
class LetteredPage:
    slug: str
    lang: str
    number: int  # 1-based
    png: Path  # lossless master in the cache
    webp: Path  # web image in the cache
    jpeg: Path  # for EPUB/older readers, in the cache
    width: int
    height: int
    alt: str  # useful alt for the whole page, in lang
    geometry: dict[str, Any]  # JSON-able: panels in reading order, boxes [x, y, w, h] px


@dataclass(frozen=True)
class LetteredComic:
    comic: Comic
    pages: dict[str, tuple[LetteredPage, ...]]  # per language, in comic.languages order


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def comic_store(config: MagazineConfig, comic: Comic) -> CacheStore:
    """One namespace per comic (its unused renders are pruned); counted per page by
    :func:`letter_comic`, not per file."""
    return CacheStore(config.cache, f"comics/{comic.slug}", count=False)


def page_key(
    store: CacheStore,
    comic: Comic,
    index: int,
    lang: str,
    page_size: tuple[int, int],
    art_digest: dict[Path, str],
) -> str:
    """The cache key of one page in one language (everything that changes its pixels)."""
    page = comic.pages[index]
    spec = {
        "fonts": fonts.fonts_digest(),
        "size": list(page_size),
        "comic_lang": comic.lang,
        "lang": lang,
        "settings": [MAX_PX, READABLE_CSS_PX, PHONE_CSS_WIDTH, WEBP, JPEG, PNG],
        "layout": list(page.layout) if page.layout else None,
        "panels": [
            {
                "art": art_digest[p.art],
                "balloons": [
                    [b.kind.value, list(b.at), list(b.tail) if b.tail else None, b.text[lang], b.by]
                    for b in p.balloons
                ],
                "heads": [[list(h.box), list(h.mouth), h.who] for h in p.heads],
            }
            for p in page.panels
        ],
    }
    return store.key(json.dumps(spec, sort_keys=True, ensure_ascii=False))


@dataclass(frozen=True)
class _Job:
    """One page to render in the languages whose cache entries are missing: the panel art
    is composed once and lettered per language."""

    comic: Comic
    index: int
    langs: tuple[str, ...]
    page_size: tuple[int, int]
    keys: tuple[str, ...]  # per language: store entries key + .png/.webp/.jpg/.json


#: The files of one page in one language, by extension (the geometry JSON last).
EXTS = ("png", "webp", "jpg", "json")


def _paths(store: CacheStore, key: str) -> dict[str, Path]:
    return {ext: store.path(key, f".{ext}") for ext in EXTS}


def _stored(store: CacheStore, key: str) -> bool:
    """Whether every file of the page ``key`` is stored and matches its digest."""
    return all(store.get_file(key, f".{ext}") is not None for ext in EXTS)


def compose_page(
    comic: Comic, index: int, page_size: tuple[int, int]
) -> tuple[Image.Image, list[Box]]:
    """The page's panel art laid out, without lettering (the same in every language)."""
    page = comic.pages[index]
    arts = []
    for panel in page.panels:
        with Image.open(panel.art) as im:
            arts.append(_flatten(im))
    boxes = layout_boxes([a.size for a in arts], page.layout, page_size, comic.dir)
    return compose(arts, boxes, page_size), boxes


def _flatten(im: Image.Image) -> Image.Image:
    """RGB art; transparent areas become white (the page), not black."""
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return im.convert("RGB")


def letter_page(
    comic: Comic,
    index: int,
    lang: str,
    base: Image.Image,
    boxes: list[Box],
    text: bool = True,
    copy: bool = True,
) -> tuple[Image.Image, dict[str, Any]]:
    """Letter a copy of ``base`` in ``lang``; returns it and its geometry in page px
    (panels, heads, balloons with outline and tail; no texts, no alts: see
    :func:`_geometry`), with the lettering size and the balloons that limited it.

    ``text=False`` draws the shapes only (tests compare both). Raises :class:`FitError`.
    """
    page = comic.pages[index]
    image = base.copy() if copy else base
    lettering = letter_page_balloons(
        [PanelInput(box, p.balloons, p.heads) for box, p in zip(boxes, page.panels, strict=True)],
        lang,
        image.width,
        comic.dir,
    )
    for row in lettering.panels:
        draw_balloons(image, row, text=text)
    if direction_of(lang) != comic.dir:
        _number_panels(image, boxes, comic.dir)
    geometry = {
        "size": list(image.size),
        "font_size": lettering.size,
        "limited_by": [list(pb) for pb in lettering.limited_by],
        "panels": [
            {
                "box": box.as_list(),
                "heads": [_head_geometry(box, h) for h in panel.heads],
                "balloons": [_balloon_geometry(item) for item in row],
            }
            for box, panel, row in zip(boxes, page.panels, lettering.panels, strict=True)
        ],
    }
    return image, geometry


def _pt(p: tuple[float, float]) -> list[float]:
    return [round(p[0], 1), round(p[1], 1)]


def _head_geometry(panel: Box, head: Head) -> dict[str, Any]:
    x0, y0, x1, y1 = head_rect(panel, head)
    return {"box": [round(v, 1) for v in (x0, y0, x1 - x0, y1 - y0)], "mouth": _pt(panel.at(*head.mouth))}


def _balloon_geometry(item: Lettered) -> dict[str, Any]:
    """Where a balloon is drawn: its box, a convex outline holding its body, its tail
    (a triangle, or the band a thought's bubbles lie in), the tail's tip and the index
    of its speaker's head in the panel."""
    shape = item.shape
    tail = tail_polygon(shape)
    return {
        "box": item.box.as_list(),
        "outline": [_pt(p) for p in outline(shape)],
        "tail": [_pt(p) for p in tail] if tail else None,
        "tip": _pt(shape.tail) if shape.tail and tail else None,
        "head": item.head,
    }


def render(
    comic: Comic, index: int, lang: str, page_size: tuple[int, int]
) -> tuple[Image.Image, dict[str, Any]]:
    """Compose and letter one page in one language (see :func:`letter_page`)."""
    base, boxes = compose_page(comic, index, page_size)
    return letter_page(comic, index, lang, base, boxes)


def _number_panels(image: Image.Image, boxes: list[Box], reading: str) -> None:
    """Numbers on each panel's first top corner: an edition whose language reads the
    other way gets the original's order made explicit. Half in the gutter, so that they
    cover no lettering (balloon text keeps clear of panel corners)."""
    width = image.width
    r = round(width * 0.013)
    f = fonts.font("latin", round(r * 1.25), fonts.BOLD)
    draw = ImageDraw.Draw(image)
    for n, box in enumerate(boxes, start=1):
        cx = box.x + box.w if reading == "rtl" else box.x
        cy = box.y
        ring = max(2, r // 6)
        draw.ellipse(
            (cx - r - ring, cy - r - ring, cx + r + ring, cy + r + ring), fill=(255, 255, 255)
        )
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(0, 0, 0))
        draw.text((cx, cy), str(n), font=f, anchor="mm", fill=(255, 255, 255))


def _save(ext: str, image: Image.Image, store: CacheStore, key: str) -> None:
    buf = io.BytesIO()
    if ext == "png":
        image.save(buf, "PNG", **PNG)
    elif ext == "webp":
        image.save(buf, "WEBP", **WEBP)
    else:
        image.save(buf, "JPEG", **JPEG)
    store.put_bytes(key, buf.getvalue(), f".{ext}")


class _Encoder:
    """Encodes finished pages (PNG, WebP, JPEG) in two threads while the caller letters the
    next page: Pillow releases the GIL while encoding, so both cores work.

    Each format saves its own copy of the image (``Image.save`` keeps its options on the
    image object, so threads sharing one image could mix their settings). At most
    ``backlog`` pages wait, to bound memory. The geometry JSON is stored when a page's
    three images are.
    """

    def __init__(self, store: CacheStore, backlog: int = 2) -> None:
        self.store = store
        self.pool = ThreadPoolExecutor(max_workers=2)
        self.backlog = backlog
        self.pending: deque[tuple[list[Future[None]], str, dict[str, Any]]] = deque()

    def submit(self, image: Image.Image, key: str, geometry: dict[str, Any]) -> None:
        while len(self.pending) >= self.backlog:
            self._finish()
        jobs = [("webp", image.copy()), ("png", image.copy()), ("jpg", image)]
        futures = [self.pool.submit(_save, ext, im, self.store, key) for ext, im in jobs]
        self.pending.append((futures, key, geometry))

    def _finish(self) -> None:
        futures, key, geometry = self.pending.popleft()
        for future in futures:
            future.result()
        # a file beside the page images, checked and read like them (not a text entry)
        self.store.put_bytes(key, json.dumps(geometry, sort_keys=True).encode("utf-8"), ".json")

    def __enter__(self) -> _Encoder:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            while self.pending:
                self._finish()
        finally:
            self.pool.shutdown()


def _run(job: _Job, encoder: _Encoder) -> list[list[tuple[int, str]]]:
    """Render one page in each of ``job.langs`` and hand it to ``encoder``; per language,
    the balloons that cannot be lettered, as (line, why) (empty: rendered)."""
    base, boxes = compose_page(job.comic, job.index, job.page_size)
    misfits: list[list[tuple[int, str]]] = []
    for n, (lang, key) in enumerate(zip(job.langs, job.keys, strict=True)):
        try:
            last = n == len(job.langs) - 1  # the last language may draw on the base itself
            image, geometry = letter_page(job.comic, job.index, lang, base, boxes, copy=not last)
        except FitError as exc:
            misfits.append([(b.line, why) for b, why in exc.misfits])
            continue
        misfits.append([])
        encoder.submit(image, key, geometry)
    return misfits


def _geometry(comic: Comic, index: int, lang: str, boxes: dict[str, Any]) -> dict[str, Any]:
    page = comic.pages[index]
    return {
        "slug": comic.slug,
        "lang": lang,
        "dir": direction_of(lang),
        "reading": comic.dir,
        "number": index + 1,
        "width": boxes["size"][0],
        "height": boxes["size"][1],
        "font_size": boxes["font_size"],
        "panels": [
            {
                "number": n,
                "box": pb["box"],
                "alt": panel.alt[lang],
                "heads": [
                    {**hb, "who": h.who, "name": _name(comic, h.who, lang)}
                    for h, hb in zip(panel.heads, pb["heads"], strict=True)
                ],
                "balloons": [
                    {
                        "kind": b.kind.value,
                        "text": b.text[lang],
                        "by": _who(b, panel, bb),
                        "speaker": _name(comic, _who(b, panel, bb), lang),
                        **bb,
                    }
                    for b, bb in zip(panel.balloons, pb["balloons"], strict=True)
                ],
            }
            for n, (panel, pb) in enumerate(zip(page.panels, boxes["panels"], strict=True), start=1)
        ],
    }


def _who(balloon: Balloon, panel: Panel, placed: dict[str, Any]) -> str | None:
    """Who says it: ``by``, else the character whose head its tail points at."""
    if balloon.by is not None:
        return balloon.by
    head = placed.get("head")
    return panel.heads[head].who if head is not None else None


def _name(comic: Comic, who: str | None, lang: str) -> str | None:
    return comic.characters[who][lang] if who is not None and who in comic.characters else None


def letter_comic(comic: Comic, config: MagazineConfig, log: ErrorLog) -> LetteredComic | None:
    """Every page in every language, rendered or from the cache; None after logging E034."""
    global RENDERS
    store = comic_store(config, comic)
    digests = {p.art: _sha(p.art.read_bytes()) for page in comic.pages for p in page.panels}
    size = (config.comic_page_size[0], config.comic_page_size[1])
    jobs: list[_Job] = []
    keys: dict[tuple[str, int], str] = {}
    for i in range(len(comic.pages)):
        missing: list[tuple[str, str]] = []
        for lang in comic.languages:
            keys[lang, i] = page_key(store, comic, i, lang, size, digests)
            if not _stored(store, keys[lang, i]):
                missing.append((lang, keys[lang, i]))
        if missing:
            jobs.append(
                _Job(comic, i, tuple(m[0] for m in missing), size, tuple(m[1] for m in missing))
            )
    rendered = sum(len(job.langs) for job in jobs)
    RENDERS += rendered
    for counter, n in ((REBUILT, rendered), (REUSED, len(keys) - rendered)):
        if n:
            counter["comics"] += n
    with _Encoder(store) as encoder:
        results = [_run(job, encoder) for job in jobs]
    misfit_lines = sorted(
        {
            (line, lang, why)
            for job, res in zip(jobs, results, strict=True)
            for lang, lines in zip(job.langs, res, strict=True)
            for line, why in lines
        }
    )
    _log_misfits(comic, misfit_lines, readable_px(size[0]), log)
    if misfit_lines:
        return None
    # drop renders of this comic that no longer match any page (an edit, a new setting)
    store.prune([path for key in keys.values() for path in _paths(store, key).values()])
    pages: dict[str, tuple[LetteredPage, ...]] = {}
    cached = {
        at: json.loads(_paths(store, key)["json"].read_text(encoding="utf-8"))
        for at, key in keys.items()
    }
    _warn_smaller_translations(comic, cached, log)
    for lang in comic.languages:
        out = []
        for i in range(len(comic.pages)):
            paths = _paths(store, keys[lang, i])
            geometry = _geometry(comic, i, lang, cached[lang, i])
            out.append(
                LetteredPage(
                    slug=comic.slug,
                    lang=lang,
                    number=i + 1,
                    png=paths["png"],
                    webp=paths["webp"],
                    jpeg=paths["jpg"],
                    width=geometry["width"],
                    height=geometry["height"],
                    alt=page_alt(comic, lang, i + 1, config.words),
                    geometry=geometry,
                )
            )
        pages[lang] = tuple(out)
    return LetteredComic(comic, pages)


def _log_misfits(
    comic: Comic, misfits: list[tuple[int, str, str]], floor: int, log: ErrorLog
) -> None:
    """E034 (too big at the readable floor) or E036 (no clear place) at each balloon."""
    for line, lang, why in misfits:
        if why == TOO_BIG:
            log.add(
                comic.source,
                line,
                "E034",
                f"balloon text ({lang}) does not fit at the minimum font size ({floor} px,"
                f" {READABLE_CSS_PX} CSS px on a {PHONE_CSS_WIDTH} px wide phone): shorten it"
                " or split it into two balloons",
            )
        else:
            log.add(
                comic.source,
                line,
                "E036",
                f"balloon ({lang}) cannot be placed clear of the heads and the other balloons"
                f" of its panel at {floor} px: move its 'at', shorten its text, or give the"
                " panel more room",
            )


def _warn_smaller_translations(
    comic: Comic, cached: dict[tuple[str, int], dict[str, Any]], log: ErrorLog
) -> None:
    """W038 at each balloon that makes a page's lettering smaller in one language than in
    another (the balloons that did not fit at the next larger size)."""
    for i, page in enumerate(comic.pages):
        sizes = {lang: cached[lang, i]["font_size"] for lang in comic.languages}
        top = max(sizes.values())
        larger = next(lang for lang in comic.languages if sizes[lang] == top)
        for lang in comic.languages:
            if sizes[lang] == top:
                continue
            for p, n in cached[lang, i]["limited_by"]:
                balloon = page.panels[p].balloons[n]
                text = balloon.text[lang]
                excerpt = text if len(text) <= 40 else text[:39].rstrip() + "…"
                log.add(
                    comic.source,
                    balloon.line,
                    "W038",
                    f"page {i + 1} is lettered at {sizes[lang]} px in '{lang}' but {top} px in"
                    f" '{larger}': this balloon does not fit at the larger size («{excerpt}»);"
                    " shorten it so that both editions read alike",
                    severity="warning",
                )
