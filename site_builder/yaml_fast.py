"""The common YAML shapes read without libyaml: ledger lines and `key: value` front matter.

Each reader takes only lines whose meaning in YAML is beyond doubt and returns None at
the first other one, so the caller composes the text the ordinary way.
"""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.diagnostics import Location
from site_builder.yaml_values import Entry, Mapping, Scalar, Sequence, Value

_LINE = re.compile(r"(- |  )([A-Za-z_][A-Za-z0-9_-]*): (.*)$")


_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` \t＂＇")
"""A plain scalar may not start with these (or would mean something else in YAML), nor
with a full-width quote, which the composer warns about (slips.kept_quotes)."""


_SKIP = re.compile(r"\s*(#.*)?$")


_UNUSUAL = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Characters YAML reads as line breaks (NEL, LS, PS), refuses (controls, tabs here), or
drops (BOM): a text holding one is composed the ordinary way."""


def _plain(value: str) -> bool:
    """Tell whether `value`, written after `key: ` on one line, is plain text to YAML as it is.

    Not when it is empty, starts with an indicator (quote, flow, anchor, block scalar...),
    holds a `: ` (a mapping) or ` #` (a comment), or ends with `:`.
    """
    return (
        bool(value)
        and value[0] not in _INDICATORS
        and ": " not in value
        and " #" not in value
        and value[-1] != ":"
    )


def block_list(text: str, path: Path, line_offset: int = 0) -> Sequence | None:
    """Read the common ledger shape (`- key: value` / `  key: value`) without libyaml.

    Composing through PyYAML costs microseconds per scalar; a 100,000-line
    ledger needs a faster road. This one takes only lines whose meaning in
    YAML is beyond doubt and returns None at the first other line (quotes,
    flow style, nesting, a duplicate key...), so the caller composes the file
    the ordinary way and reports whatever needs reporting.
    """
    if _UNUSUAL.search(text):
        return None
    items: list[Mapping] = []
    entries: dict[str, Entry] = {}
    match_line = _LINE.match
    new = tuple.__new__  # Location(...) through its Python-level __new__ costs twice as much
    for number, line in enumerate(text.split("\n"), start=1 + line_offset):
        match = match_line(line)
        if match is None:
            if _SKIP.match(line):
                continue
            return None
        dash, key, value = match.groups()
        value = value.rstrip(" ")
        if not _plain(value):
            return None
        if dash == "- ":
            entries = {}
            items.append(Mapping(entries, Location(path, number, 3)))
        elif not items or key in entries:
            return None
        value_at = new(Location, (path, number, len(key) + 5))
        entries[key] = new(
            Entry, (new(Location, (path, number, 3)), new(Scalar, (value, value_at, True)))
        )
    if not items:
        return None
    return Sequence(tuple(items), Location(path, items[0].loc.line, 1))


_KEY_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,127}): +(.*?) *$")


_FLOW_ITEM = (
    r" *[^\s\-?:,\[\]{}#&*!|>'\"%@`＂＇，、](?:[^,\[\]{}#:'\"，、]*[^\s,\[\]{}#:'\"，、])? *"
)


_FLOW_LIST = re.compile(rf"\[(?:{_FLOW_ITEM}(?:,{_FLOW_ITEM})*| *)\]")
"""A one-line flow list of plain items that no YAML indicator starts or ends, and that
hold no full-width comma (one item to YAML, which the composer warns about)."""


def flat_mapping(text: str, path: Path, line_offset: int = 0) -> Mapping | None:
    """Read the common front matter shape (`key: value`, `tags: [a, b]`) without libyaml.

    Front matter is a story's title, date, category and tags on a line each, and
    composing it through PyYAML cost more than a tenth of a story's whole load.
    Like block_list, this takes only lines whose meaning in YAML is beyond doubt
    and returns None at the first other one (quotes, nesting, a comment after a
    value, a key written twice...): the caller composes the text the ordinary way.
    """
    if _UNUSUAL.search(text):
        return None
    entries: dict[str, Entry] = {}
    start: Location | None = None
    new = tuple.__new__  # as in block_list
    for number, line in enumerate(text.split("\n"), start=1 + line_offset):
        match = _KEY_VALUE.match(line)
        if match is None:
            if _SKIP.match(line):
                continue
            return None
        key, value = match.groups()
        column = match.start(2) + 1
        if key in entries or not value:
            return None
        found: Value | None
        if value[0] == "[":
            found = _flow_list(value, path, number, column)
        elif not _plain(value):
            return None
        else:
            found = new(Scalar, (value, new(Location, (path, number, column)), True))
        if found is None:
            return None
        key_at = new(Location, (path, number, 1))
        entries[key] = new(Entry, (key_at, found))
        start = start or key_at
    return Mapping(entries, start) if start is not None else None


def _flow_list(value: str, path: Path, number: int, column: int) -> Sequence | None:
    """Read `[a, b, c]` written on one line at `column`, or None if anything is unusual."""
    if _FLOW_LIST.fullmatch(value) is None:
        return None
    items: list[Value] = []
    new = tuple.__new__  # as in block_list
    offset = column + 1  # the column of the character after `[`
    for part in value[1:-1].split(","):
        item = part.strip(" ")
        if item:
            at = new(Location, (path, number, offset + len(part) - len(part.lstrip(" "))))
            items.append(new(Scalar, (item, at, True)))
        offset += len(part) + 1
    return Sequence(tuple(items), Location(path, number, column))
