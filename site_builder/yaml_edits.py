"""Changes to a YAML list file that keep every other byte of it (issue 28's editor).

Two kinds of change, made two different ways:

- Appending an entry (a ledger line, an event, an honor-roll name, a wish) is a pure text
  operation: the file is composed with PyYAML only to find where its list ends, what
  column its `- ` stands in, where an item's keys start and whether items are parted by
  blank lines; the new entry's text (values written by yaml_scalars.py) is put after the
  last item's last line. Every byte before it stays the same, and so does any comment
  after it. No YAML library writes the file, so nothing it might tidy can change.
- Changing fields of one existing item (a wish's `status` and `claimed_by`) goes through
  ruamel.yaml's round-trip mode, which keeps comments, key order, quoting and blank
  lines. It is trusted only where it has been seen to: the unchanged file is loaded and
  dumped first, with each common indentation style in turn, and the edit is made only
  with a style that gives back the very same text; a file that no style reproduces is
  refused (`edit.not_round_trip`), never rewritten. Files the editor does not change are
  never loaded by ruamel at all.

Either way the new text is read back with PyYAML and must hold the old entries plus the
change and nothing else, or the change is refused. The caller saves it with
`content_edits.save`, which refuses a file that changed since the form was opened.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import yaml

from site_builder.content_edits import EditRefused
from site_builder.yaml_scalars import Value, double_quoted, scalar

if TYPE_CHECKING:
    from ruamel.yaml import YAML

Entry = Mapping[str, Value]
"""One list item: its keys in the order they are written, each with its value."""

INDENT_STYLES = ((2, 2, 0), (2, 4, 2), (4, 4, 2), (4, 4, 0), (4, 6, 4), (3, 3, 1))
"""ruamel.yaml's (mapping, sequence, offset) settings tried, in turn, on a file to change."""


def append_entry(text: str, entry: Entry, *, under: str | None = None) -> str:
    """Return `text` with `entry` added at the end of its list (the top, or `under:`'s)."""
    bom, body, newline = _split(text)
    _check_keys(entry)
    root = _compose(body)
    place = _list_place(body, root, under)
    dash, offset, at, blank = place
    lines = _entry_lines(entry, dash, offset)
    added = newline.join(lines) + newline
    head, tail = body[:at], body[at:]
    if head and not head.endswith("\n"):
        head += newline  # a file without a final newline gets one, before the entry
    if blank:
        added = newline + added
    result = bom + head + added + tail
    _expect([*_items(body, under), _plain_entry(entry)], result, under)
    return result


def change_entry(
    text: str, index: int, changes: Entry | Mapping[str, Value | None], *, under: str | None = None
) -> str:
    """Return `text` with fields of its list's item `index` set (None removes a field).

    A new field goes right after the field changed before it, or last.
    """
    return _change(text, changes, lambda doc: (doc if under is None else doc[under])[index])


def change_fields(text: str, changes: Mapping[str, Value | None]) -> str:
    """Return the YAML mapping `text` (a story's front matter) with fields set, None
    removing one; every other byte is kept, or the change is refused."""
    return _change(text, changes, lambda doc: doc, missing="edit.not_round_trip")


def _change(
    text: str,
    changes: Mapping[str, Value | None],
    find: Callable[[Any], Any],
    missing: str = "edit.no_list",
) -> str:
    """Return `text` with `changes` set on the mapping `find` picks from the document, made
    through ruamel.yaml's round trip; refused (`missing`) when there is no such mapping, and
    unless PyYAML reads the result as the old document with just these changes."""
    bom, body, newline = _split(text)
    _check_keys(changes)
    if newline == "\r\n":
        if body.count("\r\n") != body.count("\n"):
            raise EditRefused("edit.not_round_trip")  # mixed line endings
        body = body.replace("\r\n", "\n")
    expected = _loaded(body)
    try:
        target = find(expected)
    except (KeyError, IndexError, TypeError):
        raise EditRefused(missing) from None
    if not isinstance(target, dict):
        raise EditRefused(missing)
    _apply_plain(target, changes)
    handler = round_trip_yaml(body)
    data = handler.load(body)
    _apply(find(data), changes)
    out = io.StringIO()
    handler.dump(data, out)
    result = out.getvalue()
    if _loaded(result) != expected:
        raise EditRefused("edit.not_round_trip")
    return bom + result.replace("\n", newline)


def round_trip_yaml(text: str) -> YAML:
    """Return a ruamel.yaml handler that dumps `text`, loaded, back to the same text.

    Raises EditRefused("edit.not_round_trip") when no indentation style does,
    and EditRefused("edit.broken_yaml") when ruamel.yaml cannot read the text.
    """
    from ruamel.yaml import YAML  # only the editor needs it
    from ruamel.yaml.error import YAMLError

    for mapping, sequence, offset in INDENT_STYLES:
        handler = YAML(typ="rt")
        handler.preserve_quotes = True
        handler.width = 4096  # never fold a long line
        handler.indent(mapping=mapping, sequence=sequence, offset=offset)
        handler.explicit_start = text.startswith("---")
        out = io.StringIO()
        try:
            handler.dump(handler.load(text), out)
        except YAMLError:
            raise EditRefused("edit.broken_yaml") from None
        if out.getvalue() == text:
            return handler
    raise EditRefused("edit.not_round_trip")


def _split(text: str) -> tuple[str, str, str]:
    """Return the BOM (or ""), the text after it, and the line ending it uses."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    return bom, body, "\r\n" if "\r\n" in body else "\n"


def _check_keys(entry: Mapping[str, object]) -> None:
    for key in entry:
        # a field name PyYAML reads as a string (`yes`, `null`, `on` are no field names)
        if not key.isidentifier() or not key.isascii() or yaml.safe_load(key) != key:
            raise ValueError(f"not a field name: {key!r}")


def _compose(body: str) -> yaml.Node | None:
    try:
        return yaml.compose(body, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, ValueError, OverflowError):  # 2026-02-30 unquoted: ValueError
        raise EditRefused("edit.broken_yaml") from None


def _list_place(body: str, root: yaml.Node | None, under: str | None) -> tuple[int, int, int, bool]:
    """Return the list's dash column, its keys' offset from it, where to add, and blank lines."""
    if under is None:
        node = root
        if node is None:  # nothing but comments yet: a new list, at the end
            return 0, 2, len(body), False
    else:
        if not isinstance(root, yaml.MappingNode):
            raise EditRefused("edit.no_list")
        found = [(k, v) for k, v in root.value if k.value == under]
        if not found:
            raise EditRefused("edit.no_list")
        key, node = found[0]
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.value:
            return key.start_mark.column + 2, 2, _line_end(body, key.end_mark.index), False
    if not isinstance(node, yaml.SequenceNode):
        raise EditRefused("edit.no_list")
    if node.flow_style or not node.value:
        raise EditRefused("edit.not_round_trip")  # `[a, b]`: not a list an entry joins
    items = node.value
    last = items[-1]
    if not isinstance(last, yaml.MappingNode) or last.flow_style:
        raise EditRefused("edit.no_list")
    dash = node.start_mark.column
    offset = last.start_mark.column - dash
    if offset < 2:
        raise EditRefused("edit.not_round_trip")
    # one item: set apart as the file sets it apart from the comment above it
    blank = _blank_between(body, items[-2], last) if len(items) > 1 else _blank_above(body, node)
    return dash, offset, _line_end(body, _content_end(body, last)), blank


def _content_end(body: str, node: yaml.Node) -> int:
    """Return the index just after the last character of `node`'s own text."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        if node.flow_style:
            break
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = node.end_mark.index
    return len(body[:end].rstrip())


def _line_end(body: str, index: int) -> int:
    """Return the index after the line break that ends the line holding `index` (or the end)."""
    found = body.find("\n", index)
    return len(body) if found < 0 else found + 1


def _blank_between(body: str, before: yaml.Node, after: yaml.Node) -> bool:
    gap = body[_line_end(body, _content_end(body, before)) : after.start_mark.index]
    return any(not line.strip() for line in gap.split("\n")[:-1])


def _blank_above(body: str, node: yaml.Node) -> bool:
    """Return whether a blank line parts `node`'s first line from the text above it."""
    above = body[: body.rfind("\n", 0, node.start_mark.index) + 1].split("\n")[:-1]
    return bool(above) and not above[-1].strip() and any(line.strip() for line in above)


def _entry_lines(entry: Entry, dash: int, offset: int) -> list[str]:
    """Return the entry's lines: `- key: value` at the dash's column, the other keys under it."""
    lines: list[str] = []
    for number, (key, value) in enumerate(entry.items()):
        prefix = " " * dash + "-" + " " * (offset - 1) if number == 0 else " " * (dash + offset)
        first, *rest = scalar(value).split("\n")
        lines.append(f"{prefix}{key}: {first}")
        lines.extend(" " * (dash + offset) + line if line else "" for line in rest)
    return lines


def _loaded(body: str) -> Any:
    """Return the document as PyYAML reads it; refuse one it cannot read."""
    try:
        return yaml.safe_load(body)
    except (yaml.YAMLError, ValueError, OverflowError):  # 2026-02-30 unquoted: ValueError
        raise EditRefused("edit.broken_yaml") from None


def _items(body: str, under: str | None) -> list[Any]:
    """Return the list as PyYAML reads it (an empty document: no items yet)."""
    loaded = _loaded(body)
    if under is not None:
        loaded = loaded.get(under) if isinstance(loaded, dict) else _NO_LIST
    if loaded is None:
        return []
    if not isinstance(loaded, list):
        raise EditRefused("edit.no_list")
    return loaded


_NO_LIST = object()


def _plain_entry(entry: Mapping[str, Value | None]) -> dict[str, Any]:
    """Return the entry as PyYAML would read it back (lists as lists)."""
    return {k: _as_pyyaml_reads(v) for k, v in entry.items()}


def _as_pyyaml_reads(value: Value | None) -> Any:
    """Return a value as PyYAML reads its text back: a list as a list, and a time of day
    (`11:00`, which the site reads as written) as YAML 1.1's base-60 number, 660."""
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute
    return value


def _apply_plain(item: dict[str, Any], changes: Mapping[str, Value | None]) -> None:
    for key, value in _plain_entry(changes).items():
        if value is None:
            item.pop(key, None)
        else:
            item[key] = value


def _expect(expected: list[Any], result: str, under: str | None) -> None:
    """Refuse a result that does not read back as `expected` (a fault of ours: say so)."""
    if _items(result.lstrip("\ufeff"), under) != expected:
        raise EditRefused("edit.not_round_trip")


def _apply(target: Any, changes: Mapping[str, Value | None]) -> None:
    """Set `changes` on a ruamel mapping, each new key after the key changed before it."""
    previous: str | None = None
    for key, value in changes.items():
        if value is None:
            target.pop(key, None)
            continue
        styled = _styled(value)
        if key in target:
            target[key] = styled
        elif previous is not None and previous in target:
            target.insert(list(target).index(previous) + 1, key, styled)
        else:
            target[key] = styled
        previous = key


def _styled(value: Value) -> Any:
    """Return `value` for ruamel.yaml, quoted as yaml_scalars would write it."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(value, str):
        written = scalar(value)
        if written == double_quoted(value):
            return DoubleQuotedScalarString(value)
        if written.startswith("|"):
            return LiteralScalarString(value)
        return value
    if isinstance(value, list | tuple):
        seq = CommentedSeq([_styled(item) for item in value])
        seq.fa.set_flow_style()
        return seq
    return value
