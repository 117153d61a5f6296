"""An event's `repeat`: an RFC 5545 RRULE, read as a volunteer types it and checked.

Every part is checked before dateutil sees the rule, and a rule whose filters leave no
day at all is refused, so no search runs to the year 9999.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dateutil.rrule import rrule, rrulestr

from site_builder.fields import Record
from site_builder.kinds import repeats
from site_builder.kinds.event_times import When, as_datetime

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


_BYDAY = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")


_UNTIL = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$")


def read_repeat(
    record: Record, start: When | None, zone: dt.tzinfo
) -> tuple[str | None, rrule | None]:
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
