"""The plain text of an HTML body, and its summary: the first sentences that fit."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")


_SPACE = re.compile(r"\s+")


_SENTENCE_END = "。！？!?；;"


def plain_text(fragment: str) -> str:
    """Return the visible text of an HTML fragment, with runs of white space collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def summary_of(fragment: str, limit: int = 80) -> str:
    """Return `summarize(plain_text(fragment), limit)`, reading as little of the HTML as it can.

    A story body is thousands of characters and its summary the first eighty. The
    HTML is cut just after a `>` some way in: a tag (and nothing else) ends there, so
    no tag, entity or run of spaces is split, and the cut's plain text is the start
    of the whole body's. When that start is longer than `limit`, it decides the
    summary as the whole text would.
    """
    cut = fragment.find(">", 8 * limit)
    if cut != -1:
        text = plain_text(fragment[: cut + 1])
        if len(text) > limit:
            return summarize(text, limit)
    return summarize(plain_text(fragment), limit)


def summarize(text: str, limit: int = 80) -> str:
    """Return at most `limit` characters of `text`, ending at a sentence if one ends late enough."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(mark) for mark in _SENTENCE_END)
    if cut >= limit // 2:
        return head[: cut + 1]
    return head.rstrip() + "…"
