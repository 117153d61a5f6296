"""The located values a YAML text is composed into: Scalar, Mapping, Sequence.

Every value keeps the text as typed and where it was written (its Location), so a
field's schema decides what it means and every problem names its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Union

from site_builder.diagnostics import Location

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


class Scalar(NamedTuple):
    """A YAML scalar, kept as the text that was typed (a tuple: there are many of them)."""

    text: str
    """The characters as written, without the quotes."""
    loc: Location
    """Where the value starts."""
    plain: bool
    """True when written without quotes (so `~` or an empty value means "nothing")."""

    @property
    def is_null(self) -> bool:
        """Tell whether this scalar means "no value" (empty, `~` or `null`, unquoted)."""
        return self.plain and self.text in NULL_WORDS


class Entry(NamedTuple):
    """One `key: value` pair of a mapping."""

    key_loc: Location
    """Where the key is written."""
    value: Value
    """The value, which may be a null Scalar."""


@dataclass(frozen=True, slots=True)
class Mapping:
    """A YAML mapping, its keys in the order written."""

    entries: dict[str, Entry]
    """Key text to entry."""
    loc: Location
    """Where the mapping starts."""


@dataclass(frozen=True, slots=True)
class Sequence:
    """A YAML list."""

    items: tuple[Value, ...]
    """The items in order."""
    loc: Location
    """Where the list starts."""


Value = Union[Scalar, Mapping, Sequence]  # noqa: UP007 - a runtime alias needs Union here


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A Markdown file split into its YAML header and its body."""

    header: Value
    """The composed front matter."""
    body: str
    """The Markdown below the closing `---`."""
    body_line: int
    """1-based line number in the file where the body starts."""
