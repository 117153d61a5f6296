"""points/rules.yaml: the earn rules and rewards a ledger line may name, each checked.

A rule whose numbers are wrong is reported and kept as broken, so the lines using it are
skipped rather than reported again; whole numbers (points, cost) are read here for
the ledger lines too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import MAX_DIGITS, Record, shorten
from site_builder.kinds.points_models import EarnRule, Reward
from site_builder.sources import read_yaml
from site_builder.yaml_values import Mapping, Scalar, Value

_WHOLE = re.compile(r"^[+]?\d+$")


def read_points_file(path: Path, diags: Diagnostics) -> Value | None:
    """Read one YAML file points/ must hold; report it missing."""
    if not path.is_file():
        diags.error(Location(path), "points.missing_file", name=path.name)
        return None
    return read_yaml(path, diags)


@dataclass(frozen=True, slots=True)
class Rules:
    """What rules.yaml holds, and how far ledger lines can be judged by it."""

    earn: dict[str, EarnRule]
    """Earn rules by key."""
    redeem: dict[str, Reward]
    """Rewards by key."""
    known: bool
    """False when rules.yaml could not be read whole: ledger lines cannot be judged by it."""
    broken: frozenset[str]
    """Keys of rules whose numbers are wrong (already reported); lines using them are skipped."""


def load_rules(path: Path, diags: Diagnostics) -> Rules:
    """Read rules.yaml; report every rule and reward whose name or numbers are wrong."""
    value = read_points_file(path, diags)
    if value is None:
        return Rules({}, {}, False, frozenset())
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
            whole(record, "points", positive=True),
            whole(record, "points_per_hour", positive=True),
        )
        record.finish(["name", "points", "points_per_hour"])
        rules[key] = rule
        if len(diags.items) > mark:
            broken.add(key)
    for key, item in redeem_items:
        record, mark = Record(item, item.loc, diags), len(diags.items)
        name = record.text("name", required=True) or key
        cost = whole(record, "cost", positive=True, required=True)
        rewards[key] = Reward(key, name, cost or 0)
        record.finish(["name", "cost"])
        if len(diags.items) > mark:
            broken.add(key)
    top.finish(["earn", "redeem"])
    known = top.valid and earn_ok and redeem_ok
    return Rules(rules, rewards, known, frozenset(broken))


def _section(top: Record, key: str) -> tuple[list[tuple[str, Value]], bool]:
    value = top.entries.get(key)
    if value is None or (isinstance(value, Scalar) and value.is_null):
        return [], True
    if not isinstance(value, Mapping):
        top.diags.error(value.loc, "points.section_not_mapping", key=key)
        return [], False
    return [(name, entry.value) for name, entry in value.entries.items()], True


def whole(record: Record, key: str, positive: bool = False, required: bool = False) -> int | None:
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
