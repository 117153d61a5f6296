"""The points form (积分): one ledger line, appended to points/ledger/<yyyy-mm>.yaml.

The month's file is made when it is the month's first line, with the heading comment
the sample ledgers have. The resident is picked from the list (searchable by name,
building or ID, each with their balance), the rule from the earn rules or the rewards.
Picking the rule fills in the points it gives (or the reward's cost), as the build counts
them; a number changed there is written as the line's `points:`, and only then. A
redemption above the balance is refused by the build's own check (points.overdrawn),
before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from site_builder.editor.entry_forms import appended
from site_builder.editor.forms import (
    Blocked,
    Context,
    Draft,
    FieldView,
    Opened,
    Refusal,
    Values,
    chosen,
    iso_date,
    opened_on,
)
from site_builder.editor.requests import Request
from site_builder.yaml_scalars import Value

HEADING = {"zh-CN": "# {year}年{month}月 积分流水\n", "en": "# Points ledger, {year}-{month:02d}\n"}
"""The first line of a new month's ledger, as the sample ledgers start."""


def ledger_file(year: int, month: int) -> str:
    """Return the month's ledger file, a path in content/."""
    return f"points/ledger/{year:04d}-{month:02d}.yaml"


class PointsForm:
    """积分: earned or redeemed, for one resident, on one day."""

    def open(self, context: Context, request: Request) -> Opened | Blocked:
        """Return the empty form, dated today, on this month's ledger (blocked while there
        is no one to score, or no rule to score by)."""
        facts, words = context.facts, context.words
        if not facts.people or not (facts.rules or facts.rewards):
            return Blocked(words["form_points"], words["nothing_points"])
        relative = ledger_file(context.today.year, context.today.month)
        values: Values = {"date": context.today.isoformat(), "kind": "earn"}
        return opened_on(context, context.words["form_points"], values, relative)

    def fields(self, context: Context, values: Values, request: Request) -> list[FieldView]:
        """Return the fields; residents carry their balance, rules what they earn or cost."""
        words, facts = context.words, context.facts
        people = tuple(
            (p.resident.id, _person(p.resident.name, p.resident.building, p.balance, words))
            for p in facts.people
        )
        rules = [("", words["none_chosen"])]
        for rule in facts.rules:
            amount = (
                words["f_rule_points"].format(points=rule.points)
                if rule.points is not None
                else words["f_rule_per_hour"].format(points=rule.per_hour)
            )
            label = f"{words['kind_earn']} · {rule.name}"
            rules.append((rule.key, words["aside"].format(text=label, aside=amount)))
        for reward in facts.rewards:
            cost = words["f_rule_cost"].format(points=reward.cost)
            label = f"{words['kind_redeem']} · {reward.name}"
            rules.append((reward.key, words["aside"].format(text=label, aside=cost)))
        kinds = {rule.key: "earn" for rule in facts.rules}
        kinds.update({reward.key: "redeem" for reward in facts.rewards})
        hourly = [rule.key for rule in facts.rules if rule.per_hour is not None]
        # what each fills in: [points, None] for a line, [None, per hour] for an hour
        amounts = {rule.key: [rule.points, rule.per_hour] for rule in facts.rules}
        amounts.update({reward.key: [reward.cost, None] for reward in facts.rewards})
        return [
            FieldView("date", "date", words["f_date"], chosen(values, "date"), required=True),
            FieldView(
                "resident",
                "search",
                words["f_resident"],
                chosen(values, "resident"),
                required=True,
                choices=people,
                hint=words["f_resident_hint"],
                extra={"data-people": json.dumps(dict(people), ensure_ascii=False)},
            ),
            FieldView(
                "kind",
                "radios",
                words["f_kind"],
                chosen(values, "kind") or "earn",
                required=True,
                choices=(("earn", words["kind_earn"]), ("redeem", words["kind_redeem"])),
            ),
            FieldView(
                "rule",
                "select",
                words["f_rule"],
                chosen(values, "rule"),
                required=True,
                choices=tuple(rules),
                extra={
                    "data-kinds": json.dumps(kinds),
                    "data-hourly": json.dumps(hourly),
                    "data-amounts": json.dumps(amounts),
                },
            ),
            FieldView(
                "hours",
                "number",
                words["f_hours"],
                chosen(values, "hours"),
                hint=words["f_hours_hint"],
                extra={"step": "0.5", "min": "0"},
            ),
            FieldView(
                "points",
                "number",
                words["f_points"],
                chosen(values, "points"),
                hint=words["f_points_hint"],
                extra={"step": "1", "min": "1"},
            ),
            FieldView("note", "text", words["f_note"], chosen(values, "note")),
        ]

    def draft(self, context: Context, request: Request) -> Draft | Refusal:
        """Return the line appended to its month's ledger (made if need be)."""
        form, words = request.form, context.words
        day = iso_date(chosen(form, "date"))
        refused = {} if day is not None else {"date": [words["bad_date"]]}
        for name in ("resident", "rule"):  # the build would say so on the entry's first line
            if not chosen(form, name):
                refused[name] = [words["required_missing"]]
        if day is None or refused:
            return Refusal(refused)
        relative = ledger_file(day.year, day.month)
        kind = "redeem" if chosen(form, "kind") == "redeem" else "earn"
        hours, points = chosen(form, "hours"), chosen(form, "points")
        usual = _usual(context, chosen(form, "rule"), hours)
        entry: dict[str, Value | None] = {
            "date": day,
            "resident": chosen(form, "resident"),
            kind: chosen(form, "rule"),
            "hours": _number(hours) if hours else None,
            # written only when it is not what the rule gives: the ledger's override
            "points": _number(points) if points and points != str(usual) else None,
            "note": chosen(form, "note"),
        }
        heading = HEADING["en" if context.language == "en" else "zh-CN"]
        new_file = heading.format(year=day.year, month=day.month)
        draft = appended(context, request, relative, entry, new_file=new_file)
        if isinstance(draft, Refusal):
            return draft
        fields = {"earn": "rule", "redeem": "rule"}
        changes = tuple(replace(change, fields=fields) for change in draft.changes)
        shown_after = {"resident": chosen(form, "resident")}  # their balance, once saved
        return Draft(changes, codes={"points.overdrawn": "rule"}, shown_after=shown_after)


def _usual(context: Context, key: str, hours: str) -> int | None:
    """Return the points the rule `key` gives, or the reward costs, as the build counts
    them (None: it cannot be told, an hourly rule without valid hours say)."""
    for rule in context.facts.rules:
        if rule.key == key:
            try:
                return rule.earned(Decimal(hours) if hours else None)
            except InvalidOperation:
                return None
    return next((reward.cost for reward in context.facts.rewards if reward.key == key), None)


def _person(name: str, building: str | None, balance: int, words: dict[str, str]) -> str:
    parts = [name, building or "", words["f_balance"].format(balance=balance)]
    return " · ".join(part for part in parts if part)


def _number(text: str) -> Value:
    """Return hours as a number when they are one (2.5), else as typed (the build says why)."""
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value
