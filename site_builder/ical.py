"""calendar.ics: the activity calendar as RFC 5545, written with the icalendar library.

Times carry TZID=<site zone> with a generated VTIMEZONE; all-day events are
DATE values with an exclusive DTEND; repeats keep their RRULE (UNTIL in UTC
for timed events, as RFC 5545 requires). DTSTAMP is the build's "today", so
a rebuild with the same content and --today gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from site_builder.kinds.events import Event

if TYPE_CHECKING:
    import icalendar

REFRESH = dt.timedelta(hours=6)
"""How often calendar apps are asked to fetch the feed again."""


def write_calendar(
    events: list[Event],
    name: str,
    zone_name: str,
    today: dt.date,
    url_of: dict[str, str],
) -> bytes:
    """Return the ICS bytes for `events`; `url_of` maps uid to the event's absolute page URL."""
    import icalendar  # only builds that write a calendar need it (~30 ms to import)

    zone = ZoneInfo(zone_name)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//site-builder//community bulletin board//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", icalendar.vText(name))  # escaped as text: a name may hold a line break
    cal.add("x-wr-timezone", zone_name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for event in events:
        cal.add_component(_vevent(event, zone, stamp, url_of.get(event.uid)))
    if any(not e.all_day for e in events):
        cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _vevent(event: Event, zone: ZoneInfo, stamp: dt.datetime, url: str | None) -> icalendar.Event:
    import icalendar

    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.title)
    if event.all_day:
        vevent.add("dtstart", event.start)
        last = event.end or event.start
        vevent.add("dtend", last + dt.timedelta(days=1))
    else:
        assert isinstance(event.start, dt.datetime)
        vevent.add("dtstart", event.start.replace(tzinfo=zone))
        if isinstance(event.end, dt.datetime):
            vevent.add("dtend", event.end.replace(tzinfo=zone))
    if event.repeat:
        vevent.add("rrule", icalendar.vRecur.from_ical(_ics_rule(event, zone)))
    if event.location:
        vevent.add("location", event.location)
    description = _description(event)
    if description:
        vevent.add("description", description)
    if url:
        vevent.add("url", url)
    return vevent


def _ics_rule(event: Event, zone: ZoneInfo) -> str:
    """Return the RRULE with UNTIL as RFC 5545 wants it: a DATE, or a UTC time."""
    assert event.repeat is not None
    parts = dict(piece.split("=", 1) for piece in event.repeat.split(";"))
    if "UNTIL" in parts:
        until = dt.datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%S")
        if event.all_day:
            parts["UNTIL"] = until.strftime("%Y%m%d")
        else:
            utc = until.replace(tzinfo=zone).astimezone(dt.UTC)
            parts["UNTIL"] = utc.strftime("%Y%m%dT%H%M%SZ")
    return ";".join(f"{k}={v}" for k, v in parts.items())


def _description(event: Event) -> str:
    lines = []
    if event.organizer:
        lines.append(f"主办：{event.organizer}")
    if event.signup:
        lines.append(f"报名：{event.signup}")
    if event.description_text:
        lines.append(event.description_text)
    return "\n".join(lines)
