"""Which month's board stands for "this month", and how honestly it may be named (issue 21)."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.kinds.leaderboards import MonthShown, Period, month_shown
from tests.unit.test_leaderboards import earn, make, resident, spend


def month(year: int, number: int) -> Period:
    return Period("month", year, number)


def shown(today: dt.date, *days: dt.date, spent: tuple[dt.date, ...] = ()) -> MonthShown:
    entries = [earn("R1", day, 10) for day in days] + [spend("R1", day, 5) for day in spent]
    return month_shown(make([resident("R1")], entries), today)


def test_this_month_with_points_is_this_month() -> None:
    got = shown(dt.date(2026, 11, 22), dt.date(2026, 10, 3), dt.date(2026, 11, 1))
    assert (got.period, got.current, got.relation) == (month(2026, 11), month(2026, 11), "this")


def test_a_month_without_points_shows_last_month_under_its_own_name() -> None:
    got = shown(dt.date(2026, 12, 5), dt.date(2026, 10, 3), dt.date(2026, 11, 30))
    assert (got.period, got.current, got.relation) == (month(2026, 11), month(2026, 12), "last")


def test_last_month_across_the_new_year() -> None:
    got = shown(dt.date(2027, 1, 2), dt.date(2026, 12, 31))
    assert (got.period, got.current, got.relation) == (month(2026, 12), month(2027, 1), "last")


@pytest.mark.parametrize(
    ("today", "newest"),
    [(dt.date(2026, 12, 5), dt.date(2026, 9, 30)), (dt.date(2027, 1, 2), dt.date(2026, 11, 30))],
)
def test_an_older_month_is_named_by_its_month_only(today: dt.date, newest: dt.date) -> None:
    got = shown(today, newest)
    assert (got.period, got.relation) == (month(newest.year, newest.month), "earlier")


def test_a_month_with_only_redemptions_has_no_board_of_its_own() -> None:
    got = shown(dt.date(2026, 12, 5), dt.date(2026, 11, 3), spent=(dt.date(2026, 12, 1),))
    assert (got.period, got.relation) == (month(2026, 11), "last")


def test_an_empty_ledger_names_this_month() -> None:
    got = shown(dt.date(2026, 12, 5))
    assert (got.period, got.relation) == (month(2026, 12), "this")


def test_months_after_today_are_never_this_month() -> None:
    # The ledger refuses entries dated after today; the derivation does not rely on it.
    got = shown(dt.date(2026, 12, 5), dt.date(2026, 11, 3), dt.date(2027, 1, 4))
    assert (got.period, got.relation) == (month(2026, 11), "last")


def test_the_first_and_last_day_of_a_month_belong_to_it() -> None:
    assert shown(dt.date(2026, 12, 1), dt.date(2026, 12, 1)).relation == "this"
    assert shown(dt.date(2026, 12, 31), dt.date(2026, 11, 30)).relation == "last"
    assert shown(dt.date(2026, 12, 1), dt.date(2026, 11, 30)).relation == "last"
