"""Events: reading times as written, repeats, month grids, upcoming lists."""

from __future__ import annotations

import datetime as dt

from site_builder.config import load_config
from site_builder.diagnostics import Diagnostics
from site_builder.kinds.calendar import (
    build_calendar,
    by_day,
    month_entries,
    month_weeks,
    upcoming,
)
from site_builder.kinds.events import load_events
from tests.conftest import TODAY

TWO = "title: x\ncommunities:\n  - {id: longteng, name: 龙腾}\n  - {id: xiangzhang, name: 香樟}\n"


def calendar_of(make_site, events_yaml: str, site_yaml: str = "title: x\n", today: dt.date = TODAY):
    content = make_site({"events/a.yaml": events_yaml}, site_yaml=site_yaml)
    diags = Diagnostics()
    config = load_config(content, diags)
    events = load_events(content, config, diags)
    assert not diags.errors, diags.errors
    return build_calendar(events, today, diags), diags


def test_times_are_read_as_written(make_site) -> None:
    cal, _ = calendar_of(
        make_site,
        (
            "- {title: 早, start: 2026-12-01 7:05, end: 9:30}\n"
            "- {title: 全天, start: 2026/12/5, end: 2026-12-06}\n"
            "- {title: 中文日期, start: 2026年12月8日 19:00}\n"
        ),
    )
    early, whole, chinese = cal.events
    assert (early.start, early.end) == (
        dt.datetime(2026, 12, 1, 7, 5),
        dt.datetime(2026, 12, 1, 9, 30),
    )
    assert whole.all_day and (whole.start, whole.end) == (
        dt.date(2026, 12, 5),
        dt.date(2026, 12, 6),
    )
    assert chinese.start == dt.datetime(2026, 12, 8, 19, 0) and chinese.end is None


def test_weekly_repeat_until_a_date_includes_that_day(make_site) -> None:
    cal, _ = calendar_of(
        make_site,
        "- {title: 太极, start: 2026-11-07 07:00, end: 08:00, repeat: FREQ=WEEKLY;BYDAY=SA;UNTIL=20261205}\n",
    )
    starts = [occ.start for occ in cal.occurrences]
    assert starts == [dt.datetime(2026, 11, d, 7) for d in (7, 14, 21, 28)] + [
        dt.datetime(2026, 12, 5, 7)
    ]
    assert all(occ.end - occ.start == dt.timedelta(hours=1) for occ in cal.occurrences)


def test_monthly_nth_weekday_and_count(make_site) -> None:
    cal, _ = calendar_of(
        make_site,
        (
            "- {title: 议事会, start: 2026-01-07 19:00, repeat: FREQ=MONTHLY;BYDAY=1WE;COUNT=4}\n"
            "- {title: 清扫, start: 2026-01-31, repeat: FREQ=MONTHLY;BYDAY=-1SA;COUNT=3}\n"
        ),
    )
    meeting = [o.first_day for o in cal.occurrences if o.event.title == "议事会"]
    sweep = [o.first_day for o in cal.occurrences if o.event.title == "清扫"]
    assert meeting == [
        dt.date(2026, 1, 7),
        dt.date(2026, 2, 4),
        dt.date(2026, 3, 4),
        dt.date(2026, 4, 1),
    ]
    assert sweep == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 28)]


def test_open_repeat_stops_at_the_window_and_warns(make_site) -> None:
    cal, diags = calendar_of(
        make_site, "- {title: 广场舞, start: 2026-11-04 19:30, repeat: FREQ=WEEKLY;BYDAY=WE}\n"
    )
    assert cal.last == dt.date(2027, 11, 30)
    assert cal.occurrences[-1].first_day == dt.date(2027, 11, 24)
    assert [w.code for w in diags.warnings] == ["event.open_repeat"]


def test_upcoming_includes_events_still_running_today(make_site) -> None:
    cal, _ = calendar_of(
        make_site,
        (
            "- {title: 宣传周, start: 2026-11-20, end: 2026-11-26}\n"
            "- {title: 已结束, start: 2026-11-21}\n"
            "- {title: 明天, start: 2026-11-23 09:00}\n"
            "- {title: 太远, start: 2027-02-01}\n"
        ),
    )
    coming = upcoming(cal, 31)
    assert [o.event.title for o in coming] == ["宣传周", "明天"]
    assert [(day, [o.event.title for o in occs]) for day, occs in by_day(coming, TODAY)] == [
        (TODAY, ["宣传周"]),
        (dt.date(2026, 11, 23), ["明天"]),
    ]


def test_month_grid_starts_on_monday_and_spans_multi_day_events(make_site) -> None:
    cal, _ = calendar_of(make_site, "- {title: 书市, start: 2026-06-19, end: 2026-06-21}\n")
    weeks = month_weeks(cal, 2026, 6)
    assert weeks[0][0].day == dt.date(2026, 6, 1) and weeks[0][0].day.weekday() == 0
    assert all(len(week) == 7 for week in weeks)
    marked = [cell.day.day for week in weeks for cell in week if cell.occurrences]
    assert marked == [19, 20, 21]
    entries = month_entries(cal, 2026, 6, None)
    assert [(e.event.title, len(e.occurrences)) for e in entries] == [("书市", 1)]


def test_community_filter_keeps_site_wide_events(make_site) -> None:
    cal, _ = calendar_of(
        make_site,
        (
            "- {title: 龙腾的, start: 2026-11-25, community: longteng}\n"
            "- {title: 香樟的, start: 2026-11-25, community: xiangzhang}\n"
        ),
        site_yaml=TWO,
    )
    assert [o.event.title for o in upcoming(cal, 31, "longteng")] == ["龙腾的"]
    assert sorted(o.event.title for o in upcoming(cal, 31)) == ["香樟的", "龙腾的"]


def test_uid_survives_edits_but_not_a_new_title(make_site) -> None:
    first, _ = calendar_of(
        make_site, "- {title: 义诊, start: 2026-12-10 08:30, location: 长者食堂}\n"
    )
    moved, _ = calendar_of(
        make_site, "- {title: 义诊, start: 2026-12-11 09:00, location: 党群服务中心}\n"
    )
    renamed, _ = calendar_of(make_site, "- {title: 免费义诊, start: 2026-12-10 08:30}\n")
    assert first.events[0].uid == moved.events[0].uid
    assert first.events[0].uid != renamed.events[0].uid


def test_same_title_twice_in_a_file_gets_two_uids(make_site) -> None:
    cal, _ = calendar_of(
        make_site, "- {title: 议事会, start: 2026-12-02}\n- {title: 议事会, start: 2027-01-06}\n"
    )
    assert len({e.uid for e in cal.events}) == 2


def test_repeat_rules_in_words() -> None:
    from site_builder.ui_text import describe_rule

    cases = {
        "FREQ=WEEKLY;BYDAY=SA": ("每周六", "Every Sat"),
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270702T235959": (
            "每周一至周五",
            "Every Mon–Fri",
        ),
        "FREQ=WEEKLY;BYDAY=SA,SU": ("每周六、周日", "Every Sat, Sun"),
        "FREQ=WEEKLY;BYDAY=FR,MO,WE": ("每周一、周三、周五", "Every Mon, Wed, Fri"),
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU": ("每 2 周的周日", "Every 2 weeks on Sun"),
        "FREQ=MONTHLY;BYDAY=1WE": ("每月第一个周三", "Monthly, first Wed"),
        "FREQ=MONTHLY;BYDAY=-1SA;COUNT=12": ("每月最后一个周六", "Monthly, last Sat"),
        "FREQ=MONTHLY;BYMONTHDAY=10": ("每月 10 日", "Monthly on day 10"),
        "FREQ=MONTHLY;BYMONTHDAY=-1": ("每月最后一天", "Last day of each month"),
        "FREQ=DAILY": ("每天", "Every day"),
        "FREQ=MONTHLY;BYMONTHDAY=-2": ("定期活动", "Repeats"),
    }
    for rule, (zh, en) in cases.items():
        assert (describe_rule(rule, "zh-CN"), describe_rule(rule, "en")) == (zh, en)


def test_full_width_rule_from_a_chinese_keyboard(make_site) -> None:
    cal, _ = calendar_of(
        make_site, "- {title: 太极, start: 2026-11-07, repeat: FREQ＝WEEKLY；BYDAY＝SA；COUNT＝2}\n"
    )
    assert [o.first_day for o in cal.occurrences] == [dt.date(2026, 11, 7), dt.date(2026, 11, 14)]


def test_phones_in_any_event_text_are_masked_on_the_public_site(make_site, cli) -> None:
    content = make_site(
        {
            "events/a.yaml": (
                "- title: 报名请找王阿姨 13812345678\n  start: 2026-11-25 09:00\n  location: 3栋 139 1234 5678 家\n"
                "  organizer: 张师傅 +86 150-0000-1234\n  signup: 13900001111\n  description: 电话 13912345678\n"
            )
        },
        site_yaml="title: x\nbase_url: https://example.org/\n",
    )
    assert (
        cli(
            "build",
            "--content",
            "content",
            "--target",
            "site",
            "--today",
            "2026-11-22",
            cwd=content.parent,
        ).code
        == 0
    )
    site = content.parent / "output" / "site"
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".ics"):
            text = path.read_bytes().decode("utf-8").replace("\r\n ", "")
            for number in (
                "13812345678",
                "1391234 5678",
                "139 1234 5678",
                "150-0000-1234",
                "13900001111",
                "13912345678",
            ):
                assert number not in text, (path.name, number)
    assert "138****5678" in (site / "calendar" / "index.html").read_text(encoding="utf-8")
