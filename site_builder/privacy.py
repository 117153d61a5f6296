"""What the public site may show of residents: masking rules in one place.

`privacy.phones` in site.yaml: mask (138****5678), hide, or full. Mobile
numbers are recognised inside any free text (a signup line, a description),
with or without +86 and with spaces or hyphens between the groups.
"""

from __future__ import annotations

import re

# 1[3-9] and nine more digits, not glued to other digits; optional +86 / 86 prefix and
# single spaces or hyphens between the 3-4-4 groups, as people type them.
MOBILE = re.compile(r"(?<![\d])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![\d])")


def mask_phones(text: str, mode: str) -> str:
    """Return `text` with every mobile number masked (mask), removed (hide), or as is (full)."""
    if mode == "full":
        return text
    if mode == "hide":
        return MOBILE.sub("", text).strip()
    return MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


def mask_phone_field(value: str, mode: str) -> str:
    """Return a phone field (any number, landlines too) as the public site may show it."""
    if mode == "full":
        return value
    if mode == "hide":
        return ""
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if len(digits) < 7:
        return "*" * len(value)
    hidden = set(digits[3:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))
