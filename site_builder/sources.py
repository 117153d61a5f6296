"""Read content files as written: text with positions, YAML as a tree of located values.

YAML is composed, never constructed: every scalar stays the exact text the
volunteer typed (so `NO`, `12:30`, `0755` and `+8613812345678` survive), and
the field's schema decides whether it is a date, a number or a flag. No Python
tags, no duplicate keys, no aliases (which is also what keeps a "billion
laughs" file from eating memory).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Union

import yaml

from site_builder import slips
from site_builder.diagnostics import Diagnostics, Location

try:  # libyaml is several times faster; the pure-Python loader behaves the same.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """Compose without guessing types: every untagged scalar is text.

    PyYAML's resolver runs a dozen regular expressions per scalar to guess
    ints, floats, booleans and dates that we never use (the schema decides),
    and it is pure Python even under libyaml: skipping it halves composing.
    """

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        if kind is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return,no-untyped-call]


NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")
)
MAX_YAML_DEPTH = 40
"""Deeper nesting than this is never content; refusing it keeps the composer's stack safe."""


class Scalar(NamedTuple):
    """A YAML scalar, kept as the text that was typed (a tuple: there are many of them)."""

    text: str
    """The characters as written, without the quotes."""
    loc: Location
    """Where the value starts."""
    plain: bool
    """True when written without quotes (so `~` or an empty value means "nothing")."""

    @property
    def is_null(self) -> bool:
        """Tell whether this scalar means "no value" (empty, `~` or `null`, unquoted)."""
        return self.plain and self.text in NULL_WORDS


class Entry(NamedTuple):
    """One `key: value` pair of a mapping."""

    key_loc: Location
    """Where the key is written."""
    value: Value
    """The value, which may be a null Scalar."""


@dataclass(frozen=True, slots=True)
class Mapping:
    """A YAML mapping, its keys in the order written."""

    entries: dict[str, Entry]
    """Key text to entry."""
    loc: Location
    """Where the mapping starts."""


@dataclass(frozen=True, slots=True)
class Sequence:
    """A YAML list."""

    items: tuple[Value, ...]
    """The items in order."""
    loc: Location
    """Where the list starts."""


Value = Union[Scalar, Mapping, Sequence]  # noqa: UP007 - a runtime alias needs Union here


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A Markdown file split into its YAML header and its body."""

    header: Value
    """The composed front matter."""
    body: str
    """The Markdown below the closing `---`."""
    body_line: int
    """1-based line number in the file where the body starts."""


MAX_FILE_BYTES = 16 * 1024 * 1024
"""No hand-written content file comes near this (a year's ledger of 100,000 lines is 6 MB)."""


def prefetch(paths: Iterable[Path]) -> None:
    """Ask the system to start reading these files now, all together, where it can.

    Read one after another when they have left the disk cache, 10,000 story files
    took about a second, nearly all of it spent waiting on each file in turn; asked
    for first, they arrive together and the reads take a tenth of that. Nothing is
    read here, and a file that cannot be opened is left for read_text to report.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:  # not on macOS or Windows
        return
    for path in paths:
        try:  # never blocks, even on a FIFO linked into content/
            handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            advise(handle, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass  # not a regular file: read_text refuses it
        finally:
            os.close(handle)


def read_text(path: Path, diags: Diagnostics) -> str | None:
    """Return the file's text with LF line ends, or report why it cannot be read as UTF-8."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            # a device or a pipe (/dev/zero linked in) would never end, or never start
            diags.error(Location(path), "file.not_regular")
            return None
        if info.st_size > MAX_FILE_BYTES:
            size, limit = f"{info.st_size / 2**20:.0f}", f"{MAX_FILE_BYTES // 2**20}"
            diags.error(Location(path), "file.too_big", size=size, limit=limit)
            return None
        data = path.read_bytes()
    except OSError as exc:
        diags.error(Location(path), "file.unreadable", reason=exc.strerror or str(exc))
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(data):
        diags.error(Location(path), "encoding.utf16")
        return None
    if b"\x00" in data:
        diags.error(Location(path), "encoding.binary")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        code = "encoding.gbk" if _is_gb18030(data) else "encoding.not_utf8"
        diags.error(Location(path, line), code)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_utf16(data: bytes) -> bool:
    """Tell UTF-16 without a BOM from binary: text in it has a zero in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return False
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(zeros_even, zeros_odd) > len(sample) // 4 and min(zeros_even, zeros_odd) == 0


def _is_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def load_yaml(
    text: str, path: Path, diags: Diagnostics, line_offset: int = 0, max_values: int = 0
) -> Value | None:
    """Compose `text` into located values; report syntax errors, tags, aliases, duplicate keys.

    Return None when the text cannot be read as YAML at all (the error is reported);
    an empty document is an empty mapping. A text of more than `max_values` values
    (MAX_YAML_VALUES unless given) is refused before anything is built.
    """
    limit = max_values or MAX_YAML_VALUES
    if _values_at_most(text) > limit:
        at = _value_over(text, limit, path, line_offset)
        if at is not None:
            diags.error(at, "yaml.too_many_values", limit=limit)
            return None
    if "\t" in text:
        _report_tab(text, path, diags, line_offset)
    else:
        simple = block_list(text, path, line_offset) or flat_mapping(text, path, line_offset)
        if simple is not None:
            return simple
    if _too_deep(text, path, diags, line_offset):
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        if _report_slips(exc, text, path, diags, line_offset):
            return None
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        code = "yaml.documents" if "single document" in str(exc) else "yaml.syntax"
        problem = exc.problem or exc.context or ""
        diags.error(
            Location(path, line, column), code, problem=problem, explained=_explain(problem)
        )
        return None
    except yaml.YAMLError as exc:  # a reader error: a control character in the text
        problem = str(exc).splitlines()[0]
        at = _character_at(text, path, getattr(exc, "character", None), line_offset)
        diags.error(at, "yaml.syntax", problem=problem, explained=_explain(problem))
        return None
    if node is None:
        return Mapping({}, Location(path, 1 + line_offset))
    return _Composer(path, diags, line_offset, _YAML_LINE_BREAK.split(text)).value(node, 0)


_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break: its marks' line numbers index lines split by this
(the fuzzer found a `\x85` that made them point past the last line)."""
MAX_YAML_VALUES = 1_500_000
"""Values (scalars, lists, mappings) one YAML file may hold: a year's ledger of 100,000
lines holds 400,000 (and its cheap bound, 1.4 million, spares it the count). A 16 MB
`[a,a,a,…]` holds 8 million and took 2.5 GB to build."""
MAX_FRONT_MATTER_VALUES = 10_000
"""Values a story's or notice's front matter may hold: it has a dozen fields."""
_VALUE_STARTS = ("\n", ",", ": ", ":\n", "- ", "-\n", "[", "{", "? ")


def _values_at_most(text: str) -> int:
    """Return a cheap upper bound of the values in `text`.

    Every value but the first starts after one of _VALUE_STARTS, and a list or
    mapping starts where its first item does, so at most two values start at each.
    """
    return 2 * (1 + sum(text.count(start) for start in _VALUE_STARTS))


def _event_at(event: yaml.Event, path: Path, line_offset: int) -> Location:
    """Return where a parser event starts, in the file's own lines."""
    mark = event.start_mark
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1 + line_offset, mark.column + 1)


def _value_over(text: str, limit: int, path: Path, line_offset: int) -> Location | None:
    """Return where the value past `limit` starts, reading events (nothing is built), or None."""
    seen = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.NodeEvent) and not isinstance(event, yaml.AliasEvent):
                seen += 1
                if seen > limit:
                    return _event_at(event, path, line_offset)
    except yaml.YAMLError:
        return None  # composing reports it, at its line
    return None


def _report_slips(
    exc: yaml.MarkedYAMLError, text: str, path: Path, diags: Diagnostics, line_offset: int
) -> bool:
    """Report the input-method slips (`：`, `　`, `“…”`, `－`, `，`) YAML stopped at, if any."""
    problem, context = exc.problem_mark, exc.context_mark
    if problem is None or "single document" in str(exc):
        return False
    stop = (problem.line, problem.column, context.line if context is not None else None)
    found = slips.at_error(_YAML_LINE_BREAK.split(text), stop, _stop_of)
    for slip in found:
        at = Location(path, slip.line + 1 + line_offset, slip.column + 1)
        diags.error(at, slip.code, **slip.params)
    return bool(found)


def _stop_of(lines: list[str]) -> slips.Stop | None:
    """Return where YAML stops reading `lines`, or None when it reads them through."""
    try:
        for _event in yaml.parse("\n".join(lines), Loader=_Loader):
            pass
    except yaml.MarkedYAMLError as exc:
        at, context = exc.problem_mark, exc.context_mark
        if at is not None:
            return at.line, at.column, context.line if context is not None else None
        return len(lines), 0, None
    except yaml.YAMLError:
        return len(lines), 0, None
    return None


def _character_at(text: str, path: Path, character: object, line_offset: int) -> Location:
    """Return where the character a reader error names first appears (its offset may be bytes)."""
    index = text.find(chr(character)) if isinstance(character, int) else -1
    if index < 0:
        return Location(path)
    line = text.count("\n", 0, index) + 1 + line_offset
    return Location(path, line, index - text.rfind("\n", 0, index))


def _too_deep(text: str, path: Path, diags: Diagnostics, line_offset: int) -> bool:
    """Report nesting deeper than MAX_YAML_DEPTH before composing, from the parser's events.

    libyaml composes recursively in C: 30,000 nested `[` or `- ` overflow its stack
    and kill the process, so the depth must be known before composing. Reading the
    events costs almost as much as composing, so it is done only when a cheap bound
    (brackets, plus twice the indentation and indicators of the busiest line) says
    the text could nest that deep at all.
    """
    bound = text.count("[") + text.count("{") + 2 * max(map(_line_depth, text.split("\n")))
    if bound <= MAX_YAML_DEPTH:
        return False
    at = _first_too_deep(text, path, line_offset)
    if at is None:
        return False
    diags.error(at, "yaml.too_deep", limit=MAX_YAML_DEPTH)
    return True


def _first_too_deep(text: str, path: Path, line_offset: int, again: bool = True) -> Location | None:
    """Return where the first collection deeper than MAX_YAML_DEPTH opens, or None.

    The scanner reads ahead of the events it hands out: a `[` might begin a key,
    which is settled only up to 1,024 characters on. A libyaml with a nesting limit
    of its own (1,000 levels in the one PyYAML 6.0.4 bundles) refuses `[[[[…` within
    that reach before the first of its events comes out, so its refusal is not the
    end of the story: the text up to where it stopped is read again (`again`), and
    the levels before the refusal come out as events. Any other error is composing's
    to report, with its line.
    """
    depth = -1  # the top-level collection is level 0, as in _Composer
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return _event_at(event, path, line_offset)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        stop = exc.problem_mark
        cut = _offset(text, stop.line, stop.column) if again and stop is not None else 0
        if 0 < cut < len(text):
            return _first_too_deep(text[:cut], path, line_offset, again=False)
        return None
    except yaml.YAMLError:
        return None
    return None


def _offset(text: str, line: int, column: int) -> int:
    """Return the index in `text` of a 0-based line and column."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return start + column


def _line_depth(line: str) -> int:
    """Return how many block collections could open on `line`: its indent and indicators."""
    indicators = line.count("- ") + line.count("? ") + line.count(": ")
    return len(line) - len(line.lstrip(" ")) + indicators + line.endswith(("-", ":")) + 1


_LINE = re.compile(r"(- |  )([A-Za-z_][A-Za-z0-9_-]*): (.*)$")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` \t＂＇")
"""A plain scalar may not start with these (or would mean something else in YAML), nor
with a full-width quote, which the composer warns about (slips.kept_quotes)."""
_SKIP = re.compile(r"\s*(#.*)?$")
_UNUSUAL = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Characters YAML reads as line breaks (NEL, LS, PS), refuses (controls, tabs here), or
drops (BOM): a text holding one is composed the ordinary way."""


def _plain(value: str) -> bool:
    """Tell whether `value`, written after `key: ` on one line, is plain text to YAML as it is.

    Not when it is empty, starts with an indicator (quote, flow, anchor, block scalar...),
    holds a `: ` (a mapping) or ` #` (a comment), or ends with `:`.
    """
    return (
        bool(value)
        and value[0] not in _INDICATORS
        and ": " not in value
        and " #" not in value
        and value[-1] != ":"
    )


def block_list(text: str, path: Path, line_offset: int = 0) -> Sequence | None:
    """Read the common ledger shape (`- key: value` / `  key: value`) without libyaml.

    Composing through PyYAML costs microseconds per scalar; a 100,000-line
    ledger needs a faster road. This one takes only lines whose meaning in
    YAML is beyond doubt and returns None at the first other line (quotes,
    flow style, nesting, a duplicate key...), so the caller composes the file
    the ordinary way and reports whatever needs reporting.
    """
    if _UNUSUAL.search(text):
        return None
    items: list[Mapping] = []
    entries: dict[str, Entry] = {}
    match_line = _LINE.match
    new = tuple.__new__  # Location(...) through its Python-level __new__ costs twice as much
    for number, line in enumerate(text.split("\n"), start=1 + line_offset):
        match = match_line(line)
        if match is None:
            if _SKIP.match(line):
                continue
            return None
        dash, key, value = match.groups()
        value = value.rstrip(" ")
        if not _plain(value):
            return None
        if dash == "- ":
            entries = {}
            items.append(Mapping(entries, Location(path, number, 3)))
        elif not items or key in entries:
            return None
        value_at = new(Location, (path, number, len(key) + 5))
        entries[key] = new(
            Entry, (new(Location, (path, number, 3)), new(Scalar, (value, value_at, True)))
        )
    if not items:
        return None
    return Sequence(tuple(items), Location(path, items[0].loc.line, 1))


_KEY_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,127}): +(.*?) *$")
_FLOW_ITEM = (
    r" *[^\s\-?:,\[\]{}#&*!|>'\"%@`＂＇，、](?:[^,\[\]{}#:'\"，、]*[^\s,\[\]{}#:'\"，、])? *"
)
_FLOW_LIST = re.compile(rf"\[(?:{_FLOW_ITEM}(?:,{_FLOW_ITEM})*| *)\]")
"""A one-line flow list of plain items that no YAML indicator starts or ends, and that
hold no full-width comma (one item to YAML, which the composer warns about)."""


def flat_mapping(text: str, path: Path, line_offset: int = 0) -> Mapping | None:
    """Read the common front matter shape (`key: value`, `tags: [a, b]`) without libyaml.

    Front matter is a story's title, date, category and tags on a line each, and
    composing it through PyYAML cost more than a tenth of a story's whole load.
    Like block_list, this takes only lines whose meaning in YAML is beyond doubt
    and returns None at the first other one (quotes, nesting, a comment after a
    value, a key written twice...): the caller composes the text the ordinary way.
    """
    if _UNUSUAL.search(text):
        return None
    entries: dict[str, Entry] = {}
    start: Location | None = None
    new = tuple.__new__  # as in block_list
    for number, line in enumerate(text.split("\n"), start=1 + line_offset):
        match = _KEY_VALUE.match(line)
        if match is None:
            if _SKIP.match(line):
                continue
            return None
        key, value = match.groups()
        column = match.start(2) + 1
        if key in entries or not value:
            return None
        found: Value | None
        if value[0] == "[":
            found = _flow_list(value, path, number, column)
        elif not _plain(value):
            return None
        else:
            found = new(Scalar, (value, new(Location, (path, number, column)), True))
        if found is None:
            return None
        key_at = new(Location, (path, number, 1))
        entries[key] = new(Entry, (key_at, found))
        start = start or key_at
    return Mapping(entries, start) if start is not None else None


def _flow_list(value: str, path: Path, number: int, column: int) -> Sequence | None:
    """Read `[a, b, c]` written on one line at `column`, or None if anything is unusual."""
    if _FLOW_LIST.fullmatch(value) is None:
        return None
    items: list[Value] = []
    new = tuple.__new__  # as in block_list
    offset = column + 1  # the column of the character after `[`
    for part in value[1:-1].split(","):
        item = part.strip(" ")
        if item:
            at = new(Location, (path, number, offset + len(part) - len(part.lstrip(" "))))
            items.append(new(Scalar, (item, at, True)))
        offset += len(part) + 1
    return Sequence(tuple(items), Location(path, number, column))


_PROBLEMS_ZH = (
    ("mapping values are not allowed", "这一行多了一个 “: ”（冒号加空格），含冒号的文字要加引号"),
    ("could not find expected ':'", "缺少冒号，应该写成 名字: 值"),
    ("did not find expected key", "缩进没有对齐"),
    ("expected <block end>", "缩进没有对齐"),
    ("cannot start any token", "这一行开头有 YAML 不认的字符（Tab、@ 或 ` 等），请加引号或删掉"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有配对"),
    ("did not find expected ',' or '}'", "花括号 { } 没有配对"),
    ("found unexpected end of stream", "引号没有配对"),
    ("unknown escape character", "双引号里的反斜杠 \\ 要写成 \\\\，或改用单引号"),
    ("did not find expected '-' indicator", "列表的 - 没有对齐"),
    ("found undefined alias", "用了没有定义的别名（*名字）"),
    ("control characters are not allowed", "文件里有看不见的控制字符"),
)


def _explain(problem: str) -> str:
    """Return a Chinese explanation of a libyaml problem, or the problem itself."""
    return next((zh for en, zh in _PROBLEMS_ZH if en in problem), problem)


def _report_tab(text: str, path: Path, diags: Diagnostics, line_offset: int) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        indent = re.match(r"[ \t]*", line)
        if indent and "\t" in indent.group(0) and line.strip():
            diags.warning(Location(path, number + line_offset, 1), "yaml.tab")
            return


class _Composer:
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
        first, last = node.start_mark.line, node.end_mark.line
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
"""A plain text starting with one of these may hide a slip (_Composer.check_slips)."""
_ODD_KEY_START = frozenset(slips.ODD_KEY_START)
_SWALLOWED = re.compile(r"[ \t]+#[^\s#]")
"""A comment glued to its text (`王师傅 #302`) was meant as text; `# note` is a real comment."""
_FENCE = re.compile(r"^---[ \t]*$")


def split_front_matter(text: str, path: Path, diags: Diagnostics) -> FrontMatter | None:
    """Split a Markdown file at its `---` fences and compose the YAML between them."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        diags.error(Location(path, 1), "frontmatter.missing")
        return None
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            header_text = "\n".join(lines[1:index])
            header = load_yaml(header_text, path, diags, 1, MAX_FRONT_MATTER_VALUES)
            if header is None:
                return None
            body = "\n".join(lines[index + 1 :])
            return FrontMatter(header, body, index + 2)
    diags.error(Location(path, 1), "frontmatter.unclosed")
    return None


def read_yaml(path: Path, diags: Diagnostics) -> Value | None:
    """Read and compose one YAML file; None when it cannot be read (already reported)."""
    text = read_text(path, diags)
    return load_yaml(text, path, diags) if text is not None else None


def list_items(value: Value | None, diags: Diagnostics, code: str) -> tuple[Value, ...]:
    """Return the items of a file that must be a YAML list; report `code` if it is not one."""
    if value is None or (isinstance(value, Mapping) and not value.entries):
        return ()
    if not isinstance(value, Sequence):
        diags.error(value.loc, code)
        return ()
    return value.items


def content_files(folder: Path, pattern: str, diags: Diagnostics | None = None) -> list[Path]:
    """Return the files in `folder` matching `pattern`, sorted, without editor and OS leftovers.

    With `diags`, a folder that is there but cannot be listed (a symlink loop, no
    permission, a file where the folder should be) is reported at its path.
    """
    if not folder.is_dir():
        if diags is not None:
            folder_unusable(folder, diags)
        return []
    # .#a.md (Emacs), ._a.md (macOS on a USB stick), ~$a.md (Office) are not content.
    return sorted(p for p in folder.glob(pattern) if not p.name.startswith((".", "~$")))


def folder_unusable(folder: Path, diags: Diagnostics) -> bool:
    """Report a content folder that is there but cannot be listed; tell whether it was.

    glob() and is_dir() say nothing of a symlink loop or a folder without permission:
    they find no files, and the kind's pages would silently vanish.
    """
    if not os.path.lexists(folder):
        return False
    try:
        with os.scandir(folder):
            return False
    except OSError as error:
        diags.error(Location(folder), "folder.unreadable", reason=error.strerror or str(error))
        return True
