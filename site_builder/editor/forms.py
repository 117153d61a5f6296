"""What every form shares: its fields as the page shows them, and what a save produced.

A form module turns the posted fields into a `Draft`: the files it would write (each
with the snapshot it was based on) and how each file's lines map back to its fields.
saving.py checks the draft as `build` would and writes it, or says why not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from site_builder.content_edits import Snapshot
from site_builder.editor.facts import Facts
from site_builder.editor.requests import Request
from site_builder.editor.uploads import Held
from site_builder.ui_text import EDITOR

Values = dict[str, str | list[str]]
"""A form's fields as typed (a list for a group of ticked boxes)."""


@dataclass(slots=True)
class FieldView:
    """One field as the page shows it, with its label, value and errors."""

    name: str
    kind: str
    """text, textarea, markdown, date, datetime, time, number, select, checkbox, checks, file."""
    label: str
    value: str | list[str] = ""
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label) of a select or a group of boxes."""
    suggestions: tuple[str, ...] = ()
    """Values offered as the field is typed (a datalist); others may be typed too."""
    hint: str = ""
    errors: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    """Attributes the input carries besides (step, data-… for the page's script)."""
    picture: str = ""
    """The address of a picture the field already holds (a file field's, after a refusal)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a form is opened or saved with."""

    content: Path
    language: str
    facts: Facts
    today: dt.date
    held: Held
    """Pictures sent with a refused save, for the next try."""

    @property
    def words(self) -> dict[str, str]:
        """Return the editor's words in the site's language."""
        return EDITOR["en" if self.language == "en" else "zh-CN"]


@dataclass(frozen=True, slots=True)
class Change:
    """One file a save writes."""

    relative: str
    """Its path in content/, chosen by the program."""
    data: bytes
    """What it will hold."""
    expected: Snapshot
    """What it held when the form was opened (a missing file: it must still be missing)."""
    lines: range = range(0)
    """The lines the form wrote: an error on one of them goes next to its field."""
    fields: dict[str, str] = field(default_factory=dict)
    """YAML key → form field, where the two differ (earn → rule)."""
    body_from: int | None = None
    """The first line of a Markdown body: errors from there on go to the body field."""


@dataclass(frozen=True, slots=True)
class Draft:
    """What a save would write, and where to go once it has."""

    changes: tuple[Change, ...]
    done_url: Callable[[], str | None] = lambda: None
    """The preview page to show afterwards (asked after the rebuild), if there is one."""
    codes: dict[str, str] = field(default_factory=dict)
    """Message code → form field, for errors placed on a whole entry (points.overdrawn)."""
    shown_after: dict[str, str] = field(default_factory=dict)
    """What the form, opened again after the save, names in its query (the resident)."""


@dataclass(slots=True)
class Refusal:
    """Errors found in the fields before any file was made (a date that is no date)."""

    errors: dict[str, list[str]]


def split_list(text: str) -> list[str]:
    """Return the items of a typed list: parted by commas, 、, ；, or new lines."""
    return [item.strip() for item in re.split(r"[,，、;；\n]", text) if item.strip()]


def chosen(values: Mapping[str, str | list[str]], name: str) -> str:
    """Return a single field's text, stripped."""
    value = values.get(name, "")
    return (value[0] if value else "").strip() if isinstance(value, list) else value.strip()


def community_field(context: Context, values: Values) -> list[FieldView]:
    """Return the 社区 field: the communities site.yaml lists, after one for the whole site
    (no field when it lists none)."""
    communities = context.facts.communities
    if not communities:
        return []
    whole = ("", context.words["single_community"])
    choices = (whole, *((c.id, c.name) for c in communities))
    label = context.words["f_community"]
    return [FieldView("community", "select", label, chosen(values, "community"), choices=choices)]


def first_community(context: Context) -> Values:
    """Return a new entry's community as the form opens: the first site.yaml lists."""
    communities = context.facts.communities
    return {"community": communities[0].id} if communities else {}


def iso_date(text: str) -> dt.date | None:
    """Return the date an <input type=date> sent (YYYY-MM-DD), or None."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def base_of(snapshot: Snapshot) -> str:
    """Return what a form carries of the file it was opened on: its hash, or "new"."""
    return snapshot.sha256 if snapshot.exists else "new"


def opened_as(now: Snapshot, base: str) -> Snapshot:
    """Return the file as the form saw it, given the file as it is `now`: `now` if its hash
    is still `base`, else a snapshot that no longer matches (saving shows the conflict)."""
    if base == base_of(now):
        return now
    return Snapshot(b"", base, exists=base != "new")


def opened_on(context: Context, title: str, values: Values, relative: str) -> Opened:
    """Return a form opened on the file `relative` (its hash carried for conflicts)."""
    snapshot = Snapshot.of(context.content / relative)
    return Opened(title, values, {"base_path": relative, "base": base_of(snapshot)})


@dataclass(frozen=True, slots=True)
class Opened:
    """A form as it opens: its title, starting values and the hidden fields it carries."""

    title: str
    values: Values
    hidden: dict[str, str] = field(default_factory=dict)
    """What the form posts back unseen (the file it edits, the hash it was opened on)."""
    note: str = ""
    """A line under the title (the file being edited)."""


@dataclass(frozen=True, slots=True)
class Blocked:
    """A form that cannot open yet: what to do first, shown in place of its fields."""

    title: str
    text: str
    problems: tuple[str, ...] = ()
    """The site's errors in the file that blocks it, each with its line and its fix."""


def blocked_on(context: Context, title: str, relative: str) -> Blocked:
    """Return the form `title` blocked by the file `relative`, which the editor cannot read
    (no UTF-8 text, or YAML it cannot parse): the file's own errors say how to mend it."""
    words = context.words
    problems = tuple(
        words["error_line"].format(line=p.line, message=p.said(context.language))
        if p.line is not None
        else p.said(context.language)
        for p in context.facts.errors
        if p.relative == relative
    )
    return Blocked(title, words["unreadable_file"].format(path=relative), problems)


class Form(Protocol):
    """One form of the editor (story_form, entry_forms, points_form, wish_form)."""

    def open(self, context: Context, request: Request) -> Opened | Blocked | None:
        """Return the form as it opens for `request`, or why it cannot open yet (None: what
        it names does not exist)."""

    def fields(self, context: Context, values: Values, request: Request) -> list[FieldView]:
        """Return its fields, filled with `values`."""

    def draft(self, context: Context, request: Request) -> Draft | Refusal | None:
        """Return what saving the posted fields writes (None: what it names is gone)."""
