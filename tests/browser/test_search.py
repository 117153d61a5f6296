"""Search (issue 24) in Chromium: over http under a sub-path, and from file://."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from site_builder import search_index
from tests.browser.conftest import axe_violations, copy_for_file_url, screenshot, serving
from tests.conftest import TODAY_ARG, story

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
        ("十星级文明户", "honors/2026-q2-shixingji/index.html"),  # an honor roll's
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
    status = page.locator("#search-status")  # the script writes it once the page has loaded
    expect(status).to_contain_text("浏览器不允许读取搜索索引")
    page.press("#search-q", "Enter")
    expect(status).to_contain_text("python3 -m http.server")
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
        reached = []
        for _ in range(4):  # the button, the two filters, the first result
            page.keyboard.press("Tab")
            reached.append(
                page.evaluate("document.activeElement.id || document.activeElement.href")
            )
        assert reached[:3] == [None, "search-kind", "search-community"], reached
        assert reached[3].endswith("notices/2026-11-tingshui/index.html"), reached
        label = page.evaluate("document.querySelector('label[for=search-q]').textContent")
        assert label == "搜索本站"
        screenshot(page, "search-390")
    finally:
        context.close()


def _wait(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "() => !['', '正在搜索…'].includes(document.getElementById('search-status').textContent)"
    )


def test_the_filters_narrow_the_results_by_kind_and_community(page, server) -> None:
    page.goto(server + "search/index.html?q=" + "停水")
    _wait(page)
    every = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
    assert server + "notices/2026-11-tingshui/index.html" in every
    page.select_option("#search-kind", "故事")
    page.wait_for_url("**kind=*")
    _wait(page)
    stories = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
    assert all("/stories/" in link for link in stories), stories
    metas = page.eval_on_selector_all(".search-meta", "ps => ps.map(p => p.textContent)")
    assert all(meta.startswith("故事") for meta in metas), metas
    page.select_option("#search-kind", "")
    page.fill("#search-q", "志愿")
    page.select_option("#search-community", "香樟雅苑")
    page.press("#search-q", "Enter")
    _wait(page)
    metas = page.eval_on_selector_all(".search-meta", "ps => ps.map(p => p.textContent)")
    assert metas and all("香樟雅苑" in meta for meta in metas), metas
    assert "community=" in page.url  # the choice is kept in the address, to share


def test_a_site_indexed_in_shards_finds_every_record(
    page, make_site, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "SHARD_SIZE", 3)  # 20 stories: 8 shards
    files = {
        f"stories/s{n}.md": story(
            f"第{n}号故事", date=f"2025-05-{n + 1:02d}", body=f"暗号{n}号灯笼。"
        )
        for n in range(20)
    }
    content = make_site(files)
    output = content.parent / "output"
    assert (
        cli("build", "--content", str(content), "--output", str(output), "--today", TODAY_ARG).code
        == 0
    )
    shards = (output / "site" / "pagefind" / "shards.json").read_text()
    # 8 shards, one of them without a story (not merged: Pagefind refuses an empty index)
    assert shards == '{"records": 20, "merge": ["1/", "2/", "3/", "4/", "5/", "6/"]}'
    with serving(output) as root:
        site = root + "site/"
        for n in (0, 7, 13, 19):
            page.goto(site + "search/index.html?q=" + f"暗号{n}号")
            _wait(page)
            links = page.eval_on_selector_all(
                "#search-results a", "links => links.map(a => a.href)"
            )
            assert site + f"stories/s{n}/index.html" in links, links
        page.goto(site + "search/index.html?q=" + "灯笼")
        _wait(page)
        assert page.text_content("#search-status") == "找到 20 条结果"
        assert page.locator("#search-results li").count() == 20


def test_more_results_come_a_page_at_a_time(page, make_site, cli) -> None:
    files = {
        f"stories/s{n}.md": story(f"第{n}号", date=f"2025-04-{n + 1:02d}", body="邻里互助。")
        for n in range(25)
    }
    content = make_site(files)
    output = content.parent / "output"
    assert (
        cli("build", "--content", str(content), "--output", str(output), "--today", TODAY_ARG).code
        == 0
    )
    with serving(output) as root:
        page.goto(root + "site/search/index.html?q=" + "互助")
        _wait(page)
        assert page.text_content("#search-status") == "找到 25 条结果"
        assert page.locator("#search-results li").count() == 20
        dates = page.eval_on_selector_all(".search-meta", "ps => ps.map(p => p.textContent)")
        assert dates[:2] == ["故事 · 2025-04-25", "故事 · 2025-04-24"], dates  # equally good
        page.click("#search-more")
        page.locator("#search-results li").nth(24).wait_for()
        assert page.locator("#search-more").is_hidden()
        focused = page.evaluate(
            "document.activeElement.closest('li') === document.querySelectorAll('#search-results li')[20]"
        )
        assert focused, "the first new result takes the focus"


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_on_the_search_page_or_in_the_masthead_box(
    browser, server, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(server + "search/index.html?q=" + "停水")
        page.locator("#search-results li").first.wait_for()
        assert axe_violations(page) == []
        page.goto(server + "index.html")
        assert axe_violations(page, context={"include": [[".masthead-search"]]}) == []
    finally:
        context.close()


def test_an_event_leads_to_its_entry_on_the_month_page(page, server) -> None:
    links = _results(page, server, "冬至包饺子")
    assert len(links) == 1 and "/calendar/2026-12/index.html#e-" in links[0], links
    page.click("#search-results a")
    page.wait_for_url(links[0])
    anchor = links[0].split("#")[1]
    entry = page.locator(f"[id='{anchor}']")
    assert "冬至包饺子" in (entry.text_content() or "")
    assert entry.is_visible()
