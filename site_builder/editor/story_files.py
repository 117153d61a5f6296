"""A story or notice file (Markdown with front matter) as the editor reads and writes it.

A new file is named as `site-builder new` names it (the title in pinyin, -2 if taken)
and written in the sample content's style: front matter between `---` lines, the
fields in the handbook's order, empty ones left out, then the text. An existing file
keeps every byte the form did not change: only the fields that differ are set, through
ruamel.yaml's round trip (yaml_edits.change_fields), the text after the front matter is
replaced only if it was edited, and a BOM and CRLF line ends stay as they were.
"""

from __future__ import annotations

import codecs
import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from site_builder.content_edits import Snapshot
from site_builder.editor.forms import Context
from site_builder.scaffold import free_path, slug_for
from site_builder.sources import content_files, decoded
from site_builder.yaml_edits import change_fields
from site_builder.yaml_scalars import Value, scalar

ORDER = {
    "story": ("title", "date", "category", "people", "building", "community", "tags", "cover"),
    "notice": ("title", "date", "expires", "pinned", "community"),
}
"""The fields each kind's form writes, in the order the sample content writes them."""


FOLDER = {"story": "stories", "notice": "notices"}


@dataclass(frozen=True, slots=True)
class Existing:
    """A story or notice file as the form opened it."""

    relative: str
    snapshot: Snapshot
    fields: dict[str, Any]
    """Its front matter as PyYAML reads it."""
    body: str
    """The text after the front matter."""
    head: str = ""
    """The front matter's text, between its `---` lines ("" when it has none)."""
    readable: bool = True
    """False when the editor cannot read it: no UTF-8 text, or front matter that is no YAML
    mapping (the form would open empty, and a save would lose what it could not read)."""


def files_of(context: Context, kind: str) -> list[str]:
    """Return the kind's files (paths in content/): the only ones the form may open."""
    folder = context.content / FOLDER[kind]
    return [p.relative_to(context.content).as_posix() for p in content_files(folder, "*.md")]


def open_existing(context: Context, kind: str, relative: str) -> Existing | None:
    """Return the file `relative` names, if it is one of the kind's files; else None."""
    if relative not in files_of(context, kind):
        return None
    snapshot = Snapshot.of(context.content / relative)
    text = decoded(snapshot.data)
    readable = isinstance(text, str)
    head, body = split_front(
        (text if isinstance(text, str) else snapshot.text).replace("\r\n", "\n")
    )
    try:
        fields = yaml.safe_load(head) if head is not None else {}
    except (yaml.YAMLError, ValueError, OverflowError):  # 2026-02-30 unquoted: ValueError
        fields = None
    if not isinstance(fields, dict) and not (head is not None and not head.strip()):
        readable = False
    found = fields if isinstance(fields, dict) else {}
    return Existing(relative, snapshot, found, body, head or "", readable)


def new_text(kind: str, wanted: dict[str, Value | None], body: str) -> str:
    lines = ["---"]
    for key, value in wanted.items():
        if value is not None and not (key == "pinned" and value is False and kind != "notice"):
            lines.append(f"{key}: {scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + ended(body)


def changed_text(existing: Existing, wanted: dict[str, Value | None], body: str) -> str:
    """Return the file with the fields that differ set, and the new text if it changed."""
    changes: dict[str, Value | None] = {}
    for key, value in wanted.items():
        before = existing.fields.get(key)
        if value is None and key not in existing.fields:
            continue
        if key in ("pinned", "draft") and not value and not before:
            continue
        if key == "draft" and value is None and before is not None:
            value = False
        if _same(before, value):
            continue
        changes[key] = value
    head, old_body = existing.head, existing.body
    new_head = change_fields(head, changes) if changes else head
    new_body = old_body if body.replace("\r\n", "\n") == old_body else ended(body)
    changed = f"---\n{new_head}---\n{new_body}"
    data = existing.snapshot.data  # a file from Windows Notepad keeps its BOM and CRLF
    bom = "\ufeff" if data.startswith(codecs.BOM_UTF8) else ""
    return bom + (changed.replace("\n", "\r\n") if b"\r\n" in data else changed)


def _same(before: Any, after: Value | None) -> bool:
    if isinstance(before, list) and isinstance(after, list):
        return [str(b) for b in before] == [str(a) for a in after]
    if isinstance(before, dt.date | bool | int) or before is None:
        return before == after
    return str(before) == after


def split_front(text: str) -> tuple[str | None, str]:
    """Return the front matter's text (None if there is none) and the text after it."""
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return None, text
    return text[4 : end + 1], text[end + 5 :]


def ended(body: str) -> str:
    body = body.replace("\r\n", "\n").strip("\n")
    return body + "\n" if body else ""


def new_path(context: Context, kind: str, title: str) -> str:
    folder = context.content / FOLDER[kind]
    return free_path(folder, slug_for(title), ".md").relative_to(context.content).as_posix()
