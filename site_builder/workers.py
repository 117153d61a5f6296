"""Worker processes that never outlive the build that forked them."""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (a build killed with SIGKILL).

    Without it, the workers of a killed build would go on rendering into a staging
    folder nobody owns. Elsewhere this does nothing: workers there are spawned and
    end when their pipe to the parent closes.
    """
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the cycle collector off every object that exists now, while workers are forked.

    Forked workers share the parent's memory until they write to it, and a collector
    pass writes to every object it looks at: each worker would copy the whole site
    (hundreds of megabytes) page by page. Frozen objects are never looked at.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
