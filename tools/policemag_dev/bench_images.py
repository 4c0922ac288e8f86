"""Benchmark of the derivatives against two baselines, on the same images and sizes.

Runners, each making WebP (``webp_quality``) and JPEG (``jpeg_quality``) at every width:

- ``ours``: :func:`build_image_sets` on a cold cache (draft decode, one decode per
  source, all cores);
- ``naive``: serial Pillow, full decode, Lanczos from full size for each width, WebP at
  its default effort;
- ``vipsthumbnail``: one process per image, width and format, as many at once as cores
  (``xargs -P<cores>``), same quality settings, metadata stripped.

:func:`bench_images` returns wall seconds and output bytes per runner; the caller prints
ratios. Timing lives here, never in tests. ``python -m policemag_dev.bench_images`` runs it
on generated photo-like inputs (:func:`make_photo`).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from policemag.images.derivatives import build_image_sets
from policemag.images.settings import ImageSettings
from policemag_dev.scenes import SCENES
from policemag_dev.synth import make_photo

Result = dict[str, float | int]


def make_inputs(folder: Path, count: int = 16, size: tuple[int, int] = (4000, 3000)) -> list[Path]:
    """``count`` q90 JPEGs in ``folder``, reused when already there (they are slow to make)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"photo-{size[0]}x{size[1]}-{i:02d}.jpg"
        if not path.exists():
            scene = sorted(SCENES)[i % len(SCENES)]
            make_photo(i, size, scene).save(path, quality=90)
        paths.append(path)
    return paths


def _folder_bytes(folder: Path) -> Result:
    sizes: dict[str, int] = {}
    for p in folder.rglob("*"):
        if p.is_file() and not p.name.endswith(".json"):
            ext = p.suffix.lstrip(".")
            sizes[ext] = sizes.get(ext, 0) + p.stat().st_size
    return {"bytes": sum(sizes.values()), **{f"bytes_{k}": v for k, v in sorted(sizes.items())}}


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children (worker pools, vips)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(run: Callable[[], None], out: Path) -> Result:
    """Wall and CPU seconds of ``run``: on a shared, busy machine wall time is noise, and
    CPU time / cores is what the wall time would be on a quiet one."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cpu, start = _cpu(), time.perf_counter()
    run()
    wall = time.perf_counter() - start
    used = round(_cpu() - cpu, 3)
    return {"seconds": round(wall, 3), "cpu_seconds": used, **_folder_bytes(out)}


def run_ours(paths: Sequence[Path], out: Path, settings: ImageSettings, workers: int) -> Result:
    """Cold cache: every rendition (web WebP + JPEG; the EPUB one is the 1600 JPEG)."""
    def run() -> None:
        build_image_sets(paths, out, settings, workers)

    return _timed(run, out)


def run_naive(paths: Sequence[Path], out: Path, settings: ImageSettings) -> Result:
    def run() -> None:
        for path in paths:
            with Image.open(path) as im:
                im.load()
                for width in settings.widths:
                    height = round(width * im.height / im.width)
                    small = im.resize((width, height), Image.Resampling.LANCZOS)
                    small.save(out / f"{path.stem}-{width}.webp", quality=settings.webp_quality)
                    small.save(out / f"{path.stem}-{width}.jpg", quality=settings.jpeg_quality,
                               optimize=True)

    return _timed(run, out)


def run_vips(paths: Sequence[Path], out: Path, settings: ImageSettings, workers: int) -> Result:
    commands = [
        ["vipsthumbnail", str(path), "--size", f"{width}x",
         "-o", str(out / f"{path.stem}-{width}.{opts}")]
        for path in paths
        for width in settings.widths
        for opts in (f"webp[Q={settings.webp_quality},strip]",
                     f"jpg[Q={settings.jpeg_quality},strip,optimize_coding]")
    ]

    def run() -> None:
        with ThreadPoolExecutor(workers) as pool:
            for done in pool.map(lambda c: subprocess.run(c, capture_output=True), commands):
                if done.returncode:
                    raise RuntimeError(done.stderr.decode(errors="replace"))

    return _timed(run, out)


def bench_images(
    paths: Sequence[Path],
    work_dir: Path,
    workers: int | None = None,
    settings: ImageSettings = ImageSettings(),  # noqa: B008 (frozen)
    runners: Sequence[str] = ("ours", "naive", "vipsthumbnail"),
) -> dict[str, Result]:
    """Time each runner on ``paths``; outputs go under ``work_dir/<runner>`` (wiped first).

    Returns {runner: {"seconds", "cpu_seconds", "bytes", "bytes_<ext>"...}}.
    ``vipsthumbnail`` is skipped when the program is not installed. Runs are sequential,
    so they do not compete.
    """
    cores = workers or os.cpu_count() or 1
    results: dict[str, Result] = {}
    for name in runners:
        out = work_dir / name
        if name == "ours":
            results[name] = run_ours(paths, out, settings, cores)
        elif name == "naive":
            results[name] = run_naive(paths, out, settings)
        elif name == "vipsthumbnail" and shutil.which("vipsthumbnail"):
            results[name] = run_vips(paths, out, settings, cores)
    return results


def webp_methods(
    paths: Sequence[Path],
    settings: ImageSettings = ImageSettings(),  # noqa: B008 (frozen)
) -> dict[int, Result]:
    """Encode-only cost of each WebP ``method`` (0-6) on the web sizes: how the default
    effort was chosen. Returns {method: {"seconds", "bytes"}} (single core)."""
    sized = []
    for path in paths:
        with Image.open(path) as im:
            im.draft("RGB", (max(settings.widths), max(settings.widths) * im.height // im.width))
            im.load()
            for width in settings.widths:
                sized.append(im.resize((width, round(width * im.height / im.width)),
                                       Image.Resampling.LANCZOS, reducing_gap=2.0))
    results: dict[int, Result] = {}
    for method in range(7):
        total, start = 0, time.perf_counter()
        for small in sized:
            buf = io.BytesIO()
            small.save(buf, "WEBP", quality=settings.webp_quality, method=method)
            total += buf.tell()
        results[method] = {"seconds": round(time.perf_counter() - start, 3), "bytes": total}
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=16)
    parser.add_argument("--workers", type=int, default=None)
    default_inputs = Path(tempfile.gettempdir()) / "policemag-bench-in"
    parser.add_argument("--inputs", type=Path, default=default_inputs)
    parser.add_argument("--methods", action="store_true", help="also time WebP methods 0-6")
    args = parser.parse_args(argv)
    paths = make_inputs(args.inputs, args.count)
    with tempfile.TemporaryDirectory() as work:
        results = bench_images(paths, Path(work), args.workers)
    base = results.get("vipsthumbnail")
    naive = results.get("naive")
    for name, r in results.items():
        ratios = []
        if base:
            ratios.append(f"{float(r['seconds']) / float(base['seconds']):.2f}x vips")
        if naive:
            ratios.append(f"{float(naive['seconds']) / float(r['seconds']):.1f}x faster than naive")
        extra = " ".join(f"{k[6:]}={v:,}" for k, v in r.items() if k.startswith("bytes_"))
        line = (f"{name:14} {r['seconds']:7.2f} s (cpu {r['cpu_seconds']:6.2f} s)"
                f"  {r['bytes']:>11,} B ({extra})")
        print(f"{line}  {', '.join(ratios)}")
    if args.methods:
        for method, r in webp_methods(paths[:4]).items():
            print(f"webp method {method}: {r['seconds']:.2f} s {r['bytes']:,} B")


if __name__ == "__main__":
    main()
