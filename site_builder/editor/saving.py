"""A draft checked and written, or refused: errors by field, or a conflict to show.

In order: a file changed on disk since the form was opened is a conflict (nothing is
written, both versions are shown); then the whole site is checked with the draft in
place (checking.py), and any error the draft brings is put next to the field that
wrote its line, or above the form; then each file is written atomically, refusing
still if it changed in the meantime (content_edits.save).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_builder.content_edits import EditRefused, SaveConflict, content_path, save
from site_builder.editor.checking import Problem, problems_of, said
from site_builder.editor.forms import Change, Draft
from site_builder.sources import Unreadable, decoded
from site_builder.ui_text import EDITOR

FILLED_IN = frozenset({"field.required", "field.empty"})
"""Errors that, next to a form's field, only mean it was left empty."""


@dataclass(slots=True)
class Outcome:
    """What became of a save."""

    saved: tuple[str, ...] = ()
    """The files written (paths in content/)."""
    errors: dict[str, list[str]] = field(default_factory=dict)
    """Form field → its errors, in the site's language."""
    general: list[str] = field(default_factory=list)
    """Errors that belong to no field (another file, the whole file)."""
    conflict: SaveConflict | None = None


def commit(
    content: Path,
    today: dt.date | None,
    language: str,
    draft: Draft,
    known: Sequence[Problem] | None = None,
) -> Outcome:
    """Check `draft` as `build` would and write it; return what happened. `known` are the
    errors the site has now, if the caller has just loaded it."""
    try:
        paths = [content_path(content, change.relative) for change in draft.changes]
        unreadable = _unreadable(draft, language)
        if unreadable:  # its text, read with � for what it could not read, would be saved
            return Outcome(general=unreadable)
        for path, change in zip(paths, draft.changes, strict=True):
            if not change.expected.matches(path):
                on_disk = path.read_bytes() if path.exists() else b""
                raise SaveConflict(
                    path, _text(change.expected.data), _text(on_disk), _text(change.data)
                )
    except SaveConflict as conflict:
        return Outcome(conflict=conflict)
    except EditRefused as refused:
        return Outcome(general=[said(refused.code, language, refused.params)])
    changes = {change.relative: change.data for change in draft.changes}
    problems = problems_of(content, today, changes, known)
    if problems:
        return _placed(problems, draft, language)
    saved = []
    try:
        for path, change in zip(paths, draft.changes, strict=True):
            save(path, change.data, change.expected)
            saved.append(change.relative)
    except SaveConflict as conflict:
        return Outcome(saved=tuple(saved), conflict=conflict)
    except EditRefused as refused:
        return Outcome(saved=tuple(saved), general=[said(refused.code, language, refused.params)])
    return Outcome(saved=tuple(saved))


def _unreadable(draft: Draft, language: str) -> list[str]:
    """Return, for each file to change that is no UTF-8 text, the build's own words on it."""
    words = EDITOR["en" if language == "en" else "zh-CN"]
    found = []
    for change in draft.changes:
        text = decoded(change.expected.data) if change.expected.exists else ""
        if isinstance(text, Unreadable):
            message = said(text.code, language, {})
            found.append(_placed_in(words, change.relative, text.line, message))
    return found


def _placed(problems: list[Problem], draft: Draft, language: str) -> Outcome:
    """Return the problems as errors next to their fields, or above the form."""
    outcome = Outcome()
    words = EDITOR["en" if language == "en" else "zh-CN"]
    by_file = {change.relative: change for change in draft.changes}
    for problem in problems:
        message = problem.said(language)
        change = by_file.get(problem.relative)
        name = draft.codes.get(problem.code) if change is not None else None
        if change is not None and name is None:
            name = _field_of(change, problem)
        if name is not None:
            if problem.code in FILLED_IN:  # its YAML hint ("add a line title: …") fits no form
                message = words["required_missing"]
            outcome.errors.setdefault(name, []).append(message)
        else:
            outcome.general.append(_placed_in(words, problem.relative, problem.line, message))
    return outcome


def _placed_in(words: dict[str, str], relative: str, line: int | None, said: str) -> str:
    """Return an error above the form: its file, its line when it has one, and its words."""
    if line is not None and relative:
        return words["error_elsewhere"].format(path=relative, line=line, message=said)
    return words["error_file"].format(path=relative or "content", message=said)


def _field_of(change: Change, problem: Problem) -> str | None:
    """Return the form field that wrote the line the problem is on, if one did."""
    line = problem.line
    key = dict(problem.params).get("key")
    if line is not None and change.body_from is not None and line >= change.body_from:
        return "body"
    if line is None or line not in change.lines:
        return change.fields.get(key, key) if key is not None and line is None else None
    found = (
        key
        if key is not None
        else key_at(_text(change.data), line, front_matter=change.body_from is not None)
    )
    return None if found is None else change.fields.get(found, found)


def key_at(text: str, line: int, *, front_matter: bool = False) -> str | None:
    """Return the key of the innermost mapping entry whose text holds 1-based `line`."""
    first = 1
    text = text.replace("\r\n", "\n")
    if front_matter:
        lines = text.split("\n")
        try:
            closing = lines.index("---", 1)
        except ValueError:
            return None
        text, first = "\n".join(lines[1:closing]) + "\n", 2
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    wanted = line - first  # 0-based in the composed text
    found: str | None = None
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                last = _last_line(value)
                if key.start_mark.line <= wanted <= last:
                    found = str(key.value)
                    stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return found


def _last_line(node: yaml.Node) -> int:
    """Return the 0-based last line holding `node`'s text (its end mark may be the next)."""
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")
