"""The ledger lines under points/ledger/: each checked against the rules and residents, then
the balances (no redemption may take one below zero).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from site_builder.diagnostics import Diagnostics
from site_builder.fields import Record, did_you_mean
from site_builder.kinds.points_models import Entry, Resident
from site_builder.kinds.points_rules import Rules, whole
from site_builder.sources import list_items, read_yaml
from site_builder.yaml_values import Mapping, Scalar, Value

MAX_GUESSES = 100
"""Distinct wrong ids, rules or rewards given a did-you-mean per build; the rest list choices."""


ENTRY_FIELDS = ("date", "resident", "earn", "redeem", "hours", "points", "note")


_HOURS = re.compile(r"^(\d+(\.\d*)?|\.\d+)$")
"""Hours as people write them: 2, 2.5, .5; not 1e1, 1_0 or NaN, which Decimal would take."""


class EntryCheck:
    """Validate ledger lines against the rules and residents."""

    def __init__(
        self,
        rules: Rules,
        residents: dict[str, Resident] | None,
        today: dt.date,
        diags: Diagnostics,
    ) -> None:
        self.rules, self.rewards, self.known = rules.earn, rules.redeem, rules
        self.residents = residents
        self.today, self.diags = today, diags
        self.uncertain: set[str] = set()
        """Residents with a line that could not be read: their balance is not known."""
        self.guesses: dict[tuple[str, str], str] = {}
        """What each distinct wrong value was reported with, by (field, value)."""

    def file(self, path: Path) -> list[Entry]:
        items = list_items(read_yaml(path, self.diags), self.diags, "points.ledger_not_list")
        found = []
        for item in items:
            entry = self.entry(item)
            if entry is not None:
                found.append(entry)
            elif isinstance(item, Mapping) and "resident" in item.entries:
                written = item.entries["resident"].value
                if isinstance(written, Scalar):
                    self.uncertain.add(written.text.strip())
        return found

    def entry(self, item: Value) -> Entry | None:
        record = Record(item, item.loc, self.diags)
        date = record.date("date", required=True)
        resident = self.resident(record)
        earn, redeem = record.text("earn"), record.text("redeem")
        hours = self.hours(record)
        override = whole(record, "points", positive=True)
        note = record.text("note")
        record.finish(ENTRY_FIELDS)
        if date is not None and date > self.today:
            self.diags.error(record.loc("date"), "points.future", value=date.isoformat())
            date = None
        if (earn is None) == (redeem is None):
            self.diags.error(record.where, "points.earn_or_redeem")
            return None
        if earn is not None:
            earned = self.earned(record, earn, hours, override)
            if date is None or resident is None or earned is None or not record.valid:
                return None
            return Entry(record.where, date, resident, earn, earned, 0, hours or Decimal(0), note)
        assert redeem is not None
        spent = self.spent(record, redeem, hours, override)
        if date is None or resident is None or spent is None or not record.valid:
            return None
        return Entry(record.where, date, resident, redeem, 0, spent, Decimal(0), note)

    def resident(self, record: Record) -> str | None:
        resident_id = record.text("resident", required=True)
        if self.residents is None:  # residents.yaml is broken: already reported
            return None
        if resident_id is None or resident_id in self.residents:
            return resident_id
        self.unknown(record, "resident", resident_id, "points.unknown_resident", self.residents)
        return None

    def unknown(
        self, record: Record, key: str, value: str, code: str, known: Iterable[str]
    ) -> None:
        choices = self.guesses.get((key, value))
        if choices is None:
            guessing = len(self.guesses) < MAX_GUESSES
            guess = did_you_mean(value, list(known), 0.6) if guessing else []
            choices = guess[0] if guess else ", ".join(itertools.islice(known, 8))
            self.guesses[key, value] = choices
        self.diags.error(record.loc(key), code, value=value, guess=choices)

    def hours(self, record: Record) -> Decimal | None:
        text = record.text("hours")
        if text is None:
            return None
        try:
            hours = Decimal(text) if _HOURS.match(text) else Decimal(-1)
        except InvalidOperation:
            hours = Decimal(-1)
        if hours <= 0 or hours > 24:
            record.diags.error(record.loc("hours"), "points.bad_hours", value=text)
            return None
        return hours

    def earned(
        self, record: Record, key: str, hours: Decimal | None, override: int | None
    ) -> int | None:
        rule = self.rules.get(key)
        if rule is None or key in self.known.broken:
            if rule is None and self.known.known:
                self.unknown(record, "earn", key, "points.unknown_rule", self.rules)
            return None
        if rule.per_hour is None:
            if record.has("hours"):
                record.diags.error(record.loc("hours"), "points.hours_not_hourly", rule=key)
                return None
            return override if override is not None else rule.points
        if hours is None:
            if not record.has("hours"):
                record.diags.error(record.where, "points.hours_missing", rule=key)
            return None
        return override if override is not None else rule.earned(hours)

    def spent(
        self, record: Record, key: str, hours: Decimal | None, override: int | None
    ) -> int | None:
        reward = self.rewards.get(key)
        if reward is None or key in self.known.broken:
            if reward is None and self.known.known:
                self.unknown(record, "redeem", key, "points.unknown_reward", self.rewards)
            return None
        if hours is not None:
            record.diags.error(record.loc("hours"), "points.hours_not_hourly", rule=key)
            return None
        return override if override is not None else reward.cost


def check_balances(
    entries: list[Entry], residents: dict[str, Resident], uncertain: set[str], diags: Diagnostics
) -> None:
    """Report each redemption that would take a balance below zero (it is not applied).

    Residents with a ledger line that could not be read are left out: their
    balance is unknown, and the unreadable line is already reported.
    """
    balance: dict[str, int] = {}
    for entry in entries:
        current = balance.get(entry.resident, 0)
        if entry.spent > current and entry.resident not in uncertain:
            name = residents[entry.resident].name
            diags.error(
                entry.source,
                "points.overdrawn",
                resident=f"{name}（{entry.resident}）",
                balance=current,
                cost=entry.spent,
            )
            continue
        balance[entry.resident] = current + entry.earned - entry.spent
