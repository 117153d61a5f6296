"""Markdown to safe HTML: Python-Markdown, then an allowlist sanitiser (nh3).

Stories come from many hands, so whatever Markdown or raw HTML they contain,
only the tags and attributes of html_allowlist reach a page: no script, no event handler,
no style, no iframe, no meta refresh, and only http(s), mailto and tel links.
Every link and image source passes through a resolver supplied by the caller,
which turns content paths into site paths (or reports them): paths on the writer's
computer too (C:\\…, file://…), which the allowlist would drop unseen as unknown
schemes. An image left without a source, whatever dropped it, is removed whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3

from site_builder.html_allowlist import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, SCHEME, URL_SCHEMES
from site_builder.markdown_parser import convert
from site_builder.unsafe_html import dropped, suspicious

_SOURCELESS_IMAGE = re.compile(r'<img(?:\s+(?!src=)[a-z-]+="[^"]*")*\s*/?>')
"""An image the sanitiser left without its source (nh3 writes every attribute as name="…")."""


LinkResolver = Callable[[str], str | None]
"""Given a relative link as written, return its site path (`/assets/x.jpg`) or None to drop it."""


class MarkdownRenderer:
    """Render Markdown documents one after another, reusing this thread's parser.

    (Making a parser costs some 4 ms: a renderer that only sanitises bodies converted
    elsewhere, as the story workers' do, never makes one.)
    """

    def render(self, text: str, resolve: LinkResolver, on_unsafe: Callable[[str], None]) -> str:
        """Return sanitised HTML for `text`; local links go through `resolve`.

        `on_unsafe` hears about each script, style, frame, event handler or
        unsafe link that the sanitiser removes, so the volunteer can be told.
        """
        return self.sanitize(convert(text), resolve, on_unsafe, text)

    def sanitize(
        self,
        raw: str,
        resolve: LinkResolver,
        on_unsafe: Callable[[str], None],
        text: str | None = None,
    ) -> str:
        """Return `raw` HTML (from `convert`) through the allowlist, links resolved.

        `text` is the Markdown `raw` came from: when it holds no HTML of its own and
        `raw` is what the sanitiser gives back unchanged (see _already_clean), the
        sanitiser is not run.
        """
        if text is not None and _already_clean(text, raw):
            return raw
        if suspicious(raw):
            unsafe, local = dropped(raw)
            for found in local:  # nh3 drops it (C: reads as a scheme): the resolver says why
                resolve(found)
            for found in unsafe:
                on_unsafe(found)

        def filter_attribute(tag: str, attribute: str, value: str) -> str | None:
            if attribute not in ("href", "src"):
                return value
            return _filter_url(value.strip(), resolve)

        cleaned = nh3.clean(
            raw,
            tags=set(ALLOWED_TAGS),
            clean_content_tags={"script", "style"},
            attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
            attribute_filter=filter_attribute,
            url_schemes=set(URL_SCHEMES),
            link_rel="noopener noreferrer",
        )
        # An image whose source was dropped (an unsafe scheme, a path that did not resolve,
        # none written) shows nothing but a broken frame: it goes, whatever dropped it.
        return _SOURCELESS_IMAGE.sub("", cleaned) if "<img" in cleaned else cleaned


_CLEAN = re.compile(
    r"(?:[^<>&\x00-\x08\x0b-\x1f\x7f-\x9f\xa0\ufdd0-\ufdef\ufffe\uffff]++"
    r"|<(?:/?(?:p|h[1-6]|ul|ol|li|blockquote|table|thead|tbody|tr|th|td|em|strong)|br|hr)>)*+"
)
"""Text the sanitiser writes back as it reads it, and tags without attributes that it keeps
as they are where Python-Markdown puts them: paragraphs, headings, lists, quotes, tables
(without alignment), emphasis, line breaks and rules."""


def _already_clean(text: str, raw: str) -> bool:
    """Tell whether the sanitiser would give back `raw`, converted from Markdown `text`, as it is.

    It does when `text` holds no `<` (so every tag in `raw` is one Python-Markdown made,
    in the nesting it makes them) and `raw` holds only _CLEAN's text and tags: no links,
    no attributes, no entities, nothing the parser reads differently from how it is
    written. The sanitiser costs a fifth as much as converting a story, and most
    stories are such prose. tests/unit/test_markup.py checks the equality on generated
    Markdown and the sample stories.
    """
    return "<" not in text and _CLEAN.fullmatch(raw) is not None


def _filter_url(value: str, resolve: LinkResolver) -> str | None:
    """Keep anchors and allowed-scheme links (nh3 has removed the rest); resolve local paths."""
    if value.startswith(("#", "//")):
        return value
    scheme = SCHEME.match(value)
    if scheme and len(scheme.group(1)) > 1:
        return value
    return resolve(value)
