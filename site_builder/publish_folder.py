"""A folder destination: a USB stick, a mounted share, or a folder nginx serves.

Each file is written under a temporary name beside its place (`.<name>.site-builder-part`,
the same name every time, so a killed publish's leftover is overwritten or deleted by the
next one), flushed to the disk, and renamed over the old one: a reader sees the old file
or the new one, never half of it.
"""

from __future__ import annotations

import errno
import os
import shutil
from contextlib import suppress
from pathlib import Path

from site_builder.exit_codes import EXIT_INTERNAL, EXIT_USAGE
from site_builder.output import relation
from site_builder.progress import human_size
from site_builder.publish import Method, PublishProblem
from site_builder.publish_plan import MANIFEST, Built, Plan

PART = ".site-builder-part"
"""The suffix of a file being written, before it is renamed into its place."""
BLOCK = 4096
"""What a file takes on disk at least, when the file system does not say."""


def part_name(name: str) -> str:
    """Return the temporary name a file is written under, beside its place."""
    return f".{name}{PART}"


def check_folder(folder: Path, content: Path, output: Path) -> None:
    """Refuse a destination folder that is the content's, holds it, or is /, a home or output/.

    The same refusals as `--output` (output.relation), and those a destination adds: a
    publish deletes what it published before, so its folder must be one of its own.
    """
    label = str(folder)
    resolved = folder.resolve()
    if resolved == Path(resolved.anchor):
        raise PublishProblem("publish.dest_root", EXIT_USAGE, destination=label)
    if resolved in _homes():
        raise PublishProblem("publish.dest_home", EXIT_USAGE, destination=label)
    placed = relation(folder, content)
    if placed is not None:
        code = f"publish.dest_{placed}_content"
        raise PublishProblem(code, EXIT_USAGE, destination=label, content=str(content))
    if relation(folder, output) in ("is", "inside"):
        raise PublishProblem("publish.dest_in_output", EXIT_USAGE, destination=label)
    if os.path.lexists(folder) and not folder.is_dir():
        raise PublishProblem("publish.dest_not_folder", EXIT_USAGE, destination=label)
    if not folder.exists() and not folder.parent.is_dir():
        # a USB stick not plugged in: never make its mount point's folders on the local disk
        raise PublishProblem(
            "publish.no_parent", EXIT_INTERNAL, destination=label, parent=str(folder.parent)
        )


def _homes() -> set[Path]:
    """Return the home folders of this user and of every person with an account here."""
    homes = {Path.home().resolve()}
    with suppress(ImportError):
        import pwd  # not on Windows

        for entry in pwd.getpwall():
            if entry.pw_uid == 0 or 1000 <= entry.pw_uid < 65534:  # people, not services
                homes.add(Path(entry.pw_dir).resolve())
    return homes


class FolderDestination:
    """Publish into a folder on this computer (or one mounted on it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.label = str(folder)

    def read_manifest(self) -> bytes | None:
        """Return the manifest, or None."""
        path = self.folder / MANIFEST
        return path.read_bytes() if path.is_file() else None

    def holds_anything(self) -> bool:
        """Tell whether the folder exists and holds anything."""
        return self.folder.is_dir() and any(self.folder.iterdir())

    def check_room(self, built: Built, work: Plan) -> None:
        """Refuse before writing when the disk has not room for the new files."""
        probe = self.folder if self.folder.exists() else self.folder.parent
        try:
            stats = os.statvfs(probe)
            free, block = stats.f_bavail * stats.f_frsize, stats.f_frsize or BLOCK
        except (AttributeError, OSError):  # Windows has no statvfs
            free, block = shutil.disk_usage(probe).free, BLOCK
        # each file may sit beside its old self for a moment, and takes whole blocks
        needed = sum(-(-built.sizes[p] // block) * block or block for p in work.upload)
        needed += 2 * block  # the manifest, written twice
        if needed > free:
            raise PublishProblem(
                "publish.no_room",
                EXIT_INTERNAL,
                destination=self.label,
                needed=human_size(needed),
                free=human_size(free),
            )

    def begin(self) -> None:
        """Create the folder (its parent exists: check_folder saw to it)."""
        self.folder.mkdir(exist_ok=True)

    def put(self, relative: str, source: Path) -> None:
        """Copy one file into its place, atomically."""
        with open(source, "rb") as handle:
            self._write(relative, handle.read())

    def keep(self, relative: str) -> None:
        """Nothing to do: an unchanged file stays where it is."""

    def delete(self, relative: str) -> None:
        """Delete one file and any leftover of writing it, then the folders left empty."""
        path = self.folder / relative
        for leftover in (path, path.with_name(part_name(path.name))):
            with suppress(FileNotFoundError, NotADirectoryError):
                leftover.unlink()
        parent = path.parent
        while parent != self.folder and parent.is_relative_to(self.folder):
            try:
                parent.rmdir()
            except OSError:  # not empty (or not ours to remove): stop here
                break
            parent = parent.parent

    def write_manifest(self, data: bytes) -> None:
        """Write the manifest, atomically."""
        self._write(MANIFEST, data)

    def finish(self, built: Built, work: Plan) -> Method:
        """Nothing more to do: each file was renamed into place in order."""
        return Method("publish.method_ordered", {})

    def abandon(self) -> None:
        """Nothing to remove: a failed write removed its own part file."""

    def close(self) -> None:
        """Nothing to release."""

    def _write(self, relative: str, data: bytes) -> None:
        path = self.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(part_name(path.name))
        try:
            with open(part, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())  # on the stick before its name is: unplugging is safe
            os.replace(part, path)
        except BaseException as failure:
            with suppress(OSError):
                part.unlink()
            if isinstance(failure, OSError) and failure.errno == errno.ENOSPC:
                raise PublishProblem(
                    "publish.disk_full", EXIT_INTERNAL, destination=self.label
                ) from failure
            raise
