"""Markdown to safe HTML: Python-Markdown, then an allowlist sanitiser (nh3).

Stories come from many hands, so whatever Markdown or raw HTML they contain,
only the tags and attributes below reach a page: no script, no event handler,
no style, no iframe, no meta refresh, and only http(s), mailto and tel links.
Every link and image source passes through a resolver supplied by the caller,
which turns content paths into site paths (or reports them).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
     "dl", "dt", "dd", "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tfoot",
     "tr", "th", "td", "caption", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark",
     "small", "sub", "sup", "code", "pre", "kbd", "abbr", "span"}
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "abbr": {"title"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = "。！？!?；;"

LinkResolver = Callable[[str], str | None]
"""Given a relative link as written, return its site path (`/assets/x.jpg`) or None to drop it."""


class MarkdownRenderer:
    """Render Markdown documents one after another, reusing one parser."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=["tables", "sane_lists", "nl2br", "fenced_code"],
            extension_configs={"tables": {"use_align_attribute": True}},
            output_format="html",
        )

    def render(self, text: str, resolve: LinkResolver, on_unsafe: Callable[[str], None]) -> str:
        """Return sanitised HTML for `text`; local links go through `resolve`."""
        self._md.reset()
        raw = self._md.convert(text)

        def filter_attribute(tag: str, attribute: str, value: str) -> str | None:
            if attribute not in ("href", "src"):
                return value
            return _filter_url(value.strip(), resolve, on_unsafe)

        return nh3.clean(
            raw,
            tags=set(ALLOWED_TAGS),
            clean_content_tags={"script", "style"},
            attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
            attribute_filter=filter_attribute,
            url_schemes=set(URL_SCHEMES),
            link_rel="noopener noreferrer",
        )


def _filter_url(value: str, resolve: LinkResolver, on_unsafe: Callable[[str], None]) -> str | None:
    if value.startswith(("#", "//")):
        return value
    scheme = _SCHEME.match(value)
    if scheme and len(scheme.group(1)) > 1:
        if scheme.group(1).lower() in URL_SCHEMES:
            return value
        on_unsafe(value)
        return None
    return resolve(value)


def plain_text(fragment: str) -> str:
    """Return the visible text of an HTML fragment, with runs of white space collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def summarize(text: str, limit: int = 80) -> str:
    """Return at most `limit` characters of `text`, ending at a sentence if one ends late enough."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(mark) for mark in _SENTENCE_END)
    if cut >= limit // 2:
        return head[: cut + 1]
    return head.rstrip() + "…"
