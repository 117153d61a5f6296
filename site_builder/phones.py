"""Mobile numbers in text: found, and masked for the public site.

The leak guard looks for the numbers each content file writes; the story loader
notes them while it has a story's text (privacy.LeakGuard).
"""

from __future__ import annotations

import re

from site_builder.cache import Stamp

Noted = tuple[Stamp, int, frozenset[str]]
"""A file's mobile numbers, with its stamp and when that was taken (ns)."""

# 1[3-9] and nine more digits, not glued to other digits; optional +86 / 86 prefix and
# single spaces or hyphens between the 3-4-4 groups, as people type them.
MOBILE = re.compile(r"(?<![\d])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![\d])")
# What every match of MOBILE holds: searching for it first is some fifty times faster than
# MOBILE itself on a text without numbers (its look-behind is tried at every character).
MAYBE_MOBILE = re.compile(r"1[3-9]\d[ -]?\d{4}")


# A number written otherwise (issue 22): full-width digits, any kind of space, dash or dot,
# zero-width and bidi controls, empty markup or a space entity between any two digits.
# Each of the eleven digits is a group, so a match is masked in the text's own characters.
_DIGIT = "[0-9\uff10-\uff19]"
_FILLER = (
    r"(?:[\s\u00a0\u3000\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff"
    r"\-\u2010-\u2015\uff0d.\uff0e\u00b7\u30fb]"
    r"|<[a-zA-Z/][^<>]{0,80}>|&(?:nbsp|#160|#x[aA]0|#8203|#x200[bBcCdD]);){0,4}+"
)
LOOSE_MOBILE = re.compile(
    # led by the first digit, not by the look-behind: the engine then skips to each 1
    rf"([1\uff11])(?<!{_DIGIT}[1\uff11]){_FILLER}([3-9\uff13-\uff19])"
    + "".join(f"{_FILLER}({_DIGIT})" for _ in range(9))
    + rf"(?!{_DIGIT})"
)
"""A mobile number however it is spaced or written; MOBILE is the plain way, found first."""
LOOSE_PREFIX = re.compile(rf"[+\uff0b]?[8\uff18]{_FILLER}[6\uff16]{_FILLER}\Z")
"""+86 written before a LOOSE_MOBILE match (searched up to the match: `hide` drops it)."""
ODD_CHARS = re.compile(
    "[\uff10-\uff19\uff0b\uff0d\uff0e\u00a0\u3000\u2000-\u200f\u2010-\u2015"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
"""Characters no plainly written number holds: one is enough to look further (a fast class)."""
ODD_ASCII = tuple(
    re.compile(pattern)
    for pattern in [
        r"\.(?<=\d\.)\d",
        r"  (?<=\d  )",
        r"&(?<=\d&)",
        "></(?:" + "|".join(f"(?<=\\d<[a-zA-Z]{{{n}}}></)" for n in range(1, 7)) + ")",
    ]
)
"""A dot or double space between digits, an entity or an empty tag pair after one
(`139<b></b>8765…`). Each is led by a literal and searched alone, so each search is
quick (together, as one pattern, they were ten times slower); a lone space or hyphen
inside a group (13 8…) is not looked for: dates and rooms are full of them."""
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
    return LOOSE_MOBILE.sub(_mask_in_place, text) if written_otherwise(text) else text


def written_otherwise(text: str) -> bool:
    """Tell whether `text` may hold a number that MOBILE misses (the cheap precheck)."""
    return bool(ODD_CHARS.search(text)) or any(odd.search(text) for odd in ODD_ASCII)


def _hide_loose(text: str) -> str:
    """Return `text` without its loosely written numbers, each with the +86 before it."""
    kept, last = [], 0
    for match in LOOSE_MOBILE.finditer(text):
        prefix = LOOSE_PREFIX.search(text, max(last, match.start() - 40), match.start())
        kept.append(text[last : prefix.start() if prefix else match.start()])
        last = match.end()
    return "".join(kept) + text[last:]


def _mask_in_place(match: re.Match[str]) -> str:
    """Return a loosely written number with its middle four digits as *, the rest as written."""
    start = match.start()
    chars = list(match.group(0))
    for digit in HIDDEN:
        chars[match.start(digit + 1) - start] = "*"
    return "".join(chars)


def mobile_numbers(text: str) -> frozenset[str]:
    """Return the mobile numbers written in `text`, as 11 ASCII digits, however written."""
    found = set()
    if written_otherwise(text):
        found = {digits_of(m) for m in LOOSE_MOBILE.finditer(text)}
    if MAYBE_MOBILE.search(text):
        found |= {"".join(m.groups()) for m in MOBILE.finditer(text)}
    return frozenset(found)


def digits_of(match: re.Match[str]) -> str:
    """Return the eleven digits of a LOOSE_MOBILE match as ASCII."""
    return "".join(match.groups()).translate(WIDE_DIGITS)


WIDE_DIGITS = {0xFF10 + i: ord("0") + i for i in range(10)}
"""Full-width digits to ASCII (what NFKC does to them)."""
