"""Read content files as written: text with positions, YAML as a tree of located values.

YAML is composed, never constructed: every scalar stays the exact text the
volunteer typed (so `NO`, `12:30`, `0755` and `+8613812345678` survive), and
the field's schema decides whether it is a date, a number or a flag. No Python
tags, no duplicate keys, no aliases (which is also what keeps a "billion
laughs" file from eating memory).

This module reads files and folders and says how a YAML text is taken in; the
values are in yaml_values, the fast paths in yaml_fast, the size limits in
yaml_limits, composing in yaml_composer and the reports of refused YAML in
yaml_errors.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from site_builder.diagnostics import Diagnostics, Location
from site_builder.yaml_composer import YAML_LINE_BREAK, Composer, Loader
from site_builder.yaml_errors import character_at, explain, report_slips, report_tab
from site_builder.yaml_fast import block_list, flat_mapping
from site_builder.yaml_limits import (
    MAX_FRONT_MATTER_VALUES,
    MAX_YAML_VALUES,
    too_deep,
    value_over,
    values_at_most,
)
from site_builder.yaml_values import FrontMatter, Mapping, Sequence, Value

MAX_FILE_BYTES = 16 * 1024 * 1024
"""No hand-written content file comes near this (a year's ledger of 100,000 lines is 6 MB)."""


def prefetch(paths: Iterable[Path]) -> None:
    """Ask the system to start reading these files now, all together, where it can.

    Read one after another when they have left the disk cache, 10,000 story files
    took about a second, nearly all of it spent waiting on each file in turn; asked
    for first, they arrive together and the reads take a tenth of that. Nothing is
    read here, and a file that cannot be opened is left for read_text to report.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:  # not on macOS or Windows
        return
    for path in paths:
        try:  # never blocks, even on a FIFO linked into content/
            handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            advise(handle, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass  # not a regular file: read_text refuses it
        finally:
            os.close(handle)


def read_text(path: Path, diags: Diagnostics) -> str | None:
    """Return the file's text with LF line ends, or report why it cannot be read as UTF-8."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            # a device or a pipe (/dev/zero linked in) would never end, or never start
            diags.error(Location(path), "file.not_regular")
            return None
        if info.st_size > MAX_FILE_BYTES:
            size, limit = f"{info.st_size / 2**20:.0f}", f"{MAX_FILE_BYTES // 2**20}"
            diags.error(Location(path), "file.too_big", size=size, limit=limit)
            return None
        data = path.read_bytes()
    except OSError as exc:
        diags.error(Location(path), "file.unreadable", reason=exc.strerror or str(exc))
        return None
    text = decoded(data)
    if isinstance(text, Unreadable):
        diags.error(Location(path, text.line), text.code)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Why a file's bytes are no text the build reads: a message code, and the line."""

    code: str
    line: int | None = None


def decoded(data: bytes) -> str | Unreadable:
    """Return a file's bytes as text (UTF-8, a BOM dropped), or why they are not."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(data):
        return Unreadable("encoding.utf16")
    if b"\x00" in data:
        return Unreadable("encoding.binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Unreadable("encoding.gbk" if _is_gb18030(data) else "encoding.not_utf8", line)


def _looks_utf16(data: bytes) -> bool:
    """Tell UTF-16 without a BOM from binary: text in it has a zero in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return False
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(zeros_even, zeros_odd) > len(sample) // 4 and min(zeros_even, zeros_odd) == 0


def _is_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def load_yaml(
    text: str, path: Path, diags: Diagnostics, line_offset: int = 0, max_values: int = 0
) -> Value | None:
    """Compose `text` into located values; report syntax errors, tags, aliases, duplicate keys.

    Return None when the text cannot be read as YAML at all (the error is reported);
    an empty document is an empty mapping. A text of more than `max_values` values
    (MAX_YAML_VALUES unless given) is refused before anything is built.
    """
    limit = max_values or MAX_YAML_VALUES
    if values_at_most(text) > limit:
        at = value_over(text, limit, path, line_offset)
        if at is not None:
            diags.error(at, "yaml.too_many_values", limit=limit)
            return None
    if "\t" in text:
        report_tab(text, path, diags, line_offset)
    else:
        simple = block_list(text, path, line_offset) or flat_mapping(text, path, line_offset)
        if simple is not None:
            return simple
    if too_deep(text, path, diags, line_offset):
        return None
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        if report_slips(exc, text, path, diags, line_offset):
            return None
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        code = "yaml.documents" if "single document" in str(exc) else "yaml.syntax"
        problem = exc.problem or exc.context or ""
        diags.error(Location(path, line, column), code, problem=problem, explained=explain(problem))
        return None
    except yaml.YAMLError as exc:  # a reader error: a control character in the text
        problem = str(exc).splitlines()[0]
        at = character_at(text, path, getattr(exc, "character", None), line_offset)
        diags.error(at, "yaml.syntax", problem=problem, explained=explain(problem))
        return None
    if node is None:
        return Mapping({}, Location(path, 1 + line_offset))
    return Composer(path, diags, line_offset, YAML_LINE_BREAK.split(text)).value(node, 0)


_FENCE = re.compile(r"^---[ \t]*$")


def split_front_matter(text: str, path: Path, diags: Diagnostics) -> FrontMatter | None:
    """Split a Markdown file at its `---` fences and compose the YAML between them."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        diags.error(Location(path, 1), "frontmatter.missing")
        return None
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            header_text = "\n".join(lines[1:index])
            header = load_yaml(header_text, path, diags, 1, MAX_FRONT_MATTER_VALUES)
            if header is None:
                return None
            body = "\n".join(lines[index + 1 :])
            return FrontMatter(header, body, index + 2)
    diags.error(Location(path, 1), "frontmatter.unclosed")
    return None


def read_yaml(path: Path, diags: Diagnostics) -> Value | None:
    """Read and compose one YAML file; None when it cannot be read (already reported)."""
    text = read_text(path, diags)
    return load_yaml(text, path, diags) if text is not None else None


def list_items(value: Value | None, diags: Diagnostics, code: str) -> tuple[Value, ...]:
    """Return the items of a file that must be a YAML list; report `code` if it is not one."""
    if value is None or (isinstance(value, Mapping) and not value.entries):
        return ()
    if not isinstance(value, Sequence):
        diags.error(value.loc, code)
        return ()
    return value.items


def content_files(folder: Path, pattern: str, diags: Diagnostics | None = None) -> list[Path]:
    """Return the files in `folder` matching `pattern`, sorted, without editor and OS leftovers.

    With `diags`, a folder that is there but cannot be listed (a symlink loop, no
    permission, a file where the folder should be) is reported at its path.
    """
    # glob() passes over a folder it may not list: asked first, it is reported
    if (diags is not None and folder_unusable(folder, diags)) or not folder.is_dir():
        return []
    # .#a.md (Emacs), ._a.md (macOS on a USB stick), ~$a.md (Office) are not content.
    return sorted(p for p in folder.glob(pattern) if not p.name.startswith((".", "~$")))


def folder_unusable(folder: Path, diags: Diagnostics) -> bool:
    """Report a content folder that is there but cannot be listed; tell whether it was.

    glob() and is_dir() say nothing of a symlink loop or a folder without permission:
    they find no files, and the kind's pages would silently vanish.
    """
    if not os.path.lexists(folder):
        return False
    try:
        with os.scandir(folder):
            return False
    except OSError as error:
        diags.error(Location(folder), "folder.unreadable", reason=error.strerror or str(error))
        return True
