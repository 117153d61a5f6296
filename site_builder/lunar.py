"""The Chinese calendar on each day: 农历 date, traditional festivals, solar terms.

Backed by tyme4py (MIT). Asking it day by day costs about 3 ms a day (its
festival lookup scans the year), so `almanac` asks it once per lunar month,
festival and term, and fills the days in between by counting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from tyme4py.festival import LunarFestival, SolarFestival
from tyme4py.lunar import LunarDay, LunarYear
from tyme4py.solar import SolarTerm

LUNAR_FESTIVALS = 13
"""春节 … 除夕: tyme4py's lunar festivals, by index."""
SOLAR_FESTIVALS = 10
"""元旦 … 国庆节."""
SOLAR_TERMS = 24


@dataclass(frozen=True, slots=True)
class DayNote:
    """What the Chinese calendar says about one day."""

    lunar_month: str
    """The lunar month's name, e.g. 五月 or 闰四月."""
    lunar_day: str
    """The lunar day's name, e.g. 初五."""
    festivals: tuple[str, ...]
    """Traditional and public festivals on this day, e.g. (端午节,)."""
    term: str | None
    """The solar term (节气) starting this day, e.g. 冬至."""

    @property
    def label(self) -> str:
        """Return the one word a calendar cell shows: festival, term, month start, or day."""
        if self.festivals:
            return self.festivals[0]
        if self.term:
            return self.term
        return self.lunar_month if self.lunar_day == "初一" else self.lunar_day

    @property
    def lunar_date(self) -> str:
        """Return the lunar date in words, e.g. 五月初五."""
        return self.lunar_month + self.lunar_day


def almanac(first: dt.date, last: dt.date) -> dict[dt.date, DayNote]:
    """Return the DayNote of every day from `first` to `last`, both included."""
    notes: dict[dt.date, DayNote] = {}
    for year in range(first.year - 1, last.year + 1):
        for day, (month, name) in _lunar_days(year).items():
            if first <= day <= last:
                festivals = _festivals(day.year).get(day, ())
                notes[day] = DayNote(month, name, festivals, _terms(day.year).get(day))
    return notes


@lru_cache(maxsize=64)
def _lunar_days(lunar_year: int) -> dict[dt.date, tuple[str, str]]:
    """Map each solar day of one lunar year to (month name, day name)."""
    days: dict[dt.date, tuple[str, str]] = {}
    for month in LunarYear.from_year(lunar_year).get_months():
        start = _date(month.get_first_julian_day().get_solar_day())
        for offset in range(month.get_day_count()):
            days[start + dt.timedelta(days=offset)] = (month.get_name(), LunarDay.NAMES[offset])
    return days


@lru_cache(maxsize=64)
def _festivals(solar_year: int) -> dict[dt.date, tuple[str, ...]]:
    """Map the days of one solar year to their festivals, lunar ones first."""
    found: dict[dt.date, list[str]] = {}
    for lunar_year in (solar_year - 1, solar_year):
        for index in range(LUNAR_FESTIVALS):
            festival = LunarFestival.from_index(lunar_year, index)
            if festival is None:  # a festival that began later (tyme4py knows when)
                continue
            day = _date(festival.get_day().get_solar_day())
            if day.year == solar_year:
                found.setdefault(day, []).append(festival.get_name())
    for index in range(SOLAR_FESTIVALS):
        festival = SolarFestival.from_index(solar_year, index)
        if festival is None:  # National Day before 1949, Teachers' Day before 1985, ...
            continue
        found.setdefault(_date(festival.get_day()), []).append(festival.get_name())
    return {day: tuple(names) for day, names in found.items()}


@lru_cache(maxsize=64)
def _terms(solar_year: int) -> dict[dt.date, str]:
    """Map the days of one solar year that start a solar term to its name."""
    terms: dict[dt.date, str] = {}
    for year in (solar_year, solar_year + 1):
        for index in range(SOLAR_TERMS):
            term = SolarTerm.from_index(year, index)
            day = _date(term.get_julian_day().get_solar_day())
            if day.year == solar_year:
                terms[day] = term.get_name()
    return terms


def _date(solar_day: object) -> dt.date:
    """Convert a tyme4py SolarDay to a date."""
    return dt.date(
        solar_day.get_year(),  # type: ignore[attr-defined]
        solar_day.get_month(),  # type: ignore[attr-defined]
        solar_day.get_day(),  # type: ignore[attr-defined]
    )
