"""The activity calendar (活动日历): events and their repeats, read and checked.

What falls on which day is derived in kinds/calendar.py.

All times are local to site.timezone and kept naive here; the ICS writer and
the JSON data attach the zone. An event whose start has no time is all-day,
and its `end` is the last day it runs (inclusive), as a volunteer means it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateutil.rrule import rrule, rrulestr

from site_builder.assets import ContentFiles, publish_problem
from site_builder.bodies import BodyLines, affordable
from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import Record, parse_date
from site_builder.kinds import repeats
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
RULE_KEYS = frozenset(
    {
        "FREQ",
        "UNTIL",
        "COUNT",
        "INTERVAL",
        "BYDAY",
        "BYMONTHDAY",
        "BYMONTH",
        "BYSETPOS",
        "BYYEARDAY",
        "BYWEEKNO",
        "WKST",
    }
)
FREQUENCIES = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})$")
_BYDAY = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$")

When = dt.date | dt.datetime


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
    start = _when(record, "start", required=True)
    end = _end(record, start)
    repeat, rule = _repeat(record, start, config.zone)
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


def _when(record: Record, key: str, required: bool = False) -> When | None:
    """Read a date, or a date and time (2025-05-31 09:00)."""
    text = record.text(key, required=required)
    if text is None:
        return None
    return parse_when(text, key, record.loc(key), record.diags)


def parse_when(text: str, key: str, loc: Location, diags: Diagnostics) -> When | None:
    """Parse `2025-05-31` or `2025-05-31 09:00`; report a malformed or impossible value."""
    date_part, _, time_part = text.replace("T", " ").partition(" ")
    time_part = time_part.strip()
    if time_part and not _TIME.match(time_part):
        diags.error(loc, "event.bad_datetime", key=key, value=text)
        return None
    day = parse_date(date_part, key, loc, diags)
    if day is None or not time_part:
        return day
    return _combine(day, time_part, key, text, loc, diags)


def _combine(
    day: dt.date, time_part: str, key: str, text: str, loc: Location, diags: Diagnostics
) -> dt.datetime | None:
    match = _TIME.match(time_part)
    assert match is not None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        diags.error(loc, "event.impossible_time", key=key, value=text)
        return None
    return dt.datetime.combine(day, dt.time(hour, minute))


def _end(record: Record, start: When | None) -> When | None:
    """Read `end`: a date, a date and time, or (for a timed start) just a time that day."""
    text = record.text("end")
    if text is None or start is None:
        return None
    loc = record.loc("end")
    if isinstance(start, dt.datetime) and _TIME.match(text):
        end: When | None = _combine(start.date(), text, "end", text, loc, record.diags)
    else:
        end = parse_when(text, "end", loc, record.diags)
    if end is None:
        return None
    if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
        code = "event.end_needs_time" if isinstance(start, dt.datetime) else "event.end_has_time"
        record.diags.error(loc, code, value=text)
        return None
    if end < start:
        record.diags.error(loc, "event.end_before_start", value=text)
        return None
    return end


def _repeat(record: Record, start: When | None, zone: dt.tzinfo) -> tuple[str | None, rrule | None]:
    """Read and check `repeat` (an RRULE); return its normalised text and parsed rule."""
    text = record.text("repeat")
    if text is None or start is None:
        return None, None
    loc = record.loc("repeat")
    # NFKC folds what a Chinese keyboard types: ；＝，and full-width letters and digits.
    parts, problem = _rule_parts(unicodedata.normalize("NFKC", text).upper().removeprefix("RRULE:"))
    if problem:
        record.diags.error(loc, problem[0], value=text, detail=problem[1])
        return None, None
    if "COUNT" in parts and "UNTIL" in parts:
        record.diags.error(loc, "event.count_and_until", value=text)
        return None, None
    if not _can_happen(parts):
        record.diags.error(loc, "event.never", value=text)
        return None, None
    if "UNTIL" in parts:
        until = _until(parts["UNTIL"], zone)
        if until is None:
            record.diags.error(loc, "event.bad_rule", value=text, detail="UNTIL")
            return None, None
        if until < as_datetime(start):
            record.diags.error(loc, "event.until_before_start", value=text)
            return None, None
        parts["UNTIL"] = until.strftime("%Y%m%dT%H%M%S")
    normalised = ";".join(f"{k}={v}" for k, v in parts.items())
    try:
        rule = rrulestr(normalised, dtstart=as_datetime(start))
    except (ValueError, TypeError) as exc:
        record.diags.error(loc, "event.bad_rule", value=text, detail=str(exc))
        return None, None
    assert isinstance(rule, rrule)
    if not repeats.starts_on(parts, as_datetime(start)):
        # RFC 5545 leaves a DTSTART off its own rule undefined: calendar apps disagree.
        first = repeats.first_day(parts, as_datetime(start))
        if first is None:
            years = repeats.SEARCH_YEARS
            record.diags.error(loc, "event.no_day_found", value=text, years=years)
        else:
            shown = first.strftime("%Y-%m-%d")
            record.diags.error(loc, "event.start_not_in_rule", value=text, first=shown)
        return None, None
    return normalised, rule


def _rule_parts(text: str) -> tuple[dict[str, str], tuple[str, str] | None]:
    parts: dict[str, str] = {}
    for piece in filter(None, (p.strip() for p in text.split(";"))):
        key, sep, value = piece.partition("=")
        if not sep or not value:
            return parts, ("event.bad_rule", piece)
        if key not in RULE_KEYS:
            return parts, ("event.bad_rule", key)
        if key == "BYDAY" and not all(_BYDAY.match(day) for day in value.split(",")):
            return parts, ("event.bad_byday", value)
        if key in _NUMBER_RANGES and not _numbers_fit(value, *_NUMBER_RANGES[key]):
            return parts, ("event.bad_number", f"{key}={value}")
        parts[key] = value
    if parts.get("FREQ") not in FREQUENCIES:
        return parts, ("event.bad_frequency", parts.get("FREQ", ""))
    if parts["FREQ"] in ("DAILY", "WEEKLY") and any(
        (m := _BYDAY.match(day)) and m.group(1) for day in parts.get("BYDAY", "").split(",")
    ):
        return parts, ("event.byday_ordinal", parts["BYDAY"])
    return parts, None


# key: (smallest, largest, negatives allowed); zero is never a valid value
_NUMBER_RANGES = {
    "COUNT": (1, 5000, False),
    "INTERVAL": (1, 1000, False),
    "BYMONTHDAY": (1, 31, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
}


_PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}


def _can_happen(parts: dict[str, str]) -> bool:
    """Tell whether the rule's month, day and position filters leave any day at all.

    dateutil looks for the first day of a rule up to the year 9999: for a rule
    with none (30 February) that takes seconds per event, so a file of them
    would stall the build.
    """
    setpos = _numbers(parts, "BYSETPOS")
    if setpos and all(abs(n) > _PERIOD_DAYS[parts["FREQ"]] for n in setpos):
        return False
    months, monthdays = _numbers(parts, "BYMONTH"), _numbers(parts, "BYMONTHDAY")
    yeardays = _numbers(parts, "BYYEARDAY")
    if not monthdays and not yeardays:
        return True
    for year in (2023, 2024):  # a common year and a leap year
        length = 366 if year == 2024 else 365
        for index in range(length):
            day = dt.date(year, 1, 1) + dt.timedelta(days=index)
            next_month = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            month_length = (next_month - dt.timedelta(days=1)).day
            if (
                (not months or day.month in months)
                and (not monthdays or {day.day, day.day - month_length - 1} & monthdays)
                and (not yeardays or {index + 1, index - length} & yeardays)
            ):
                return True
    return False


def _numbers(parts: dict[str, str], key: str) -> set[int]:
    """Return the numbers of a rule part (already checked by _numbers_fit), or none."""
    return {int(piece) for piece in parts[key].split(",")} if key in parts else set()


def _numbers_fit(value: str, smallest: int, largest: int, negative: bool) -> bool:
    for piece in value.split(","):
        digits = piece[1:] if negative and piece[:1] in "+-" else piece
        if not digits.isdigit() or len(digits) > 6 or not smallest <= int(digits) <= largest:
            return False
    return True


def _until(text: str, zone: dt.tzinfo) -> dt.datetime | None:
    """Read UNTIL as a local time; a bare date means the end of that day."""
    match = _UNTIL.match(text)
    if not match:
        return None
    y, mo, d, h, mi, s, utc = match.groups()
    try:
        day = dt.date(int(y), int(mo), int(d))
        if h is None:
            return dt.datetime.combine(day, dt.time(23, 59, 59))
        moment = dt.datetime.combine(day, dt.time(int(h), int(mi), int(s)))
    except ValueError:
        return None
    if utc:
        return moment.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)
    return moment


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


def as_datetime(value: When) -> dt.datetime:
    """Return a date as its midnight, and a datetime as itself."""
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def day_of(value: When) -> dt.date:
    """Return the day a date or datetime falls on."""
    return value.date() if isinstance(value, dt.datetime) else value
