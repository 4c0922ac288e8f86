"""Lettering benchmark: median seconds to letter one comic page in one language."""

from __future__ import annotations

import io
import statistics
import time

from policemag.comics.pages import WEBP, compose_page, letter_page
from policemag.config import MagazineConfig
from policemag.model import Comic


def bench_lettering(comic: Comic, config: MagazineConfig, repeat: int = 3) -> float:
    """Median seconds per lettered page (one page in one language) without the cache:
    composing the art (once per page, shared by its languages), lettering, and encoding
    the WebP web image, in one thread. This is what notes/performance.md's baseline
    measures; the PNG master and the JPEG are encoded in other threads during a build
    and are not counted (see docs/comics.md for the whole build's figures).
    """
    times: list[float] = []
    size = (config.comic_page_size[0], config.comic_page_size[1])
    for _ in range(repeat):
        for i in range(len(comic.pages)):
            start = time.perf_counter()
            base, boxes = compose_page(comic, i, size)
            shared = (time.perf_counter() - start) / len(comic.languages)
            for lang in comic.languages:
                start = time.perf_counter()
                image, _ = letter_page(comic, i, lang, base, boxes)
                image.save(io.BytesIO(), "WEBP", **WEBP)
                times.append(time.perf_counter() - start + shared)
    return statistics.median(times)
