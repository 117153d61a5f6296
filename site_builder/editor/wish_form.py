"""The micro-wish forms (微心愿): a new wish registered, or one wish's status and who
claimed it, changed in place.

A new wish is appended to wishes.yaml (made, with the sample's heading comment, when it is
the first) in the sample's style: wish, who, building, date, `status: open`, community.

The wish is picked from wishes.yaml by its place in the list; the file's hash when the
form opened goes with it, so a list reordered or edited meanwhile is a conflict rather
than a change to the wrong wish. Only the wish's own `status` and `claimed_by` lines
change (yaml_edits.change_entry, through ruamel.yaml's round trip).
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from site_builder.content_edits import EditRefused, Snapshot
from site_builder.editor.entry_forms import appended
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
    opened_on,
)
from site_builder.editor.requests import Request
from site_builder.messages import message_text
from site_builder.sources import Unreadable, decoded
from site_builder.yaml_edits import change_entry
from site_builder.yaml_scalars import Value

STATUSES = ("open", "claimed", "done")


def wishes_file(context: Context) -> str:
    """Return the wishes file (wishes.yaml, or wishes.yml as some editors save it)."""
    for name in ("wishes.yaml", "wishes.yml"):
        if (context.content / name).is_file():
            return name
    return "wishes.yaml"


def _wishes(snapshot: Snapshot) -> list[dict[str, Any]] | None:
    """Return the wishes in the file (None: it is no text or YAML the editor can read)."""
    text = decoded(snapshot.data)
    if isinstance(text, Unreadable):
        return None
    try:
        found = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, OverflowError):  # 2026-02-30 unquoted: ValueError
        return None
    return [w if isinstance(w, dict) else {} for w in found] if isinstance(found, list) else []


class WishForm:
    """微心愿: 待认领 → 已认领 → 已完成, and who took it on."""

    def open(self, context: Context, request: Request) -> Opened | Blocked:
        """Return the form on the wish the query names (?wish=N), or on the first open one
        (blocked while there is none, or while the file cannot be read)."""
        relative = wishes_file(context)
        snapshot = Snapshot.of(context.content / relative)
        wishes = _wishes(snapshot)
        if wishes is None:
            return blocked_on(context, context.words["form_wish"], relative)
        if not wishes:
            return Blocked(context.words["form_wish"], context.words["nothing_wish"])
        index = request.query.get("wish", "")
        if not (index.isdigit() and int(index) < len(wishes)):
            index = str(next((i for i, w in enumerate(wishes) if w.get("status") == "open"), 0))
        wish = wishes[int(index)]
        values: Values = {
            "wish": index,
            "status": str(wish.get("status") or "open"),
            "claimed_by": str(wish.get("claimed_by") or ""),
        }
        return Opened(
            context.words["form_wish"], values, {"base_path": relative, "base": base_of(snapshot)}
        )

    def fields(self, context: Context, values: Values, request: Request) -> list[FieldView]:
        """Return the fields: the wish, its status and who claimed it."""
        words = context.words
        wishes = _wishes(Snapshot.of(context.content / wishes_file(context))) or []
        labels = []
        states = {}
        for index, wish in enumerate(wishes):
            status = str(wish.get("status") or "open")
            state = words.get(f"status_{status}", status)
            who = " · ".join(str(wish[k]) for k in ("who", "building") if wish.get(k))
            aside = words["comma"].join(part for part in (who, state) if part)
            label = words["aside"].format(text=wish.get("wish", ""), aside=aside)
            labels.append((str(index), label))
            states[str(index)] = [status, str(wish.get("claimed_by") or "")]
        return [
            FieldView(
                "wish",
                "select",
                words["f_wish"],
                chosen(values, "wish"),
                required=True,
                choices=tuple(labels),
                extra={"data-wishes": json.dumps(states)},
            ),
            FieldView(
                "status",
                "radios",
                words["f_status"],
                chosen(values, "status"),
                required=True,
                choices=tuple((s, words[f"status_{s}"]) for s in STATUSES),
            ),
            FieldView("claimed_by", "text", words["f_claimed_by"], chosen(values, "claimed_by")),
        ]

    def draft(self, context: Context, request: Request) -> Draft | Refusal:
        """Return wishes.yaml with the picked wish's status and claimant changed."""
        relative = wishes_file(context)
        now = Snapshot.of(context.content / relative)
        expected = opened_as(now, request.value("base"))
        index = chosen(request.form, "wish")
        wishes = _wishes(now) or []
        if not (index.isdigit() and int(index) < len(wishes)):
            return Refusal({"wish": [context.words["none_chosen"]]})
        status = chosen(request.form, "status")
        claimed = chosen(request.form, "claimed_by")
        changes = {"status": status or None, "claimed_by": claimed or None}
        try:
            text = change_entry(now.text, int(index), changes)
        except EditRefused as refused:
            said = message_text(refused.code, context.language, refused.params)
            return Refusal({"wish": [relative + context.words["colon"] + said]})
        lines = _lines_of(text, int(index))
        return Draft(
            (Change(relative, text.encode(), expected, lines),), done_url=lambda: "/wishes/"
        )


def _lines_of(text: str, index: int) -> range:
    """Return the 1-based lines of the list's item `index`."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, ValueError, OverflowError):  # 2026-02-30 unquoted: ValueError
        return range(0)
    if not isinstance(root, yaml.SequenceNode) or index >= len(root.value):
        return range(0)
    item = root.value[index]
    return range(item.start_mark.line + 1, item.end_mark.line + 2)


HEADING = {
    "zh-CN": "# 微心愿：群众点单 → 志愿者接单 → 完成\n",
    "en": "# Micro-wishes: residents ask, volunteers take them on\n",
}
"""The first line of a new wishes file, as the sample's starts."""


class NewWishForm:
    """登记微心愿: a resident's wish, appended to wishes.yaml as 待认领."""

    def open(self, context: Context, request: Request) -> Opened | Blocked:
        """Return the empty form, dated today (blocked while wishes.yaml cannot be read)."""
        relative = wishes_file(context)
        title = context.words["form_newwish"]
        if _wishes(Snapshot.of(context.content / relative)) is None:
            return blocked_on(context, title, relative)
        values: Values = {"date": context.today.isoformat(), **first_community(context)}
        return opened_on(context, title, values, relative)

    def fields(self, context: Context, values: Values, request: Request) -> list[FieldView]:
        """Return the fields: the wish, whose, their building, the day, the community."""
        words = context.words
        shown = [
            FieldView("wish", "text", words["f_wish_text"], chosen(values, "wish"), required=True),
            FieldView(
                "who",
                "text",
                words["f_who"],
                chosen(values, "who"),
                required=True,
                hint=words["f_who_hint"],
            ),
            FieldView(
                "building",
                "text",
                words["f_building"],
                chosen(values, "building"),
                suggestions=context.facts.buildings,
            ),
            FieldView("date", "date", words["f_wish_date"], chosen(values, "date"), required=True),
        ]
        return shown + community_field(context, values)

    def draft(self, context: Context, request: Request) -> Draft | Refusal:
        """Return the wish appended to wishes.yaml, 待认领."""
        form = request.form
        day = iso_date(chosen(form, "date"))
        entry: dict[str, Value | None] = {
            "wish": chosen(form, "wish"),
            "who": chosen(form, "who"),
            "building": chosen(form, "building"),
            "date": day or chosen(form, "date"),
            "status": "open",
            "community": chosen(form, "community"),
        }
        heading = HEADING["en" if context.language == "en" else "zh-CN"]
        relative = wishes_file(context)
        draft = appended(context, request, relative, entry, new_file=heading)
        if isinstance(draft, Draft):
            return Draft(draft.changes, done_url=lambda: "/wishes/")
        return draft
