"""The "this month" boards on built pages, for a today with and without points (issue 21).

When this month has no points yet, the home page, the points page and the lobby
board show last month's board under its own name and say so; they never call
November "this month" in December.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.conftest import MakeSite, Run

LEDGER = {
    "points/rules.yaml": "earn:\n  garbage-sorting: {name: 垃圾分类, points: 10}\n",
    "points/residents.yaml": (
        "- {id: R001, name: 刘大哥, building: 3栋}\n- {id: R002, name: 王阿姨, building: 5栋}\n"
    ),
    "points/ledger/2026-10.yaml": "- {date: 2026-10-09, resident: R002, earn: garbage-sorting}\n",
    "points/ledger/2026-11.yaml": "- {date: 2026-11-03, resident: R001, earn: garbage-sorting}\n",
}


def text(page: str) -> str:
    """Return a page's words without its tags, one space between runs."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def build(make_site: MakeSite, cli, today: str, site_yaml: str = "title: 测试小区\n") -> Path:  # type: ignore[no-untyped-def]
    content = make_site(LEDGER, site_yaml=site_yaml)
    run: Run = cli("build", "--content", "content", "--today", today, "--quiet", cwd=content.parent)
    assert run.code == 0, run.err
    return content.parent / "output"


def pages(output: Path) -> tuple[str, str]:
    home = (output / "site" / "index.html").read_text(encoding="utf-8")
    points = (output / "site" / "points" / "index.html").read_text(encoding="utf-8")
    return text(home), text(points)


def test_a_month_with_points_is_this_month(make_site, cli) -> None:  # type: ignore[no-untyped-def]
    home, points = pages(build(make_site, cli, "2026-11-22"))
    assert "本月积分榜 · 2026年11月" in home
    assert "本月 · 2026年11月" in points
    assert "还没有积分记录" not in home + points
    assert "上月" not in home + points


def test_a_month_without_points_says_so_and_names_last_month(make_site, cli) -> None:  # type: ignore[no-untyped-def]
    output = build(make_site, cli, "2026-12-05")
    home, points = pages(output)
    assert "上月积分榜 · 2026年11月 查看积分榜 → 2026年12月还没有积分记录 名次" in home
    assert "上月 · 2026年11月 2026年12月还没有积分记录 名次" in points
    assert "本月" not in home + points
    assert "刘** 3栋 10" in home  # November's board, not an empty one
    kiosk = (output / "kiosk" / "index.html").read_text(encoding="utf-8")
    # The board names its month; the screen's clock decides "this" or "last" month.
    assert 'data-month="2026-11" data-month-name="2026年11月"' in kiosk
    assert '<h1 class="board-heading">积分榜 · 2026年11月</h1>' in kiosk
    assert "本月积分榜" not in kiosk


def test_an_older_board_is_named_by_its_month(make_site, cli) -> None:  # type: ignore[no-untyped-def]
    home, points = pages(build(make_site, cli, "2027-01-10"))
    assert "积分榜 · 2026年11月 查看积分榜 → 2027年1月还没有积分记录" in home
    assert " 2026年11月 2027年1月还没有积分记录 名次" in points
    assert "本月" not in home + points and "上月" not in home + points


@pytest.mark.parametrize(
    ("today", "heading", "note"),
    [
        ("2026-11-22", "This month's points · November 2026", None),
        (
            "2026-12-05",
            "Last month's points · November 2026",
            "No points recorded yet in December 2026",
        ),
    ],
)
def test_english(make_site, cli, today: str, heading: str, note: str | None) -> None:  # type: ignore[no-untyped-def]
    home, points = pages(build(make_site, cli, today, "title: Test\nlanguage: en\n"))
    assert heading in home
    assert (note in home and note in points) if note else "No points recorded yet" not in home
