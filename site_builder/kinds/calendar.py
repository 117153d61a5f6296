"""The calendar derived from events: occurrences over the months shown, month grids, agendas.

Pure functions over validated events (kinds/events.py): no I/O, no validation.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from site_builder.diagnostics import Diagnostics
from site_builder.kinds.event_times import When, as_datetime, day_of
from site_builder.kinds.events import Event

MONTHS_AHEAD = 12
"""Month grids and repeats reach this many months past today."""
MAX_OCCURRENCES = 20_000
"""Days one repeating event may have on the pages: every day for 55 years."""
MAX_EVENT_TEXT = 5_000_000
"""Characters of title, place and organizer times the days an event is shown on.

Every day is written into a month page, the agenda and the lobby board: a 3 MB
title repeated daily once wrote 3 GB. A 200-character title daily for 60 years
is 4.4 million."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One time an event takes place."""

    event: Event
    """The event."""
    start: When
    """This occurrence's start."""
    end: When | None
    """This occurrence's end (all-day: last day, inclusive)."""

    @property
    def anchor(self) -> str:
        """Return the HTML id of this occurrence's entry on calendar pages."""
        return f"{self.event.anchor}-{self.first_day.isoformat()}"

    @property
    def first_day(self) -> dt.date:
        """Return the day it starts."""
        return day_of(self.start)

    @property
    def last_day(self) -> dt.date:
        """Return the last day it runs."""
        return day_of(self.end) if self.end is not None else self.first_day

    def days(self) -> Iterator[dt.date]:
        """Yield every day it spans."""
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += dt.timedelta(days=1)

    def sort_key(self) -> tuple[dt.date, dt.time, str]:
        """Order by day, all-day first, then time, then title."""
        time = self.start.time() if isinstance(self.start, dt.datetime) else dt.time.min
        return (self.first_day, time, self.event.title)


@dataclass(frozen=True, slots=True)
class Calendar:
    """Events expanded over the months the site shows."""

    events: tuple[Event, ...]
    """Every event, in file order."""
    occurrences: tuple[Occurrence, ...]
    """Every occurrence between `first` and `last`, in time order."""
    first: dt.date
    """First day of the first month shown."""
    last: dt.date
    """Last day of the last month shown (MONTHS_AHEAD after today)."""
    today: dt.date
    """The build's today."""

    @property
    def months(self) -> tuple[tuple[int, int], ...]:
        """Return (year, month) of every month from `first` to `last`."""
        months, year, month = [], self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(months)


def build_calendar(events: tuple[Event, ...], today: dt.date, diags: Diagnostics) -> Calendar:
    """Expand every event over the shown months; warn about repeats with no end."""
    starts = [day_of(e.start) for e in events] + [today]
    first = min(starts).replace(day=1)
    last = _month_end(_add_months(today, MONTHS_AHEAD))
    for event in events:
        if event.open_ended:
            diags.warning(
                event.repeat_at or event.source, "event.open_repeat", until=last.isoformat()
            )
    found = [occ for event in events for occ in _expand_bounded(event, first, last, diags)]
    return Calendar(events, tuple(sorted(found, key=Occurrence.sort_key)), first, last, today)


def _expand_bounded(
    event: Event, first: dt.date, last: dt.date, diags: Diagnostics
) -> list[Occurrence]:
    """Return expand(), or none after an error if the event has more than MAX_OCCURRENCES."""
    found = list(itertools.islice(expand(event, first, last), MAX_OCCURRENCES + 1))
    if len(found) > MAX_OCCURRENCES:
        where = event.repeat_at or event.source
        diags.error(where, "event.too_many_days", count=MAX_OCCURRENCES)
        return []
    shown = sum(len(text or "") for text in (event.title, event.location, event.organizer))
    if shown * len(found) > MAX_EVENT_TEXT:
        size, times = str(shown), str(len(found))
        diags.error(event.source, "event.too_much_text", size=size, count=times)
        return []
    return found


def expand(event: Event, first: dt.date, last: dt.date) -> Iterator[Occurrence]:
    """Yield the event's occurrences that touch the days `first` to `last`."""
    length = _length(event)
    if event.rule is None:
        starts: Iterable[When] = [event.start]
    else:
        window_start = dt.datetime.combine(first, dt.time()) - length
        window_end = dt.datetime.combine(last, dt.time.max)
        moments = itertools.takewhile(
            lambda moment: moment <= window_end, event.rule.xafter(window_start, inc=True)
        )
        starts = (m if isinstance(event.start, dt.datetime) else m.date() for m in moments)
    for start in starts:
        end = None if event.end is None else start + length
        occurrence = Occurrence(event, start, end)
        if occurrence.last_day >= first and occurrence.first_day <= last:
            yield occurrence


def upcoming(calendar: Calendar, days: int, community: str | None = None) -> list[Occurrence]:
    """Return occurrences running on any day from today to `days` days later."""
    until = calendar.today + dt.timedelta(days=days - 1)
    return [
        occ
        for occ in calendar.occurrences
        if occ.last_day >= calendar.today
        and occ.first_day <= until
        and belongs(occ.event, community)
    ]


def belongs(event: Event, community: str | None) -> bool:
    """Tell whether an event shows for `community` (None: the whole site)."""
    return community is None or event.community in (None, community)


def by_day(occurrences: list[Occurrence], today: dt.date) -> list[tuple[dt.date, list[Occurrence]]]:
    """Group occurrences under their first day (or today, if they started before)."""
    days: dict[dt.date, list[Occurrence]] = {}
    for occ in occurrences:
        days.setdefault(max(occ.first_day, today), []).append(occ)
    return sorted(days.items())


@dataclass(frozen=True, slots=True)
class Cell:
    """One day of a month grid."""

    day: dt.date
    """The date."""
    in_month: bool
    """False for the leading and trailing days of neighbouring months."""
    occurrences: tuple[Occurrence, ...]
    """What happens that day."""


def by_month(calendar: Calendar) -> dict[tuple[int, int], list[Occurrence]]:
    """Return, for each month, the occurrences its grid might show, in order.

    A month's grid runs from the Monday before its first day to the Sunday after
    its last, so each occurrence is listed under every month within a week of it.
    month_weeks and month_entries then look at a few occurrences, not all of them.
    """
    found: dict[tuple[int, int], list[Occurrence]] = {}
    week = dt.timedelta(days=7)
    for occ in calendar.occurrences:
        month = (occ.first_day - week).replace(day=1)
        while month <= occ.last_day + week:
            found.setdefault((month.year, month.month), []).append(occ)
            month = _add_months(month, 1)
    return found


def month_weeks(
    calendar: Calendar,
    year: int,
    month: int,
    community: str | None = None,
    among: Sequence[Occurrence] | None = None,
) -> list[list[Cell]]:
    """Return the month as weeks of seven cells, Monday first.

    `among` narrows the occurrences looked at (by_month's list for the month).
    """
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    span_first, span_last = weeks[0][0], weeks[-1][-1]
    on_day: dict[dt.date, list[Occurrence]] = {}
    for occ in calendar.occurrences if among is None else among:
        if occ.last_day < span_first or occ.first_day > span_last:
            continue
        if belongs(occ.event, community):
            for day in occ.days():
                on_day.setdefault(day, []).append(occ)
    return [
        [Cell(day, day.month == month, tuple(on_day.get(day, ()))) for day in week]
        for week in weeks
    ]


@dataclass(frozen=True, slots=True)
class MonthEntry:
    """An event and its occurrences within one month, listed once under the grid."""

    event: Event
    """The event."""
    occurrences: tuple[Occurrence, ...]
    """Its occurrences that touch the month, in order."""

    @property
    def first(self) -> Occurrence:
        """Return the first of them."""
        return self.occurrences[0]


def month_entries(
    calendar: Calendar,
    year: int,
    month: int,
    community: str | None,
    among: Sequence[Occurrence] | None = None,
) -> list[MonthEntry]:
    """Return each event happening in a month once, with its dates, by first occurrence."""
    first = dt.date(year, month, 1)
    last = _month_end(first)
    grouped: dict[str, list[Occurrence]] = {}
    for occ in calendar.occurrences if among is None else among:
        if occ.last_day >= first and occ.first_day <= last and belongs(occ.event, community):
            grouped.setdefault(occ.event.uid, []).append(occ)
    return [MonthEntry(occs[0].event, tuple(occs)) for occs in grouped.values()]


def _length(event: Event) -> dt.timedelta:
    if event.end is None:
        return dt.timedelta()
    return as_datetime(event.end) - as_datetime(event.start)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=pycalendar.monthrange(day.year, day.month)[1])
