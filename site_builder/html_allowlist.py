"""What a story's HTML may hold once sanitised: the allowed tags, attributes and link schemes.

Everything else is removed by the sanitiser (markup.MarkdownRenderer.sanitize) and,
when dangerous, named to the volunteer first (unsafe_html.find_unsafe).
"""

from __future__ import annotations

import re

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "a",
        "img",
        "figure",
        "figcaption",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "mark",
        "small",
        "sub",
        "sup",
        "code",
        "pre",
        "kbd",
        "abbr",
        "span",
    }
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


SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


DANGEROUS_TAGS = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "meta",
        "link",
        "base",
        "form",
        "input",
        "button",
        "svg",
        "math",
        "template",
    }
)
