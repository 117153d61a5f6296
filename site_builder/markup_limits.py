"""How much Markdown one body may cost: its length, brackets, inline marks and unclosed tags.

Python-Markdown is quadratic in several inputs; a body over one of these budgets is
refused before it is converted.
"""

from __future__ import annotations

import re

MAX_CHARACTERS = 200_000
"""A story of 200,000 characters is a book; more is a pasted file, not a story."""


MAX_BRACKETS = 2_000
"""Python-Markdown's link parsing is quadratic in `[`: 2,000 cost 0.6 s, 8,000 cost 9 s."""


MAX_INLINE_WORK = 1_000_000_000
"""Budget of a text's inline step: each paragraph's length times its inline marks, summed.

Python-Markdown rebuilds a paragraph's whole text for every inline match (a `\\`
escape, an `<https://…>` autolink, an `&amp;`, an `*`, a line break), so a
paragraph costs its length times its matches: 200,000 backslashes took 12 s,
40,000 took 4 s (1.6 billion). A 200,000-character story written as one
paragraph with a line break every 100 characters is 0.4 billion."""


MAX_TAG_SCAN = 10_000_000
"""Budget of the raw-HTML step: for each `<a`-like opening, the characters up to the next `>`.

Python's HTML parser reads each unclosed tag to the next `>`: 40,000 characters
of `<a <a <a` took 27 s (quadratic). 1,000 unclosed tags in a 10,000-character text are fine."""


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


_INLINE_MARKS = "`\\<&*_\n["


_TAG_OPENING = re.compile(r"<[A-Za-z/!?]")


def too_costly(text: str) -> tuple[str, int, int] | None:
    """Return (catalogue code, limit, 0-based line) of the budget `text` exceeds, or None."""
    if len(text) > MAX_CHARACTERS:
        return "markup.too_long", MAX_CHARACTERS, 0
    if text.count("[") > MAX_BRACKETS:
        return "markup.too_many_brackets", MAX_BRACKETS, 0
    line = work = 0
    for paragraph in _PARAGRAPH_BREAK.split(text):
        work += len(paragraph) * sum(map(paragraph.count, _INLINE_MARKS))
        if work > MAX_INLINE_WORK:
            return "markup.too_many_marks", MAX_INLINE_WORK, line + _leading_newlines(paragraph)
        line += paragraph.count("\n") + 2  # the break between paragraphs holds two newlines
    scanned = _tag_scan(text)
    if scanned is not None:
        return "markup.unclosed_tags", MAX_TAG_SCAN, text.count("\n", 0, scanned)
    return None


def _leading_newlines(paragraph: str) -> int:
    return len(paragraph) - len(paragraph.lstrip("\n"))


def _tag_scan(text: str) -> int | None:
    """Return where the raw-HTML step's reading of unclosed tags goes over budget, or None."""
    total, closing = 0, -1
    for opening in _TAG_OPENING.finditer(text):
        start = opening.start()
        if closing < start:
            closing = text.find(">", start)
            if closing < 0:
                closing = len(text)
        total += closing - start
        if total > MAX_TAG_SCAN:
            return start
    return None
