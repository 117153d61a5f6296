"""The "this month" boards in a real Chromium (issue 21).

The lobby board names its leaderboard by the screen's own month: a board left
unrebuilt into December calls November "last month", never "this month". The
site's pages say so at build time; they are screenshotted for a look.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import SHOTS
from tests.browser.test_kiosk import Server, at, build_site
from tests.browser.test_site_pages import CJK_FONT_CHECK

pytestmark = pytest.mark.browser

POINTS = {
    "site.yaml": "title: 测试小区\nkiosk:\n  slides: [leaderboard]\n",
    "stories/a.md": "---\ntitle: 李奶奶的电梯\ndate: 2026-11-01\n---\n大家一起装了电梯。\n",
    "points/rules.yaml": "earn:\n  garbage-sorting: {name: 垃圾分类, points: 10}\n",
    "points/residents.yaml": (
        "- {id: R001, name: 刘大哥, building: 3栋}\n- {id: R002, name: 王阿姨, building: 5栋}\n"
    ),
    "points/ledger/2026-11.yaml": (
        "- {date: 2026-11-03, resident: R001, earn: garbage-sorting}\n"
        "- {date: 2026-11-04, resident: R002, earn: garbage-sorting}\n"
        "- {date: 2026-11-05, resident: R002, earn: garbage-sorting}\n"
    ),
}


@pytest.fixture
def screen(browser, tmp_path: Path) -> Iterator:  # type: ignore[no-untyped-def]
    """Return a function: build the board for `built`, show it with the clock at `when`."""
    servers, contexts = [], []

    def show(built: str, when: dt.datetime, size: tuple[int, int] = (1920, 1080)):  # type: ignore[no-untyped-def]
        server = Server(build_site(tmp_path / built, POINTS, today=built))
        servers.append(server)
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, locale="zh-CN", reduced_motion="reduce"
        )
        contexts.append(context)
        page = context.new_page()
        page.clock.install(time=when)
        page.goto(server.url)
        page.wait_for_function("document.querySelector('.slide-board.is-active') !== null")
        return page

    yield show
    for context in contexts:
        context.close()
    for server in servers:
        server.stop()


def board_words(page) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    heading = page.locator(".slide-board h1").inner_text()
    note = page.locator(".slide-board .board-note")
    return heading, note.inner_text() if note.is_visible() else None


def test_built_and_shown_in_november(screen) -> None:  # type: ignore[no-untyped-def]
    page = screen("2026-11-22", at(2026, 11, 25, 10))
    assert board_words(page) == ("本月积分榜 · 2026年11月", None)


def test_a_board_left_unrebuilt_into_december_says_last_month(screen) -> None:  # type: ignore[no-untyped-def]
    page = screen("2026-11-22", at(2026, 11, 30, 23, 58))
    assert board_words(page) == ("本月积分榜 · 2026年11月", None)
    page.clock.run_for(3 * 60_000)  # past midnight: December on the screen's clock
    # The board cannot know whether December has points (it was built in November).
    assert board_words(page) == ("上月积分榜 · 2026年11月", None)


def test_months_later_it_names_the_month_only(screen) -> None:  # type: ignore[no-untyped-def]
    page = screen("2026-11-22", at(2027, 1, 5, 10))
    assert board_words(page) == ("积分榜 · 2026年11月", None)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_rebuilt_in_december_without_points_says_so(screen, size) -> None:  # type: ignore[no-untyped-def]
    page = screen("2026-12-05", at(2026, 12, 5, 10), size)
    assert board_words(page) == ("上月积分榜 · 2026年11月", "2026年12月还没有积分记录")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate(CJK_FONT_CHECK), "Chinese glyphs would render as boxes"
    slide = ".slide-board"
    overflow = page.evaluate(
        f"document.querySelector('{slide}').scrollHeight - document.querySelector('{slide}').clientHeight"
    )
    assert overflow <= 2, f"the board overflows its slide by {overflow}px"
    note_px = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.slide-board .board-note')).fontSize)"
    )
    assert note_px >= 32  # readable from three metres, like the rest of the board
    SHOTS.mkdir(exist_ok=True)
    name = "landscape" if size[0] > size[1] else "portrait"
    page.screenshot(path=str(SHOTS / f"month-board-kiosk-december-{name}.png"))


def test_site_pages_in_december(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from site_builder.cli import main

    for relative, text in POINTS.items():
        (tmp_path / "content" / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / relative).write_text(text, encoding="utf-8")
    args = ["--content", str(tmp_path / "content"), "--output", str(tmp_path / "output")]
    assert main(["build", *args, "--target", "site", "--today", "2026-12-05", "--quiet"]) == 0
    server = Server(tmp_path / "output" / "site")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        SHOTS.mkdir(exist_ok=True)
        for path, name in [("index.html", "home"), ("points/index.html", "points")]:
            page.goto(server.url + path)
            page.evaluate("document.fonts.ready.then(() => true)")
            assert page.evaluate(CJK_FONT_CHECK), "Chinese glyphs would render as boxes"
            note = page.locator(".board-note").first
            assert note.is_visible() and note.inner_text() == "2026年12月还没有积分记录"
            assert "上月" in page.locator("main").inner_text()
            assert "本月" not in page.locator("main").inner_text()
            page.screenshot(path=str(SHOTS / f"month-board-{name}-december.png"), full_page=True)
    finally:
        context.close()
        server.stop()
