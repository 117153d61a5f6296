"""The story and notice forms: a new Markdown file, or an existing one's fields and text.

The fields as the page shows them, and the posted fields turned into the file to write
(story_files.py writes it); a cover sent with the form is judged and stored by uploads.py.
Editing an existing file carries the values the form opened with, so that a save after a
conflict applies only what the volunteer changed onto the file as it is now.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from site_builder.content_edits import Snapshot
from site_builder.editor.forms import (
    Blocked,
    Change,
    Context,
    Draft,
    FieldView,
    Opened,
    Refusal,
    Values,
    base_of,
    blocked_on,
    chosen,
    community_field,
    first_community,
    iso_date,
    opened_as,
    split_list,
)
from site_builder.editor.requests import Request
from site_builder.editor.story_files import (
    ORDER,
    Existing,
    changed_text,
    new_path,
    new_text,
    open_existing,
)
from site_builder.editor.uploads import Accepted, accept
from site_builder.messages import message_text
from site_builder.yaml_scalars import Value


def values_of(existing: Existing | None, context: Context, kind: str) -> Values:
    """Return the form's starting values: the file's, or a new one's defaults."""
    if existing is None:
        today = context.today.isoformat()
        values: Values = {"date": today, "body": ""}
        if kind == "notice":
            values["expires"] = (context.today + dt.timedelta(days=14)).isoformat()
        return values | first_community(context)
    found = existing.fields
    values = {key: _shown(found.get(key)) for key in ORDER[kind] if key != "cover"}
    values["tags"] = [str(t) for t in found.get("tags") or [] if t is not None]
    values["pinned"] = "on" if found.get("pinned") is True else ""
    values["draft"] = "on" if found.get("draft") is True else ""
    values["body"] = existing.body
    return values


def fields(
    context: Context, kind: str, values: Values, existing: Existing | None
) -> list[FieldView]:
    """Return the form's fields, filled with `values`."""
    words, facts = context.words, context.facts
    shown = [
        FieldView("title", "text", words["f_title"], chosen(values, "title"), required=True),
        FieldView("date", "date", words["f_date"], chosen(values, "date"), required=True),
    ]
    if kind == "story":
        tags = list(dict.fromkeys([*_listed(values, "tags"), *facts.tags]))  # its own order first
        shown += [
            FieldView(
                "category",
                "text",
                words["f_category"],
                chosen(values, "category"),
                suggestions=facts.categories,
            ),
            FieldView(
                "tags",
                "checks",
                words["f_tags"],
                _listed(values, "tags"),
                choices=tuple((t, t) for t in tags),
            ),
            FieldView(
                "new_tags",
                "text",
                words["f_new_tags"],
                chosen(values, "new_tags"),
                hint=words["f_new_tags_hint"],
            ),
            FieldView(
                "people",
                "text",
                words["f_people"],
                chosen(values, "people"),
                hint=words["f_people_hint"],
            ),
            FieldView(
                "building",
                "text",
                words["f_building"],
                chosen(values, "building"),
                suggestions=facts.buildings,
            ),
        ]
    else:
        shown += [
            FieldView("expires", "date", words["f_expires"], chosen(values, "expires")),
            FieldView("pinned", "checkbox", words["f_pinned"], chosen(values, "pinned")),
        ]
    shown += community_field(context, values)
    if kind == "story":
        cover = existing.fields.get("cover") if existing else None
        token = chosen(values, "held_cover")
        held = context.held.get(token)
        hint, picture = words["f_cover_hint"], ""
        if held is not None:
            hint, picture = words["f_cover_held"].format(name=held.filename), f"/_edit/held/{token}"
        elif cover:
            hint = words["f_cover_now"].format(path=cover) + words["full_stop"] + hint
        shown.append(
            FieldView(
                "cover",
                "file",
                words["f_cover"],
                hint=hint,
                extra={"accept": "image/*"},
                picture=picture,
            )
        )
    shown.append(
        FieldView(
            "body", "markdown", words["f_body"], chosen_body(values), hint=words["f_body_hint"]
        )
    )
    if kind == "story":
        shown.append(FieldView("draft", "checkbox", words["f_draft"], chosen(values, "draft")))
    return shown


def chosen_body(values: Mapping[str, str | list[str]]) -> str:
    """Return the text as typed (kept whole: leading spaces may be Markdown)."""
    body = values.get("body", "")
    return body if isinstance(body, str) else (body[0] if body else "")


def draft_of(
    context: Context, kind: str, request: Request, existing: Existing | None
) -> Draft | Refusal:
    """Return the files a save writes: the story or notice, and a cover picture if sent."""
    wanted = _wanted(context, kind, request)
    changes: list[Change] = []
    upload = None
    if kind == "story":
        upload = request.files.get("cover") or context.held.get(request.value("held_cover"))
    if upload is not None:
        stored = accept(upload, PurePosixPath("assets"), _asset_names(context))
        if not isinstance(stored, Accepted):
            said = message_text(stored.code, context.language, stored.params)
            return Refusal({"cover": [said]})
        changes.append(
            Change(stored.relative, stored.data, Snapshot.of(context.content / stored.relative))
        )
        wanted["cover"] = stored.relative
    if existing is None:
        relative = new_path(context, kind, chosen(request.form, "title"))
        text = new_text(kind, wanted, chosen_body(request.form))
        expected = Snapshot.of(context.content / relative)
    else:
        relative = existing.relative
        opened = _opened_values(request)
        if opened is not None:  # only what the volunteer changed goes onto the file as it is
            then = Request("POST", request.route, {}, request.environ, _as_form(opened))
            before = _wanted(context, kind, then)
            wanted = {k: v for k, v in wanted.items() if k == "cover" or v != before.get(k)}
        body = chosen_body(request.form)
        if opened is not None and body.replace("\r\n", "\n") == chosen_body(opened):
            body = existing.body
        if not existing.readable:  # it broke since the form opened
            return Refusal({"": [blocked_on(context, "", relative).text]})
        text = changed_text(existing, wanted, body)
        expected = opened_as(existing.snapshot, request.value("base"))
    head_lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n").index("---", 1) + 1
    changes.append(
        Change(
            relative, text.encode(), expected, range(1, head_lines + 1), body_from=head_lines + 1
        )
    )
    slug = PurePosixPath(relative).stem
    return Draft(tuple(changes), done_url=lambda: _page(context, kind, slug, relative))


def _opened_values(request: Request) -> Values | None:
    """Return the values the form opened with (carried as JSON), if it carried them."""
    try:
        found = json.loads(request.value("opened") or "null")
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _as_form(values: Values) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [str(v)] for k, v in values.items()}


def _wanted(context: Context, kind: str, request: Request) -> dict[str, Value | None]:
    """Return each field the form writes: its value, or None when left empty."""
    form = request.form
    wanted: dict[str, Value | None] = {}
    for key in ORDER[kind]:
        text = chosen(form, key)
        if key in ("date", "expires"):
            wanted[key] = iso_date(text) or (text or None)
        elif key == "pinned":
            wanted[key] = bool(chosen(form, "pinned"))
        elif key == "people":
            wanted[key] = split_list(text) or None
        elif key == "tags":
            picked = [*request.values("tags"), *split_list(chosen(form, "new_tags"))]
            wanted[key] = list(dict.fromkeys(t.strip() for t in picked if t.strip())) or None
        elif key == "cover":
            continue
        else:
            wanted[key] = text or None
    if kind == "story":
        wanted["draft"] = True if chosen(form, "draft") else None
    return wanted


def _shown(value: Any) -> str:
    """Return a front matter value as a field shows it (a list as 甲、乙)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _listed(values: Values, name: str) -> list[str]:
    value = values.get(name, [])
    return [value] if isinstance(value, str) and value else list(value or [])


def _asset_names(context: Context) -> set[str]:
    folder = context.content / "assets"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def _page(context: Context, kind: str, slug: str, relative: str) -> str | None:
    """Return the preview page showing the saved file, once rebuilt (None: a draft)."""
    from site_builder.editor.facts import read_facts

    pages = read_facts(context.content, context.facts.today, context.language).pages
    shown = [path for path, source in pages.items() if source == relative]
    if not shown:
        return None
    own = [p for p in shown if slug in p]
    return "/" + (own or shown)[0].removesuffix("index.html")


class StoryForm:
    """故事 or 通知: a new file, or (with ?file=) an existing one."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def open(self, context: Context, request: Request) -> Opened | Blocked | None:
        """Return the form: empty, or filled from the file the query names (blocked while the
        editor cannot read that file)."""
        relative = request.query.get("file", "")
        existing = open_existing(context, self.kind, relative) if relative else None
        if relative and existing is None:
            return None
        title = context.words[f"form_{self.kind}" + ("_edit" if existing else "")]
        if existing is None:
            return Opened(title, values_of(None, context, self.kind))
        if not existing.readable:
            return blocked_on(context, title, existing.relative)
        values = values_of(existing, context, self.kind)
        hidden = {
            "file": existing.relative,
            "base": base_of(existing.snapshot),
            "opened": json.dumps(values, ensure_ascii=False),
        }
        note = context.words["file_label"].format(path=existing.relative)
        return Opened(title, values, hidden, note)

    def fields(self, context: Context, values: Values, request: Request) -> list[FieldView]:
        """Return the fields (the cover's hint names the file's cover when editing)."""
        return fields(context, self.kind, values, self._existing(context, request))

    def draft(self, context: Context, request: Request) -> Draft | Refusal | None:
        """Return the files the save writes (None: the file edited is no longer there)."""
        existing = self._existing(context, request)
        if request.value("file") and existing is None:
            return None
        return draft_of(context, self.kind, request, existing)

    def _existing(self, context: Context, request: Request) -> Existing | None:
        relative = request.value("file") or request.query.get("file", "")
        return open_existing(context, self.kind, relative) if relative else None
