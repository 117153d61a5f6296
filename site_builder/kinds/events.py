"""The activity calendar (活动日历): events and their repeats, read and checked.

What falls on which day is derived in kinds/calendar.py; dates and times are
read in event_times.py, repeat rules in event_rules.py.

All times are local to site.timezone and kept naive here; the ICS writer and
the JSON data attach the zone. An event whose start has no time is all-day,
and its `end` is the last day it runs (inclusive), as a volunteer means it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateutil.rrule import rrule

from site_builder.assets import ContentFiles, publish_problem
from site_builder.bodies import BodyLines, affordable
from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import Record
from site_builder.kinds.event_rules import read_repeat
from site_builder.kinds.event_times import When, day_of, read_end, read_when
from site_builder.markup import MarkdownRenderer
from site_builder.sources import content_files, load_yaml, read_text
from site_builder.summaries import plain_text
from site_builder.yaml_values import Mapping, Scalar, Sequence

FIELDS = (
    "title",
    "start",
    "end",
    "location",
    "organizer",
    "community",
    "repeat",
    "signup",
    "description",
)


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of events/*.yaml."""

    source: Location
    """Where the entry starts."""
    uid: str
    """Stable id for calendars: from the file name and title, never random."""
    title: str
    """What happens."""
    start: When
    """A date (all-day) or a date and time, local to the site."""
    end: When | None
    """Last day (all-day, inclusive) or end time; None when not given."""
    location: str | None
    """Where, as written."""
    organizer: str | None
    """Who organises it, as written."""
    community: str | None
    """Community id, or None when it belongs to the whole site."""
    signup: str | None
    """How to sign up, as written (phones are masked on the public site)."""
    description: str
    """Sanitised HTML from the Markdown description."""
    repeat: str | None
    """The RRULE, upper-cased, with UNTIL made to include its whole last day."""
    rule: rrule | None = field(default=None, compare=False)
    """The parsed repeat, for expanding occurrences."""
    repeat_at: Location | None = None
    """Where `repeat` is written, for warnings about it."""

    @property
    def all_day(self) -> bool:
        """Tell whether the event has no time of day."""
        return not isinstance(self.start, dt.datetime)

    @property
    def anchor(self) -> str:
        """Return the HTML id of the event's entry on calendar pages."""
        return "e-" + self.uid.split("@")[0][:12]

    @property
    def description_text(self) -> str:
        """Return the description as plain text (for calendar apps)."""
        return plain_text(self.description)

    @property
    def open_ended(self) -> bool:
        """Tell whether the event repeats with neither COUNT nor UNTIL."""
        rule = self.repeat or ""
        return bool(rule) and "COUNT=" not in rule and "UNTIL=" not in rule


# Loading ---------------------------------------------------------------------------------


def load_events(content: Path, config: SiteConfig, diags: Diagnostics) -> tuple[Event, ...]:
    """Load every events/*.yaml file; report every problem with its line."""
    paths = content_files(content / "events", "*.y*ml", diags)
    if not paths:
        return ()
    reader = _Reader(config, MarkdownRenderer(), ContentFiles(content), diags)
    events: list[Event] = []
    for path in paths:
        events += _load_file(path, reader)
    return tuple(events)


@dataclass(frozen=True, slots=True)
class _Reader:
    config: SiteConfig
    renderer: MarkdownRenderer
    files: ContentFiles
    diags: Diagnostics


def _load_file(path: Path, reader: _Reader) -> list[Event]:
    diags = reader.diags
    text = read_text(path, diags)
    value = load_yaml(text, path, diags) if text is not None else None
    if value is None or (isinstance(value, Mapping) and not value.entries):
        return []
    if not isinstance(value, Sequence):
        diags.error(value.loc, "event.not_list")
        return []
    titles = [_title_of(item) for item in value.items]
    events = []
    for item in value.items:
        duplicate = titles.count(_title_of(item)) > 1
        event = _load_event(item, path, duplicate, reader)
        if event is not None:
            events.append(event)
    return events


def _title_of(item: Any) -> str | None:
    if isinstance(item, Mapping) and "title" in item.entries:
        title = item.entries["title"].value
        return title.text.strip() if isinstance(title, Scalar) else None
    return None


def _load_event(item: Any, path: Path, duplicate_title: bool, reader: _Reader) -> Event | None:
    config, renderer, files = reader.config, reader.renderer, reader.files
    record = Record(item, item.loc, reader.diags)
    title = record.text("title", required=True)
    start = read_when(record, "start", required=True)
    end = read_end(record, start)
    repeat, rule = read_repeat(record, start, config.zone)
    description = record.text("description")
    community = read_community(record, config)
    fields = {
        "location": record.text("location"),
        "organizer": record.text("organizer"),
        "signup": record.text("signup"),
    }
    html = _description_html(description, record, renderer, files) if description else ""
    record.finish(FIELDS)
    if title is None or start is None or not record.valid:
        return None
    key = f"{path.stem}\n{title}\n{day_of(start).isoformat() if duplicate_title else ''}"
    uid = hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + "@" + _uid_domain(config)
    return Event(
        source=record.where,
        uid=uid,
        title=title,
        start=start,
        end=end,
        community=community,
        description=html,
        repeat=repeat,
        rule=rule,
        repeat_at=record.loc("repeat") if repeat else None,
        **fields,
    )


def _uid_domain(config: SiteConfig) -> str:
    if config.base_url:
        return config.base_url.split("//", 1)[1].split("/", 1)[0]
    return "site-builder.invalid"


def _description_html(
    text: str, record: Record, renderer: MarkdownRenderer, files: ContentFiles
) -> str:
    loc = record.loc("description")
    body = BodyLines(text, loc.path, *_text_start(record, "description"))

    def assets_only(written: str) -> str | None:
        resolved = files.resolve(written)
        if resolved.path is not None and publish_problem(resolved.path) is None:
            return "/" + resolved.path
        if resolved.problem in ("asset.computer_path", "asset.bad_path"):
            body.report(record.diags, resolved.problem, written)
        else:
            record.diags.error(body.where(written), "event.local_link", value=written)
        return None

    def unsafe(found: str) -> None:
        record.diags.warning(body.where(found), "markup.unsafe", value=found)

    if not affordable(text, loc, record.diags):
        return ""
    return renderer.render(text, assets_only, unsafe)


def _text_start(record: Record, key: str) -> tuple[int, int | None]:
    """Return the line and column of the file where the text of `key` starts.

    A block (`description: |`) starts on the line after its key, and its lines are
    the file's lines (their column is not known here); any other value starts where
    it is written.
    """
    value = record.fields[key].value
    loc = record.loc(key)
    block = isinstance(value, Scalar) and not value.plain and "\n" in value.text  # not "quoted"
    return ((loc.line or 1) + 1, None) if block else (loc.line or 1, loc.column)
