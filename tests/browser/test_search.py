"""Search (issue 24) in Chromium: over http under a sub-path, and from file://."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import copy_for_file_url, screenshot

pytestmark = pytest.mark.browser


def _results(page, server: str, words: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Search from the home page's masthead box; return the result links' addresses."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "index.html")
    page.fill("#masthead-q", words)
    page.press("#masthead-q", "Enter")
    page.wait_for_url("**/search/index.html?q=*")
    page.wait_for_function(
        "() => !['', '正在搜索…'].includes(document.getElementById('search-status').textContent)"
    )
    assert errors == []
    return page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("幸福电梯", "stories/xingfu-dianti/index.html"),  # a title's words
        ("便利贴", "stories/hao-poxi/index.html"),  # words only in a body
        ("水箱清洗", "notices/2026-11-tingshui/index.html"),  # a notice's words
    ],
)
def test_words_find_their_page_under_a_sub_path(page, server, words: str, found: str) -> None:
    links = _results(page, server, words)
    assert server + found in links, links
    page.click(f"#search-results a[href$='/{found}']")
    page.wait_for_url(server + found)


def test_a_drafts_words_and_a_protected_full_name_find_nothing(page, server) -> None:
    assert _results(page, server, "谜语") == []  # only the draft says it
    assert page.text_content("#search-status") == "没有找到相关内容，换个词试试。"
    _results(page, server, "熊冠军")  # a building's party leader: masked on every page
    assert "熊冠军" not in (page.text_content("#search-results") or "")
    assert "熊冠军" not in (page.text_content("#search-status") or "")


def test_results_show_title_date_and_marked_excerpt(page, server) -> None:
    _results(page, server, "便利贴")
    first = page.locator("#search-results li").first
    assert first.locator("h2 a").text_content() == "一家三代的“好婆媳”"
    assert "故事 · 2025-11-02" in (first.locator(".search-meta").text_content() or "")
    # the index segments 便利贴 as 便利 + 贴: the first word is marked
    assert first.locator(".search-excerpt mark").first.text_content() == "便利"
    screenshot(page, "search-1280")


def test_from_file_url_the_page_says_how_to_search(page, sample_site: Path, tmp_path: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    site = copy_for_file_url(sample_site, tmp_path)
    page.goto((site / "index.html").as_uri())
    page.fill("#masthead-q", "停水")
    page.press("#masthead-q", "Enter")
    status = page.locator("#search-status")
    assert "浏览器不允许读取搜索索引" in (status.text_content() or "")
    page.press("#search-q", "Enter")
    assert "python3 -m http.server" in (status.text_content() or "")
    assert errors == []


def test_without_an_index_the_page_says_search_is_unavailable(page, server) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/pagefind/**", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(server + "search/index.html")
    status = page.locator("#search-status")
    status.filter(has_text="本站暂时不能搜索").wait_for()
    page.fill("#search-q", "停水")
    page.press("#search-q", "Enter")
    status.filter(has_text="本站暂时不能搜索").wait_for()
    assert page.locator("#search-results li").count() == 0
    assert errors == []


def test_the_search_page_on_a_phone_by_keyboard(browser, server) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(server + "search/index.html?q=" + "停水")
        page.locator("#search-results li").first.wait_for()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
        page.focus("#search-q")
        page.keyboard.press("Tab")  # the button
        page.keyboard.press("Tab")  # the first result
        focused = page.evaluate("document.activeElement.closest('#search-results') !== null")
        assert focused, "the results are not reached by keyboard"
        label = page.evaluate("document.querySelector('label[for=search-q]').textContent")
        assert label == "搜索本站"
        screenshot(page, "search-390")
    finally:
        context.close()
