"""The output folder: refuse dangerous ones, write into staging, swap in atomically.

A build writes each target (`site`, `kiosk`) into `output/.staging-<target>-*`
and only then swaps it with the live folder. On Linux the swap is one
renameat2(RENAME_EXCHANGE) call, so a web server or lobby screen sees either
yesterday's site or today's, never a mix; elsewhere it is two renames a
moment apart. A failed or killed build leaves the live folder untouched.

site-builder deletes only what it created: its staging folders and the old
copies of targets it replaced, inside an output folder that carries its
marker file.

This module refuses and claims output folders and stages and publishes targets;
staging.py writes files, folder_swap.py swaps folders and live_update.py updates
a live folder in place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.folder_swap import discard_replaced, swap_back, swap_in, swap_keeping
from site_builder.live_update import STATE, Published, update_in_place
from site_builder.staging import STAGING_PREFIX, made_folders

MARKER = ".site-builder-output"
"""File that marks an output folder as ours; we never clean a folder without it."""


class OutputFolderError(Exception):
    """The output folder cannot be used; `code` names the catalogue message."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def check_output_folder(output: Path, content: Path, templates: Path | None) -> None:
    """Refuse an output folder that is, contains or lies inside content/ (or holds templates/).

    Also refuse one that cannot be a folder: a path through a file
    (`notes.txt/out`) or through a symbolic link that points nowhere.
    """
    _check_reachable(output)
    out = output.resolve()
    params = {"output": str(output), "content": str(content)}
    placed = relation(output, content)
    if placed is not None:
        raise OutputFolderError(f"output.{placed}_content", **params)
    if templates is not None and templates.resolve().is_relative_to(out):
        raise OutputFolderError(
            "output.contains_templates", output=str(output), templates=str(templates)
        )
    if out.exists() and (not out.is_dir() or _foreign(out)):
        raise OutputFolderError("output.not_ours", **params)


def relation(folder: Path, content: Path) -> str | None:
    """Tell how `folder` lies to `content`: "is", "contains", "inside", or None (apart).

    Both are resolved first (links followed), so a path through a link is judged by
    where it leads; the checks of `--output` and of a publish destination share it.
    """
    there, src = folder.resolve(), content.resolve()
    if there == src:
        return "is"
    if src.is_relative_to(there):
        return "contains"
    if there.is_relative_to(src):
        return "inside"
    return None


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
            "This folder is written by site-builder. It replaces site/, kiosk/ and print/ "
            "here on every build.\n"
            "本文件夹由 site-builder 生成，每次构建都会替换其中的 site/、kiosk/ 和 print/。\n",
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
    made_folders.clear()  # a long `serve` session must not remember every folder it ever made
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
                swapped.append((self.output / target, swap_keeping(stage, self.output / target)))
            if self.update is not None:  # (the output folder was claimed by a staged target)
                update_in_place(self.output, *self.update)
        except BaseException:
            for live, old in reversed(swapped):
                swap_back(live, old)
            raise
        self.done = True
        for _live, old in swapped:
            if old is not None:
                discard_replaced(old)

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
