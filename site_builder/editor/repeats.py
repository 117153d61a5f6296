"""The event form's 重复 presets: each a repeat rule (RRULE) that falls on the start itself.

A rule that does not include its own start is the slip a hand-written one makes most
(BYDAY=SA on a Friday start), so each preset is worked out from the start's date: its
weekday, which of the month's weekdays it is, whether it is the month's last. A preset
the start cannot have (every month on the 31st) is not offered. The labels are the
words the site itself shows for the rule (ui_text.describe_rule).
"""

from __future__ import annotations

import datetime as dt

from site_builder.ui_text import EDITOR, describe_rule

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRESETS = (
    "none",
    "weekly",
    "biweekly",
    "monthly_nth",
    "monthly_last",
    "monthly_day",
    "daily",
    "yearly",
)


def rule_for(preset: str, start: dt.date, until: dt.date | None = None) -> str | None:
    """Return the rule `preset` makes for an event starting on `start` (None: no repeat,
    or a preset that does not fit that day)."""
    day = DAYS[start.weekday()]
    nth = (start.day - 1) // 7 + 1
    last = (start + dt.timedelta(days=7)).month != start.month
    rules = {
        "daily": "FREQ=DAILY",
        "weekly": f"FREQ=WEEKLY;BYDAY={day}",
        "biweekly": f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}",
        "monthly_nth": f"FREQ=MONTHLY;BYDAY={nth}{day}" if nth <= 4 else None,
        "monthly_last": f"FREQ=MONTHLY;BYDAY=-1{day}" if last else None,
        "monthly_day": f"FREQ=MONTHLY;BYMONTHDAY={start.day}" if start.day <= 28 else None,
        "yearly": "FREQ=YEARLY",
    }
    rule = rules.get(preset)
    if rule is None:
        return None
    return f"{rule};UNTIL={until:%Y%m%d}" if until is not None else rule


def choices(start: dt.date, language: str) -> tuple[tuple[str, str], ...]:
    """Return the presets that fit `start`, each with its words (每周六, 每月第一个周日…)."""
    words = EDITOR["en" if language == "en" else "zh-CN"]
    found = [("none", words["repeat_none"])]
    for preset in PRESETS[1:]:
        rule = rule_for(preset, start)
        if rule is not None:
            found.append((preset, describe_rule(rule, language)))
    return tuple(found)


def labels(start: str, language: str) -> dict[str, str]:
    """Return the presets for a start typed in the form (a date or date and time)."""
    try:
        day = dt.date.fromisoformat(start.strip()[:10])
    except ValueError:
        return {}
    return dict(choices(day, language))
