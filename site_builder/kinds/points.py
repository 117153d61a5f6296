"""Moral points and the time bank (道德积分 / 时间银行): rules, residents and the ledger.

The ledger is held to a bookkeeper's standard: every line names a known
resident and a known rule, points are whole numbers, hours only go with an
hourly rule, nothing is dated after today, and no redemption may take a
balance below zero (entries apply in date order, then file order). A build
never publishes a board computed from a ledger that does not add up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple

from site_builder.cache import file_digest
from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import MAX_DIGITS, Record, did_you_mean, shorten
from site_builder.sources import content_files, list_items, read_yaml
from site_builder.urls import collision_key, folder_problem, tidy_name
from site_builder.yaml_values import Mapping, Scalar, Sequence, Value

MAX_GUESSES = 100
"""Distinct wrong ids, rules or rewards given a did-you-mean per build; the rest list choices."""
ENTRY_FIELDS = ("date", "resident", "earn", "redeem", "hours", "points", "note")
_WHOLE = re.compile(r"^[+]?\d+$")
_HOURS = re.compile(r"^(\d+(\.\d*)?|\.\d+)$")
"""Hours as people write them: 2, 2.5, .5; not 1e1, 1_0 or NaN, which Decimal would take."""


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


def load_ledger(
    content: Path,
    config: SiteConfig,
    today: dt.date,
    diags: Diagnostics,
    fingerprint: str | None = None,
) -> Ledger:
    """Load points/; report every broken rule, resident and ledger line with its location.

    `fingerprint` is points_fingerprint(content / "points"), if the caller has it already.
    """
    folder = content / "points"
    if not folder.is_dir():
        return EMPTY
    rules = _load_rules(folder / "rules.yaml", diags)
    residents = _load_residents(folder / "residents.yaml", config, diags)
    check = _EntryCheck(rules, residents, today, diags)
    entries: list[Entry] = []
    for path in content_files(folder / "ledger", "*.y*ml", diags):
        entries += check.file(path)
    ordered = sorted(entries, key=lambda e: e.date)  # stable: file order within a day
    _check_balances(ordered, residents or {}, check.uncertain, diags)
    return Ledger(
        rules.earn,
        rules.redeem,
        residents or {},
        tuple(ordered),
        fingerprint or points_fingerprint(folder),
    )


def points_fingerprint(folder: Path) -> str:
    """Return a hash of every YAML file under points/ (its names and bytes)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*.y*ml")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        # Regular files only: reading a FIFO (points/ledger/pipe.yaml) would wait forever.
        # An unreadable or irregular file is reported while loading.
        digest.update(file_digest(path) or b"")
    return digest.hexdigest()


def _read(path: Path, diags: Diagnostics) -> Value | None:
    if not path.is_file():
        diags.error(Location(path), "points.missing_file", name=path.name)
        return None
    return read_yaml(path, diags)


@dataclass(frozen=True, slots=True)
class _Rules:
    earn: dict[str, EarnRule]
    redeem: dict[str, Reward]
    known: bool
    """False when rules.yaml could not be read whole: ledger lines cannot be judged by it."""
    broken: frozenset[str]
    """Keys of rules whose numbers are wrong (already reported); lines using them are skipped."""


def _load_rules(path: Path, diags: Diagnostics) -> _Rules:
    value = _read(path, diags)
    if value is None:
        return _Rules({}, {}, False, frozenset())
    top = Record(value, Location(path, 1), diags)
    earn_items, earn_ok = _section(top, "earn")
    redeem_items, redeem_ok = _section(top, "redeem")
    rules, rewards, broken = {}, {}, set()
    for key, item in earn_items:
        record, mark = Record(item, item.loc, diags), len(diags.items)
        name = record.text("name", required=True) or key
        points, per_hour = record.text("points"), record.text("points_per_hour")
        if (points is None) == (per_hour is None):
            diags.error(item.loc, "points.rule_points", key=key)
        rule = EarnRule(
            key,
            name,
            _whole(record, "points", positive=True),
            _whole(record, "points_per_hour", positive=True),
        )
        record.finish(["name", "points", "points_per_hour"])
        rules[key] = rule
        if len(diags.items) > mark:
            broken.add(key)
    for key, item in redeem_items:
        record, mark = Record(item, item.loc, diags), len(diags.items)
        name = record.text("name", required=True) or key
        cost = _whole(record, "cost", positive=True, required=True)
        rewards[key] = Reward(key, name, cost or 0)
        record.finish(["name", "cost"])
        if len(diags.items) > mark:
            broken.add(key)
    top.finish(["earn", "redeem"])
    known = top.valid and earn_ok and redeem_ok
    return _Rules(rules, rewards, known, frozenset(broken))


def _section(top: Record, key: str) -> tuple[list[tuple[str, Value]], bool]:
    value = top.entries.get(key)
    if value is None or (isinstance(value, Scalar) and value.is_null):
        return [], True
    if not isinstance(value, Mapping):
        top.diags.error(value.loc, "points.section_not_mapping", key=key)
        return [], False
    return [(name, entry.value) for name, entry in value.entries.items()], True


def _whole(record: Record, key: str, positive: bool = False, required: bool = False) -> int | None:
    """Read a whole number (points, cost); report 2.5, 十 or -3 with the fix."""
    text = record.text(key, required=required)
    if text is None:
        return None
    if not _WHOLE.match(text):
        record.diags.error(record.loc(key), "points.not_whole", key=key, value=shorten(text))
        return None
    digits = text.lstrip("+")
    if len(digits) > MAX_DIGITS:  # int() of 5,000 digits raises; a float of 310 overflows
        record.diags.error(
            record.loc(key), "field.too_many_digits", key=key, value=shorten(text), most=MAX_DIGITS
        )
        return None
    number = int(digits)
    if positive and number == 0:
        record.diags.error(record.loc(key), "points.not_whole", key=key, value=text)
        return None
    return number


def _load_residents(
    path: Path, config: SiteConfig, diags: Diagnostics
) -> dict[str, Resident] | None:
    """Return the residents by id, or None when the file cannot be read as a list."""
    value = _read(path, diags)
    if value is None:
        return None
    if isinstance(value, Mapping) and not value.entries:
        return {}
    if not isinstance(value, Sequence):
        diags.error(value.loc, "points.residents_not_list")
        return None
    residents: dict[str, Resident] = {}
    first_line: dict[str, int | None] = {}
    buildings: dict[tuple[str | None, str], tuple[str, int | None]] = {}
    for item in value.items:
        record = Record(item, item.loc, diags)
        resident_id = record.text("id", required=True)
        name = record.text("name", required=True)
        resident = Resident(
            resident_id or "", name or "", record.text("building"), read_community(record, config)
        )
        record.finish(["id", "name", "building", "community"])
        if resident_id is None or name is None:
            continue
        if resident_id in residents:
            line = first_line[resident_id]
            diags.error(record.loc("id"), "points.duplicate_resident", id=resident_id, first=line)
            continue
        residents[resident_id] = _checked_building(record, resident, buildings)
        first_line[resident_id] = record.loc("id").line
    return residents


def _checked_building(
    record: Record, resident: Resident, seen: dict[tuple[str | None, str], tuple[str, int | None]]
) -> Resident:
    """Report a building that cannot name its board's folder, or that is an earlier
    resident's building spelled differently (3A栋, 3a栋: one folder, two boards).

    The resident is kept (the ledger still names them), under a building that makes no
    second error: none, or the first spelling. The build fails on the error anyway.
    """
    building = resident.building
    if building is None:
        return resident
    where = record.loc("building")
    problem = folder_problem(building)
    if problem:
        record.diags.error(where, f"{problem}_text", field="building", value=building)
        return dataclasses.replace(resident, building=None)
    key = (resident.community, collision_key(tidy_name(building)))
    first, line = seen.setdefault(key, (building, where.line))
    if first != building:
        code = "points.building_spelling"
        record.diags.error(where, code, value=building, first=first, line=line)
        return dataclasses.replace(resident, building=first)
    return resident


class _EntryCheck:
    """Validate ledger lines against the rules and residents."""

    def __init__(
        self,
        rules: _Rules,
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
        override = _whole(record, "points", positive=True)
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
        if override is not None:
            return override
        return int((hours * rule.per_hour).quantize(Decimal(1), rounding=ROUND_HALF_UP))

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


def _check_balances(
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
