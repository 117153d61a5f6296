"""The event and honor-roll forms: one entry appended to a list file the volunteer picks.

The file is picked from the ones the site has (never a path typed into the request), the
entry is added after the list's last item by text (yaml_edits.append_entry), so every
other byte of the file stays, and the file's hash when the form opened is carried so a
file changed meanwhile is a conflict, not an overwrite.
"""

from __future__ import annotations

import datetime as dt

from site_builder.content_edits import EditRefused, Snapshot
from site_builder.editor.forms import (
    Blocked,
    Change,
    Context,
    Draft,
    FieldView,
    Opened,
    Refusal,
    Values,
    chosen,
    community_field,
    first_community,
    iso_date,
    opened_as,
    opened_on,
)
from site_builder.editor.repeats import choices as repeat_choices
from site_builder.editor.repeats import rule_for
from site_builder.editor.requests import Request
from site_builder.messages import message_text
from site_builder.yaml_edits import Entry, append_entry
from site_builder.yaml_scalars import Value

NEW_EVENTS_FILE = "events/events.yaml"
"""Where the first event goes on a site that has no event file yet."""


def appended(
    context: Context,
    request: Request,
    relative: str,
    entry: dict[str, Value | None],
    under: str | None = None,
    field_of_file: str = "file",
    new_file: str = "",
) -> Draft | Refusal:
    """Return the draft adding `entry` (empty fields left out) to the list in `relative`
    (a file made, starting with `new_file`, if there is none yet)."""
    now = Snapshot.of(context.content / relative)
    # the file the form opened on is held to its hash then; another (the ledger of the
    # month a date was changed to) to what was just read
    opened = relative == request.value("base_path")
    expected = opened_as(now, request.value("base")) if opened else now
    kept: Entry = {key: value for key, value in entry.items() if value not in (None, "")}
    try:
        text = append_entry(now.text if now.exists else new_file, kept, under=under)
    except EditRefused as refused:
        said = message_text(refused.code, context.language, refused.params)
        return Refusal({field_of_file: [relative + context.words["colon"] + said]})
    lines = added_lines(now.text if now.exists else new_file, text)
    return Draft((Change(relative, text.encode(), expected, lines),))


def added_lines(old: str, new: str) -> range:
    """Return the 1-based lines of `new` that were added to `old` in one place."""
    before, after = old.split("\n"), new.split("\n")
    first = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), len(before)
    )
    return range(first + 1, first + 1 + len(after) - len(before) + 1)


class EventForm:
    """活动: appended to the events file picked."""

    def open(self, context: Context, request: Request) -> Opened:
        """Return the empty form: next Saturday 09:00–11:00, in the events file edited last."""
        start = context.today + dt.timedelta(days=(5 - context.today.weekday()) % 7 or 7)
        values: Values = {
            "start": f"{start.isoformat()}T09:00",
            "end": f"{start.isoformat()}T11:00",
            "repeat": "none",
            "file": _last_edited(context, self._files(context)),
            **first_community(context),
        }
        return opened_on(context, context.words["form_event"], values, str(values["file"]))

    def fields(self, context: Context, values: Values, request: Request) -> list[FieldView]:
        """Return the fields; the 重复 presets are those of the start's day."""
        words = context.words
        start = iso_date(chosen(values, "start")[:10]) or context.today
        shown = [
            FieldView("title", "text", words["f_title"], chosen(values, "title"), required=True),
            FieldView(
                "start",
                "datetime",
                words["f_start"],
                chosen(values, "start"),
                required=True,
                extra={"data-repeats": "/_edit/repeats"},
            ),
            FieldView("end", "datetime", words["f_end"], chosen(values, "end")),
            FieldView("all_day", "checkbox", words["f_all_day"], chosen(values, "all_day")),
            FieldView(
                "location", "text", words["f_location"], chosen(values, "location"), required=True
            ),
            FieldView("organizer", "text", words["f_organizer"], chosen(values, "organizer")),
        ]
        shown += community_field(context, values)
        shown += [
            FieldView(
                "repeat",
                "select",
                words["f_repeat"],
                chosen(values, "repeat"),
                choices=repeat_choices(start, context.language),
            ),
            FieldView(
                "until",
                "date",
                words["f_until"],
                chosen(values, "until"),
                hint=words["f_until_hint"],
            ),
            FieldView(
                "file",
                "select",
                words["f_file"],
                chosen(values, "file"),
                choices=tuple((f, f) for f in self._files(context)),
            ),
        ]
        return shown

    def draft(self, context: Context, request: Request) -> Draft | Refusal:
        """Return the event appended to the picked file, its times as the handbook writes them."""
        form = request.form
        relative = chosen(form, "file")
        if relative not in self._files(context):
            return Refusal({"file": [context.words["none_chosen"]]})
        start, end = _times(
            chosen(form, "start"), chosen(form, "end"), bool(chosen(form, "all_day"))
        )
        until = iso_date(chosen(form, "until"))
        day = iso_date(chosen(form, "start")[:10])
        repeat = rule_for(chosen(form, "repeat"), day, until) if day else None
        entry: dict[str, Value | None] = {
            "title": chosen(form, "title"),
            "start": start,
            "end": end,
            "location": chosen(form, "location"),
            "organizer": chosen(form, "organizer"),
            "community": chosen(form, "community"),
            "repeat": repeat,
        }
        draft = appended(context, request, relative, entry)
        if isinstance(draft, Draft):
            return Draft(draft.changes, done_url=lambda: _month_page(start))
        return draft

    @staticmethod
    def _files(context: Context) -> list[str]:
        return list(context.facts.event_files) or [NEW_EVENTS_FILE]


def _last_edited(context: Context, files: list[str]) -> str:
    """Return the file of `files` changed most recently: the one events go into now."""

    def changed(relative: str) -> float:
        path = context.content / relative
        return path.stat().st_mtime if path.exists() else 0.0

    return max(files, key=changed)


def _times(start: str, end: str, all_day: bool) -> tuple[Value | None, Value | None]:
    """Return start and end as the events file writes them: `2026-12-12 09:00`, an end on
    the same day as `11:00`, dates alone for an all-day event."""
    start, end = start.replace("T", " ").strip(), end.replace("T", " ").strip()
    if all_day:
        first, last = iso_date(start[:10]), iso_date(end[:10])
        return (first or start[:10] or None), (last if last and last != first else None)
    if end and end[:10] == start[:10] and len(end) > 10:
        try:  # the same day: the time alone, as the handbook writes it (end: 11:00)
            return start or None, dt.time.fromisoformat(end[11:16])
        except ValueError:
            return start or None, end[11:]
    return start or None, end or None


def _month_page(start: Value | None) -> str | None:
    day = iso_date(str(start)[:10]) if start else None
    return f"/calendar/{day:%Y-%m}/" if day else None


class HonorForm:
    """光荣榜: a name added to a roll's `entries`, with a picker for the story it links."""

    def open(self, context: Context, request: Request) -> Opened | Blocked:
        """Return the empty form, on the newest roll (blocked while there is none)."""
        rolls = context.facts.rolls
        if not rolls:
            return Blocked(context.words["form_honor"], context.words["nothing_honor"])
        values: Values = {"roll": rolls[0][0]}
        return opened_on(context, context.words["form_honor"], values, rolls[0][0])

    def fields(self, context: Context, values: Values, request: Request) -> list[FieldView]:
        """Return the fields: the roll, who, their building, the citation and the story."""
        words = context.words
        stories = (("", words["no_story"]), *context.facts.stories)
        return [
            FieldView(
                "roll",
                "select",
                words["f_roll"],
                chosen(values, "roll"),
                choices=context.facts.rolls,
                required=True,
            ),
            FieldView("name", "text", words["f_name"], chosen(values, "name"), required=True),
            FieldView(
                "building",
                "text",
                words["f_building"],
                chosen(values, "building"),
                suggestions=context.facts.buildings,
            ),
            FieldView("citation", "textarea", words["f_citation"], chosen(values, "citation")),
            FieldView(
                "story",
                "select",
                words["f_story"],
                chosen(values, "story"),
                choices=stories,
                hint=words["roll_story_hint"],
            ),
        ]

    def draft(self, context: Context, request: Request) -> Draft | Refusal:
        """Return the entry appended under the picked roll's `entries:`."""
        form = request.form
        relative = chosen(form, "roll")
        if relative not in dict(context.facts.rolls):
            return Refusal({"roll": [context.words["none_chosen"]]})
        entry: dict[str, Value | None] = {
            "name": chosen(form, "name"),
            "building": chosen(form, "building"),
            "citation": " ".join(chosen(form, "citation").split()),
            "story": chosen(form, "story"),
        }
        draft = appended(context, request, relative, entry, under="entries", field_of_file="roll")
        slug = relative.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if isinstance(draft, Draft):
            return Draft(draft.changes, done_url=lambda: f"/honors/{slug}/")
        return draft
