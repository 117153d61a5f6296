"""The sample site's points: JSON boards, pages, charts, and names kept private."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

RESIDENTS = yaml.safe_load(
    (REPO / "content" / "points" / "residents.yaml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def site(sample_output: Path) -> Path:
    return sample_output / "site"


@pytest.fixture(scope="module")
def boards(site: Path) -> list[dict]:
    return json.loads((site / "data" / "leaderboards.json").read_text(encoding="utf-8"))["boards"]


def find(
    boards: list[dict], period: str, scope: str = "site", measure: str = "points", **where: str
) -> dict:
    (board,) = [
        b
        for b in boards
        if b["period"] == period
        and b["scope"] == scope
        and b["measure"] == measure
        and all(b[k] == v for k, v in where.items())
    ]
    return board


def test_every_board_row_has_the_spec_fields(boards: list[dict]) -> None:
    assert {b["period_kind"] for b in boards} == {"all", "year", "month"}
    assert {b["scope"] for b in boards} == {"site", "community", "building"}
    for board in boards:
        for row in board["rows"]:
            assert {"rank", "name", "building", board["measure"]} <= set(row)


def test_all_time_leader_and_the_planned_ties(boards: list[dict]) -> None:
    top = find(boards, "all-time")["rows"]
    assert (top[0]["rank"], top[0]["name"], top[0]["points"]) == (1, "王**", 392)
    tied = [row for row in top if row["points"] == 200]
    assert [row["rank"] for row in tied] == [8, 8] and top[9]["rank"] == 10
    november = find(boards, "2026-11")["rows"]
    assert [r["rank"] for r in november if r["points"] == 60] == [4, 4]


def test_community_and_building_boards(boards: list[dict]) -> None:
    longteng = find(boards, "all-time", "community", community="longteng")["rows"]
    assert longteng[0]["name"] == "王**" and all(r["rank"] >= 1 for r in longteng)
    building = find(boards, "all-time", "building", community="xiangzhang", building="2栋")["rows"]
    assert building[0]["name"] == "司马**"


def test_hour_boards(boards: list[dict]) -> None:
    hours = find(boards, "all-time", measure="hours")["rows"]
    assert (hours[0]["name"], hours[0]["hours"]) == ("王**", 26.0)


def test_no_full_resident_name_or_balance_on_leaderboards(site: Path) -> None:
    names = [r["name"] for r in RESIDENTS]
    for path in [site / "data" / "leaderboards.json", *sorted((site / "points").rglob("*.html"))]:
        text = path.read_text(encoding="utf-8")
        leaked = [n for n in names if n in text]
        assert not leaked, f"{path.relative_to(site)} shows {leaked}"
        assert "余额" not in text.replace("不显示个人余额", "").replace("减少余额", "")


def test_pages_and_charts(site: Path) -> None:
    overview = (site / "points" / "index.html").read_text(encoding="utf-8")
    assert overview.count('<ol class="chart ') == 2 and "每月积分走势" in overview
    assert 'aria-label="积分前十名"' in overview and 'style="--share:1.000"' in overview
    assert "积分相同的并列同一名次" in overview
    assert (site / "points" / "2026-11" / "longteng" / "5栋" / "index.html").is_file()
    rules = (site / "points" / "rules" / "index.html").read_text(encoding="utf-8")
    assert "垃圾分类" in rules and "免费理发" in rules and "每小时 10 分" in rules
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "本月积分榜" in home and 'class="board"' in home
