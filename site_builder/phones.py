"""Mobile numbers in text: found, and masked for the public site.

The leak guard looks for the numbers each content file writes; the story loader
notes them while it has a story's text (leak_guard.LeakGuard).
"""

from __future__ import annotations

import re
import unicodedata

from site_builder.cache import Stamp

Noted = tuple[Stamp, int, frozenset[str]]
"""A file's mobile numbers, with its stamp and when that was taken (ns)."""

# 1[3-9] and nine more digits, not glued to other digits; optional +86 / 86 prefix and
# single spaces or hyphens between the 3-4-4 groups, as people type them.
# The groups are ASCII digits; a number in other digits is LOOSE_MOBILE's.
MOBILE = re.compile(r"(?<![\d])(?:\+?86[ -]?)?(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4})(?![\d])")
# What every match of MOBILE holds: searching for it first is some fifty times faster than
# MOBILE itself on a text without numbers (its look-behind is tried at every character).
MAYBE_MOBILE = re.compile(r"1[3-9][0-9][ -]?[0-9]{4}")


# A number written otherwise (issue 22): full-width digits, any kind of space, dash, dot or
# bracket, zero-width and bidi controls, empty markup or a space entity between any two
# digits, up to FILLER_PIECES of them. Each of the eleven digits is a group, so a match is
# masked in the text's own characters. Digits of other scripts are read as ASCII first
# (as_digits): the text keeps its length, so a match there is a match in the text.
_DIGIT = "[0-9\uff10-\uff19]"
FILLER_PIECES = 6
"""How many spaces, dashes, dots, brackets or tags may stand between two digits of a number
(`138 -- 1234 -- 5678` has four, `(138) 1234 5678` two): more than anyone types between two
digits of one number, few enough that separate numbers in a table are not read as one."""
_FILLER = (
    r"(?:[\s\u00a0\u3000\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff"
    r"\-\u2010-\u2015\uff0d.\uff0e\u00b7\u30fb()\uff08\uff09]"
    r"|<[a-zA-Z/][^<>]{0,80}>|&(?:nbsp|#160|#x[aA]0|#8203|#x200[bBcCdD]);)"
    rf"{{0,{FILLER_PIECES}}}+"
)
LOOSE_MOBILE = re.compile(
    # led by the first digit, not by the look-behind: the engine then skips to each 1
    rf"([1\uff11])(?<!{_DIGIT}[1\uff11]){_FILLER}([3-9\uff13-\uff19])"
    + "".join(f"{_FILLER}({_DIGIT})" for _ in range(9))
    + rf"(?!{_DIGIT})"
)
"""A mobile number however it is spaced or written; MOBILE is the plain way, found first."""
LOOSE_PREFIX = re.compile(rf"(?:[+\uff0b]?[8\uff18]{_FILLER}[6\uff16]{_FILLER}|[(\uff08])\Z")
"""+86 or an opening bracket written before a LOOSE_MOBILE match (searched up to the
match: `hide` drops it with the number)."""
# fmt: off
DECIMAL_ZEROS = (
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
    0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
    0xAA50, 0xABF0, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450,
    0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60,
    0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950,
    0x1FBF0,
)
# fmt: on
"""The zero of every run of ten decimal digits besides ASCII and full-width (Arabic-Indic
٠, Devanagari ०, mathematical bold 𝟎…), as Unicode 14 (Python 3.11) lists them; a test
holds the list to the running Python's unicodedata."""
NFKC_DIGITS = "\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u24ea"
"""The characters NFKC makes one ASCII digit that are not decimal digits themselves:
superscripts ¹²³, subscripts ₀…₉, circled ①…⑨ and ⓪ (a test holds it to unicodedata)."""
_OTHER_RANGES = "".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in DECIMAL_ZEROS)
OTHER_DIGITS = re.compile(f"[{_OTHER_RANGES}{NFKC_DIGITS}]")
"""A digit that is neither ASCII nor full-width: the text is read through as_digits."""
_OTHER_BMP = "".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in DECIMAL_ZEROS if zero < 0x10000)
_MAYBE_OTHER = re.compile(f"[{_OTHER_BMP}{NFKC_DIGITS}\U00010000-\U0010ffff]")
"""What every text holding OTHER_DIGITS holds: searched first, it is ten times faster (the
runs past U+FFFF, listed one by one, make OTHER_DIGITS slow)."""
ODD_CLASS = (
    "\uff10-\uff19\uff0b\uff0d\uff0e\u00a0\u3000\u2000-\u200f\u2010-\u2015"
    f"\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff{_OTHER_BMP}{NFKC_DIGITS}"
    "\U00010000-\U0010ffff"
)
"""ODD_CHARS, inside its brackets (the leak guard searches it with its own in one class)."""
ODD_CHARS = re.compile(f"[{ODD_CLASS}]")
"""Characters no plainly written number holds: one is enough to look further (a fast class).

Any character past U+FFFF counts (one range: the mathematical and other digits there,
listed one by one, made this search ten times slower), so a text with an emoji looks
further too."""
ODD_ASCII = tuple(
    re.compile(pattern)
    for pattern in [
        r"\.(?<=\d\.)\d",
        r"  (?<=\d  )",
        r"&(?<=\d&)",
        "></(?:" + "|".join(f"(?<=\\d<[a-zA-Z]{{{n}}}></)" for n in range(1, 7)) + ")",
        r" -(?<=\d -)",
        r"- (?<=\d- )",
        r"--(?<=\d--)",
        r"\)(?=[ \-]?\d)(?<=\d\))",
        "\uff09(?=[ \\-]?\\d)(?<=\\d\uff09)",
    ]
)
"""A dot or double space between digits, an entity or an empty tag pair after one
(`139<b></b>8765…`), a spaced or doubled hyphen after one, or a closing bracket
between two (`138 - 1234`, `138--1234`, `(138) 1234`, `（138）1234`). Each is led by
a literal and searched alone, so each search is quick (together, as one pattern, they
were ten times slower); a lone space or hyphen inside a group (13 8…) is not looked
for: dates and rooms are full of them."""
HIDDEN = range(3, 7)
"""Which of the eleven digits a masked number hides: 138****5678."""


def mask_phones(text: str, mode: str) -> str:
    """Return `text` with every mobile number masked (mask), removed (hide), or as is (full).

    A number written the plain way becomes 138****5678 (its +86 and separators dropped);
    one written otherwise keeps its own characters, only its middle four digits become *.
    """
    if mode == "full":
        return text
    if mode == "hide":
        text = MOBILE.sub("", text) if MAYBE_MOBILE.search(text) else text
        return (_hide_loose(text) if written_otherwise(text) else text).strip()
    if MAYBE_MOBILE.search(text):
        text = MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    return _mask_loose(text) if written_otherwise(text) else text


def written_otherwise(text: str) -> bool:
    """Tell whether `text` may hold a number that MOBILE misses (the cheap precheck)."""
    return bool(ODD_CHARS.search(text)) or any(odd.search(text) for odd in ODD_ASCII)


def _hide_loose(text: str) -> str:
    """Return `text` without its loosely written numbers, each with the +86 before it."""
    seen = as_digits(text)
    kept, last = [], 0
    for match in LOOSE_MOBILE.finditer(seen):
        prefix = LOOSE_PREFIX.search(seen, max(last, match.start() - 40), match.start())
        kept.append(text[last : prefix.start() if prefix else match.start()])
        last = match.end()
    return "".join(kept) + text[last:]


def _mask_loose(text: str) -> str:
    """Return `text` with the middle four digits of each loosely written number as *,
    every other character as written."""
    chars = None
    for match in LOOSE_MOBILE.finditer(as_digits(text)):
        chars = chars or list(text)
        for digit in HIDDEN:
            chars[match.start(digit + 1)] = "*"
    return "".join(chars) if chars else text


def mobile_numbers(text: str) -> frozenset[str]:
    """Return the mobile numbers written in `text`, as 11 ASCII digits, however written."""
    found = set()
    if written_otherwise(text):
        found = {digits_of(m) for m in LOOSE_MOBILE.finditer(as_digits(text))}
    if MAYBE_MOBILE.search(text):
        found |= {"".join(m.groups()) for m in MOBILE.finditer(text)}
    return frozenset(found)


def digits_of(match: re.Match[str]) -> str:
    """Return the eleven digits of a LOOSE_MOBILE match as ASCII."""
    return "".join(match.groups()).translate(WIDE_DIGITS)


WIDE_DIGITS = {0xFF10 + i: ord("0") + i for i in range(10)}
"""Full-width digits to ASCII (what NFKC does to them)."""


def as_digits(text: str) -> str:
    """Return `text` with every digit of another script as its ASCII digit, if it has one.

    A character is a digit when unicodedata.decimal() gives it a value (Arabic-Indic ١,
    Devanagari १, mathematical bold 𝟏) or NFKC makes it one ASCII digit (①, ¹). Every
    character stays one character, so a match in the result is one in `text`.
    """
    if _MAYBE_OTHER.search(text) and OTHER_DIGITS.search(text):
        return text.translate(_DIGIT_VALUES)
    return text


class _DigitValues(dict[int, int]):
    """str.translate's table for as_digits: each character's ASCII digit, or itself.

    A character is looked up the first time it is seen, and remembered.
    """

    def __missing__(self, code: int) -> int:
        """Return (and remember) the ASCII digit of character `code`, or `code` itself."""
        value = digit_value(chr(code))
        self[code] = code if value is None else ord("0") + value
        return self[code]


def digit_value(character: str) -> int | None:
    """Return the digit a character is read as (decimal value, or NFKC's one ASCII digit)."""
    value = unicodedata.decimal(character, None)
    if value is None:
        read = unicodedata.normalize("NFKC", character)
        value = int(read) if len(read) == 1 and "0" <= read <= "9" else None
    return value


_DIGIT_VALUES = _DigitValues()
