"""When an event happens: a date, or a date and time, as a volunteer writes it (When).

Times are local to site.timezone and naive; an `end` may be a date, a date and
time, or (for a timed start) just a time that day.
"""

from __future__ import annotations

import datetime as dt
import re

from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import Record, parse_date

_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})$")


When = dt.date | dt.datetime


def read_when(record: Record, key: str, required: bool = False) -> When | None:
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


def read_end(record: Record, start: When | None) -> When | None:
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


def as_datetime(value: When) -> dt.datetime:
    """Return a date as its midnight, and a datetime as itself."""
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def day_of(value: When) -> dt.date:
    """Return the day a date or datetime falls on."""
    return value.date() if isinstance(value, dt.datetime) else value
