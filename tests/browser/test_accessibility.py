"""axe-core in Chromium finds nothing on any page kind of the sample, on a desktop and on a
phone, in normal and in elder mode (长辈模式), nor on any slide of a lobby board (issue 25;
axe-core from npm, pinned in tests/tools)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, serving

pytestmark = pytest.mark.browser

PAGES = [
    "index.html",
    "stories/index.html",
    "stories/hao-poxi/index.html",
    "tags/index.html",
    "tags/助老/index.html",
    "categories/好邻居/index.html",
    "notices/index.html",
    "notices/2026-11-tingshui/index.html",
    "calendar/index.html",
    "calendar/2026-11/index.html",
    "points/index.html",
    "points/2026-11/index.html",
    "points/rules/index.html",
    "honors/index.html",
    "honors/2026-q2-shixingji/index.html",
    "buildings/index.html",
    "buildings/longteng/3栋/index.html",
    "wishes/index.html",
    "search/index.html",
    "404.html",
]
ELDER = "localStorage.setItem('site-builder:elder', '1')"
"""What the 长辈模式 switch remembers; a page finding it puts class elder on <html>."""
TARGETS = {"rules": {"target-size": {"enabled": True}}}
"""axe leaves WCAG 2.2's 24 px touch targets off by default; Lighthouse and our readers do not."""
MODES = ["normal", "elder"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_kind_has_an_axe_violation(browser, server, width: int, mode: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    if mode == "elder":
        page.add_init_script(ELDER)
    found = {}
    try:
        for path in PAGES:
            response = page.goto(server + path)
            assert response is not None and response.ok, path
            elder = page.evaluate("document.documentElement.classList.contains('elder')")
            assert elder == (mode == "elder"), f"{path}: not in {mode} mode"
            violations = axe_violations(page, options=TARGETS)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert found == {}


SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.parametrize("community", ["longteng", "xiangzhang"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_no_slide_of_a_lobby_board_has_an_axe_violation(
    browser, sample_output: Path, size, community: str
) -> None:
    """Every slide in turn (the others are hidden), then the night screen, which is dim
    on purpose (docs/kiosk.md): there colour contrast is the one rule not applied."""
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, locale="zh-CN", reduced_motion="reduce"
    )
    page = context.new_page()
    found = {}
    try:
        with serving(sample_output / "kiosk") as root:
            page.clock.install(time=dt.datetime(2026, 11, 22, 10, tzinfo=SHANGHAI))
            page.goto(root + f"{community}/index.html")
            shown = page.evaluate(
                "document.querySelectorAll('.slide:not([data-empty=true])').length"
            )
            assert shown >= 10
            seen = set()
            for _ in range(shown):
                slide = page.evaluate("document.querySelector('.slide.is-active').dataset.slide")
                index = page.evaluate(
                    "Array.from(document.querySelectorAll('.slide')).findIndex(s => s.classList.contains('is-active'))"
                )
                seen.add(index)
                violations = axe_violations(page)
                if violations:
                    found[f"slide {index} ({slide})"] = violations
                page.clock.run_for(15_000)  # the sample's slide_seconds
            assert len(seen) == shown, f"saw slides {sorted(seen)} of {shown}"
            page.clock.fast_forward("12:00:00")  # to 22:0x: the night screen
            page.clock.run_for(2_000)
            assert page.locator("#night").is_visible()
            dim = {"rules": {"color-contrast": {"enabled": False}}}
            violations = axe_violations(page, options=dim)
            if violations:
                found["night"] = violations
    finally:
        context.close()
    assert found == {}
