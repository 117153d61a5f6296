"""How much YAML one text may hold: values counted and nesting measured before composing.

A cheap bound is tried first; the parser's events (nothing built) are read only when
the bound says the text could be over the limit, and they locate the value past it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from site_builder.diagnostics import Diagnostics, Location
from site_builder.yaml_composer import MAX_YAML_DEPTH, Loader

MAX_YAML_VALUES = 1_500_000
"""Values (scalars, lists, mappings) one YAML file may hold: a year's ledger of 100,000
lines holds 400,000 (and its cheap bound, 1.4 million, spares it the count). A 16 MB
`[a,a,a,…]` holds 8 million and took 2.5 GB to build."""


MAX_FRONT_MATTER_VALUES = 10_000
"""Values a story's or notice's front matter may hold: it has a dozen fields."""


_VALUE_STARTS = ("\n", ",", ": ", ":\n", "- ", "-\n", "[", "{", "? ")


def values_at_most(text: str) -> int:
    """Return a cheap upper bound of the values in `text`.

    Every value but the first starts after one of _VALUE_STARTS, and a list or
    mapping starts where its first item does, so at most two values start at each.
    """
    return 2 * (1 + sum(text.count(start) for start in _VALUE_STARTS))


def event_at(event: yaml.Event, path: Path, line_offset: int) -> Location:
    """Return where a parser event starts, in the file's own lines."""
    mark = event.start_mark
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1 + line_offset, mark.column + 1)


def value_over(text: str, limit: int, path: Path, line_offset: int) -> Location | None:
    """Return where the value past `limit` starts, reading events (nothing is built), or None."""
    seen = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.NodeEvent) and not isinstance(event, yaml.AliasEvent):
                seen += 1
                if seen > limit:
                    return event_at(event, path, line_offset)
    except yaml.YAMLError:
        return None  # composing reports it, at its line
    return None


def too_deep(text: str, path: Path, diags: Diagnostics, line_offset: int) -> bool:
    """Report nesting deeper than MAX_YAML_DEPTH before composing, from the parser's events.

    libyaml composes recursively in C: 30,000 nested `[` or `- ` overflow its stack
    and kill the process, so the depth must be known before composing. Reading the
    events costs almost as much as composing, so it is done only when a cheap bound
    (brackets, plus twice the indentation and indicators of the busiest line) says
    the text could nest that deep at all.
    """
    bound = text.count("[") + text.count("{") + 2 * max(map(_line_depth, text.split("\n")))
    if bound <= MAX_YAML_DEPTH:
        return False
    at = _first_too_deep(text, path, line_offset)
    if at is None:
        return False
    diags.error(at, "yaml.too_deep", limit=MAX_YAML_DEPTH)
    return True


def _first_too_deep(text: str, path: Path, line_offset: int, again: bool = True) -> Location | None:
    """Return where the first collection deeper than MAX_YAML_DEPTH opens, or None.

    The scanner reads ahead of the events it hands out: a `[` might begin a key,
    which is settled only up to 1,024 characters on. A libyaml with a nesting limit
    of its own (1,000 levels in the one PyYAML 6.0.4 bundles) refuses `[[[[…` within
    that reach before the first of its events comes out, so its refusal is not the
    end of the story: the text up to where it stopped is read again (`again`), and
    the levels before the refusal come out as events. Any other error is composing's
    to report, with its line.
    """
    depth = -1  # the top-level collection is level 0, as in Composer
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return event_at(event, path, line_offset)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        stop = exc.problem_mark
        cut = _offset(text, stop.line, stop.column) if again and stop is not None else 0
        if 0 < cut < len(text):
            return _first_too_deep(text[:cut], path, line_offset, again=False)
        return None
    except yaml.YAMLError:
        return None
    return None


def _offset(text: str, line: int, column: int) -> int:
    """Return the index in `text` of a 0-based line and column."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return start + column


def _line_depth(line: str) -> int:
    """Return how many block collections could open on `line`: its indent and indicators."""
    indicators = line.count("- ") + line.count("? ") + line.count(": ")
    return len(line) - len(line.lstrip(" ")) + indicators + line.endswith(("-", ":")) + 1
