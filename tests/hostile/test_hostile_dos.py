"""Hostile content that once hung the build or ate its memory (issue 22, denial of service).

Each case is data for the harness (see harness.py), which fails any build taking
longer than harness.SECONDS: before these bounds, every one ran for minutes.
"""

from __future__ import annotations

import pytest

from tests.conftest import MakeSite
from tests.hostile.harness import BASE, ERROR, RESIDENTS, Case, Cli, build, check, params, write

EVENTS = "events/e.yaml"
LEDGER = "points/ledger/2026-05.yaml"


def never_events(count: int) -> str:
    """Return `count` events whose repeat can find no day (week 1 is never in July)."""
    one = (
        "- title: 太极拳{n}\n  start: 2026-11-25 09:00\n  repeat: FREQ=DAILY;BYWEEKNO=1;BYMONTH=7\n"
    )
    return "".join(one.format(n=n) for n in range(count))


def residents(count: int) -> str:
    """Return residents.yaml with the two base residents and `count` more."""
    more = "".join(
        f"- {{id: X{n:05d}, name: 居民{n}, community: longteng}}\n" for n in range(count)
    )
    return RESIDENTS + more


def unknown_ids(count: int) -> str:
    """Return a ledger of `count` lines, each naming a resident id nobody has."""
    line = "- date: 2026-05-03\n  resident: Q{n:05d}Z\n  earn: garbage-sorting\n"
    return "".join(line.format(n=n) for n in range(count))


DOS_CASES = [
    # Forty repeats that can never happen: dateutil alone searched each up to the year 9999.
    Case("repeat-never-forty-times", ERROR, {EVENTS: never_events(40)}, f"content/{EVENTS}:3", "30 年里一天也排不上"),
    # A weekly rule whose week is never in its month.
    Case("repeat-weekno-not-in-month", ERROR, {EVENTS: "- title: 太极拳\n  start: 2026-11-25 09:00\n  repeat: FREQ=WEEKLY;BYWEEKNO=20;BYMONTH=1\n"}, f"content/{EVENTS}:3", "一天也排不上"),
    # 3,000 unknown ids against 3,000 residents: did-you-mean compared every pair.
    Case("ledger-many-unknown-ids", ERROR, {"points/residents.yaml": residents(3000), LEDGER: unknown_ids(3000)}, f"content/{LEDGER}:2", "Q00000Z"),
]  # fmt: skip


@pytest.mark.parametrize("case", params(DOS_CASES))
def test_denial_of_service(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())


def test_a_repeat_with_too_many_days_is_refused(
    make_site: MakeSite, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("site_builder.kinds.calendar.MAX_OCCURRENCES", 50)
    content = make_site()
    write(content, BASE)
    write(content, {EVENTS: "- title: 晨练\n  start: 2026-11-01 07:00\n  repeat: FREQ=DAILY\n"})
    run = build(cli, content.parent)
    assert run.code == 1
    assert (
        f"content/{EVENTS}:3:11: 错误: 这个重复活动在网页显示的月份里有 50 次以上，太多了"
        in run.err
    )
    assert "给 repeat 加上 UNTIL 或 COUNT，或把 start 改到近一些的日子" in run.err
