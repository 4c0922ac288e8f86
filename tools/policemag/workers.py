"""Worker processes: started cheaply and safely, and dying with the build.

A build killed with SIGKILL cannot stop its process pools; without
:func:`die_with_parent` their workers run on (a minute of image work) after the build
is gone. On Linux each worker asks the kernel for SIGTERM when its parent dies (prctl
PR_SET_PDEATHSIG); elsewhere nothing changes.

:func:`process_pool` is the pool of the image work (renditions, designed covers, share
images): forked when this process runs one thread (no import to pay: a few
milliseconds a worker), from a fork server when it runs others (``serve``: forking a
process with threads can deadlock the child), spawned where neither exists.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


def die_with_parent(owner: int | None = None) -> None:
    """Pool initializer: SIGTERM this process when its parent exits (Linux only).

    ``owner``: the build's process id, when it is not the parent: a worker started from a
    fork server is the server's child, and the server lives as long as any of its
    children holds its pipe (each does), so a killed build left both running for good.
    Such a worker checks every half second that the build still runs, and exits if not.
    """
    if owner is not None and owner != os.getppid():
        threading.Thread(target=_watch, args=(owner,), daemon=True, name="policemag-owner").start()
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


#: glibc's mallopt parameters (malloc.h) and the values :func:`start_worker` sets.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD = 32 << 20
_TRIM_THRESHOLD = 64 << 20


def keep_freed_memory() -> None:
    """Keep memory this process frees for its next allocations (glibc only).

    An image worker allocates and frees the same large buffers again and again (a
    1200x1600 cover is 7.7 MB a copy): glibc gives every block over 128 KB back to the
    kernel when it is freed, and the next one is faulted in afresh, page by page. With
    blocks up to 32 MB taken from the heap and the heap trimmed only past 64 MB of free
    memory at its top, a designed cover costs 0.4 ms of system time instead of 8 (4,000
    page faults fewer). Only in image workers (:func:`process_pool`'s ``images``): the
    EPUB and compression workers keep their default, since what a worker keeps counts
    towards the build's peak (+27 MB at 200 issues when every worker kept it)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
        libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return


#: Workers run at a lower priority than the build's own process, whose pages are the
#: critical path: on two cores the pages had about half a core beside the covers' two
#: workers and the compression worker (a cold 30-issue build's pages took 6.8 s instead
#: of 4); at niceness 10 the build keeps a core and the workers share the other.
NICENESS = 10


def start_worker(owner: int | None = None, images: bool = False) -> None:
    """Pool initializer of every worker of the build: :func:`die_with_parent`, a lower
    priority (:data:`NICENESS`), and for image workers :func:`keep_freed_memory`."""
    die_with_parent(owner)
    os.nice(NICENESS)
    if images:
        keep_freed_memory()


def _watch(owner: int) -> None:
    while is_alive(owner):
        time.sleep(0.5)
    os._exit(1)


def start_method(*, fork: bool = True) -> str:
    """``fork`` when this process runs one thread (and ``fork`` allows it), else
    ``forkserver``; ``spawn`` where the platform has neither."""
    methods = multiprocessing.get_all_start_methods()
    if fork and threading.active_count() == 1 and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def process_pool(workers: int, *, fork: bool = True, images: bool = False) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes started by :func:`start_method`, each dying with
    this one. Tasks must be module-level functions of picklable arguments.

    ``fork=False`` for workers that need little of this process: a forked worker maps
    all of its memory (copy-on-write, then copied page by page as Python touches
    reference counts), and every one counts towards the build's peak. ``images``: the
    workers draw or resize pictures (:func:`keep_freed_memory`)."""
    context = multiprocessing.get_context(start_method(fork=fork))
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=start_worker, initargs=(os.getpid(), images)
    )


def pool_size(tasks: int, workers: int | None = None) -> int:
    """Processes worth starting for ``tasks`` independent tasks: ``workers`` (default:
    every core), never more than there are tasks, at least 1."""
    return max(1, min(workers or os.cpu_count() or 1, tasks))


def is_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (someone else's process counts as running):
    for leftovers named by the process that made them (a killed build's folders)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
