"""The sample site's calendar: ICS read back with icalendar, an independent RRULE expansion, pages."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from site_builder.cli import main
from tests.conftest import REPO, TODAY_ARG

SHANGHAI = ZoneInfo("Asia/Shanghai")


def build(content: Path, out: Path) -> Path:
    code = main(
        [
            "build",
            "--content",
            str(content),
            "--output",
            str(out),
            "--today",
            TODAY_ARG,
            "--target",
            "site",
            "--quiet",
        ]
    )
    assert code == 0
    return out / "site"


@pytest.fixture(scope="module")
def site(sample_output: Path) -> Path:
    return sample_output / "site"


@pytest.fixture(scope="module")
def calendar(site: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())


def test_ics_is_crlf_and_folded_at_75_octets(site: Path) -> None:
    data = (site / "calendar.ics").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "long Chinese lines should be folded"
    for index, line in enumerate(lines):  # a fold never splits a UTF-8 character
        line.decode("utf-8")
        assert index == 0 or not line.startswith(b" \x80")


def test_calendar_headers(calendar: icalendar.Calendar) -> None:
    assert str(calendar["X-WR-CALNAME"]) == "龙腾广场小区 · 和美家园"
    assert calendar["VERSION"] == "2.0"
    assert "REFRESH-INTERVAL" in calendar and "X-PUBLISHED-TTL" in calendar
    zones = [c for c in calendar.walk("VTIMEZONE")]
    assert [str(z["TZID"]) for z in zones] == ["Asia/Shanghai"]


def test_every_event_has_uid_and_dtstamp_and_uids_are_unique(calendar: icalendar.Calendar) -> None:
    events = calendar.walk("VEVENT")
    assert len(events) == 39
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert all(e.get("DTSTAMP") for e in events)


def test_uids_are_stable_across_builds_and_edits(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(REPO / "content", copy)
    path = copy / "events" / "services.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("党群服务中心", "社区服务站"), encoding="utf-8"
    )
    again = build(copy, tmp_path / "output")
    before = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    after = icalendar.Calendar.from_ical((again / "calendar.ics").read_bytes())
    assert [str(e["UID"]) for e in before.walk("VEVENT")] == [
        str(e["UID"]) for e in after.walk("VEVENT")
    ]
    assert (site / "calendar.ics").read_bytes() != (again / "calendar.ics").read_bytes()


def event_named(calendar: icalendar.Calendar, title: str, year: int = 2026) -> icalendar.Event:
    (found,) = [
        e
        for e in calendar.walk("VEVENT")
        if str(e["SUMMARY"]) == title and e["DTSTART"].dt.year == year
    ]
    return found


def test_timed_event_is_right_in_utc(calendar: icalendar.Calendar) -> None:
    zongzi = event_named(calendar, "端午包粽子")
    start = zongzi["DTSTART"].dt
    assert start.tzinfo is not None and zongzi["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 6, 19, 1, 0, tzinfo=dt.UTC)
    assert zongzi["DTEND"].dt.astimezone(dt.UTC) == dt.datetime(2026, 6, 19, 3, 30, tzinfo=dt.UTC)


def test_all_day_events_are_dates_with_exclusive_end(calendar: icalendar.Calendar) -> None:
    market = event_named(calendar, "二手书集市")
    assert market["DTSTART"].dt == dt.date(2026, 12, 5) and not isinstance(
        market["DTSTART"].dt, dt.datetime
    )
    assert market["DTEND"].dt == dt.date(2026, 12, 7)


def test_recurring_events_keep_their_rule_with_utc_until(calendar: icalendar.Calendar) -> None:
    taiji = event_named(calendar, "太极拳晨练")
    rule = taiji["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["SA"]
    (until,) = rule["UNTIL"]
    assert until.tzinfo is not None and until.utcoffset() == dt.timedelta(0)
    dance = event_named(calendar, "广场舞")
    assert "UNTIL" not in dance["RRULE"] and "COUNT" not in dance["RRULE"]


def test_occurrences_match_an_independent_expansion(
    site: Path, calendar: icalendar.Calendar
) -> None:
    data = json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))
    ours = sorted((o["uid"], o["start"]) for o in data["occurrences"])
    first = dt.datetime(2026, 11, 22, tzinfo=SHANGHAI)
    last = first + dt.timedelta(days=90)
    theirs = []
    for occ in recurring_ical_events.of(calendar).between(first, last):
        start = occ["DTSTART"].dt
        end = occ["DTEND"].dt if "DTEND" in occ else start
        if isinstance(start, dt.datetime):
            text = start.astimezone(SHANGHAI).isoformat()
        else:
            text = start.isoformat()
            if end <= first.date():
                continue
        theirs.append((str(occ["UID"]), text))
    assert ours == sorted(theirs)
    assert len(ours) > 100


def test_per_community_feeds(site: Path) -> None:
    longteng = icalendar.Calendar.from_ical((site / "calendar-longteng.ics").read_bytes())
    assert str(longteng["X-WR-CALNAME"]).endswith("龙腾广场小区")
    titles = {str(e["SUMMARY"]) for e in longteng.walk("VEVENT")}
    assert "广场舞" in titles and "书法班" not in titles


def test_phones_are_masked_in_public_calendar(site: Path) -> None:
    for name in (
        "calendar.ics",
        "data/events.json",
        "calendar/2026-12/index.html",
        "calendar/index.html",
    ):
        text = (site / name).read_bytes().decode("utf-8")
        assert "13812345678" not in text and "15000001234" not in text, name


def test_month_grid_with_a_festival(site: Path) -> None:
    page = (site / "calendar" / "2026-06" / "index.html").read_text(encoding="utf-8")
    assert "2026年6月" in page
    assert page.index(">一</th>") < page.index(">日</th>")
    cell = page[page.index('<span class="cell-day">19</span>') :][:600]
    assert "端午节" in cell and "端午包粽子" in cell
    assert 'href="../2026-05/index.html"' in page and 'href="../2026-07/index.html"' in page


def test_calendar_index_lists_upcoming_days(site: Path) -> None:
    page = (site / "calendar" / "index.html").read_text(encoding="utf-8")
    assert "11月22日" in page and "今天" in page
    assert 'href="webcal://example.org/longteng/calendar.ics"' in page
    assert 'href="../calendar.ics"' in page


def test_months_run_from_first_event_to_a_year_ahead(site: Path) -> None:
    months = sorted(p.name for p in (site / "calendar").iterdir() if p.name[:2] == "20")
    assert months[0] == "2026-01" and months[-1] == "2027-11"


def test_home_page_shows_next_events(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "近期活动" in page
    assert page.count('class="coming-date"') == 5
