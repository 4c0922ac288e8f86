"""Share images: what a link to the magazine shows in WhatsApp, Facebook or X.

One 1200x630 JPEG per article, per issue and per comic edition of the newest
``share_issues`` issues (mkdocs.yml, 24 by default: two years of a monthly; 0 for all),
and one for the magazine (every other page, older ones included): the page's photo (the article's lead image, the issue's
cover photo, the comic's first panel; the magazine's card has none) under the
magazine's masthead (its emblem, ``overrides/assets/images/emblem.svg``, and its name),
with the kicker (section, issue number, "comic") and the title lettered with Pillow +
raqm like the comics: Arabic right to left in Noto Sans Arabic, French left to right in
Noto Sans; a title shrinks, then wraps to at most four lines ending with "…".

Reproducible and cached: the file name carries the hash of everything drawn
(:func:`share_key`: the photo's bytes or its content-hashed rendition, every word, the
emblem, the fonts, the code version), so the name is known before the image is made
(pages name it before :func:`draw_share_images` draws it: the MkDocs adapter calls
it while the output worker makes EPUBs) and the same page gives the same bytes on any
machine, whichever process drew it. The images live in ``.cache/share/`` and are
linked into ``site/media/share/`` by :func:`write_share_images`, where their names make
them immutable.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw, ImageFont

from policemag import urls
from policemag.cache import REBUILT, REUSED, CacheStore, atomic_link
from policemag.comics import fonts
from policemag.config import MagazineConfig
from policemag.images.derivatives import ImageSet
from policemag.images.render import fit_photo
from policemag.images.settings import JPEG
from policemag.model import Magazine
from policemag.model.lang import direction_of
from policemag.site.typography import typeset
from policemag.titles import headline, issue_label, magazine_title
from policemag.workers import pool_size, process_pool

SIZE = (1200, 630)
#: The magazine's emblem, relative to the repository (an SVG of paths and circles).
EMBLEM = "overrides/assets/images/emblem.svg"
#: Site folder of the share images and the emblem's PNG.
FOLDER = "media/share/"
NAMESPACE = "share"
#: Bump when the drawing changes (the code version changes too; this says why).
VERSION = "2"
NAVY = (11, 37, 69)
RED = (200, 16, 46)
WHITE = (255, 255, 255)
PALE = (226, 232, 240)
TITLE_MAX, TITLE_MIN = 64, 44
#: The key of the magazine's own card in :func:`plan_share_images` (not a page path).
MAGAZINE = "*"


@dataclass(frozen=True)
class ShareCard:
    """Everything one share image shows; ``photo`` is a file (None: the navy ground)."""

    title: str
    lang: str
    kicker: str
    masthead: str
    photo: Path | None
    photo_id: str  # what identifies the photo's pixels (a content hash)


@dataclass(frozen=True)
class ShareImage:
    """A planned share image: its site path (named by :attr:`key`) and what it shows."""

    path: str
    key: str
    card: ShareCard
    alt: str


def emblem_svg(config: MagazineConfig) -> bytes:
    """The emblem's SVG bytes (empty when the magazine has none)."""
    path = config.root / EMBLEM
    return path.read_bytes() if path.is_file() else b""


def share_key(card: ShareCard, emblem: bytes) -> str:
    return CacheStore(Path("."), NAMESPACE).key(
        VERSION, repr((card.title, card.lang, card.kicker, card.masthead, card.photo_id)),
        hashlib.sha256(emblem).hexdigest(), fonts.fonts_digest(),
    )


def emblem_png_path(config: MagazineConfig) -> str | None:
    """Site path of the emblem as a 512x512 PNG (the publisher's logo in JSON-LD), or
    None when there is no emblem."""
    svg = emblem_svg(config)
    if not svg:
        return None
    key = CacheStore(Path("."), NAMESPACE).key(VERSION, "emblem", hashlib.sha256(svg).hexdigest())
    return f"{FOLDER}emblem.{key[:16]}.png"


def _file_id(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan_share_images(
    magazine: Magazine, config: MagazineConfig, images: dict[Path, ImageSet]
) -> dict[str, ShareImage]:
    """The share image of every page, by page path (:data:`MAGAZINE` is the magazine's
    own card, for every page without one). Pure: nothing is drawn here."""
    words, emblem = config.words, emblem_svg(config)
    plans: dict[str, ShareImage] = {}

    def photo(path: Path | None) -> tuple[Path | None, str]:
        if path is None:
            return None, ""
        found = images.get(path)
        if found is not None:  # a content-hashed rendition: small, and its name is its hash
            r = found.best(JPEG, 1600)
            return r.cached, r.path
        return path, _file_id(path)

    def add(page: str, name: str, card: ShareCard) -> None:
        # set as the page sets it: "sereinement : nos" never parts at its colon
        card = replace(card, title=typeset(card.title, card.lang), kicker=typeset(card.kicker, card.lang))
        key = share_key(card, emblem)
        alt = f"{card.kicker}{words.t(card.lang, 'colon')}{card.title}" if card.kicker else card.title
        plans[page] = ShareImage(f"{FOLDER}{name}.{key[:16]}.jpg", key, card, alt)

    add(MAGAZINE, "magazine", ShareCard(config.title_fr, "fr", config.title, config.title_fr, None, ""))
    recent = magazine.issues[: config.share_issues] if config.share_issues > 0 else magazine.issues
    for issue in recent:
        original = issue.folder / issue.cover.src  # the editor's photo, not the designed cover
        cover_photo = photo(original if original.is_file() else None)
        label = f"{issue_label(issue, words)} · {words.date(issue.date, issue.lang)}"
        card = ShareCard(
            headline(issue, words) or issue_label(issue, words), issue.lang, label,
            magazine_title(issue.lang, config), *cover_photo,
        )
        add(urls.issue_page(issue), f"{issue.id}", card)
        for article in issue.articles:
            shot = photo(article.image.path) if article.image else cover_photo
            card = ShareCard(
                article.title, article.lang, config.section_label(article.section, article.lang),
                magazine_title(article.lang, config), *shot,
            )
            add(urls.article_page(article), f"{issue.id}-{article.slug}", card)
    placed = {c.slug for issue in recent for c in issue.comics}
    for slug in sorted(placed & set(magazine.comics)):
        comic = magazine.comics[slug]
        art = comic.pages[0].panels[0].art if comic.pages and comic.pages[0].panels else None
        shot = photo(art)
        for lang in comic.languages:
            card = ShareCard(comic.title[lang], lang, words.t(lang, "comic"), magazine_title(lang, config), *shot)
            add(urls.comic_page(comic, lang), f"comic-{slug}-{lang}", card)
    if magazine.latest is not None:
        plans[urls.HOME] = plans[urls.issue_page(magazine.latest)]
    return plans


def draw_share_images(
    plans: dict[str, ShareImage], config: MagazineConfig, workers: int | None = None,
    *, meet: str | None = None, between: Callable[[], None] | None = None,
) -> dict[str, Path]:
    """Every planned image in the cache: drawn where missing or damaged, on up to
    ``workers`` processes (default: every core) when there are many. Returns the stored
    files by key. The bytes do not depend on where an image was drawn.

    ``meet``: two processes share the missing images, one at a time, the output worker
    (:mod:`policemag.jobs`) from the ``"first"``, the build's own process from the
    ``"last"``; each takes an image the other stored meanwhile instead of drawing it
    again (a file absent when the call began can only be the other's: stores are
    written whole, by a rename), so they stop where they meet."""
    store = CacheStore(config.cache, NAMESPACE)
    unique = sorted({p.path: p for p in plans.values()}.values(), key=drawing_order)
    found = {p.key: store.get_file(p.key, ".jpg") for p in unique}
    stored = {key: path for key, path in found.items() if path is not None}
    missing = [p for p in unique if p.key not in stored]
    if meet is not None:
        stored.update(_draw_meeting(missing, store, emblem_svg(config), reverse=meet == "last", between=between))
    else:
        stored.update(_draw_all(missing, config.cache, emblem_svg(config), workers))
    return stored


def drawing_order(plan: ShareImage) -> tuple[str, str]:
    """Sort key of the images as they are drawn: a photo's cards one after the other
    (its background is made once, :func:`_background`)."""
    return plan.card.photo_id, plan.path


def _draw_meeting(
    missing: list[ShareImage], store: CacheStore, emblem: bytes, *, reverse: bool,
    between: Callable[[], None] | None = None,
) -> dict[str, Path]:
    """:func:`draw_share_images` with ``meet``: one end of ``missing`` to the other,
    taking what the other process stored meanwhile; ``between`` is called after each
    image drawn."""
    damaged = {p.key for p in missing if store.path(p.key, ".jpg").exists()}  # redrawn
    out: dict[str, Path] = {}
    drawn = 0
    for plan in reversed(missing) if reverse else missing:
        path = store.path(plan.key, ".jpg")
        if plan.key not in damaged and path.exists():
            out[plan.key] = path  # the other's
            REUSED[NAMESPACE] += 1
            continue
        out[plan.key] = _make(plan, store.root, emblem)
        drawn += 1
        if between is not None:
            between()
    _forget_pictures()
    if drawn:
        REBUILT[NAMESPACE] += drawn
    return out


def emblem_png(config: MagazineConfig) -> tuple[str, Path] | None:
    """The emblem as a 512x512 PNG: its site path (:func:`emblem_png_path`) and its file
    in the store (drawn if missing: about 0.1 s, by the output worker in a cold build,
    :func:`policemag.build.make_icons`); None when the magazine has no emblem."""
    logo = emblem_png_path(config)
    if logo is None:
        return None
    store = CacheStore(config.cache, NAMESPACE)
    key = logo.rsplit(".", 2)[-2]
    return logo, store.get_file(key, ".png") or store.put_bytes(key, render_emblem(emblem_svg(config), 512), ".png")


def write_share_images(
    plans: dict[str, ShareImage], config: MagazineConfig, site_dir: Path,
    stored: Mapping[str, Path] | None = None,
) -> list[str]:
    """Link every image (and the emblem's PNG) into site/; returns the site paths written,
    sorted. ``stored``: what :func:`draw_share_images` returned for these plans earlier
    in this build (else it is called here)."""
    store = CacheStore(config.cache, NAMESPACE)
    if stored is None:
        stored = draw_share_images(plans, config)
    unique = {p.path: p for p in plans.values()}.values()
    kept, written = [], []
    for plan in sorted(unique, key=lambda p: p.path):
        atomic_link(stored[plan.key], site_dir / plan.path)
        kept.append(stored[plan.key])
        written.append(plan.path)
    emblem = emblem_png(config)
    if emblem is not None:
        logo, made = emblem
        atomic_link(made, site_dir / logo)
        kept.append(made)
        written.append(logo)
    store.prune(kept)
    return sorted(written)


#: Missing images from which drawing is worth a pool: about 9 ms an image, and a forked
#: pool starts in a few milliseconds (under ``serve``, from a fork server: more).
POOL_FROM = 16
#: Images a worker is given at a time, in photo order: it draws each photo's background
#: once (:func:`_background` keeps the last :data:`BACKGROUNDS`).
CHUNK = 16


def _draw_all(missing: list[ShareImage], cache_root: Path, emblem: bytes, workers: int | None) -> dict[str, Path]:
    """Draw and store ``missing`` (sorted by photo) here or on a pool; their paths by key.
    Counted here: a worker's counts stay in the worker."""
    workers = pool_size(len(missing), workers)
    if len(missing) >= POOL_FROM and workers > 1:
        with process_pool(workers, images=True) as pool:
            roots, emblems = [cache_root] * len(missing), [emblem] * len(missing)
            paths = list(pool.map(_make, missing, roots, emblems, chunksize=CHUNK))
    else:
        paths = [_make(plan, cache_root, emblem) for plan in missing]
        _forget_pictures()  # the build goes on in this process: no pictures kept
    if missing:  # (a zero would show in the log as rebuilt)
        REBUILT[NAMESPACE] += len(missing)
    return {plan.key: path for plan, path in zip(missing, paths, strict=True)}


def _forget_pictures() -> None:
    """Drop the backgrounds and photos kept between images (3 MB each)."""
    _background.cache_clear()
    _shaded_photo.cache_clear()


def _make(plan: ShareImage, cache_root: Path, emblem: bytes) -> Path:
    return CacheStore(cache_root, NAMESPACE, count=False).put_bytes(plan.key, render_share(plan.card, emblem), ".jpg")


# -- drawing ----------------------------------------------------------------------------


def render_share(card: ShareCard, emblem: bytes, size: tuple[int, int] = SIZE) -> bytes:
    """The share image as JPEG bytes: same card, same bytes."""
    width, height = size
    rtl = direction_of(card.lang) == "rtl"
    canvas = _background(card.photo, card.photo_id, card.masthead, card.lang, emblem, size).copy()
    draw = ImageDraw.Draw(canvas)
    margin = MARGIN
    start = width - margin if rtl else margin
    measure = width - 2 * margin
    if card.photo is None:  # the magazine's own card: its two names, large
        big = fonts.font("latin", 76, fonts.BOLD)
        arabic = fonts.font("kufi", 92, fonts.BOLD)
        _draw(draw, (width - margin, 330), card.kicker, arabic, "ar", WHITE, True)
        _draw(draw, (margin, 470), card.title, big, card.lang, PALE, False)
    else:
        size_px = TITLE_MAX
        while True:
            title_font = fonts.font(fonts.face_for(card.lang), size_px, fonts.BOLD)
            lines = _wrap(card.title, title_font, card.lang, measure, 3 if size_px > TITLE_MIN else 4)
            if not lines[-1].endswith("…") or size_px <= TITLE_MIN:
                break
            size_px -= 4
        pitch = round(size_px * (1.45 if rtl else 1.2))
        y = height - margin - (len(lines) - 1) * pitch
        kicker_font = fonts.font(fonts.face_for(card.lang), 30, fonts.BOLD)
        if card.kicker:
            pad = 12
            w = _length(kicker_font, card.kicker, card.lang)
            top = y - size_px - 30 - 44
            x0, x1 = (start - w - 2 * pad, start) if rtl else (start, start + w + 2 * pad)
            draw.rectangle((x0, top, x1, top + 50), fill=RED)
            _draw(draw, (start - pad if rtl else start + pad, top + 36), card.kicker, kicker_font, card.lang, WHITE, rtl)
        for n, line in enumerate(lines):
            _draw(draw, (start, y + n * pitch), line, title_font, card.lang, WHITE, rtl)
    out = io.BytesIO()
    # Baseline Huffman tables, not optimised ones: 1.5 ms instead of 3.5 ms an image
    # (about 220 in a cold 30-issue build) for files 4 % larger (85 -> 88 KB), which
    # link previews fetch once; the pages' own images keep optimised tables.
    canvas.save(out, "JPEG", quality=85, optimize=False, progressive=False)
    return out.getvalue()


MARGIN, BAND = 56, 112


#: Backgrounds kept: images are drawn in photo order, so a photo's two languages (its
#: Arabic and French cards) are all that is reused; each is 3 MB, in the build's
#: process when it draws them itself.
BACKGROUNDS = 2


@lru_cache(maxsize=BACKGROUNDS)
def _background(
    photo: Path | None, photo_id: str, masthead: str, lang: str, emblem: bytes, size: tuple[int, int]
) -> Image.Image:
    """The photo (cropped to ``size``, darkened towards the foot) under the masthead band:
    shared by every card of the same photo and language (``photo_id`` keys the pixels)."""
    width = size[0]
    rtl = direction_of(lang) == "rtl"
    canvas = _shaded_photo(photo, photo_id, size).copy() if photo is not None else Image.new("RGB", size, NAVY)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, width, BAND), fill=NAVY)
    draw.rectangle((0, BAND, width, BAND + 8), fill=RED)
    # masthead: the emblem at the line's start, the magazine's name beside it
    mark = 80
    start = width - MARGIN if rtl else MARGIN
    name_at = start
    if emblem:
        icon = _icon(emblem, mark)
        x = start - mark if rtl else start
        canvas.paste(icon, (x, (BAND - mark) // 2), icon)
        name_at = start - mark - 24 if rtl else start + mark + 24
    mast = fonts.font("kufi" if rtl else "latin", 50, fonts.BOLD)
    _draw(draw, (name_at, BAND // 2 + 18), masthead, mast, lang, WHITE, rtl)
    return canvas


@lru_cache(maxsize=1)
def _shaded_photo(photo: Path, photo_id: str, size: tuple[int, int]) -> Image.Image:
    """The photo cropped to ``size`` and darkened towards the foot: the same under a
    photo's Arabic and French cards, which are drawn one after the other (its resize,
    6 ms, once for both)."""
    width, height = size
    canvas = fit_photo(photo, size, centering=(0.5, 0.4))
    canvas.paste(_shade(width, height // 2 + 60), (0, height - (height // 2 + 60)), _ramp(width, height // 2 + 60))
    return canvas


@lru_cache(maxsize=2)
def _icon(emblem: bytes, size: int) -> Image.Image:
    """The emblem drawn at ``size`` px, as pasted on the masthead band."""
    return Image.open(io.BytesIO(render_emblem(emblem, size))).convert("RGBA")


@lru_cache(maxsize=2)
def _ramp(width: int, height: int) -> Image.Image:
    """The foot's opacity: clear at the top, nearly opaque at the bottom."""
    return Image.linear_gradient("L").resize((width, height)).point(lambda v: min(238, round(v * 1.5)))


@lru_cache(maxsize=2)
def _shade(width: int, height: int) -> Image.Image:
    return Image.new("RGB", (width, height), _darker(NAVY))


def _darker(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    r, g, b = colour
    return (r // 2, g // 2, b // 2)


def _length(f: ImageFont.FreeTypeFont, text: str, lang: str) -> float:
    return float(f.getlength(text, direction=direction_of(lang), language=lang))


def _wrap(text: str, f: ImageFont.FreeTypeFont, lang: str, measure: float, max_lines: int) -> list[str]:
    """Greedy word wrap to ``measure``; past ``max_lines`` the last line ends with "…"."""
    lines: list[str] = []
    for word in text.split(" "):  # only at spaces: no-break spaces hold their words together
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and _length(f, trial, lang) <= measure:
            lines[-1] = trial
        else:
            lines.append(word)
    if len(lines) <= max_lines and all(_length(f, line, lang) <= measure for line in lines):
        return lines
    kept = lines[:max_lines]
    last = " ".join(lines[max_lines - 1 :])
    while last and _length(f, last + "…", lang) > measure:
        cut = last.rsplit(" ", 1)
        last = cut[0] if len(cut) == 2 else last[:-1]
    kept[-1] = last.rstrip(" ،,:;-") + "…"
    return kept


def _draw(
    draw: ImageDraw.ImageDraw, at: tuple[float, float], text: str, f: ImageFont.FreeTypeFont,
    lang: str, colour: tuple[int, int, int], from_right: bool,
) -> None:
    """``text`` with its baseline at ``at``, running from there (leftwards when ``from_right``)."""
    draw.text(at, text, font=f, fill=colour, anchor="rs" if from_right else "ls",
              direction=direction_of(lang), language=lang)


# -- the emblem: a small SVG renderer (paths of M, L, C, Z and circles) --------------------

_NUMBER = re.compile(r"-?\d*\.?\d+(?:e-?\d+)?")


@cache
def render_emblem(svg: bytes, size: int) -> bytes:
    """The emblem drawn at ``size`` x ``size`` px as PNG (supersampled 4x, so edges are
    smooth). Only what the emblem uses is read: ``path`` with absolute M, L, C, Z and
    ``circle``, each with a ``fill``; anything else in the SVG is ignored."""
    root = etree.fromstring(svg)
    box = [float(v) for v in _NUMBER.findall(root.get("viewBox") or "0 0 64 64")]
    scale = 4 * size / max(box[2], box[3])
    layer = Image.new("RGBA", (4 * size, 4 * size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for el in root.iter():
        tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
        fill = el.get("fill") or "#000"
        if fill == "none":
            continue
        if tag == "path":
            for ring in _path_rings(el.get("d") or ""):
                draw.polygon([((x - box[0]) * scale, (y - box[1]) * scale) for x, y in ring], fill=fill)
        elif tag == "circle":
            cx, cy, r = (float(el.get(k) or 0) for k in ("cx", "cy", "r"))
            cx, cy, r = (cx - box[0]) * scale, (cy - box[1]) * scale, r * scale
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
    out = io.BytesIO()
    layer.resize((size, size), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


def _path_rings(d: str) -> list[list[tuple[float, float]]]:
    rings: list[list[tuple[float, float]]] = []
    tokens = re.findall(r"[MLCZmlcz]|-?\d*\.?\d+(?:e-?\d+)?", d)
    cmd, nums, ring = "", [], []  # type: ignore[var-annotated]
    pos = (0.0, 0.0)

    def flush() -> None:
        nonlocal pos, nums
        if cmd == "M" and len(nums) >= 2:
            pos = (nums[0], nums[1])
            ring.append(pos)
            nums = nums[2:]
            while len(nums) >= 2:  # implicit L after M
                pos = (nums[0], nums[1])
                ring.append(pos)
                nums = nums[2:]
        elif cmd == "L":
            while len(nums) >= 2:
                pos = (nums[0], nums[1])
                ring.append(pos)
                nums = nums[2:]
        elif cmd == "C":
            while len(nums) >= 6:
                p0, (x1, y1, x2, y2, x3, y3) = pos, nums[:6]
                for i in range(1, 13):
                    t = i / 12
                    a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
                    ring.append((a * p0[0] + b * x1 + c * x2 + e * x3, a * p0[1] + b * y1 + c * y2 + e * y3))
                pos = (x3, y3)
                nums = nums[6:]
        nums = []

    for token in tokens:
        if token.isalpha():
            flush()
            cmd = token.upper()
            if cmd == "Z":
                if ring:
                    rings.append(ring)
                ring = []
            elif cmd == "M" and ring:
                rings.append(ring)
                ring = []
        else:
            nums.append(float(token))
    flush()
    if ring:
        rings.append(ring)
    return rings
