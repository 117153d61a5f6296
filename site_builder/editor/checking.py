"""A change checked before it is written, by the very checks `build` runs.

The changed files are put into a copy of content/ (every other file hard-linked into
it, so a copy costs next to nothing, or copied where links cannot be made) and the
whole site is loaded from the copy, as `site-builder check` loads it. What that finds
and the unchanged content does not is what the change would break, wherever it is:
a field of the form, another line of the same file, or another file (an honor roll
whose story is gone). Errors the content had already are not the change's doing and
do not stop it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder.diagnostics import ContentErrors, Diagnostic, Diagnostics
from site_builder.loading import Loaded, load
from site_builder.messages import message_hint, message_text


@dataclass(frozen=True, slots=True)
class Problem:
    """An error the change would bring, where it would be."""

    relative: str
    """The file, relative to content/ with / separators ("" when it names no file)."""
    line: int | None
    code: str
    params: tuple[tuple[str, str], ...]

    def text(self, language: str) -> str:
        """Return the message, in the site's language."""
        return message_text(self.code, language, dict(self.params))

    def said(self, language: str) -> str:
        """Return the message with its fix, in the site's language."""
        return said(self.code, language, dict(self.params))


def said(code: str, language: str, params: dict[str, str]) -> str:
    """Return a message with its fix in brackets (as the form shows an error)."""
    text = message_text(code, language, params)
    hint = message_hint(code, language, params)
    if not hint:
        return text
    return f"{text} ({hint})" if language == "en" else f"{text}（{hint}）"


def load_current(content: Path, today: dt.date | None) -> tuple[Loaded | None, list[Problem]]:
    """Load the site as it is: the model (without the files that have errors; None when
    site.yaml has one) and its errors."""
    diags = Diagnostics()
    try:
        loaded = load(content, today, diags, keep_going=True)
    except ContentErrors:
        loaded = None
    return loaded, _problems(diags.errors, content)


def problems_of(
    content: Path,
    today: dt.date | None,
    changes: dict[str, bytes],
    known: Sequence[Problem] | None = None,
) -> list[Problem]:
    """Return the errors the site would have with `changes` (path in content/ → new bytes)
    that it does not have now (`known`, when the caller has just loaded it)."""
    if known is None:
        known = load_current(content, today)[1]
    before = Counter(_key(p) for p in known)
    with _copy_of(content) as copy:
        for relative, data in changes.items():
            target = copy / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                target.unlink()  # a hard link: writing through it would change the original
            target.write_bytes(data)
        after = load_current(copy, today)[1]
    new: list[Problem] = []
    for problem in after:
        if before[_key(problem)] > 0:
            before[_key(problem)] -= 1
        else:
            new.append(problem)
    return new


def _key(problem: Problem) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Return what identifies an error whatever line it moved to (an append shifts none
    before it, but a change may)."""
    return problem.relative, problem.code, problem.params


def in_content(path: Path, content: Path) -> str:
    """Return `path` relative to content/ with / separators ("" when it is not inside)."""
    root = content.resolve()
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        try:  # content/ reached through a link
            return path.resolve().relative_to(root).as_posix()
        except (ValueError, OSError):
            return ""


def _problems(found: list[Diagnostic], content: Path) -> list[Problem]:
    return [
        Problem(in_content(item.location.path, content), item.location.line, item.code, item.params)
        for item in found
    ]


@contextlib.contextmanager
def _copy_of(content: Path) -> Iterator[Path]:
    """Yield a throwaway copy of content/ beside it (or in the system's temporary folder)."""
    try:
        folder = Path(tempfile.mkdtemp(prefix=".site-builder-check-", dir=content.parent))
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="site-builder-check-"))
    try:
        copy = folder / "content"
        _mirror(content, copy)
        yield copy.resolve()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _mirror(source: Path, target: Path) -> None:
    """Make `target` hold what `source` holds: files hard-linked (copied if need be),
    symbolic links as links, so the checks see the same tree."""
    for folder, folders, files in os.walk(source):
        here = Path(folder)
        there = target / here.relative_to(source)
        there.mkdir(parents=True, exist_ok=True)
        for name in [*files, *(f for f in folders if (here / f).is_symlink())]:
            origin, copy = here / name, there / name
            if origin.is_symlink():
                os.symlink(os.readlink(origin), copy)
                continue
            try:
                os.link(origin, copy)
            except OSError:  # another file system, or one without links (FAT)
                shutil.copy2(origin, copy)
