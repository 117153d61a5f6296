"""Progress on long builds and uploads, on a terminal only: one line, rewritten in place."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from site_builder.messages import message_text

EVERY = 200
"""Pages between updates: often enough to see it move, rarely enough to cost nothing."""
BAR = 24
"""Characters in an upload's bar."""
REDRAW = 0.1
"""Seconds between redraws of an upload's line."""


class Progress:
    """Say which stage a build is in, and how far page writing or uploading has got."""

    def __init__(self, language: str, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.language = language
        self.enabled = enabled and self.stream.isatty()
        self.shown = False
        self.drawn = 0.0

    def stage(self, code: str, **params: object) -> None:
        """Show the current stage (a catalogue code), replacing the previous line."""
        if self.enabled:
            text = message_text(code, self.language, {k: str(v) for k, v in params.items()})
            self.stream.write("\r\x1b[K" + text)
            self.stream.flush()
            self.shown = True

    def pages(self, done: int, total: int) -> None:
        """Show page writing progress now and then."""
        if done == total or done % EVERY == 0:
            self.stage("progress.pages", done=done, total=total)

    def transfer(self, done: int, total: int, sent: int, size: int) -> None:
        """Show an upload's files and bytes, with a bar, at most ten times a second."""
        now = time.monotonic()
        if not self.enabled or (done < total and now - self.drawn < REDRAW):
            return
        self.drawn = now
        filled = BAR * sent // size if size else BAR
        bar = "[" + "#" * filled + "-" * (BAR - filled) + "]"
        params = {"bar": bar, "done": done, "total": total}
        self.stage("progress.upload", **params, sent=human_size(sent), size=human_size(size))

    def finish(self) -> None:
        """Clear the progress line before the summary is printed."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def human_size(count: int) -> str:
    """Return a byte count as people read it: 512 B, 3.4 KB, 12.0 MB."""
    size = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{count} B" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{count} B"  # pragma: no cover - the loop always returns


QUIET = Progress("zh-CN", enabled=False)
"""A progress that never shows anything (tests, --quiet, library use)."""
