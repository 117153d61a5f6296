"""Saving what the editor in `serve` writes (issue 28): the file layer, with no web in it.

The editor writes the same plain files a volunteer types in Notepad, so three things
matter more than anything else here:

- Nothing is overwritten that the volunteer did not see. When a form opens, the file is
  read once into a `Snapshot` (its bytes and their SHA-256). `save` writes only if the
  file on disk still has those bytes; if it changed meanwhile (an edit in Notepad, a
  `git pull`), it raises `SaveConflict`, which carries both versions' text for the page
  to show side by side, and writes nothing. A new file is created only if there is still
  no file of that name (`Snapshot.of` a missing file remembers that it was missing).
- A reader (the build, `serve`'s watcher, a `git` command) sees the old file or the new
  one, never half of one: the new bytes go to a temporary file in the same folder, are
  flushed to disk, and are renamed over the old file (`os.replace`); a new file is
  linked into place (`os.link`), which fails rather than replace a file that appeared.
  `cache.write_atomically` does the rename too, but names its temporary file after the
  process alone (two saves at once in `serve`'s threads would share it) and does not
  keep the file's permissions, so it is not used here.
- Paths come from the program, never from the request: `content_path` accepts only a
  relative, forward-slash path of plain names (`stories/li-nai-nai.md`) and refuses
  anything that would leave `content/` or that Windows cannot name (`..`, `/etc`,
  `C:\\x`, `\\\\server\\share`, NUL bytes, `CON`, over-long names); new files are
  named by `scaffold.slug_for`, as `site-builder new` names them.

What the editor changes inside a YAML file (an appended ledger line, a wish's status)
is made in `yaml_edits.py`; this module only reads and writes bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from site_builder.urls import name_problem

MAX_RELATIVE_PATH = 240
"""Characters a path inside content/ may have (Windows' classic limit is 260 in all)."""

_DRIVE = re.compile(r"^[A-Za-z]:")


class EditRefused(Exception):
    """An edit that was not made; `code` and `params` name the message (messages.py)."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


class SaveConflict(EditRefused):
    """The file changed on disk since the form was opened; nothing was written."""

    def __init__(self, path: Path, opened: str, on_disk: str, yours: str) -> None:
        super().__init__("edit.conflict", path=path.name)
        self.path = path
        """The file that changed."""
        self.opened = opened
        """The file's text when the form was opened."""
        self.on_disk = on_disk
        """The file's text now (empty if it has been deleted)."""
        self.yours = yours
        """The text the form would have saved."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A file as it was read when a form was opened."""

    data: bytes
    """Its bytes (empty for a file that did not exist)."""
    sha256: str
    """The SHA-256 of `data`, in hex."""
    exists: bool
    """False when there was no such file: saving then creates it, if it still does not exist."""

    @classmethod
    def of(cls, path: Path) -> Snapshot:
        """Read `path` now; a missing file gives an empty snapshot that says so."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return cls(b"", hashlib.sha256(b"").hexdigest(), exists=False)
        return cls(data, hashlib.sha256(data).hexdigest(), exists=True)

    def matches(self, path: Path) -> bool:
        """Return whether `path` on disk is still what this snapshot read."""
        return Snapshot.of(path) == self

    @property
    def text(self) -> str:
        """Return the bytes as text: UTF-8, a BOM kept (an edit writes it back), a stray byte
        shown as � (a save refuses such a file: sources.decoded)."""
        return self.data.decode("utf-8", errors="replace")


def save(path: Path, new_bytes: bytes, expected: Snapshot) -> None:
    """Write `new_bytes` to `path` atomically, if the file is still as `expected` read it.

    Raises SaveConflict (and writes nothing) when the file changed, appeared or vanished.
    """
    now = Snapshot.of(path)
    if now != expected:
        raise SaveConflict(path, _text(expected.data), _text(now.data), _text(new_bytes))
    if expected.exists:
        _replace(path, new_bytes)
    else:
        _create(path, new_bytes)


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


def _temporary(path: Path, data: bytes, mode: int) -> Path:
    """Write `data` to a new temporary file beside `path`, flushed to disk; return its path."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, mode)  # mkstemp makes it 0600; the file keeps the permissions it had
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _replace(path: Path, data: bytes) -> None:
    temporary = _temporary(path, data, stat.S_IMODE(path.stat().st_mode))
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _create(path: Path, data: bytes) -> None:
    """Put a new file at `path` whole, or raise SaveConflict if one appeared meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    temporary = _temporary(path, data, 0o666 & ~umask)
    try:
        os.link(temporary, path)  # unlike a rename, never replaces a file that appeared
    except FileExistsError:
        raise SaveConflict(path, "", _text(Snapshot.of(path).data), _text(data)) from None
    except OSError:  # a file system without hard links (FAT on a USB stick)
        try:
            with open(path, "xb") as out:
                out.write(data)
        except FileExistsError:
            raise SaveConflict(path, "", _text(Snapshot.of(path).data), _text(data)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def content_path(content: Path, relative: str) -> Path:
    """Return content/relative, for a path the program chose; refuse one that leaves content/.

    Only forward slashes and plain names are accepted; EditRefused("edit.path_refused")
    otherwise, also for a symbolic link inside content/ that points out of it.
    """
    if not _plain_relative(relative):
        raise EditRefused("edit.path_refused", path=_shown(relative))
    path = content / relative
    root = content.resolve()
    resolved = path.resolve()
    if resolved == root or not resolved.is_relative_to(root):
        raise EditRefused("edit.path_refused", path=_shown(relative))
    return path


def _plain_relative(relative: str) -> bool:
    if not relative or len(relative) > MAX_RELATIVE_PATH or "\\" in relative:
        return False
    if relative.startswith("/") or _DRIVE.match(relative):
        return False
    return all(_plain_name(part) for part in relative.split("/"))


def _plain_name(part: str) -> bool:
    """Return whether `part` may name a file or folder on every system we run on."""
    if part in ("", ".", "..") or part != part.strip():
        return False
    # name_problem refuses control characters (NUL), separators, `:`, dots at either end,
    # Windows devices (CON, nul.txt), and names longer than a folder name may be
    return name_problem(part) is None


def _shown(relative: str) -> str:
    """Return `relative` fit to print: control characters as ?, at most 80 characters."""
    printable = "".join(c if c.isprintable() else "?" for c in relative)
    return printable if len(printable) <= 80 else printable[:79] + "…"
