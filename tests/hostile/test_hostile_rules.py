"""Hostile ledgers and calendars: one case per validation rule, and the tricks around them.

A ledger is held to a bookkeeper's standard and a calendar to RFC 5545; each
rule, broken, must be one clear error at its line (and yesterday's site stays).
The checks of the other kinds (notices, honors, buildings, wishes) are here too.
"""

from __future__ import annotations

import pytest

from tests.conftest import MakeSite
from tests.hostile.harness import ERROR, KEPT, RESIDENTS, RULES, SANITISED, Case, Cli, check, params

LEDGER = "points/ledger/2026-05.yaml"
AT = "content/points/ledger/2026-05.yaml"
EVENTS = "events/e.yaml"
EV = "content/events/e.yaml"


def entry(*lines: str) -> str:
    """Return a ledger holding one entry, dated line 1; the given lines follow from line 2."""
    return "- date: 2026-05-03\n" + "".join(f"  {line}\n" for line in lines)


def event(*lines: str) -> str:
    """Return an events file with one event; the given lines follow from line 2."""
    return (
        "- title: 太极拳\n" + "".join(f"  {line}\n" for line in lines) + "  community: longteng\n"
    )


# One case per line, so the cases read as a table (ruff format would unfold them).
# fmt: off
LEDGER_CASES = [
    # rules.yaml and residents.yaml must both be there when points/ is.
    Case("points-missing-rules", ERROR, {"points/rules.yaml": None}, "content/points/rules.yaml", "缺少 rules.yaml", whole_file=True),
    # A rule with both points and points_per_hour.
    Case("points-rule-both-kinds", ERROR, {"points/rules.yaml": "earn:\n  a: {name: 甲, points: 10, points_per_hour: 5}\n"}, "content/points/rules.yaml:2", "二选一"),
    # earn: written as a list, not rules by key.
    Case("points-earn-is-a-list", ERROR, {"points/rules.yaml": "earn:\n  - {name: 甲, points: 10}\n"}, "content/points/rules.yaml:2", "一条条规则"),
    # A cost of zero would make rewards free.
    Case("points-cost-zero", ERROR, {"points/rules.yaml": RULES.replace("cost: 50", "cost: 0")}, "content/points/rules.yaml:5", "正整数"),
    # Negative points in a rule.
    Case("points-rule-negative", ERROR, {"points/rules.yaml": RULES.replace("points: 10}", "points: -10}")}, "content/points/rules.yaml:2", "-10"),
    # residents.yaml as one mapping, not a list.
    Case("residents-not-a-list", ERROR, {"points/residents.yaml": "id: R001\nname: 刘大哥\n"}, "content/points/residents.yaml:1", "- id:"),
    # Two residents with one id.
    Case("residents-duplicate-id", ERROR, {"points/residents.yaml": RESIDENTS + "- {id: R001, name: 张三, community: longteng}\n"}, "content/points/residents.yaml:3", "R001"),
    # A ledger file that is one mapping, not a list.
    Case("ledger-not-a-list", ERROR, {LEDGER: "date: 2026-05-03\nresident: R001\nearn: garbage-sorting\n"}, f"{AT}:1", "- date:"),
    # A date after --today (2026-11-22) by one day.
    Case("ledger-future-by-a-day", ERROR, {LEDGER: "- date: 2026-11-23\n  resident: R001\n  earn: garbage-sorting\n"}, f"{AT}:1", "还没到"),
    # Both earn and redeem on one line.
    Case("ledger-earn-and-redeem", ERROR, {LEDGER: entry("resident: R001", "earn: garbage-sorting", "redeem: haircut")}, f"{AT}:1", "只能写一个"),
    # Neither earn nor redeem.
    Case("ledger-neither-earn-nor-redeem", ERROR, {LEDGER: entry("resident: R001", "points: 10")}, f"{AT}:1", "只能写一个"),
    # An id that differs only in case is another resident.
    Case("ledger-resident-case", ERROR, {LEDGER: entry("resident: r001", "earn: garbage-sorting")}, f"{AT}:2", "r001"),
    # An unknown earn rule (case matters too).
    Case("ledger-unknown-rule", ERROR, {LEDGER: entry("resident: R001", "earn: Garbage-Sorting")}, f"{AT}:3", "Garbage-Sorting"),
    # An unknown reward.
    Case("ledger-unknown-reward", ERROR, {LEDGER: entry("resident: R001", "redeem: massage")}, f"{AT}:3", "massage"),
    # Points with a fraction.
    Case("ledger-points-fraction", ERROR, {LEDGER: entry("resident: R001", "earn: garbage-sorting", "points: 2.5")}, f"{AT}:4", "2.5"),
    # Negative points would take from a resident by the back door.
    Case("ledger-points-negative", ERROR, {LEDGER: entry("resident: R001", "earn: garbage-sorting", "points: -50")}, f"{AT}:4", "-50"),
    # Points in Chinese numerals.
    Case("ledger-points-chinese", ERROR, {LEDGER: entry("resident: R001", "earn: garbage-sorting", "points: 十")}, f"{AT}:4", "十"),
    # Hours of zero.
    Case("ledger-hours-zero", ERROR, {LEDGER: entry("resident: R001", "earn: volunteer-hour", "hours: 0")}, f"{AT}:4", "hours"),
    # More than a day of hours in one line.
    Case("ledger-hours-25", ERROR, {LEDGER: entry("resident: R001", "earn: volunteer-hour", "hours: 25")}, f"{AT}:4", "25"),
    # NaN hours would poison every sum.
    Case("ledger-hours-nan", ERROR, {LEDGER: entry("resident: R001", "earn: volunteer-hour", "hours: NaN")}, f"{AT}:4", "NaN"),
    # Infinity hours.
    Case("ledger-hours-infinity", ERROR, {LEDGER: entry("resident: R001", "earn: volunteer-hour", "hours: Infinity")}, f"{AT}:4", "Infinity"),
    # 1e1 is not how anyone writes ten hours (Decimal would read it as 10).
    Case("ledger-hours-exponent", ERROR, {LEDGER: entry("resident: R001", "earn: volunteer-hour", "hours: 1e1")}, f"{AT}:4", "1e1"),
    # 1_0 is Python's way of writing 10, not a volunteer's.
    Case("ledger-hours-underscore", ERROR, {LEDGER: entry("resident: R001", "earn: volunteer-hour", "hours: 1_0")}, f"{AT}:4", "1_0"),
    # Hours with a unit.
    Case("ledger-hours-with-unit", ERROR, {LEDGER: entry("resident: R001", "earn: volunteer-hour", "hours: 2小时")}, f"{AT}:4", "2小时"),
    # Hours on a fixed rule.
    Case("ledger-hours-on-fixed-rule", ERROR, {LEDGER: entry("resident: R001", "earn: garbage-sorting", "hours: 2")}, f"{AT}:4", "不是按小时"),
    # Hours on a redemption.
    Case("ledger-hours-on-redeem", ERROR, {LEDGER: entry("resident: R001", "earn: garbage-sorting") + entry("resident: R001", "redeem: haircut", "hours: 1")}, f"{AT}:7", "不是按小时"),
    # An hourly rule without hours.
    Case("ledger-hourly-without-hours", ERROR, {LEDGER: entry("resident: R001", "earn: volunteer-hour")}, f"{AT}:1", "要写 hours"),
    # Redeeming more than earned.
    Case("ledger-overdrawn", ERROR, {LEDGER: entry("resident: R001", "earn: garbage-sorting") + entry("resident: R001", "redeem: haircut")}, f"{AT}:4", "余额只有 10 分"),
    # Redeeming on the same day in an earlier file, before the earning: overdrawn.
    Case("ledger-overdrawn-by-file-order", ERROR, {"points/ledger/2026-04.yaml": "- date: 2026-05-03\n  resident: R001\n  redeem: haircut\n", LEDGER: entry("resident: R001", "earn: garbage-sorting", "points: 60")}, "content/points/ledger/2026-04.yaml:1", "余额只有 0 分"),
    # A note is private to the bookkeeper and may say anything, even look like a field.
    Case("ledger-note-as-written", KEPT, {LEDGER: entry("resident: R001", "earn: garbage-sorting", "note: 'points: 9999'")}, value="10", page="site/data/leaderboards.json", absent="9999"),
    # A balance (1234 earned, 50 spent: 1184) is for the bookkeeper; boards rank by earnings.
    Case("balance-never-published", KEPT, {LEDGER: entry("resident: R001", "earn: garbage-sorting", "points: 1234") + entry("resident: R001", "redeem: haircut")}, value='"points": 1234', page="site/data/leaderboards.json", absent="1184"),
    # Leading zeros in a points override are a whole number.
    Case("ledger-points-leading-zero", KEPT, {LEDGER: entry("resident: R001", "earn: garbage-sorting", "points: 007")}, value='"points": 7', page="site/data/leaderboards.json"),
]
# fmt: on

# fmt: off
CALENDAR_CASES = [
    # An events file that is one mapping.
    Case("event-file-not-a-list", ERROR, {EVENTS: "title: 太极拳\nstart: 2026-11-25\n"}, f"{EV}:1", "- title:"),
    # A start written with Chinese words for the time.
    Case("event-start-words", ERROR, {EVENTS: event("start: 2026-11-25 9点")}, f"{EV}:2", "9点"),
    # A start with seconds.
    Case("event-start-seconds", ERROR, {EVENTS: event("start: 2026-11-25 09:00:00")}, f"{EV}:2", "09:00:00"),
    # A start with a zone offset.
    Case("event-start-offset", ERROR, {EVENTS: event("start: 2026-11-25 09:00+08:00")}, f"{EV}:2", "+08:00"),
    # A start that is only a time.
    Case("event-start-only-time", ERROR, {EVENTS: event("start: '09:00'")}, f"{EV}:2", "09:00"),
    # Minute 60.
    Case("event-minute-60", ERROR, {EVENTS: event("start: 2026-11-25 09:60")}, f"{EV}:2", "09:60"),
    # The end before the start.
    Case("event-end-before-start", ERROR, {EVENTS: event("start: 2026-11-25 22:00", "end: 01:00")}, f"{EV}:3", "早于开始"),
    # A timed start with an all-day end.
    Case("event-end-needs-time", ERROR, {EVENTS: event("start: 2026-11-25 09:00", "end: 2026-11-26")}, f"{EV}:3", "也要写时间"),
    # An all-day start with a timed end.
    Case("event-end-has-time", ERROR, {EVENTS: event("start: 2026-11-25", "end: 2026-11-26 10:00")}, f"{EV}:3", "全天活动"),
    # A comma where a semicolon belongs: FREQ is then no frequency.
    Case("event-rule-comma-for-semicolon", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=WEEKLY,BYDAY=SA")}, f"{EV}:3", "FREQ"),
    # FREQ=SECONDLY would expand to millions of occurrences.
    Case("event-rule-secondly", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=SECONDLY")}, f"{EV}:3", "FREQ=DAILY"),
    # An unknown part.
    Case("event-rule-unknown-part", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=WEEKLY;DAY=SA")}, f"{EV}:3", "DAY"),
    # A weekday in three letters.
    Case("event-rule-byday-sat", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=WEEKLY;BYDAY=SAT")}, f"{EV}:3", "SAT"),
    # COUNT beyond reason would expand forever.
    Case("event-rule-count-huge", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=DAILY;COUNT=99999999")}, f"{EV}:3", "COUNT"),
    # INTERVAL=0 never moves on.
    Case("event-rule-interval-zero", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=DAILY;INTERVAL=0")}, f"{EV}:3", "INTERVAL"),
    # An ordinal weekday on a weekly rule.
    Case("event-rule-weekly-ordinal", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=WEEKLY;BYDAY=1SA")}, f"{EV}:3", "序号"),
    # A start that is not on the rule (a Friday for every Saturday).
    Case("event-start-not-in-rule", ERROR, {EVENTS: event("start: 2026-11-27", "repeat: FREQ=WEEKLY;BYDAY=SA")}, f"{EV}:3", "2026-11-28"),
    # COUNT and UNTIL together.
    Case("event-count-and-until", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=WEEKLY;COUNT=3;UNTIL=20271231")}, f"{EV}:3", "只能写一个"),
    # UNTIL before the start.
    Case("event-until-before-start", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=WEEKLY;UNTIL=20251231")}, f"{EV}:3", "早于活动开始"),
    # UNTIL written with dashes.
    Case("event-until-dashes", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=WEEKLY;UNTIL=2027-12-31")}, f"{EV}:3", "UNTIL"),
    # A rule that can never happen (30 February): refused at once, not searched to 9999.
    Case("event-rule-never-happens", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")}, f"{EV}:3", "永远不会"),
    # The same through day 366 of the year in January.
    Case("event-rule-never-yearday", ERROR, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=DAILY;BYYEARDAY=366;BYMONTH=1")}, f"{EV}:3", "永远不会"),
    # A description linking a story (only assets/ may be linked).
    Case("event-description-links-story", ERROR, {EVENTS: event("start: 2026-11-28", "description: '[故事](stories/a.md)'")}, f"{EV}:3", "assets/"),
    # A repeat without an end is allowed, with a warning.
    Case("event-open-repeat", SANITISED, {EVENTS: event("start: 2026-11-28", "repeat: FREQ=WEEKLY;BYDAY=SA")}, f"{EV}:3", "没有写结束"),
]
# fmt: on

# fmt: off
OTHER_KINDS = [
    # A notice that expires before it is dated.
    Case("notice-expires-before-date", ERROR, {"notices/n.md": "---\ntitle: 停水\ndate: 2026-11-20\nexpires: 2026-11-19\n---\n正文\n"}, "content/notices/n.md:4", "早于"),
    # Honor entries written as one mapping.
    Case("honor-entries-not-a-list", ERROR, {"honors/h.yaml": "title: 榜\nawarded: 2026-06-30\nentries:\n  name: 陈家\n"}, "content/honors/h.yaml:4", "- name:"),
    # An honor entry naming a story that does not exist.
    Case("honor-unknown-story", ERROR, {"honors/h.yaml": "title: 榜\nawarded: 2026-06-30\nentries:\n  - name: 陈家\n    story: ../../etc/passwd\n"}, "content/honors/h.yaml:5", "../../etc/passwd"),
    # buildings.yaml as one mapping.
    Case("buildings-not-a-list", ERROR, {"buildings.yaml": "building: 3栋\nroles: []\n"}, "content/buildings.yaml:1", "- building:"),
    # One building twice, told apart only by case and width.
    Case("buildings-duplicate-folded", ERROR, {"buildings.yaml": "- {building: A栋, community: longteng, roles: [{role: 楼栋长, name: 甲}]}\n- {building: ａ栋, community: longteng, roles: [{role: 楼栋长, name: 乙}]}\n"}, "content/buildings.yaml:2", "已经写过"),
    # roles as text.
    Case("buildings-roles-not-a-list", ERROR, {"buildings.yaml": "- building: 3栋\n  community: longteng\n  roles: 楼栋长 万玉廷\n"}, "content/buildings.yaml:3", "roles"),
    # wishes.yaml as one mapping.
    Case("wishes-not-a-list", ERROR, {"wishes.yaml": "wish: 老花镜\nwho: 钟桂芝\n"}, "content/wishes.yaml:1", "- wish:"),
    # An unknown wish status.
    Case("wishes-bad-status", ERROR, {"wishes.yaml": "- wish: 老花镜\n  who: 钟桂芝\n  date: 2026-11-18\n  status: 完成了\n"}, "content/wishes.yaml:4", "完成了"),
]
# fmt: on


@pytest.mark.parametrize("case", params(LEDGER_CASES))
def test_ledger(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())


@pytest.mark.parametrize("case", params(CALENDAR_CASES))
def test_calendar(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())


@pytest.mark.parametrize("case", params(OTHER_KINDS))
def test_other_kinds(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())
