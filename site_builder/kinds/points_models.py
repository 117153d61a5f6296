"""The moral-points models: earn rules, rewards, residents, ledger entries and the Ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from site_builder.diagnostics import Location


@dataclass(frozen=True, slots=True)
class EarnRule:
    """A behaviour that earns points: a fixed number, or a number per hour of service."""

    key: str
    """The key the ledger uses, e.g. garbage-sorting."""
    name: str
    """What residents read, e.g. 垃圾分类."""
    points: int | None
    """Points per occurrence, or None for an hourly rule."""
    per_hour: int | None
    """Points per hour, or None for a fixed rule."""

    def earned(self, hours: Decimal | None) -> int | None:
        """Return the points one line earns (None: an hourly rule without its hours); hours
        times the hourly points, rounded half up."""
        if self.per_hour is None:
            return self.points
        if hours is None:
            return None
        return int((hours * self.per_hour).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Reward:
    """Something points buy at the community shop."""

    key: str
    """The key the ledger uses, e.g. haircut."""
    name: str
    """What residents read, e.g. 免费理发."""
    cost: int
    """Points it costs."""


@dataclass(frozen=True, slots=True)
class Resident:
    """Someone who can earn points."""

    id: str
    """The ledger's id, e.g. R001."""
    name: str
    """The name as written (masked on the public site)."""
    building: str | None
    """Building, as written."""
    community: str | None
    """Community id, or None on a single-community site."""


class Entry(NamedTuple):
    """One validated ledger line (a tuple: a big ledger has a hundred thousand)."""

    source: Location
    """Where it is written."""
    date: dt.date
    """When it happened."""
    resident: str
    """The resident's id."""
    rule: str
    """The earn rule or reward key."""
    earned: int
    """Points earned (0 for a redemption)."""
    spent: int
    """Points spent (0 when earning)."""
    hours: Decimal
    """Hours of service (0 unless an hourly rule)."""
    note: str | None
    """A note, as written."""


@dataclass(frozen=True, slots=True)
class Ledger:
    """Everything under points/, validated; entries in the order they apply."""

    rules: dict[str, EarnRule]
    """Earn rules by key."""
    rewards: dict[str, Reward]
    """Rewards by key."""
    residents: dict[str, Resident]
    """Residents by id, in file order."""
    entries: tuple[Entry, ...]
    """Entries by date, then file, then position."""
    fingerprint: str = ""
    """A hash of every file under points/: the boards follow from it, today and the settings."""

    @property
    def hourly(self) -> bool:
        """Tell whether any rule counts hours (so hour boards exist)."""
        return any(rule.per_hour is not None for rule in self.rules.values())


EMPTY = Ledger({}, {}, {}, ())
