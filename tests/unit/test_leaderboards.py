"""Leaderboards: ranks, ties, periods, scopes, hours; and a property test against a naive sum."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.diagnostics import Diagnostics, Location
from site_builder.kinds.leaderboards import (
    ALL_TIME,
    SITE,
    Period,
    Scope,
    build_boards,
    index_boards,
    periods,
    scopes,
)
from site_builder.kinds.points_ledger import check_balances
from site_builder.kinds.points_models import Entry, Ledger, Resident
from tests.conftest import TODAY

HERE = Location(__file__)


def resident(
    rid: str, community: str | None = "longteng", building: str | None = "3栋"
) -> Resident:
    return Resident(rid, f"居民{rid}", building, community)


def earn(rid: str, day: dt.date, points: int, hours: str = "0") -> Entry:
    return Entry(HERE, day, rid, "rule", points, 0, Decimal(hours), None)


def spend(rid: str, day: dt.date, points: int) -> Entry:
    return Entry(HERE, day, rid, "haircut", 0, points, Decimal(0), None)


def make(residents: list[Resident], entries: list[Entry], hourly: bool = False) -> Ledger:
    from site_builder.kinds.points_models import EarnRule

    rules = {"rule": EarnRule("rule", "规则", None if hourly else 10, 10 if hourly else None)}
    return Ledger(
        rules, {}, {r.id: r for r in residents}, tuple(sorted(entries, key=lambda e: e.date))
    )


def rows(
    ledger: Ledger, period: Period, scope: Scope = SITE, measure: str = "points"
) -> list[tuple[int, str, object]]:
    board = index_boards(build_boards(ledger, TODAY))[(period.key, scope, measure)]
    return [(row.rank, row.resident.id, row.value) for row in board.rows]


def test_ties_share_a_rank_and_the_next_rank_skips() -> None:
    day = dt.date(2026, 5, 1)
    ledger = make(
        [resident(i) for i in ("R1", "R2", "R3", "R4")],
        [earn("R1", day, 50), earn("R3", day, 30), earn("R2", day, 30), earn("R4", day, 10)],
    )
    assert rows(ledger, ALL_TIME) == [(1, "R1", 50), (2, "R2", 30), (2, "R3", 30), (4, "R4", 10)]


def test_redemptions_lower_the_balance_never_the_rank() -> None:
    day = dt.date(2026, 5, 1)
    ledger = make(
        [resident("R1"), resident("R2")],
        [earn("R1", day, 50), earn("R2", day, 40), spend("R1", day, 50)],
    )
    assert rows(ledger, ALL_TIME) == [(1, "R1", 50), (2, "R2", 40)]


def test_periods_split_at_year_and_month_boundaries() -> None:
    ledger = make(
        [resident("R1"), resident("R2")],
        [earn("R1", dt.date(2025, 12, 31), 30), earn("R2", dt.date(2026, 1, 1), 20)],
    )
    assert [p.key for p in periods(ledger, TODAY)] == [
        "all-time",
        "2026",
        "2025",
        "2026-01",
        "2025-12",
    ]
    assert rows(ledger, Period("year", 2025)) == [(1, "R1", 30)]
    assert rows(ledger, Period("year", 2026)) == [(1, "R2", 20)]
    assert rows(ledger, Period("month", 2025, 12)) == [(1, "R1", 30)]
    assert rows(ledger, ALL_TIME) == [(1, "R1", 30), (2, "R2", 20)]


def test_current_year_board_exists_even_when_empty() -> None:
    ledger = make([resident("R1")], [earn("R1", dt.date(2025, 3, 1), 10)])
    assert rows(ledger, Period("year", 2026)) == []


def test_scopes_by_community_and_building() -> None:
    people = [
        resident("R1", "longteng", "3栋"),
        resident("R2", "longteng", "10栋"),
        resident("R3", "xiangzhang", "3栋"),
    ]
    day = dt.date(2026, 5, 1)
    ledger = make(people, [earn("R1", day, 10), earn("R2", day, 20), earn("R3", day, 30)])
    assert scopes(ledger) == [
        SITE,
        Scope("longteng"),
        Scope("xiangzhang"),
        Scope("longteng", "3栋"),
        Scope("longteng", "10栋"),
        Scope("xiangzhang", "3栋"),
    ]
    assert rows(ledger, ALL_TIME, Scope("longteng")) == [(1, "R2", 20), (2, "R1", 10)]
    assert rows(ledger, ALL_TIME, Scope("xiangzhang", "3栋")) == [(1, "R3", 30)]


def test_hours_boards_sum_fractional_hours() -> None:
    day = dt.date(2026, 5, 1)
    ledger = make(
        [resident("R1"), resident("R2")],
        [earn("R1", day, 25, "2.5"), earn("R1", day, 15, "1.5"), earn("R2", day, 40, "4")],
        hourly=True,
    )
    assert rows(ledger, ALL_TIME, measure="hours") == [
        (1, "R1", Decimal("4.0")),
        (1, "R2", Decimal("4")),
    ]


def test_hours_round_half_up(make_site) -> None:
    from site_builder.config import load_config
    from site_builder.kinds.points import load_ledger

    content = make_site(
        {
            "points/rules.yaml": "earn:\n  tutor: {name: 辅导, points_per_hour: 15}\n  v: {name: 志愿, points_per_hour: 5}\n",
            "points/residents.yaml": "- {id: R1, name: 甲}\n",
            "points/ledger/a.yaml": (
                "- {date: 2026-05-01, resident: R1, earn: tutor, hours: 1.5}\n"  # 22.5 → 23
                "- {date: 2026-05-02, resident: R1, earn: v, hours: 0.3}\n"  # 1.5 → 2
                "- {date: 2026-05-03, resident: R1, earn: v, hours: 0.25}\n"  # 1.25 → 1
            ),
        }
    )
    diags = Diagnostics()
    ledger = load_ledger(content, load_config(content, diags), TODAY, diags)
    assert not diags.items
    assert [e.earned for e in ledger.entries] == [23, 2, 1]


def test_entries_apply_in_date_then_file_order(make_site) -> None:
    from site_builder.config import load_config
    from site_builder.kinds.points import load_ledger

    content = make_site(
        {
            "points/rules.yaml": "earn:\n  g: {name: 分类, points: 50}\nredeem:\n  h: {name: 理发, cost: 50}\n",
            "points/residents.yaml": "- {id: R1, name: 甲}\n",
            # a.yaml spends on 05-02 what b.yaml earns on 05-01: fine, dates come first
            "points/ledger/a.yaml": "- {date: 2026-05-02, resident: R1, redeem: h}\n- {date: 2026-05-03, resident: R1, redeem: h}\n",
            "points/ledger/b.yaml": "- {date: 2026-05-01, resident: R1, earn: g}\n",
        }
    )
    diags = Diagnostics()
    load_ledger(content, load_config(content, diags), TODAY, diags)
    assert [(d.code, d.location.path.name, d.location.line) for d in diags.errors] == [
        ("points.overdrawn", "a.yaml", 2)
    ]


# Property: boards equal a naive recomputation -------------------------------------------

PEOPLE = [
    resident(f"R{i}", c, b)
    for i, (c, b) in enumerate(
        [("a", "1栋"), ("a", "1栋"), ("a", "2栋"), ("b", "1栋"), ("b", "3栋"), (None, None)]
    )
]
entry_strategy = st.tuples(
    st.sampled_from([p.id for p in PEOPLE]),
    st.dates(dt.date(2025, 11, 1), dt.date(2026, 2, 28)),
    st.integers(0, 40),
    st.sampled_from(["0", "0.5", "1", "2.5"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(entry_strategy, max_size=40))
def test_boards_agree_with_a_naive_recount(raw) -> None:
    ledger = make(PEOPLE, [earn(r, d, p, h) for r, d, p, h in raw], hourly=True)
    boards = build_boards(ledger, TODAY)
    for board in boards:
        expected: dict[str, object] = defaultdict(int)
        for rid, day, points, hours in raw:
            person = ledger.residents[rid]
            if board.period.contains(day.year, day.month) and board.scope.includes(person):
                expected[rid] += points if board.measure == "points" else Decimal(hours)
        nonzero = {k: v for k, v in expected.items() if v > 0}
        assert {row.resident.id: row.value for row in board.rows} == nonzero
        for row in board.rows:  # competition ranking: 1 + how many did strictly better
            assert row.rank == 1 + sum(1 for v in nonzero.values() if v > row.value)
        ids = [(-(row.value), row.resident.id) for row in board.rows]
        assert ids == sorted(ids)


def test_balance_check_names_each_overdraft() -> None:
    diags = Diagnostics()
    people = {"R1": resident("R1")}
    day = dt.date(2026, 5, 1)
    entries = [earn("R1", day, 30), spend("R1", day, 50), spend("R1", day, 30)]
    check_balances(entries, people, set(), diags)
    assert [d.code for d in diags.errors] == ["points.overdrawn"]
    quiet = Diagnostics()  # a resident with an unreadable line has no known balance
    check_balances([spend("R1", day, 50)], people, {"R1"}, quiet)
    assert not quiet.items
