"""Builds of one repository run one at a time; worker processes die with the build."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import REPO

from policemag.locks import BuildLock

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from policemag.locks import BuildLock\n"
    "with BuildLock(Path(sys.argv[1])):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(float(sys.argv[2]))\n"
)


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(REPO / "tools")}


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    first = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path), "1.0"], stdout=subprocess.PIPE, text=True, env=_env())
    assert first.stdout is not None and first.stdout.readline().strip() == "held"
    start = time.monotonic()
    second = subprocess.run(
        [sys.executable, "-c", HOLD, str(tmp_path), "0"], capture_output=True, text=True, env=_env(), check=True
    )
    waited = time.monotonic() - start
    first.wait()
    assert "waiting for the build running in pid" in second.stderr
    assert waited > 0.5  # it did not run while the first held the lock


def test_a_killed_build_leaves_no_stale_lock(tmp_path: Path) -> None:
    first = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path), "60"], stdout=subprocess.PIPE, text=True, env=_env())
    assert first.stdout is not None and first.stdout.readline().strip() == "held"
    first.kill()
    first.wait()
    with BuildLock(tmp_path):  # does not wait: the kernel dropped the lock
        pass


ORPHAN = (
    "import os, sys, time\n"
    "from concurrent.futures import ProcessPoolExecutor\n"
    "from policemag.workers import die_with_parent\n"
    "pool = ProcessPoolExecutor(1, initializer=die_with_parent)\n"
    "print(pool.submit(os.getpid).result(), flush=True)\n"
    "pool.submit(time.sleep, 60)\n"
    "time.sleep(60)\n"
)


def test_workers_die_with_a_killed_build() -> None:
    build = subprocess.Popen([sys.executable, "-c", ORPHAN], stdout=subprocess.PIPE, text=True, env=_env())
    assert build.stdout is not None
    worker = int(build.stdout.readline())
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{worker}").exists():
        status = Path(f"/proc/{worker}/status").read_text() if Path(f"/proc/{worker}/status").exists() else ""
        if "zombie" in status:
            break
        time.sleep(0.1)
    status = Path(f"/proc/{worker}/status").read_text() if Path(f"/proc/{worker}/status").exists() else ""
    assert not status or "zombie" in status, "the worker outlived the build"


ORPHAN_FROM_SERVER = (
    "import os, sys, time\n"
    "from policemag.workers import process_pool\n"
    "pool = process_pool(1, fork=False)\n"
    "print(pool.submit(os.getpid).result(), flush=True)\n"
    "pool.submit(time.sleep, 60)\n"
    "time.sleep(60)\n"
)


def test_workers_from_a_fork_server_die_with_a_killed_build() -> None:
    """A worker started from a fork server (the compression pool) is the server's child,
    and keeps the server alive: both must go when the build is killed."""
    build = subprocess.Popen([sys.executable, "-c", ORPHAN_FROM_SERVER], stdout=subprocess.PIPE, text=True, env=_env())
    assert build.stdout is not None
    worker = int(build.stdout.readline())
    server = int(Path(f"/proc/{worker}/stat").read_text().split(")")[1].split()[1])
    assert server != build.pid  # a fork server's child, not the build's
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    alive = [worker, server]
    while time.monotonic() < deadline and alive:
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and "zombie" not in Path(f"/proc/{p}/status").read_text()]
        time.sleep(0.1)
    assert not alive, "the worker or its fork server outlived the build"


def _faults_reallocating(size: int, times: int) -> int:
    """Page faults of allocating four blocks of ``size`` bytes at once and freeing them,
    ``times`` times, here (a cover's copies of its picture, then the next cover)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(times):
        blocks = [bytearray(size) for _ in range(4)]
        for block in blocks:
            block[::4096] = b"x" * len(block[::4096])  # touch every page
        del blocks, block
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_an_image_worker_reuses_the_memory_it_frees() -> None:
    # a cover worker frees and allocates 7.7 MB pictures again and again: without
    # keep_freed_memory each is handed back to the kernel and faulted in afresh
    from policemag.workers import process_pool

    with process_pool(1, fork=False, images=True) as pool:
        faults = pool.submit(_faults_reallocating, 8 << 20, 20).result()
    assert faults < 4 * 2048 * 2, faults  # the four 8 MB blocks faulted in once
    with process_pool(1, fork=False) as pool:  # other workers give them back each time
        assert pool.submit(_faults_reallocating, 8 << 20, 20).result() > 10 * 4 * 2048
