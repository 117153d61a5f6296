"""Rebuilds: what a live target folder holds (Published), and updating it in place.

The record of a live folder is trusted only while the folder is the one it names and
no update was interrupted; an update writes beside the folder, then renames each file
in under a journal, and never writes through a symbolic link.
"""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.cache import Stamp, write_atomically
from site_builder.staging import STAGING_PREFIX, made_folders, write_file


class LiveFolderChanged(Exception):
    """The live folder holds a link or a stranger where an update would write: build in full."""


STATE = ".site-builder-state-"
"""output/.site-builder-state-<target>: what the build that wrote output/<target> left there."""


JOURNAL = ".site-builder-updating-"
"""output/.site-builder-updating-<target> exists while files move into the live folder."""


@dataclass
class Published:
    """What a live target folder holds, as written by the build that made it."""

    folder: int
    """Inode of the live folder: a folder swapped in by another build does not match."""
    pages: dict[str, tuple[str, tuple[str, ...], str]]
    """Each page's output path: its page key, the globals it read, its full key."""
    copies: dict[str, tuple[str, Stamp | None]]
    """Each copied file's output path: its source and its stamp."""
    guard: str
    """The privacy guard's key when the pages were scanned."""
    written_at: int = field(default_factory=time.time_ns)
    """When (ns): a file changed less than two seconds before may have kept its mtime."""


def read_published(output: Path, target: str) -> Published | None:
    """Return what output/<target> holds, or None when that cannot be trusted.

    Not trusted: no record, a record of another folder (another build swapped one
    in), or an update that was interrupted (the journal is still there).
    """
    if (output / (JOURNAL + target)).exists():
        return None
    try:
        with open(output / (STATE + target), "rb") as handle:
            published = pickle.load(handle)
        live = os.lstat(output / target)  # a link put in its place is not the folder we wrote
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        return None
    if not isinstance(published, Published) or published.folder != live.st_ino:
        return None
    if not stat.S_ISDIR(live.st_mode):
        return None
    return published


def write_published(output: Path, target: str, published: Published) -> None:
    """Record what output/<target> holds (or is about to hold), atomically."""
    write_atomically(output / (STATE + target), pickle.dumps(published, pickle.HIGHEST_PROTOCOL))


def update_in_place(
    output: Path,
    target: str,
    writes: dict[str, bytes],
    removed: set[str],
    published: Published,
) -> None:
    """Bring output/<target> up to date by writing `writes` and deleting `removed`.

    The new files are first written beside the live folder, then renamed into
    it one by one: each file is always whole, old or new. A journal file marks
    the moment of moving; if the build is killed then, the next build does not
    trust the live folder and rebuilds it in full.

    Nothing is written through a symbolic link: when a folder on the way to a
    file is a link (or not a folder), LiveFolderChanged is raised before anything
    is written, and the caller builds the target in full, which replaces the link.
    """
    live = output / target
    check_real_folders(live, [*writes, *removed])
    journal = output / (JOURNAL + target)
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target}-", dir=output))
    try:
        for relative, data in writes.items():
            write_file(stage, relative, data)
        journal.write_text(f"{os.getpid()}\n", encoding="utf-8")
        for relative in writes:
            parts = relative.split("/")
            os.makedirs(os.path.join(live, *parts[:-1]), exist_ok=True)
            os.replace(os.path.join(stage, *parts), os.path.join(live, *parts))
        for relative in sorted(removed):
            _remove(live, relative)
        write_published(output, target, published)
        journal.unlink()
    finally:
        made_folders.clear()
        shutil.rmtree(stage, ignore_errors=True)


def check_real_folders(live: Path, relatives: list[str]) -> None:
    """Raise LiveFolderChanged unless every folder on the way to `relatives` is a real folder.

    A file's own name may be a link (os.replace and unlink act on the link itself);
    a folder on the way may not, or the file would land wherever it points.
    """
    checked: set[str] = set()
    try:
        if not stat.S_ISDIR(os.lstat(live).st_mode):
            raise LiveFolderChanged(str(live))
    except FileNotFoundError:
        raise LiveFolderChanged(str(live)) from None
    for relative in relatives:
        parts = relative.split("/")
        path = str(live)
        for depth, part in enumerate(parts, start=1):
            path = os.path.join(path, part)
            if path in checked:
                continue
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                break  # made afresh inside a real folder
            if depth < len(parts) and not stat.S_ISDIR(mode):
                raise LiveFolderChanged(path)
            if depth == len(parts) and stat.S_ISDIR(mode):
                raise LiveFolderChanged(path)  # a folder where the file goes
            checked.add(path)


def _remove(live: Path, relative: str) -> None:
    """Delete one file of the live folder, and the folders it leaves empty."""
    path = live.joinpath(*relative.split("/"))
    with suppress(FileNotFoundError):
        path.unlink()
    folder = path.parent
    while folder != live:
        try:
            folder.rmdir()
        except OSError:  # not empty
            return
        folder = folder.parent
