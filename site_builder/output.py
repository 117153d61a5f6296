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
import pickle
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.cache import Stamp, write_atomically

MARKER = ".site-builder-output"
"""File that marks an output folder as ours; we never clean a folder without it."""
STAGING_PREFIX = ".staging-"


class OutputFolderError(Exception):
    """The output folder cannot be used; `code` names the catalogue message."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class LiveFolderChanged(Exception):
    """The live folder holds a link or a stranger where an update would write: build in full."""


def check_output_folder(output: Path, content: Path, templates: Path | None) -> None:
    """Refuse an output folder that is, contains or lies inside content/ (or holds templates/).

    Also refuse one that cannot be a folder: a path through a file
    (`notes.txt/out`) or through a symbolic link that points nowhere.
    """
    _check_reachable(output)
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


def _check_reachable(output: Path) -> None:
    """Refuse an output path whose nearest existing part is a file or a dangling link."""
    for part in (output, *output.parents):
        if not os.path.lexists(part):
            continue
        if part.is_symlink() and not part.exists():
            raise OutputFolderError("output.dangling_link", output=str(output), path=str(part))
        if part != output and not part.is_dir():
            raise OutputFolderError("output.in_a_file", output=str(output), path=str(part))
        return


def _foreign(folder: Path) -> bool:
    """Tell whether `folder` holds files but no marker: someone else's folder."""
    return not (folder / MARKER).is_file() and any(folder.iterdir())


def claim(output: Path, keep: Collection[Path] = ()) -> None:
    """Create the output folder if needed, mark it as ours, and clear stale staging folders.

    The staging folders in `keep` are this build's own, waiting to be swapped in.
    """
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
        if stale in keep:
            continue
        if stale.is_dir() and not stale.is_symlink():  # a killed build's: ours, and unused
            shutil.rmtree(stale)


@contextmanager
def staged(output: Path, target: str, together: Publication | None = None) -> Iterator[Path]:
    """Yield a fresh staging folder; on success swap it in as output/<target>, else delete it.

    With `together`, a staging folder that was filled is left to it, to be swapped
    in with the other targets of the build (Publication.publish) or deleted.
    """
    created = not output.exists()
    claim(output, [stage for stage, _target in together.staged] if together else ())
    _made.clear()  # a long `serve` session must not remember every folder it ever made
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target}-", dir=output))
    try:
        yield stage
        os.chmod(stage, 0o755)
        if together is None:
            swap_in(stage, output / target)
        else:
            together.staged.append((stage, target))
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        if created:  # leave no trace of a first build that failed
            _unclaim(output)
        raise


def _unclaim(output: Path) -> None:
    """Remove the marker and the output folder a first build made, if it is empty."""
    (output / MARKER).unlink(missing_ok=True)
    with suppress(OSError):
        output.rmdir()


@dataclass
class Publication:
    """The targets of one build, published together: every one of them or none.

    Each target is first staged in full (or, for an update in place, rendered and
    checked in memory); only then are the staged folders swapped in, and the
    update applied last. If any step fails, the folders already swapped are
    swapped back, so "a failed build writes nothing" holds for both targets.
    """

    output: Path
    """The output folder."""
    created: bool
    """Whether this build made the output folder (a failed first build removes it)."""
    staged: list[tuple[Path, str]] = field(default_factory=list)
    """Each filled staging folder and its target, in build order."""
    update: tuple[str, dict[str, bytes], set[str], Published] | None = None
    """An update in place of one target, applied after the swaps (it cannot be undone)."""
    done: bool = False
    """Whether every target was published."""

    @classmethod
    def of(cls, output: Path) -> Publication:
        """Start the publication of a build into `output`."""
        return cls(output, created=not output.exists())

    def publish(self) -> None:
        """Swap in every staged target, then apply the update; on failure undo the swaps."""
        swapped: list[tuple[Path, Path | None]] = []
        try:
            for stage, target in self.staged:
                swapped.append((self.output / target, _swap_keeping(stage, self.output / target)))
            if self.update is not None:  # (the output folder was claimed by a staged target)
                update_in_place(self.output, *self.update)
        except BaseException:
            for live, old in reversed(swapped):
                _swap_back(live, old)
            raise
        self.done = True
        for _live, old in swapped:
            if old is not None:
                _discard(old)

    def discard(self) -> None:
        """Delete what was staged and not published, and the records of what it would be."""
        if self.done:
            return
        for stage, target in self.staged:
            shutil.rmtree(stage, ignore_errors=True)
            # its record was written before the swap: it names a folder that is not live
            (self.output / (STATE + target)).unlink(missing_ok=True)
        if self.created:
            _unclaim(self.output)


def _swap_keeping(new: Path, live: Path) -> Path | None:
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


def _swap_back(live: Path, old: Path | None) -> None:
    """Undo _swap_keeping: put the previous live folder back, delete the new one."""
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
        _discard(new)
        return
    old = live.with_name(f"{STAGING_PREFIX}old-{live.name}-{os.getpid()}")
    os.rename(live, old)
    os.rename(new, live)
    _discard(old)


def _discard(path: Path) -> None:
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


def write_file(stage: Path, relative: str, data: str | bytes) -> None:
    """Write one output file under `stage`; refuse any path that would escape it."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or ".." in parts or "\\" in relative or "" in parts:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    folder = os.path.join(stage, *parts[:-1])
    if folder not in _made:  # a big site writes thousands of files into few folders
        try:
            os.mkdir(folder)  # most pages have a folder of their own, in a folder made before
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        except FileExistsError:
            pass
        _made.add(folder)
    if isinstance(data, str):
        data = data.encode("utf-8")
    # O_EXCL: never overwrite; a bare descriptor costs less than a file object per page
    handle = os.open(os.path.join(folder, parts[-1]), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


_made: set[str] = set()
"""Folders already made under the current staging folders (their names are unique)."""


# Rebuilds: what the live folder holds, and updating it in place ---------------------------

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
        _made.clear()
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
