"""Problems found in content: location as data, formatted in one place.

Every check in the pipeline reports into one `Diagnostics` collector and goes
on, so a volunteer sees every mistake of the whole content tree in one run.
Messages are stored as a catalogue code plus parameters and only turned into
words, in the site's language, by `format_diagnostic`. They are listed in the
order a person should read them: see `reading_order`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from site_builder.messages import message_hint, message_text

Severity = Literal["error", "warning", "note"]


class Location(NamedTuple):
    """Where something was written: a file, and a 1-based line and column if known.

    A named tuple rather than a dataclass: a big ledger makes hundreds of
    thousands of these, and a tuple is several times cheaper to create.
    """

    path: Path
    """The file, as found on disk."""
    line: int | None = None
    """1-based line number, or None when the problem is about the whole file."""
    column: int | None = None
    """1-based column number, or None."""

    def sort_key(self) -> tuple[str, int, int]:
        """Return a key that orders locations by file, then line, then column."""
        return (str(self.path), self.line or 0, self.column or 0)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: where it is, what is wrong (a catalogue code) and its parameters."""

    location: Location
    """The file, line and column the volunteer should look at."""
    code: str
    """Key into the message catalogue (site_builder.messages)."""
    params: tuple[tuple[str, str], ...] = ()
    """Values filled into the message and hint templates."""
    severity: Severity = "error"
    """Errors stop the build; warnings are printed and the build goes on; a note explains
    what an error elsewhere did to this place (it is listed after that error, not counted)."""


@dataclass(slots=True)
class Diagnostics:
    """Collects every problem found during one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, code: str, **params: object) -> None:
        """Record an error; the build will stop after all checks have run."""
        self._add(location, code, params, "error")

    def warning(self, location: Location, code: str, **params: object) -> None:
        """Record a warning; the build goes on."""
        self._add(location, code, params, "warning")

    def note(self, location: Location, code: str, **params: object) -> None:
        """Record a note: what an error reported elsewhere means here (not counted)."""
        self._add(location, code, params, "note")

    def _add(self, location: Location, code: str, params: dict[str, object], sev: Severity) -> None:
        frozen = tuple((k, str(v)) for k, v in params.items())
        self.items.append(Diagnostic(location, code, frozen, sev))

    @property
    def errors(self) -> list[Diagnostic]:
        """Return the errors, in reading order."""
        return sorted((d for d in self.items if d.severity == "error"), key=reading_order)

    @property
    def warnings(self) -> list[Diagnostic]:
        """Return the warnings, in reading order."""
        return sorted((d for d in self.items if d.severity == "warning"), key=reading_order)

    @property
    def errors_and_notes(self) -> list[Diagnostic]:
        """Return the errors, and the notes on their effects elsewhere, in reading order."""
        return sorted((d for d in self.items if d.severity != "warning"), key=reading_order)

    @property
    def has_errors(self) -> bool:
        """Tell whether any error was recorded."""
        return any(d.severity == "error" for d in self.items)


FIRST_STAGES: dict[tuple[str, ...], int] = {
    ("site.yaml",): 0,
    ("site.yml",): 0,
    ("stories",): 1,
    ("points", "rules.yaml"): 2,
    ("points", "rules.yml"): 2,
    ("points", "residents.yaml"): 2,
    ("points", "residents.yml"): 2,
}
"""The files others depend on, by the end of their path, and their stage; the rest come after."""
OTHER_FILES = 3
"""The stage of every other file: events, the ledger, notices, honor rolls, buildings, wishes."""
CONSEQUENCES = frozenset({"honor.story_broken", "story.link_broken"})
"""Codes that are only the effect of a mistake in another file (a linked story that did
not load): listed after every file's own mistakes."""


def reading_order(diagnostic: Diagnostic) -> tuple[int, str, int, int]:
    """Return the key that lists problems in the order a person should read them.

    A mistake in one file can make others fail (a broken site.yaml, a story an
    honor roll links), so the files others depend on come first, in the order
    the content is loaded:

    0. site.yaml: every file reads its communities and language;
    1. stories/*.md: notices, honor rolls and other stories link them;
    2. points/rules.yaml and points/residents.yaml: the ledger names their ids;
    3. every other file (events, the ledger, notices, honors, buildings, wishes);
    4. whatever file it is in, a problem that may only be the effect of another
       file's mistake (CONSEQUENCES): after all the causes.

    Within a stage: by file path, then line, then column. Problems at the same place
    keep the order they were found in (the sort is stable, and loading is deterministic),
    so the same content always gives the same list.
    """
    location = diagnostic.location
    path = str(location.path)
    stage = OTHER_FILES + 1 if diagnostic.code in CONSEQUENCES else _file_stage(path)
    return (stage, path, location.line or 0, location.column or 0)


def _file_stage(path: str) -> int:
    """Return the stage of a content file, from the names at the end of its path."""
    name, folder = os.path.basename(path), os.path.basename(os.path.dirname(path))
    if folder in ("stories", "points", "ledger", "events", "notices", "honors"):
        return FIRST_STAGES.get((folder,), FIRST_STAGES.get((folder, name), OTHER_FILES))
    return FIRST_STAGES.get((name,), OTHER_FILES)


class ContentErrors(Exception):
    """Raised to stop a build once every check has run and errors were found."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__(f"{len(diagnostics.errors)} content error(s)")
        self.diagnostics = diagnostics


def display_path(path: Path) -> str:
    """Return `path` relative to the working folder when it lies below it, with / separators."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()


def source_line(location: Location) -> str | None:
    """Return the text of the line a location points at, for showing under the message."""
    if location.line is None:
        return None
    try:
        text = location.path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.splitlines()
    if 0 < location.line <= len(lines):
        return lines[location.line - 1].rstrip()
    return None


SECRET_CODES = frozenset({"publish.config_secret", "publish.password_in_url"})
"""Messages about a line that holds a credential: the line is never shown under them."""
QUOTE_WIDTH = 120
"""The most characters of a source line shown under a message; a longer line is cut around
the column, so 20,000 `[` on one line do not bury the message and its hint."""


def quoted(line: str, column: int | None, width: int = QUOTE_WIDTH) -> str:
    """Return a source line as shown under a message: without its indent, cut to `width`.

    A longer line keeps the `width` characters around `column` (1-based, in the line
    as written), with “…” where it was cut.
    """
    text = line.strip(" \t")  # not str.strip(): a full-width space may be the mistake shown
    if len(text) <= width:
        return text
    at = (column or 1) - 1 - (len(line) - len(line.lstrip(" \t")))  # the column, in `text`
    start = min(max(at - width // 2, 0), len(text) - width)
    end = start + width
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def format_diagnostic(diagnostic: Diagnostic, language: str) -> str:
    """Format one diagnostic compiler-style: `path:line:col: 错误: message`, the line, a hint."""
    loc = diagnostic.location
    where = display_path(loc.path)
    if loc.line is not None:
        where += f":{loc.line}"
        if loc.column is not None:
            where += f":{loc.column}"
    params = dict(diagnostic.params)
    label = message_text("label." + diagnostic.severity, language)
    text = message_text(diagnostic.code, language, params)
    hint = message_hint(diagnostic.code, language, params)
    lines = [f"{where}: {label}: {text}"]
    line = source_line(loc) if diagnostic.code not in SECRET_CODES else None
    if line and line.strip():
        lines.append("    " + quoted(line, loc.column))
    if hint:
        lines.append(f"  {message_text('label.hint', language)}: {hint}")
    return "\n".join(lines)


def format_report(diagnostics: Diagnostics, language: str, checking: bool = False) -> str:
    """Format all warnings and errors, then the closing count line (build or check wording)."""
    listed = diagnostics.warnings + diagnostics.errors_and_notes
    blocks = [format_diagnostic(d, language) for d in listed]
    count = len(diagnostics.errors)
    if count:
        closing = "summary.check_failed" if checking else "summary.failed"
        blocks.append(message_text(closing, language, {"count": str(count)}))
    return "\n".join(blocks)
