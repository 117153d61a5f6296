"""The build cache beside the output folder: work a rebuild need not do again.

It keeps Python-Markdown's output per document, keyed by the document's text
and the converter's version and settings, in one SQLite file: a rebuild after
editing one story converts that story only. Other modules keep their own files
here (the story memo, the ledger, phone numbers per file), named by
`content_cache`, written with `write_atomically`, and trusting an unchanged file
by its `stamp` as Make and git do. A damaged or foreign cache file is set aside
or ignored; the cache can always be deleted.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, suppress
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import markdown

SCHEMA = 1
"""Bump when what is stored changes meaning."""


class MarkdownCache:
    """Raw HTML of converted Markdown, by content hash."""

    def __init__(self, folder: Path, settings: str) -> None:
        self.path = folder / "markdown.sqlite"
        self.prefix = f"{SCHEMA}|{markdown.__version__}|{settings}|".encode()

    def key(self, text: str) -> str:
        """Return the cache key of a document: its text and how it is converted."""
        return hashlib.sha256(self.prefix + text.encode("utf-8")).hexdigest()

    def look_up(self, texts: list[str]) -> tuple[list[str], list[str | None]]:
        """Return each text's key, and its HTML if the cache has it (else None)."""
        keys = [self.key(text) for text in texts]
        try:
            with closing(self._open()) as db:
                known = self._lookup(db, set(keys))
        except sqlite3.DatabaseError:
            self._set_aside()
            known = {}
        return keys, [known.get(key) for key in keys]

    def keep(self, rows: list[tuple[str, str]]) -> None:
        """Store (key, HTML) rows converted since look_up; a failure only costs time later."""
        if not rows:
            return
        try:
            with closing(self._open()) as db, db:
                db.executemany("INSERT OR REPLACE INTO html VALUES (?, ?)", rows)
        except sqlite3.DatabaseError:
            self._set_aside()

    def _set_aside(self) -> None:
        with suppress(OSError):
            self.path.replace(self.path.with_suffix(".damaged"))

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE IF NOT EXISTS html (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
        return db

    @staticmethod
    def _lookup(db: sqlite3.Connection, keys: set[str]) -> dict[str, str]:
        return dict(rows_in(db, "SELECT key, html FROM html WHERE key IN ({})", sorted(keys)))


def rows_in(db: sqlite3.Connection, query: str, keys: Sequence[str]) -> Iterator[Any]:
    """Yield the rows `query` gives for `keys`; its `{}` is where the IN list goes.

    The keys go 500 to a statement: SQLite limits how many parameters one may have.
    """
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        yield from db.execute(query.format(",".join("?" * len(chunk))), chunk)


@lru_cache(maxsize=1)
def code_version() -> str:
    """Return a fingerprint of this program: its source and the converters it uses.

    Anything remembered between builds is keyed by it, so an upgrade (or a
    developer's edit) never reuses what older code produced.
    """
    digest = hashlib.sha256(f"{markdown.__version__}|{version('nh3')}".encode())
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:32]


Stamp = tuple[int, int, int]
"""A file's mtime (ns), size and inode: what tells it changed without reading it."""
RACY_NS = 2_000_000_000
"""A file changed less than this before it was read may change again keeping its mtime."""


def stamp(path: Path) -> Stamp | None:
    """Return the file's stamp, or None when it cannot be looked at."""
    try:
        info = path.stat()
    except OSError:
        return None
    return stamp_of(info)


def stamp_of(info: os.stat_result) -> Stamp:
    """Return the stamp of a file from what `stat` said of it."""
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def settled(seen: Stamp, read_at: int) -> bool:
    """Tell whether a file with stamp `seen`, read at `read_at` (ns), is known by its stamp.

    A file modified in the same clock tick as it was read can change again without its
    stamp changing (git's "racy clean" case): such a file must be compared by content.
    """
    return seen[0] < read_at - RACY_NS


def same_file(path: Path, now: Stamp | None, was: Stamp, read_at: int, digest: bytes) -> bool:
    """Tell whether `path`, stamped `now`, is the file stamped `was` read at `read_at`.

    The stamp tells, unless the file changed just before it was read: then its bytes do.
    """
    if now is None or now != was:
        return False
    return settled(now, read_at) or file_digest(path) == digest


def stamps_in(folder: Path, names: Iterable[str]) -> dict[str, Stamp] | None:
    """Return the stamp of each file `names` names in `folder`; None if one cannot be seen.

    One `stat` each through a handle on the folder: 10,000 files in about 40 ms.
    """
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return None
    stamps = {}
    try:
        for name in names:
            info = os.stat(name, dir_fd=handle, follow_symlinks=True)
            stamps[name] = stamp_of(info)
    except OSError:
        return None
    finally:
        os.close(handle)
    return stamps


def stamps_under(folder: Path, suffixes: tuple[str, ...]) -> dict[str, Stamp]:
    """Return the stamp of each regular file under `folder` whose name ends in one of
    `suffixes` (as Path.suffix reads it), by path; files that cannot be seen are left out.

    What `folder.rglob("*")` finds (links to files followed, links to folders not),
    read with os.scandir: a big site has ten thousand story files, and a Path each
    cost twice the stat calls.
    """
    stamps: dict[str, Stamp] = {}
    folders = [str(folder)]
    while folders:
        try:
            entries = os.scandir(folders.pop())
        except OSError:
            continue
        with entries:
            for entry in entries:
                if not entry.is_symlink() and entry.is_dir():  # a link loop: no stat
                    folders.append(entry.path)
                elif os.path.splitext(entry.name)[1] in suffixes:
                    try:
                        info = entry.stat()
                    except OSError:
                        continue
                    if stat.S_ISREG(info.st_mode):
                        stamps[entry.path] = stamp_of(info)
    return stamps


def file_digest(path: str | Path) -> bytes | None:
    """Return a hash of the file's bytes (for files whose stamp cannot be trusted), or None.

    Only a regular file is read: a FIFO or a link to a device (/dev/zero) gives None
    at once, as an unreadable file does, and is never taken as unchanged.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            os.close(handle)
            return None
        with open(handle, "rb") as file:  # closes the handle
            return hashlib.file_digest(file, "blake2b").digest()
    except OSError:
        return None


def content_cache(cache: Path, kind: str, content: Path, suffix: str) -> Path:
    """Return the cache file of `kind` for one content folder (caches may be shared)."""
    folder = hashlib.sha256(str(content.resolve()).encode()).hexdigest()[:16]
    return cache / f"{kind}-{folder}{suffix}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` so that a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def cache_folder(output: Path) -> Path:
    """Return the build cache: beside the output folder, or $SITE_BUILDER_CACHE if set."""
    chosen = os.environ.get("SITE_BUILDER_CACHE")
    return Path(chosen) if chosen else output.resolve().parent / ".site-builder-cache"


def compiled_templates(output: Path) -> Path:
    """Return where the build cache keeps compiled templates."""
    return cache_folder(output) / "templates"
