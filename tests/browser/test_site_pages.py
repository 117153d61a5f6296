"""The public site as a person sees it: in Chromium, under a sub-path and from file://."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import copy_for_file_url, screenshot

pytestmark = pytest.mark.browser

CJK_FONT_CHECK = """() => {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  ctx.font = '32px sans-serif';
  const chinese = ctx.measureText('欢迎光临').width;
  const missing = ctx.measureText('\\u{10FFFD}\\u{10FFFD}\\u{10FFFD}\\u{10FFFD}').width;
  return Math.abs(chinese - missing) > 1;
}"""


def test_chinese_text_renders_with_a_real_font(page, server) -> None:
    page.goto(server + "index.html")
    assert page.evaluate(CJK_FONT_CHECK), "no CJK font: install fonts-noto-cjk"


def test_home_page_under_a_sub_path(page, server) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server + "index.html")
    assert page.title() == "龙腾广场小区 · 和美家园"
    assert page.locator(".card").count() == 6
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.masthead')).backgroundColor"
    )
    assert background == "rgb(179, 38, 30)", "the stylesheet did not load"
    assert {urlsplit(url).netloc for url in requests} == {urlsplit(server).netloc}
    screenshot(page, "home-1280")


def test_reader_walks_from_home_to_a_story_and_a_tag(page, server) -> None:
    page.goto(server + "index.html")
    page.get_by_role("link", name="查看全部故事").click()
    assert page.url == server + "stories/index.html"
    page.get_by_role("link", name="一场圆桌会，修好了漏了三年的屋顶").click()
    assert page.url == server + "stories/wuding-fangshui/index.html"
    assert page.locator("h1").inner_text() == "一场圆桌会，修好了漏了三年的屋顶"
    assert page.locator(".prose table tr").count() >= 3
    page.wait_for_function("document.querySelector('.story-cover img').complete")
    cover_width = page.evaluate("document.querySelector('.story-cover img').naturalWidth")
    assert cover_width > 0, "cover image did not load"
    screenshot(page, "story-1280")
    page.locator(".story-tags a", has_text="议事协商").click()
    assert page.url.endswith("/tags/%E8%AE%AE%E4%BA%8B%E5%8D%8F%E5%95%86/index.html")
    assert page.locator("h1").inner_text() == "议事协商"
    assert page.locator(".card").count() == 2
    page.get_by_role("link", name="首页").click()
    assert page.url == server + "index.html"


def test_phone_layout_has_no_sideways_scroll(browser, server) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True
    )
    page = context.new_page()
    for path in (
        "index.html",
        "stories/wuding-fangshui/index.html",
        "stories/index.html",
        "tags/index.html",
    ):
        page.goto(server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    screenshot(page, "story-phone")
    page.goto(server + "index.html")
    screenshot(page, "home-phone")
    context.close()


def test_site_works_from_file_url(page, sample_site: Path, tmp_path: Path) -> None:
    site = copy_for_file_url(sample_site, tmp_path)
    page.goto((site / "index.html").as_uri())
    with page.expect_navigation():
        page.locator(".card-title a").first.click()
    assert page.url.startswith((site / "stories").as_uri())
    assert page.url.endswith("/index.html")
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.masthead')).backgroundColor"
    )
    assert background == "rgb(179, 38, 30)"
    page.get_by_role("link", name="好人好事").click()
    assert page.locator(".card").count() == 11


def test_inline_image_in_a_story_loads(page, server) -> None:
    page.goto(server + "stories/meili-yangtai/index.html")
    # The picture is loading="lazy": the load event does not wait for it, so bring it into
    # view and wait until it has either loaded or failed before judging it.
    picture = page.locator(".prose img")
    picture.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.prose img').complete")
    assert picture.evaluate("img => img.naturalWidth") > 0, "the inline picture did not load"


def test_not_found_page_is_styled(page, server) -> None:
    page.goto(server + "404.html")
    assert page.locator("h1").inner_text() == "页面找不到了"
    color = page.evaluate("getComputedStyle(document.querySelector('.not-found-code')).color")
    assert color == "rgb(134, 96, 15)"  # the theme's dark gold: the stylesheet applies
    screenshot(page, "404")


def test_calendar_month_grid_and_event_links(page, server) -> None:
    page.goto(server + "index.html")
    first = page.locator(".coming a").first
    title = first.locator(".coming-title").inner_text()
    first.click()
    assert "/calendar/2026-11/index.html#e-" in page.url
    target = page.locator(".event:target")
    assert target.locator(".event-title").inner_text() == title
    assert target.is_visible()
    assert page.locator(".month-grid tbody tr").count() in (5, 6)
    assert page.locator(".month-grid td.is-today .cell-day").inner_text() == "22"
    assert page.locator(".month-grid td.is-today .cell-lunar").inner_text() == "小雪"
    screenshot(page, "calendar-month-1280")
    page.get_by_role("link", name="下个月 →").click()
    assert page.url.endswith("/calendar/2026-12/index.html")
    page.get_by_role("link", name="香樟雅苑").first.click()
    assert page.url.endswith("/calendar/xiangzhang/2026-12/index.html")
    assert page.locator(".event-facts dd", has_text="龙腾广场小区").count() == 0


def test_calendar_on_a_phone(browser, server) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True
    )
    page = context.new_page()
    for path in (
        "calendar/index.html",
        "calendar/2026-12/index.html",
        "calendar/longteng/2027-02/index.html",
    ):
        page.goto(server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    assert page.locator(".cell-count").first.is_visible()
    screenshot(page, "calendar-month-phone")
    page.goto(server + "calendar/index.html")
    screenshot(page, "calendar-agenda-phone")
    context.close()
