"""Markdown to safe HTML: Python-Markdown, then an allowlist sanitiser (nh3).

Stories come from many hands, so whatever Markdown or raw HTML they contain,
only the tags and attributes below reach a page: no script, no event handler,
no style, no iframe, no meta refresh, and only http(s), mailto and tel links.
Every link and image source passes through a resolver supplied by the caller,
which turns content paths into site paths (or reports them): paths on the writer's
computer too (C:\\…, file://…), which the allowlist would drop unseen as unknown
schemes. An image left without a source, whatever dropped it, is removed whole.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import Element

import markdown
import markdown.extensions.sane_lists
import markdown.extensions.tables
import nh3

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
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_TAG = re.compile(r"<[^>]*>")
_SUSPICIOUS_TAG = re.compile(
    r"<(?:script|style|iframe|frame|object|embed|meta|link|base|form|svg|math)", re.IGNORECASE
)
_SUSPICIOUS_ENTITY = re.compile(r"&#|&colon;", re.IGNORECASE)
_SUSPICIOUS_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=|\sstyle\s*=", re.IGNORECASE)
_SUSPICIOUS_SCHEME = re.compile(
    r"[a-z]script\s*:|data\s*:"
    r"|(?:href|src)\s*=\s*[\"']?\s*(?!https?:|mailto:|tel:)[a-z][a-z0-9+.-]*:",
    re.IGNORECASE,
)
_SOURCELESS_IMAGE = re.compile(r'<img(?:\s+(?!src=)[a-z-]+="[^"]*")*\s*/?>')
"""An image the sanitiser left without its source (nh3 writes every attribute as name="…")."""


def _suspicious(raw: str) -> bool:
    """Tell whether converted HTML may hold something the sanitiser removes (find_unsafe).

    One expression per character the rest needs (`&`, `=`, `:`): most stories hold no
    `:` at all, and the one expression these were scanned every position of a story.
    """
    return bool(
        _SUSPICIOUS_TAG.search(raw)
        or ("&" in raw and _SUSPICIOUS_ENTITY.search(raw))
        or ("=" in raw and _SUSPICIOUS_ATTRIBUTE.search(raw))
        or (":" in raw and _SUSPICIOUS_SCHEME.search(raw))
    )


_DANGEROUS_TAGS = frozenset(
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
_SPACE = re.compile(r"\s+")
_SENTENCE_END = "。！？!?；;"

LinkResolver = Callable[[str], str | None]
"""Given a relative link as written, return its site path (`/assets/x.jpg`) or None to drop it."""


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


def _new_parser() -> markdown.Markdown:
    parser = markdown.Markdown(
        extensions=["tables", "sane_lists", "nl2br", "fenced_code"],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    blocks = parser.parser.blockprocessors
    if len(blocks) == len(_KNOWN_BLOCKS) and all(
        name in blocks and type(blocks[name]) is kind for name, kind in _KNOWN_BLOCKS.items()
    ):
        blocks.register(_PlainParagraph(parser.parser), "plain paragraph", 101)
    steps = parser.treeprocessors
    standard = steps["inline"]
    if type(standard) is markdown.treeprocessors.InlineProcessor:
        place = steps.get_index_for_name("inline")
        steps.register(_PlainTextSkipped(parser), "inline", INLINE_PRIORITY)
        if steps.get_index_for_name("inline") != place:  # another version's order: as it was
            steps.register(standard, "inline", INLINE_PRIORITY)
    parser.is_block_level = _block_level_test(parser)  # type: ignore[method-assign,assignment]
    for registry in (
        parser.preprocessors,
        parser.parser.blockprocessors,
        parser.treeprocessors,
        parser.inlinePatterns,
        parser.postprocessors,
    ):
        if type(registry) is markdown.util.Registry:
            registry.__class__ = _Settled
    return parser


class _Settled(markdown.util.Registry):  # type: ignore[type-arg]
    """A Python-Markdown registry that keeps its order until it changes.

    The block parser walks its processors once per block of every document, and
    Python-Markdown's registry makes a new list each time: a twentieth of
    converting a story. Our parsers are set up once and never change after.
    """

    _order: tuple[Any, ...] | None = None

    def __iter__(self) -> Iterator[Any]:
        order = self._order
        if order is None:
            order = self._order = tuple(super().__iter__())
        return iter(order)

    def register(self, item: Any, name: str, priority: float) -> None:
        self._order = None
        super().register(item, name, priority)

    def deregister(self, name: str, strict: bool = True) -> None:
        self._order = None
        super().deregister(name, strict)


def _block_level_test(parser: markdown.Markdown) -> Callable[[object], bool]:
    """Return Markdown.is_block_level for `parser`, looking tags up in a set.

    Python-Markdown asks it of every element several times (placing paragraphs,
    inline text and line breaks): its list of fifty names, searched in order, was
    a twentieth of converting a story. The list is complete once the extensions
    are loaded, and nothing changes it after.
    """
    names = frozenset(parser.block_level_elements)

    def is_block_level(tag: object) -> bool:
        return isinstance(tag, str) and tag.lower().rstrip("/") in names

    return is_block_level


_KNOWN_BLOCKS = {
    "empty": markdown.blockprocessors.EmptyBlockProcessor,
    "indent": markdown.blockprocessors.ListIndentProcessor,
    "code": markdown.blockprocessors.CodeBlockProcessor,
    "table": markdown.extensions.tables.TableProcessor,
    "hashheader": markdown.blockprocessors.HashHeaderProcessor,
    "setextheader": markdown.blockprocessors.SetextHeaderProcessor,
    "hr": markdown.blockprocessors.HRProcessor,
    "olist": markdown.extensions.sane_lists.SaneOListProcessor,
    "ulist": markdown.extensions.sane_lists.SaneUListProcessor,
    "quote": markdown.blockprocessors.BlockQuoteProcessor,
    "reference": markdown.blockprocessors.ReferenceProcessor,
    "paragraph": markdown.blockprocessors.ParagraphProcessor,
}
"""The block processors of Python-Markdown with our extensions, by name."""
_NOT_PLAIN = re.compile(r"(?:^|\n)[ \t#=\-_*+>\[\d]|\|")
"""What a block must hold for some processor before the paragraph to take it: a line
starting with a space, `#`, `=`, `-`, `_`, `*`, `+`, `>`, `[` or a digit, or a `|`."""


class _PlainParagraph(markdown.blockprocessors.BlockProcessor):
    """Python-Markdown's paragraph step, for blocks no other block processor can take.

    The parser asks eleven processors in turn whether a block is theirs (a list, a
    heading, a table, a reference...) before the paragraph takes it; a story is
    mostly paragraphs of prose, for which every one of them says no. A block
    without _NOT_PLAIN's characters goes to the paragraph step at once. With a
    processor we do not know of (another version, another extension), this step
    is not added.
    """

    def test(self, parent: Element, block: str) -> bool:
        return bool(block) and block[0] != "\n" and _NOT_PLAIN.search(block) is None

    def run(self, parent: Element, blocks: list[str]) -> bool | None:
        paragraph = self.parser.blockprocessors["paragraph"]
        return paragraph.run(parent, blocks)


INLINE_TRIGGERS = {
    "backtick": "`",
    "escape": "\\",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "autolink": "<",
    "automail": "<",
    "linebreak": "\n",
    "html": "<",
    "entity": "&",
    "em_strong": "*_",
    "nl": "\n",
}
"""For each inline pattern our parser runs, the characters without which it cannot match."""
INLINE_PRIORITY = 20
"""Where Python-Markdown places its inline step among the tree processors."""


class _PlainTextSkipped(markdown.treeprocessors.InlineProcessor):
    """Python-Markdown's inline step, skipping text that no inline pattern can match.

    The inline step tries each of its fifteen patterns on every run of text, and
    that loop was half the cost of converting a story: most runs of Chinese prose
    hold none of the characters a pattern starts from, and come out unchanged.
    With a pattern we do not know of (another version, another extension), every
    run is tried as before.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        names = [name for name in INLINE_TRIGGERS if name in md.inlinePatterns]
        known = len(names) == len(md.inlinePatterns)
        characters = "".join(sorted({c for name in names for c in INLINE_TRIGGERS[name]}))
        self.trigger = re.compile(f"[{re.escape(characters)}]") if known else None

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        # Python-Markdown's private name for the method that runs the patterns over one text
        if patternIndex == 0 and self.trigger is not None and not self.trigger.search(data):
            return data
        handle: Callable[[str, int], str] = super()._InlineProcessor__handleInline  # type: ignore[misc]
        return handle(data, patternIndex)


_parsers = threading.local()
"""One parser per thread (`serve` converts in its own), made once and reset per document."""


def _parser() -> markdown.Markdown:
    """Return this thread's parser (a worker's too), made on first use."""
    parser: markdown.Markdown | None = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = _new_parser()
    return parser


def convert(text: str) -> str:
    """Return the raw (unsanitised) HTML of one Markdown text, with this thread's parser."""
    return _convert_with(_parser(), text)


CONVERTER_SETTINGS = "tables+align|sane_lists|nl2br|fenced_code"
"""Part of the cache key: change it whenever _new_parser's configuration changes."""


def _convert_with(parser: markdown.Markdown, text: str) -> str:
    parser.reset()
    return str(parser.convert(text))


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
        return self.sanitize(_convert_with(_parser(), text), resolve, on_unsafe, text)

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
        if _suspicious(raw):
            unsafe, local = _dropped(raw)
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
    scheme = _SCHEME.match(value)
    if scheme and len(scheme.group(1)) > 1:
        return value
    return resolve(value)


class _UnsafeFinder(HTMLParser):
    """List what the sanitiser will remove: dangerous tags, handlers, unsafe URLs, and
    (apart) the links and images it will drop for naming a file on the writer's computer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.local: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DANGEROUS_TAGS:
            self.found.append(f"<{tag}")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{name}=")
            elif name in ("href", "src", "action", "formaction", "xlink:href") and value:
                cleaned = "".join(ch for ch in value if ch > " ").lower()
                scheme = _SCHEME.match(cleaned)
                if not scheme or scheme.group(1) in URL_SCHEMES:
                    continue
                if (tag, name) in _KEPT_LINKS and _LOCAL_SCHEME.match(scheme.group(1)):
                    self.local.append(value.strip())
                elif len(scheme.group(1)) > 1:
                    self.found.append(value.strip())

    def handle_comment(self, data: str) -> None:
        # Browsers (and nh3) end `<!-->` and `<!--->` at once; Python's parser reads on
        # to the next `-->`, so what follows must be looked at as markup, not comment.
        for opener in (">", "->"):
            if data.startswith(opener):
                unsafe, local = _dropped(data[len(opener) :])
                self.found += unsafe
                self.local += local
                return


_KEPT_LINKS = frozenset({("a", "href"), ("img", "src")})
"""The links and sources the allowlist keeps, when their scheme is allowed."""
_LOCAL_SCHEME = re.compile(r"^(?:[a-z]|file)$")
"""What reads as the scheme of a path on a computer: a drive letter (C:), or file: itself."""


def find_unsafe(raw_html: str) -> list[str]:
    """Return the unsafe pieces of `raw_html` (tags, handlers, links), in order, once each."""
    return _dropped(raw_html)[0]


def _dropped(raw_html: str) -> tuple[list[str], list[str]]:
    """Return what the sanitiser will drop from `raw_html`, in order: the unsafe pieces (once
    each), and every link and image source naming a file on the writer's computer."""
    finder = _UnsafeFinder()
    finder.feed(raw_html)
    finder.close()
    return list(dict.fromkeys(finder.found)), finder.local


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
