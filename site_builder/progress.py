"""Progress on long builds, on a terminal only: one line, rewritten in place."""

from __future__ import annotations

import sys
from typing import TextIO

from site_builder.messages import message_text

EVERY = 200
"""Pages between updates: often enough to see it move, rarely enough to cost nothing."""


class Progress:
    """Say which stage a build is in, and how far page writing has got."""

    def __init__(self, language: str, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.language = language
        self.enabled = enabled and self.stream.isatty()
        self.shown = False

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

    def finish(self) -> None:
        """Clear the progress line before the summary is printed."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


QUIET = Progress("zh-CN", enabled=False)
"""A progress that never shows anything (tests, --quiet, library use)."""
