"""Python-Markdown, set up once per thread, with shortcuts past the steps prose does not need.

The parser's registries keep their order, its block-level test is a set, plain
paragraphs skip the other block processors and text no inline pattern can match
skips the inline step; with an unknown version or extension each shortcut stays off.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree.ElementTree import Element

import markdown
import markdown.extensions.sane_lists
import markdown.extensions.tables


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
