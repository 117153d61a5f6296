"""Compose YAML through PyYAML without guessing types, into located values.

The loader takes every untagged scalar as text; the composer turns PyYAML's nodes into
Scalar / Mapping / Sequence and reports what PyYAML lets through: aliases, tags, complex
or duplicate keys, nesting too deep, and the input-method slips it took silently.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from site_builder import slips
from site_builder.diagnostics import Diagnostics, Location

try:  # libyaml is several times faster; the pure-Python loader behaves the same.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]
from site_builder.yaml_values import Entry, Mapping, Scalar, Sequence, Value


class Loader(_BaseLoader):
    """Compose without guessing types: every untagged scalar is text.

    PyYAML's resolver runs a dozen regular expressions per scalar to guess
    ints, floats, booleans and dates that we never use (the schema decides),
    and it is pure Python even under libyaml: skipping it halves composing.
    """

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        if kind is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return,no-untyped-call]


_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")
)


MAX_YAML_DEPTH = 40
"""Deeper nesting than this is never content; refusing it keeps the composer's stack safe."""


YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break: its marks' line numbers index lines split by this
(the fuzzer found a `\x85` that made them point past the last line)."""


class Composer:
    """Turn PyYAML nodes into Scalar / Mapping / Sequence, checking what PyYAML lets through."""

    def __init__(self, path: Path, diags: Diagnostics, line_offset: int, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.diags = diags
        self.line_offset = line_offset
        self.seen: set[int] = set()

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1 + self.line_offset, mark.column + 1)

    def value(self, node: yaml.Node, depth: int) -> Value:
        mark = node.start_mark
        loc = Location(self.path, mark.line + 1 + self.line_offset, mark.column + 1)
        if id(node) in self.seen:
            self.diags.error(loc, "yaml.alias")
            return Scalar("", loc, plain=True)
        self.seen.add(id(node))
        if depth > MAX_YAML_DEPTH:
            self.diags.error(loc, "yaml.too_deep", limit=MAX_YAML_DEPTH)
            return Scalar("", loc, plain=True)
        if node.tag not in _STANDARD_TAGS:
            self.diags.error(loc, "yaml.tag", tag=node.tag.replace("tag:yaml.org,2002:", "!!"))
            return Scalar("", loc, plain=True)
        if isinstance(node, yaml.ScalarNode):
            text = str(node.value)
            plain = not node.style  # libyaml says "", PyYAML None
            if plain:
                self.check_comment(node)
                # every slip is a character beyond ASCII: a date, an id, a number costs one test
                if depth == 0 or (
                    not text.isascii()
                    and (text[0] in _SLIP_STARTS or node.end_mark.line != mark.line)
                ):
                    self.check_slips(node, text, depth)
            return Scalar(text, loc, plain=plain)
        if isinstance(node, yaml.SequenceNode):
            items = tuple(self.value(item, depth + 1) for item in node.value)
            self.check_items(node)
            return Sequence(items, loc)
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, loc, depth)

    def check_comment(self, node: yaml.ScalarNode) -> None:
        """Warn when `#302`-like text after a value was swallowed as a YAML comment."""
        end = node.end_mark
        if end.line < len(self.lines) and _SWALLOWED.match(self.lines[end.line][end.column :]):
            if str(node.value)[:1] in slips.QUOTES:  # “3栋 #302”: the quotes protected nothing
                slip = slips.quoted(self.lines[end.line], end.line, " #")
                if slip is not None:
                    self.warn(slip)
                    return
            at = Location(self.path, end.line + 1 + self.line_offset, end.column + 1)
            self.diags.warning(at, "yaml.comment_in_value")

    def check_slips(self, node: yaml.ScalarNode, text: str, depth: int) -> None:
        """Warn about an input-method slip YAML took silently into this plain text.

        A whole document that is one text was meant as `key: value` lines; a text
        running over lines may hold list items begun with `－`; `＂…＂` was meant as
        quotes. value() calls this only for the whole document and for texts that start
        with a dash or a full-width quote or run over lines.
        """
        # a document of `---` alone ends on a line past the text's last
        first, last = node.start_mark.line, min(node.end_mark.line, len(self.lines) - 1)
        if depth == 0:
            found = (slips.breaking(self.lines[i], i, quotes=False) for i in range(first, last + 1))
            self.warn(next(filter(None, found), None))
        elif first != last or text[:1] in slips.DASHES:
            found = (slips.dash(self.lines[i], i) for i in range(first, last + 1))
            self.warn(next(filter(None, found), None))
        elif text[:1] in "＂＇":
            line = self.lines[first]
            self.warn(slips.kept_quotes(line, first, node.start_mark.column, text))

    def check_items(self, node: yaml.SequenceNode) -> None:
        """Warn about `[助老，好邻居]` (one item) and `- date:2026-05-03` (text, not a mapping)."""
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or item.style:
                continue
            text, start = str(item.value), item.start_mark
            if node.flow_style and ("，" in text or "、" in text):  # slips.FULLWIDTH_COMMAS
                if start.line == item.end_mark.line:
                    line = self.lines[start.line]
                    self.warn(slips.list_comma(line, start.line, start.column, text))
            elif not node.flow_style and (":" in text or "：" in text):
                self.warn(slips.junction(self.lines[start.line], start.line))

    def check_key(self, node: yaml.ScalarNode) -> None:
        """Warn about a key begun or ended with a full-width space, or begun with `－ `."""
        line = node.start_mark.line
        self.warn(slips.breaking(self.lines[line], line, quotes=False))

    def warn(self, slip: slips.Slip | None) -> None:
        """Report a slip YAML took silently, as a warning: the file still reads as before."""
        if slip is not None:
            at = Location(self.path, slip.line + 1 + self.line_offset, slip.column + 1)
            self.diags.warning(at, slip.code, **slip.params)

    def mapping(self, node: yaml.MappingNode, loc: Location, depth: int) -> Mapping:
        entries: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            key_loc = self.loc(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
                self.diags.error(key_loc, "yaml.complex_key")
                continue
            key = str(key_node.value)
            if not key.isascii() and (key[0] in _ODD_KEY_START or key[-1] == "\u3000"):
                self.check_key(key_node)
            value = self.value(value_node, depth + 1)
            if key in entries:
                first = entries[key].key_loc.line
                self.diags.error(key_loc, "yaml.duplicate_key", key=key, first=first)
                continue
            entries[key] = Entry(key_loc, value)
        return Mapping(entries, loc)


_SLIP_STARTS = frozenset(slips.DASHES + "＂＇")
"""A plain text starting with one of these may hide a slip (Composer.check_slips)."""


_ODD_KEY_START = frozenset(slips.ODD_KEY_START)


_SWALLOWED = re.compile(r"[ \t]+#[^\s#]")
"""A comment glued to its text (`王师傅 #302`) was meant as text; `# note` is a real comment."""
