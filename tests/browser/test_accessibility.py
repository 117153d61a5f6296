"""axe-core in Chromium finds nothing on any page kind of the sample, on a desktop and on a
phone (issue 25; axe-core as bundled by axe-playwright-python)."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_kind_has_an_axe_violation(browser, server, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    found = {}
    try:
        for path in PAGES:
            response = page.goto(server + path)
            assert response is not None and response.ok, path
            violations = Axe().run(page).response["violations"]
            if violations:
                found[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    finally:
        context.close()
    assert found == {}
