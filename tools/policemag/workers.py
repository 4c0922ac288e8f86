"""Worker processes die with the build.

A build killed with SIGKILL cannot stop its process pools; without this their workers
run on (a minute of image work) after the build is gone. On Linux each worker asks the
kernel for SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere nothing
changes.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Pool initializer: SIGTERM this process when its parent exits (Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)
