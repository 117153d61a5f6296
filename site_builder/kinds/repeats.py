"""Bounded questions about a repeat rule: is its start one of its days, and which day is first.

dateutil looks for a rule's next day period by period up to the year 9999 and
checks UNTIL and COUNT only on the days it finds, so a rule that never finds one
(`FREQ=DAILY;BYWEEKNO=1;BYMONTH=7`: week 1 is never in July) costs seconds per
event, and a file of forty of them hung the build. Here each question looks at
one period at a time (a rule copy with an INTERVAL past the year 9999 stops
after its first period) and at most SEARCH_YEARS years of periods.
"""

from __future__ import annotations

import datetime as dt

from dateutil.rrule import rrulestr

SEARCH_YEARS = 30
"""How many years after its start a rule's first day is looked for (every weekday
and leap-year pattern of the calendar comes back within 28 years)."""
_ONE_PERIOD = 100_000
"""An INTERVAL so long that dateutil stops after the first period."""
_FILTERS = ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def starts_on(parts: dict[str, str], start: dt.datetime) -> bool:
    """Tell whether `start` is a day of the rule made of `parts` (checked, upper-case)."""
    return _first_in_period(parts, start, start) == start


def first_day(parts: dict[str, str], start: dt.datetime) -> dt.datetime | None:
    """Return the rule's first day on or after `start` within SEARCH_YEARS, or None.

    INTERVAL and BYSETPOS are left out of the search (they pick among the days the
    filters leave), so with them the day found is the first the filters allow.
    """
    freq = "MONTHLY" if parts["FREQ"] == "MONTHLY" else "YEARLY"
    explicit = _explicit(parts, start)
    explicit["FREQ"] = freq
    explicit.pop("BYSETPOS", None)
    if parts["FREQ"] in ("DAILY", "WEEKLY"):
        explicit.setdefault("BYDAY", ",".join(_WEEKDAYS))
    for period in _periods(freq, start):
        found = _first_in_period(explicit, max(period, start), start)
        if found is not None:
            return found
    return None


def _first_in_period(
    parts: dict[str, str], begin: dt.datetime, start: dt.datetime
) -> dt.datetime | None:
    """Return the first day of the rule in the period holding `begin`, or None."""
    probe = {k: v for k, v in _explicit(parts, start).items() if k not in ("COUNT", "UNTIL")}
    if probe["FREQ"] in ("DAILY", "WEEKLY") and "BYSETPOS" not in probe:
        # Their periods are a day or a week; stepping past 9999 day by day is slow,
        # and without BYSETPOS their days are the days a yearly rule with the same filters has.
        probe["FREQ"] = "YEARLY"
        probe.setdefault("BYDAY", ",".join(_WEEKDAYS))
    probe["INTERVAL"] = str(_ONE_PERIOD)
    rule = rrulestr(";".join(f"{k}={v}" for k, v in probe.items()), dtstart=begin)
    found = rule.after(begin, inc=True)
    return found if isinstance(found, dt.datetime) else None


def _explicit(parts: dict[str, str], start: dt.datetime) -> dict[str, str]:
    """Return `parts` with the days and time dateutil would take from the start written out."""
    parts = dict(parts)
    parts.setdefault("BYHOUR", str(start.hour))
    parts.setdefault("BYMINUTE", str(start.minute))
    parts.setdefault("BYSECOND", str(start.second))
    if not any(key in parts for key in _FILTERS):
        if parts["FREQ"] == "YEARLY":
            parts.setdefault("BYMONTH", str(start.month))
        if parts["FREQ"] in ("YEARLY", "MONTHLY"):
            parts["BYMONTHDAY"] = str(start.day)
        elif parts["FREQ"] == "WEEKLY":
            parts["BYDAY"] = _WEEKDAYS[start.weekday()]
    return parts


def _periods(freq: str, start: dt.datetime) -> list[dt.datetime]:
    """Return the first moment of each month or year from `start`'s for SEARCH_YEARS years."""
    years = range(start.year, min(start.year + SEARCH_YEARS, dt.MAXYEAR + 1))
    if freq == "YEARLY":
        return [dt.datetime(year, 1, 1) for year in years]
    return [dt.datetime(year, month, 1) for year in years for month in range(1, 13)]
