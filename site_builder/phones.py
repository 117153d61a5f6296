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


def mask_phones(text: str, mode: str) -> str:
    """Return `text` with every mobile number masked (mask), removed (hide), or as is (full)."""
    if mode == "full":
        return text
    if mode == "hide":
        return (MOBILE.sub("", text) if MAYBE_MOBILE.search(text) else text).strip()
    if not MAYBE_MOBILE.search(text):
        return text
    return MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


def mobile_numbers(text: str) -> frozenset[str]:
    """Return the mobile numbers written in `text`, as 11 digits."""
    if not MAYBE_MOBILE.search(text):
        return frozenset()
    return frozenset("".join(m.groups()) for m in MOBILE.finditer(text))
