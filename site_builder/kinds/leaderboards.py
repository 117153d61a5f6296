"""Leaderboards derived from a validated ledger: pure functions, no I/O.

A board ranks the residents of one scope (the site, a community, a building)
for one period (all time, a year, a month) by points earned or hours served.
Redemptions lower a balance, never a rank. Equal totals share a rank
(1, 2, 2, 4); within a tie, rows are ordered by resident id.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, NamedTuple

from site_builder.kinds.points_models import Ledger, Resident

Measure = Literal["points", "hours"]


@dataclass(frozen=True, slots=True)
class Period:
    """All time, one year, or one month."""

    kind: Literal["all", "year", "month"]
    """Which of the three."""
    year: int | None = None
    """The year (year and month periods)."""
    month: int | None = None
    """The month (month periods)."""

    @property
    def key(self) -> str:
        """Return the period's URL name and JSON label: all-time, 2026 or 2026-05."""
        if self.kind == "all":
            return "all-time"
        if self.kind == "year":
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}"

    def contains(self, year: int, month: int) -> bool:
        """Tell whether a month falls in this period."""
        if self.kind == "all":
            return True
        if self.kind == "year":
            return year == self.year
        return (year, month) == (self.year, self.month)


ALL_TIME = Period("all")


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose board: the whole site, one community, or one building of a community."""

    community: str | None = None
    """Community id, or None for the whole site (or a building on a one-community site)."""
    building: str | None = None
    """Building, as written, or None."""

    @property
    def kind(self) -> Literal["site", "community", "building"]:
        """Return site, community or building."""
        if self.building is not None:
            return "building"
        return "community" if self.community is not None else "site"

    def includes(self, resident: Resident) -> bool:
        """Tell whether a resident is on this scope's boards."""
        if self.community is not None and resident.community != self.community:
            return False
        return self.building is None or resident.building == self.building


SITE = Scope()


class Row(NamedTuple):
    """One line of a board (a tuple: big sites have hundreds of thousands of rows)."""

    rank: int
    """1-based rank; tied rows share it."""
    resident: Resident
    """Who."""
    value: int | Decimal
    """Points earned (int) or hours served (Decimal) in the period."""


@dataclass(frozen=True, slots=True)
class Board:
    """A ranked list for one period, scope and measure."""

    period: Period
    """When."""
    scope: Scope
    """Whose."""
    measure: Measure
    """points or hours."""
    rows: tuple[Row, ...]
    """Everyone in scope with something to count, best first."""


def periods(ledger: Ledger, today: dt.date) -> list[Period]:
    """Return all time, then every year with entries (and this one), then months, newest first."""
    months = sorted({(e.date.year, e.date.month) for e in ledger.entries}, reverse=True)
    years = sorted({y for y, _ in months} | {today.year}, reverse=True)
    return (
        [ALL_TIME] + [Period("year", y) for y in years] + [Period("month", y, m) for y, m in months]
    )


def scopes(ledger: Ledger) -> list[Scope]:
    """Return the site, each community with residents, and each building, in a stable order."""
    found: list[Scope] = [SITE]
    communities = sorted({r.community for r in ledger.residents.values() if r.community})
    found += [Scope(c) for c in communities]
    buildings = sorted(
        {(r.community or "", r.building) for r in ledger.residents.values() if r.building},
        key=lambda pair: (pair[0], _building_order(pair[1])),
    )
    found += [Scope(c or None, b) for c, b in buildings]
    return found


def _building_order(name: str) -> tuple[int, str]:
    """Order 2栋 before 10栋: by the leading number, then by the text."""
    digits = "".join(ch for ch in name if ch.isdigit())
    return (int(digits) if digits else 1 << 30, name)


def build_boards(ledger: Ledger, today: dt.date) -> tuple[Board, ...]:
    """Return every board: each period, each scope, points and (if any rule counts) hours."""
    measures: tuple[Measure, ...] = ("points", "hours") if ledger.hourly else ("points",)
    members = _members(ledger)
    monthly = monthly_totals(ledger)
    boards = []
    for period in periods(ledger, today):
        for measure in measures:
            sums = period_sums(monthly, period, measure)
            boards += [rank(period, scope, measure, sums, members[scope]) for scope in members]
    return tuple(boards)


Monthly = dict[tuple[int, int], dict[str, tuple[int, Decimal]]]
"""(year, month) to resident id to (points earned, hours served)."""


def monthly_totals(ledger: Ledger) -> Monthly:
    """Sum the ledger once by month and resident; every board adds these up."""
    monthly: Monthly = {}
    for entry in ledger.entries:
        month = monthly.setdefault((entry.date.year, entry.date.month), {})
        points, hours = month.get(entry.resident, (0, Decimal(0)))
        month[entry.resident] = (points + entry.earned, hours + entry.hours)
    return monthly


def period_sums(monthly: Monthly, period: Period, measure: Measure) -> dict[str, int | Decimal]:
    """Return what each resident earned (or served) in `period`."""
    sums: dict[str, int | Decimal] = defaultdict(int)
    index = 0 if measure == "points" else 1
    for (year, month), residents in monthly.items():
        if period.contains(year, month):
            for resident, values in residents.items():
                sums[resident] += values[index]
    return sums


def _members(ledger: Ledger) -> dict[Scope, list[Resident]]:
    return {
        scope: [r for r in ledger.residents.values() if scope.includes(r)]
        for scope in scopes(ledger)
    }


def rank(
    period: Period,
    scope: Scope,
    measure: Measure,
    sums: dict[str, int | Decimal],
    members: list[Resident],
) -> Board:
    """Rank `members` by their sums: best first, ties share a rank, then by resident id."""
    ranked = sorted(
        ((sums[r.id], r) for r in members if sums.get(r.id, 0) > 0),
        key=lambda pair: (-pair[0], pair[1].id),
    )
    rows, current, previous = [], 0, None
    for position, (value, resident) in enumerate(ranked, start=1):
        if value != previous:
            current, previous = position, value
        rows.append(Row(current, resident, value))
    return Board(period, scope, measure, tuple(rows))


def monthly_points_by_scope(
    ledger: Ledger, chosen: list[Scope]
) -> dict[Scope, list[tuple[int, int, int]]]:
    """Return (year, month, points earned) for every month with entries, oldest first,
    for each scope in `chosen`, reading the ledger once."""
    per_month: dict[Scope, dict[tuple[int, int], int]] = {s: defaultdict(int) for s in chosen}
    scopes_of: dict[str, list[Scope]] = {
        rid: [s for s in chosen if s.includes(resident)]
        for rid, resident in ledger.residents.items()
    }
    months = set()
    for entry in ledger.entries:
        month = (entry.date.year, entry.date.month)
        months.add(month)
        if entry.earned:
            for scope in scopes_of[entry.resident]:
                per_month[scope][month] += entry.earned
    ordered = sorted(months)
    return {s: [(y, m, per_month[s].get((y, m), 0)) for y, m in ordered] for s in chosen}


BoardIndex = dict[tuple[str, Scope, Measure], Board]
"""(period key, scope, measure) to board."""


def index_boards(boards: tuple[Board, ...]) -> BoardIndex:
    """Return the boards keyed for lookup by period key, scope and measure."""
    return {(b.period.key, b.scope, b.measure): b for b in boards}


@dataclass(frozen=True, slots=True)
class MonthShown:
    """The month board that stands for "this month", and how it may honestly be named."""

    period: Period
    """The month whose board is shown: this month, or the latest earlier month with points."""
    current: Period
    """This month, by the site's today."""

    @property
    def relation(self) -> Literal["this", "last", "earlier"]:
        """Return this (the board is this month's), last (last month's) or earlier."""
        if self.period == self.current:
            return "this"
        return "last" if self.period == _month_before(self.current) else "earlier"


def month_shown(ledger: Ledger, today: dt.date) -> MonthShown:
    """Return this month's board if anyone earned points in it yet, else the latest month
    before it in which someone did (else this month's, empty), named for what it is."""
    this = Period("month", today.year, today.month)
    months = {(e.date.year, e.date.month) for e in ledger.entries if e.earned > 0}
    earlier = [month for month in months if month <= (today.year, today.month)]
    if not earlier or (today.year, today.month) in months:
        return MonthShown(this, this)
    year, month = max(earlier)
    return MonthShown(Period("month", year, month), this)


def _month_before(period: Period) -> Period:
    year, month = period.year or 0, period.month or 1
    return Period("month", year - 1, 12) if month == 1 else Period("month", year, month - 1)
