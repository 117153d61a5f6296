"""Slips a Chinese input method makes in YAML, found on the raw line and named for what they are.

With the input method on, a volunteer types `：` for `:`, `　` for a space, `“…”` for
quotes, `－` for a list's `-` and `，` between list items. YAML refuses most of these
somewhere after the slip (often on the next line, in English); a few it takes silently
and reads as something else. sources.py asks here only off the happy path: when libyaml
refused a text (`at_error`: the lines around where it stopped), and for the few
composed values that could hide a silent slip (a text where a mapping was meant, a
key with a full-width space, a multi-line text, a list item holding a `，`). Each slip
comes with the line as it should be typed, for the hint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple, Union


class Slip(NamedTuple):
    """One slip: where it is (0-based line and column in the YAML text) and its message."""

    line: int
    """0-based line in the YAML text (the caller adds the front-matter offset)."""
    column: int
    """0-based column of the slipped character."""
    code: str
    """The message's code in site_builder.messages."""
    params: dict[str, str]
    """The message's parameters: the fixed line, the character, the item..."""
    repaired: str
    """The whole line as it should have been typed, its indent kept."""


_INDENT = re.compile(r" *\u3000")
_DASH = re.compile(r"( *)([－—–])[ \u3000]+(.*?) *$")  # the DASHES below
_KEY = r"( *(?:- +)?)([A-Za-z_][A-Za-z0-9_-]*)"
"""A key as the schemas spell them (ASCII), after its indent and a list's `- `."""
_JUNCTION = re.compile(_KEY + r"([ \u3000]*)([:：])([ \u3000]*)(.*?) *$")
_QUOTED = re.compile(_KEY + r": +([“‘＂＇])(.*?) *$")
_CLOSING = {"“": "”", "‘": "’", "＂": "＂", "＇": "＇"}
_COMMAS = re.compile(r" *[，、] *")
_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "tel", "sms"})
"""`tel:13800000000` is a link, not a key without its space."""
FULLWIDTH_COMMAS = "，、"
"""Commas a Chinese input method types between list items (fields.texts splits a line at them)."""
DASHES = "－—–"
"""Dashes typed for a list's `-`: full-width, em and en."""
ODD_KEY_START = "\u3000" + DASHES
"""A key starting with one of these is a slip (an indent or a list dash, typed full-width)."""
QUOTES = "“‘＂＇"
"""Quotes that do not quote in YAML."""


Stop = tuple[int, int, Union[int, None]]  # noqa: UP007 - a runtime alias needs Union here
"""Where YAML stopped: 0-based line and column, and the line of what it was reading, if known."""
MAX_SLIPS = 20
"""The most slips named in one file (each costs a reading of the file)."""


def at_error(
    lines: list[str], stop: Stop, stop_of: Callable[[list[str]], Stop | None]
) -> list[Slip]:
    """Return the slips that made YAML stop at `stop`; `stop_of` reads lines as YAML does.

    YAML names where it gave up, often the line after a slip, and a run of slipped
    lines it took for one text (`title:好` `date:2025-05-20` …) ends only at a good
    `summary: ` line below. So the slips near the stop are repaired one at a time,
    each moving the stop, until YAML reads through or gets past where it first
    stopped: those slips are returned, each to be named on its own line. A slip-like
    line whose repair takes YAML no further (`Tel:138` in a block of text above a
    wrong indent) is not returned, and YAML's own message stands.
    """
    first = stop[:2]
    found: list[Slip] = []
    named = 0
    now: Stop | None = stop
    while now is not None and len(found) < MAX_SLIPS:
        slip, lines, now = _repair_next(lines, now, stop_of)
        if slip is None:
            break
        found.append(slip)
        if now is None or now[:2] > first:
            named = len(found)
    return found[:named]


def _repair_next(
    lines: list[str], stop: Stop, stop_of: Callable[[list[str]], Stop | None]
) -> tuple[Slip | None, list[str], Stop | None]:
    """Return the slip near `stop` whose repair moves it, the repaired lines and the new stop."""
    for slip in near_error(lines, *stop):
        repaired = [*lines[: slip.line], slip.repaired, *lines[slip.line + 1 :]]
        moved = stop_of(repaired)
        if moved is None or moved[:2] != stop[:2]:
            return slip, repaired, moved
    return None, lines, stop


def near_error(
    lines: list[str], line: int, column: int, context_line: int | None
) -> Iterator[Slip]:
    """Yield the slips that may have made YAML stop at (`line`, `column`), nearest first.

    YAML names the place where it gave up, which for a slip is often the next line:
    look at the line of its context (the key it was reading), then at the problem's
    line and up to three lines above it. Only slips that can break YAML are looked
    for; at_error keeps the one whose repair moves YAML on.
    """
    last = min(line, len(lines) - 1)
    near = range(last, max(last - 4, -1), -1)
    order = [context_line] if context_line is not None and context_line in near else []
    for index in dict.fromkeys([*order, *near]):
        slip = breaking(lines[index], index, quotes=index == line and column > 0)
        if slip is not None:
            yield slip


def breaking(text: str, index: int, quotes: bool = True) -> Slip | None:
    """Return a slip on line `index` (`text`) that can break YAML: in an indent, a dash, a key.

    `quotes`: also a `: ` inside full-width quotes (only on the line where YAML stopped).
    """
    found = _INDENT.match(text)
    if found:
        indent = len(text) - len(text.lstrip(" \u3000"))
        repaired = text[:indent].replace("\u3000", "  ") + text[indent:]
        return Slip(index, found.end() - 1, "yaml.fullwidth_indent", {}, repaired)
    return (
        dash(text, index)
        or junction(text, index)
        or (quoted(text, index, ": ") if quotes else None)
        or _braced_comma(text, index)
    )


def dash(text: str, index: int) -> Slip | None:
    """Return a list item begun with a full-width or typographic dash (`－ 助老`)."""
    found = _DASH.match(text)
    if found is None:
        return None
    fixed = f"- {found.group(3)}"
    params = {"fixed": fixed, "char": found.group(2)}
    return Slip(index, len(found.group(1)), "yaml.fullwidth_dash", params, found.group(1) + fixed)


def junction(text: str, index: int) -> Slip | None:
    """Return a slip between a key and its value: `：`, a full-width space, no space after `:`."""
    found = _JUNCTION.match(text)
    if found is None:
        return None
    lead, key, before, colon, after, value = found.groups()
    repaired = f"{lead}{key}: {value}".rstrip(" ")
    fixed = {"fixed": repaired.lstrip(" ")}
    if colon == "：":
        return Slip(index, found.start(4), "yaml.fullwidth_colon", fixed, repaired)
    if "\u3000" in before:
        column = found.start(3) + before.index("\u3000")
        return Slip(index, column, "yaml.fullwidth_space", fixed, repaired)
    if after.startswith("\u3000"):
        return Slip(index, found.start(5), "yaml.fullwidth_space", fixed, repaired)
    if not after and value and not value.startswith("//") and key.lower() not in _SCHEMES:
        return Slip(index, found.start(4), "yaml.colon_space", fixed, repaired)
    return None


def quoted(text: str, index: int, mark: str) -> Slip | None:
    """Return a value in full-width quotes that do not protect the `mark` (`: `, ` #`) inside."""
    found = _QUOTED.match(text)
    if found is None or mark not in found.group(4):
        return None
    lead, key, quote, inside = found.groups()
    repaired = f"{lead}{key}: {_yaml_quoted(inside.removesuffix(_CLOSING[quote]))}"
    params = {
        "quote": f"{quote} {_CLOSING[quote]}" if _CLOSING[quote] != quote else quote,
        "mark": mark.strip(" ") if mark == " #" else mark,
        "fixed": repaired.lstrip(" "),
    }
    return Slip(index, found.start(3), "yaml.fullwidth_quotes", params, repaired)


def kept_quotes(text: str, index: int, start: int, value: str) -> Slip | None:
    """Return a value wholly in `＂…＂` or `＇…＇` (at column `start`), meant as quotes.

    YAML keeps such quotes as typed. (“…” around a whole value is Chinese text as it
    should be, and stays.)
    """
    quote = value[:1]
    if quote not in "＂＇" or len(value) < 2 or not value.endswith(quote):
        return None
    repaired = text[:start] + _yaml_quoted(value[1:-1]) + text[start + len(value) :]
    params = {"quote": quote, "fixed": repaired.strip(" ")}
    return Slip(index, start, "yaml.fullwidth_quotes_kept", params, repaired)


def list_comma(text: str, index: int, start: int, item: str) -> Slip | None:
    """Return a `，` (or `、`) inside the flow-list item `item` that starts at column `start`."""
    found = next((i for i, char in enumerate(item) if char in FULLWIDTH_COMMAS), None)
    if found is None:
        return None
    line = text[:start] + _COMMAS.sub(", ", item) + text[start + len(item) :]
    params = {"char": item[found], "item": item, "fixed": line.strip(" ")}
    return Slip(index, start + found, "yaml.fullwidth_comma", params, line)


def _braced_comma(text: str, index: int) -> Slip | None:
    """Return a `，` between the entries of a `{…}` written on this line (YAML refuses it)."""
    brace = text.find("{")
    if brace < 0:
        return None
    found = next((i for i in range(brace, len(text)) if text[i] in FULLWIDTH_COMMAS), None)
    if found is None:
        return None
    repaired = text[:brace] + _COMMAS.sub(", ", text[brace:])
    params = {"fixed": repaired.strip(" "), "char": text[found]}
    return Slip(index, found, "yaml.fullwidth_comma_flow", params, repaired)


def _yaml_quoted(text: str) -> str:
    """Return `text` in YAML quotes: double quotes, or single ones if it holds `"` or `\\`."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'
