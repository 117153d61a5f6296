"""What a volunteer's terminal brings: Windows paths, consoles that cannot show every character."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

_WINDOWS_ONLY = re.compile(r"^(?:[A-Za-z]:|\\\\|//[^/])")
"""A drive letter (D:, D:\\, D:/) or a network share (\\\\server): paths only Windows has."""


def tolerate_narrow_consoles() -> None:
    """Let stdout print what its encoding cannot show as `?`, never fail on it (stderr never does).

    A Windows console or pipe in GBK cannot encode every character a story may hold
    (a rare name, an emoji), and Python's default is to raise there: an error
    message about one file would become a traceback about the terminal.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")


def foreign_path(written: str) -> str | None:
    """Return a message code when `written` is a path only Windows has, and this is not Windows."""
    if os.name != "nt" and _WINDOWS_ONLY.match(written):
        return "usage.windows_path"
    return None


def usable_path(written: str) -> Path:
    """Return the path the volunteer meant by `written`.

    Where backslashes are not separators, `content\\stories` written as on Windows
    means content/stories; and in Windows' cmd, "D:\\网站\\" hands over `D:\\网站"`, the
    quote kept. Either is read the way it was meant when the path as written does not exist.
    """
    path = Path(written)
    if path.exists():
        return path
    meant = written.rstrip('"')
    if os.sep == "/":
        meant = meant.replace("\\", "/")
    return Path(meant) if meant else path
