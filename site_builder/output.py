"""The output folder: refuse dangerous ones, write into staging, swap in atomically.

A build writes each target (`site`, `kiosk`) into `output/.staging-<target>-*`
and only then swaps it with the live folder. On Linux the swap is one
renameat2(RENAME_EXCHANGE) call, so a web server or lobby screen sees either
yesterday's site or today's, never a mix; elsewhere it is two renames a
moment apart. A failed or killed build leaves the live folder untouched.

site-builder deletes only what it created: its staging folders and the old
copies of targets it replaced, inside an output folder that carries its
marker file.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

MARKER = ".site-builder-output"
"""File that marks an output folder as ours; we never clean a folder without it."""
STAGING_PREFIX = ".staging-"


class OutputFolderError(Exception):
    """The output folder cannot be used; `code` names the catalogue message."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def check_output_folder(output: Path, content: Path, templates: Path | None) -> None:
    """Refuse an output folder that is, contains or lies inside content/ (or holds templates/)."""
    out, src = output.resolve(), content.resolve()
    params = {"output": str(output), "content": str(content)}
    if out == src:
        raise OutputFolderError("output.is_content", **params)
    if src.is_relative_to(out):
        raise OutputFolderError("output.contains_content", **params)
    if out.is_relative_to(src):
        raise OutputFolderError("output.inside_content", **params)
    if templates is not None and templates.resolve().is_relative_to(out):
        raise OutputFolderError(
            "output.contains_templates", output=str(output), templates=str(templates)
        )
    if out.exists() and (not out.is_dir() or _foreign(out)):
        raise OutputFolderError("output.not_ours", **params)


def _foreign(folder: Path) -> bool:
    """Tell whether `folder` holds files but no marker: someone else's folder."""
    return not (folder / MARKER).is_file() and any(folder.iterdir())


def claim(output: Path) -> None:
    """Create the output folder if needed, mark it as ours, and clear stale staging folders."""
    output.mkdir(parents=True, exist_ok=True)
    marker = output / MARKER
    if not marker.exists():
        marker.write_text(
            "This folder is written by site-builder. It replaces site/ and kiosk/ here on "
            "every build.\n"
            "本文件夹由 site-builder 生成，每次构建都会替换其中的 site/ 和 kiosk/。\n",
            encoding="utf-8",
        )
    for stale in output.glob(STAGING_PREFIX + "*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale)


@contextmanager
def staged(output: Path, target: str) -> Iterator[Path]:
    """Yield a fresh staging folder; on success swap it in as output/<target>, else delete it."""
    created = not output.exists()
    claim(output)
    _made.clear()  # a long `serve` session must not remember every folder it ever made
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target}-", dir=output))
    try:
        yield stage
        os.chmod(stage, 0o755)
        swap_in(stage, output / target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        if created:  # leave no trace of a first build that failed
            (output / MARKER).unlink(missing_ok=True)
            with suppress(OSError):
                output.rmdir()
        raise


def swap_in(new: Path, live: Path) -> None:
    """Make `new` the live folder in one step where the system allows; remove the old one."""
    if not live.exists():
        os.rename(new, live)
        return
    if _exchange(new, live):
        shutil.rmtree(new)
        return
    old = live.with_name(f"{STAGING_PREFIX}old-{live.name}-{os.getpid()}")
    os.rename(live, old)
    os.rename(new, live)
    shutil.rmtree(old)


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


def write_file(stage: Path, relative: str, data: str | bytes) -> None:
    """Write one output file under `stage`; refuse any path that would escape it."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or ".." in parts or "\\" in relative or "" in parts:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    folder = os.path.join(stage, *parts[:-1])
    if folder not in _made:  # a big site writes thousands of files into few folders
        os.makedirs(folder, exist_ok=True)
        _made.add(folder)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, parts[-1]), "xb") as handle:  # "x": never overwrite
        handle.write(data)


_made: set[str] = set()
"""Folders already made under the current staging folders (their names are unique)."""


def copy_file(stage: Path, relative: str, source: Path) -> None:
    """Copy `source` to `relative` under `stage`, refusing to overwrite or escape."""
    write_file(stage, relative, source.read_bytes())
