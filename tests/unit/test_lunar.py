"""农历 and festivals, checked against the State Council's published holiday notices.

国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12) and
国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04) name the lunar dates of
their first and last holiday days; those are the reference rows below.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tyme4py.solar import SolarDay

from site_builder.lunar import almanac

NOTES = almanac(dt.date(2024, 12, 1), dt.date(2027, 12, 31))


@pytest.mark.parametrize(
    ("day", "lunar_date", "festival"),
    [
        (dt.date(2025, 1, 28), "十二月廿九", "除夕"),  # 2025 notice: 1月28日（农历除夕）
        (dt.date(2025, 1, 29), "正月初一", "春节"),
        (dt.date(2025, 2, 4), "正月初七", None),  # 2025 notice: 2月4日（农历正月初七）
        (dt.date(2025, 5, 31), "五月初五", "端午节"),  # 2025 notice: 端午节 5月31日起
        (dt.date(2026, 2, 15), "十二月廿八", None),  # 2026 notice: 2月15日（农历腊月二十八）
        (dt.date(2026, 2, 17), "正月初一", "春节"),
        (dt.date(2026, 2, 23), "正月初七", None),  # 2026 notice: 2月23日（农历正月初七）
        (dt.date(2026, 6, 19), "五月初五", "端午节"),  # 2026 notice: 端午节 6月19日起
        (dt.date(2026, 9, 25), "八月十五", "中秋节"),  # 2026 notice: 中秋节 9月25日起
    ],
)
def test_dates_match_the_published_holiday_notices(day, lunar_date, festival) -> None:
    note = NOTES[day]
    assert note.lunar_date == lunar_date
    if festival:
        assert festival in note.festivals


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (dt.date(2025, 4, 4), "清明"),
        (dt.date(2025, 12, 21), "冬至"),
        (dt.date(2026, 4, 5), "清明"),
        (dt.date(2026, 12, 22), "冬至"),
        (dt.date(2026, 11, 22), "小雪"),
    ],
)
def test_solar_terms(day, term) -> None:
    assert NOTES[day].term == term


def test_other_festivals_of_2026() -> None:
    found = {
        name: day for day, note in NOTES.items() if day.year == 2026 for name in note.festivals
    }
    assert found["元宵节"] == dt.date(2026, 3, 3)
    assert found["七夕节"] == dt.date(2026, 8, 19)
    assert found["重阳节"] == dt.date(2026, 10, 18)
    assert found["国庆节"] == dt.date(2026, 10, 1)


def test_leap_month_and_cell_labels() -> None:
    assert NOTES[dt.date(2025, 7, 25)].lunar_month == "闰六月"
    assert NOTES[dt.date(2025, 7, 25)].label == "闰六月"  # first day of a month shows the month
    assert NOTES[dt.date(2025, 7, 26)].label == "初二"
    assert NOTES[dt.date(2026, 6, 19)].label == "端午节"
    assert NOTES[dt.date(2026, 11, 22)].label == "小雪"


def test_fast_path_agrees_with_day_by_day_lookup() -> None:
    for day, note in NOTES.items():
        if day.day in (1, 15, 28):
            lunar = SolarDay.from_ymd(day.year, day.month, day.day).get_lunar_day()
            assert (note.lunar_month, note.lunar_day) == (
                lunar.get_lunar_month().get_name(),
                lunar.get_name(),
            )


@pytest.mark.parametrize("year", [1900, 1901, 1949, 1984, 2200])
def test_every_accepted_year_has_an_almanac(year: int) -> None:
    """Years 1900-2200 (fields.FIRST_YEAR to LAST_YEAR) do not crash the lunar calendar:
    a festival that began later (National Day 1949, Teachers' Day 1985) is just absent."""
    notes = almanac(dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert len(notes) in (365, 366)
    national_day = notes[dt.date(year, 10, 1)].festivals
    assert ("国庆节" in national_day) == (year >= 1950)
