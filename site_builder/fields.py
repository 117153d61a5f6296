"""Read typed fields out of a YAML mapping, reporting each mistake at its line.

A `Record` wraps one mapping (a story's front matter, an event, a ledger line).
Each accessor returns the typed value, or None after recording an error, so a
kind's loader reads every field and every mistake is reported in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import heapq
import re
from collections.abc import Iterable
from collections.abc import Sequence as Many

from site_builder.diagnostics import Diagnostic, Diagnostics, Location
from site_builder.yaml_values import NULL_WORDS, Entry, Mapping, Scalar, Sequence, Value

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_TRUE = frozenset({"true", "yes", "on", "是"})
_FALSE = frozenset({"false", "no", "off", "否"})
_LIST_SPLIT = re.compile(r"\s*[,，、]\s*")
FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a date may name: a community's history to its far future. 1949 is content (a
commemoration); year 1 or 9999 is a typo, and dates near the calendar's ends overflow."""
MAX_DIGITS = 7
"""Digits in a whole number (points, a cost): ten million points is no one's good deed."""
MOST_CHARS = 200
"""Characters in a one-line value (a title, a name, a place): a long paragraph is not one."""
MOST_CHARS_BY_KEY = {
    "description": 20000,  # Markdown: a page of prose (the Markdown checks see anything shorter)
    "citation": 2000,
    "summary": 1000,
    "note": 1000,
    "wish": 1000,
    "repeat": 20000,  # an RRULE: its own checks say what is wrong with it
    "points": 20000,  # numbers: their own checks say "too many digits"
    "points_per_hour": 20000,
    "cost": 20000,
    "hours": 20000,
}
"""The fields that hold prose, and their bound (a story's body has its own, in markup)."""
MOST_ITEMS = 100
"""Items in one list (tags, people, slides)."""
SHOWN = 24
"""Characters of an over-long value quoted back in a message (the rest is elided)."""
CHINESE_KEYS = {
    "标题": "title",
    "日期": "date",
    "时间": "date",
    "分类": "category",
    "类别": "category",
    "人物": "people",
    "主人公": "people",
    "楼栋": "building",
    "小区": "community",
    "标签": "tags",
    "封面": "cover",
    "摘要": "summary",
    "简介": "summary",
    "发布": "publish",
    "发布日期": "publish",
    "草稿": "draft",
    "网址": "slug",
    "语言": "language",
    "时区": "timezone",
    "网址前缀": "base_url",
    "隐私": "privacy",
}
"""Keys volunteers type in Chinese, for the did-you-mean hint."""


class Record:
    """Typed, located access to one mapping; unknown keys are reported by `finish()`."""

    missing_required: dict[str, Diagnostic] | None = None
    """Each required key found missing, and the error that said so (see `finish`); set on
    the record only then (a ledger makes a hundred thousand records)."""

    def __init__(self, value: Value | None, where: Location, diags: Diagnostics) -> None:
        self.where = where
        self.diags = diags
        self.valid = value is None or isinstance(value, Mapping)
        """False when the value was not a mapping (already reported): stay quiet after that."""
        self.fields: dict[str, Entry] = {}
        """The mapping's entries (key location and value) by key."""
        if isinstance(value, Mapping):
            self.fields = value.entries
            self.where = value.loc
        elif value is not None:
            diags.error(value.loc, "record.not_mapping")

    @property
    def entries(self) -> dict[str, Value]:
        """Return the values by key."""
        return {key: entry.value for key, entry in self.fields.items()}

    def loc(self, key: str) -> Location:
        """Return where `key`'s value is written, or where the record starts if it is absent."""
        entry = self.fields.get(key)
        if entry is None:
            return self.where
        value = entry.value
        if not (isinstance(value, Scalar) and value.is_null):
            return value.loc
        return entry.key_loc

    def has(self, key: str) -> bool:
        """Tell whether `key` is present with a value."""
        entry = self.fields.get(key)
        value = entry.value if entry is not None else None
        return value is not None and not (isinstance(value, Scalar) and value.is_null)

    def _scalar(self, key: str, required: bool) -> Scalar | None:
        entry = self.fields.get(key)
        if entry is None and not required:
            return None
        value = entry.value if entry is not None else None
        if type(value) is Scalar and value.text not in NULL_WORDS:
            return value  # the common case, first: ledgers read this a million times
        if value is None or (isinstance(value, Scalar) and value.is_null):
            if required and self.valid and value is None:
                self.missing(key)
            elif required and self.valid:
                self.diags.error(self.loc(key), "field.empty", key=key)
            return None
        if not isinstance(value, Scalar):
            self.diags.error(value.loc, "field.not_text", key=key)
            return None
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        """Return the value exactly as written (surrounding spaces trimmed)."""
        scalar = self._scalar(key, required)
        if scalar is None:
            return None
        text = scalar.text.strip()
        if not text:
            if required:
                self.diags.error(scalar.loc, "field.empty", key=key)
            return None
        if len(text) > MOST_CHARS and len(text) > MOST_CHARS_BY_KEY.get(key, MOST_CHARS):
            most = MOST_CHARS_BY_KEY.get(key, MOST_CHARS)
            self.diags.error(
                scalar.loc,
                "field.too_long",
                key=key,
                value=shorten(text),
                length=len(text),
                most=most,
            )
            return None
        return text

    def date(self, key: str, required: bool = False) -> dt.date | None:
        """Return a calendar date written as 2025-05-20 (also 2025/5/20 or 2025年5月20日)."""
        scalar = self._scalar(key, required)
        if scalar is None:
            return None
        return parse_date(scalar.text.strip(), key, scalar.loc, self.diags)

    def boolean(self, key: str, default: bool = False) -> bool:
        """Return a yes/no flag: true/false (yes/no, 是/否 are accepted too)."""
        scalar = self._scalar(key, required=False)
        if scalar is None:
            return default
        word = scalar.text.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        self.diags.error(scalar.loc, "field.not_bool", key=key, value=scalar.text)
        return default

    def texts(self, key: str) -> tuple[str, ...]:
        """Return a list of short texts: `[a, b]`, a block list, or one line split at commas."""
        entry = self.fields.get(key)
        value = entry.value if entry is not None else None
        if value is None or (isinstance(value, Scalar) and value.is_null):
            return ()
        if isinstance(value, Scalar):
            parts: Iterable[str] = _LIST_SPLIT.split(value.text.strip())
        elif isinstance(value, Sequence):
            parts = []
            for item in value.items:
                if isinstance(item, Scalar):
                    parts.append(item.text.strip())
                else:
                    self.diags.error(item.loc, "field.list_of_text", key=key)
        else:
            self.diags.error(value.loc, "field.list_of_text", key=key)
            return ()
        items = tuple(dict.fromkeys(p for p in parts if p))
        if len(items) > MOST_ITEMS:
            self.diags.error(
                value.loc, "field.too_many_items", key=key, count=len(items), most=MOST_ITEMS
            )
            return items[:MOST_ITEMS]
        for text in items:
            if len(text) > MOST_CHARS:
                shown, length = shorten(text), len(text)
                code = "field.too_long"
                self.diags.error(
                    value.loc, code, key=key, value=shown, length=length, most=MOST_CHARS
                )
                return ()
        return items

    def missing(self, key: str, code: str = "field.required", **params: object) -> None:
        """Report that the required `key` is not there (unless `finish` finds it misspelled);
        `code` and `params` say so in a kind's own words."""
        self.diags.error(self.loc(key), code, **(params or {"key": key}))
        if self.missing_required is None:
            self.missing_required = {}
        self.missing_required[key] = self.diags.items[-1]

    def finish(self, known: Iterable[str]) -> None:
        """Report every key this record has that its kind does not know, with a suggestion.

        A misspelled required key (`titel:` for `title:`) is one mistake, reported once:
        its own error says the required field is missing for that reason, and the
        "missing" error reported when the field was read is taken back.
        """
        known = list(known)
        for key, entry in self.fields.items():
            if key in known:
                continue
            loc = entry.key_loc
            guess = did_you_mean(key, known, 0.6)
            if not guess and CHINESE_KEYS.get(key) in known:
                guess = [CHINESE_KEYS[key]]
            if guess and self.missing_required and guess[0] in self.missing_required:
                self._take_back(self.missing_required[guess[0]])
                self.diags.error(loc, "field.misspelled_required", key=key, guess=guess[0])
            elif guess:
                self.diags.error(loc, "field.unknown_guess", key=key, guess=guess[0])
            else:
                self.diags.error(loc, "field.unknown", key=key, known=", ".join(known))

    def _take_back(self, reported: Diagnostic) -> None:
        """Remove one diagnostic this record reported (the newest first: it is near the end)."""
        items = self.diags.items
        for index in range(len(items) - 1, -1, -1):
            if items[index] is reported:
                del items[index]
                return


GUESS_CANDIDATES = 200
"""Did-you-mean compares a wrong value with at most this many known ones, nearest in length."""
GUESS_LENGTH = 64
"""A wrong value longer than this is not a typo of a short id: no guess is looked for."""


def did_you_mean(value: str, known: Many[str], cutoff: float) -> list[str]:
    """Return the known value closest to `value` (a one-item list), or none.

    A typo keeps a name's length within a few characters, so only the
    GUESS_CANDIDATES known values nearest in length are compared, each at a
    bounded cost: a ledger of 50,000 unknown ids against 50,000 residents once
    took hours. Callers with many wrong values cache the answer per value.
    """
    if len(value) > GUESS_LENGTH or not known:
        return []
    if len(known) > GUESS_CANDIDATES:
        known = heapq.nsmallest(GUESS_CANDIDATES, known, key=lambda k: abs(len(k) - len(value)))
    return difflib.get_close_matches(value, known, n=1, cutoff=cutoff)


def parse_date(text: str, key: str, loc: Location, diags: Diagnostics) -> dt.date | None:
    """Parse a date a volunteer typed; report a malformed or impossible one."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:  # the usual 2025-05-20, read by C code: ledgers hold a hundred thousand
            written = dt.date.fromisoformat(text)
        except ValueError:
            pass  # 2025-02-30 and friends: the slow road says what is wrong
        else:
            if FIRST_YEAR <= written.year <= LAST_YEAR:
                return written
    match = _DATE.match(text)
    if not match:
        diags.error(loc, "field.bad_date", key=key, value=text)
        return None
    year, month, day = (int(g) for g in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        diags.error(loc, "field.year_range", key=key, value=text, first=FIRST_YEAR, last=LAST_YEAR)
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        diags.error(loc, "field.impossible_date", key=key, value=text)
        return None


def shorten(text: str) -> str:
    """Return `text` to quote in a message: an over-long value keeps only its start."""
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"
