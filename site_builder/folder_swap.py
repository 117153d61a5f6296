"""Swap a staged folder in as the live one: one renameat2(RENAME_EXCHANGE) on Linux, two
renames a moment apart elsewhere; and swap it back when a build of several targets fails.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from pathlib import Path

from site_builder.staging import STAGING_PREFIX


def swap_keeping(new: Path, live: Path) -> Path | None:
    """Make `new` the live folder; return where the previous one now is (None: there was none)."""
    if not os.path.lexists(live):
        os.rename(new, live)
        return None
    if _exchange(new, live):
        return new
    old = live.with_name(f"{STAGING_PREFIX}old-{live.name}-{os.getpid()}")
    os.rename(live, old)
    os.rename(new, live)
    return old


def swap_back(live: Path, old: Path | None) -> None:
    """Undo swap_keeping: put the previous live folder back, delete the new one."""
    if old is None:
        shutil.rmtree(live, ignore_errors=True)
        return
    if _exchange(old, live):
        shutil.rmtree(old, ignore_errors=True)
        return
    new = live.with_name(f"{STAGING_PREFIX}undone-{live.name}-{os.getpid()}")
    os.rename(live, new)
    os.rename(old, live)
    shutil.rmtree(new, ignore_errors=True)


def swap_in(new: Path, live: Path) -> None:
    """Make `new` the live folder in one step where the system allows; remove the old one."""
    if not os.path.lexists(live):
        os.rename(new, live)
        return
    if _exchange(new, live):
        discard_replaced(new)
        return
    old = live.with_name(f"{STAGING_PREFIX}old-{live.name}-{os.getpid()}")
    os.rename(live, old)
    os.rename(new, live)
    discard_replaced(old)


def discard_replaced(path: Path) -> None:
    """Delete a replaced target: a folder with all it holds, but a link only as a link."""
    if path.is_symlink() or not path.is_dir():
        path.unlink()  # a link planted in place of output/<target>: what it points at stays
    else:
        shutil.rmtree(path)  # unlinks links inside, never follows them


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2; False where it is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)
