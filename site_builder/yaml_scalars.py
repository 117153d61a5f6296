"""One value as YAML text that PyYAML reads back as exactly that value (issue 28's editor).

The site reads its files with PyYAML, which speaks YAML 1.1: there `yes`, `on` and `no`
are booleans, `0502` is an octal number, `07:00` is 420 (base 60), `2026-11-18` is a date
and `1.0` a float. A room "0502" or a note "on" written plain would come back as something
else, so a text is written plain only when PyYAML gives back the very same text, and
nothing in it could be read as a comment (`#`), a key (`: `), a YAML indicator or an
input-method slip the check warns about (`：`, a full-width space or quote); otherwise it
is double-quoted with every character YAML could misread escaped. A text of several
lines becomes a literal block (`|`), as the handbook writes descriptions, when that reads
back exactly; otherwise it is double-quoted too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import yaml

Scalar = str | int | float | bool | dt.date | dt.time
Value = Scalar | Sequence[Scalar]
"""What an entry's field may hold: a scalar, or a list of them (written `[a, b]`)."""

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW = frozenset(",[]{}")
_SLIPS = ("：", "\u3000", "＂", "－")  # slips.py: what a Chinese input method types for YAML
_BREAKS = frozenset("\n\r\x85\u2028\u2029")  # PyYAML takes all of these for line breaks
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\x00": "\\0",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def scalar(value: Value, *, flow: bool = False) -> str:
    """Return `value` as YAML text; in a block, lines after the first are indented by 2.

    `flow` says the text goes inside `[ ]`. Raises TypeError for a value no entry holds.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, dt.datetime):
        raise TypeError("write a time as text, as the handbook does: '2026-01-03 07:00'")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):  # an event's end on its own day, as the handbook writes it
        if value.second or value.microsecond or value.tzinfo:
            raise TypeError("a time of day is written as hours and minutes: 11:00")
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, str):
        return _text(value, flow)
    if not flow and isinstance(value, Sequence):
        return "[" + ", ".join(scalar(item, flow=True) for item in value) + "]"
    raise TypeError(f"an entry cannot hold {type(value).__name__}")


def _number(value: float) -> str:
    text = repr(value)
    if not math.isfinite(value) or _read(text) != value:  # 1e+16 is a text in YAML 1.1
        raise TypeError(f"{value!r} would not read back as a number")
    return text


def _read(text: str, flow: bool = False) -> object:
    """Return what PyYAML reads from `text` as a value, or a marker when it cannot."""
    document = f"k: [{text}]\n" if flow else f"k: {text}\n"
    try:
        loaded = yaml.safe_load(document)
    except (yaml.YAMLError, ValueError, OverflowError):  # 2026-02-30 unquoted: ValueError
        return _UNREADABLE
    if not isinstance(loaded, dict) or set(loaded) != {"k"}:
        return _UNREADABLE
    value = loaded["k"]
    if flow:
        return value[0] if isinstance(value, list) and len(value) == 1 else _UNREADABLE
    return value


_UNREADABLE = object()


def _text(text: str, flow: bool) -> str:
    if _plain(text, flow):
        return text
    if not flow:
        block = _literal(text)
        if block is not None:
            return block
    return double_quoted(text)


def _plain(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if not all(_printable(c) and c not in _BREAKS and c != "\t" for c in text):
        return False
    if "#" in text or ": " in text or text.endswith(":") or any(s in text for s in _SLIPS):
        return False
    if flow and any(c in _FLOW for c in text):
        return False
    return _read(text, flow) == text and type(_read(text, flow)) is str


def _literal(text: str) -> str | None:
    """Return `text` as a literal block (`|` or `|-`), or None where one cannot hold it."""
    if "\n" not in text or text.endswith("\n\n"):
        return None
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    if not lines[0] or lines[0][0] in " \t" or any(c in _BREAKS - {"\n"} for c in body):
        return None
    if not all(_printable(c) for c in body if c != "\n"):
        return None
    head = "|" if text.endswith("\n") else "|-"
    block = head + "".join(f"\n  {line}" if line else "\n" for line in lines)
    return block if _read(block) == text else None


def double_quoted(text: str) -> str:
    """Return `text` as a YAML double-quoted scalar, every doubtful character escaped."""
    out = ['"']
    for c in text:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif _printable(c):
            out.append(c)
        elif ord(c) <= 0xFF:
            out.append(f"\\x{ord(c):02X}")
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(f"\\U{ord(c):08X}")
    out.append('"')
    return "".join(out)


def _printable(c: str) -> bool:
    """Return whether PyYAML's reader accepts `c` written as it is (a BOM only at the start)."""
    code = ord(c)
    return (
        c in "\t\n\r\x85"
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )
