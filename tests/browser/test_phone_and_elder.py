"""Residents on phones, and elders (issue 25): the sample as it is seen at 320 to 430 px, the
menu that folds the sections away, the 长辈模式 switch, and the page without a script."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli import main
from tests.browser.conftest import SHOTS, screenshot, serving

pytestmark = pytest.mark.browser

PAGE_KINDS = [
    "index.html",
    "stories/index.html",
    "stories/hao-poxi/index.html",
    "tags/index.html",
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

# Each element's text on one line: the count of distinct line tops of its text.
LINES_OF = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length > 0)
  .map((el) => {
    const rects = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.visually-hidden')) continue;  // read aloud, never drawn
      const range = document.createRange();
      range.selectNodeContents(node);
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 1));
    }
    rects.sort((a, b) => a.top - b.top);
    let lines = 0, bottom = -Infinity;  // a rect below the line so far starts a new line
    for (const r of rects) {
      if (r.top >= bottom - 2) lines += 1;
      bottom = Math.max(bottom, r.bottom);
    }
    return [el.textContent.trim(), lines];
  })"""

BADGES = (
    ".badge, .chip, .cell-count, .rank-badge, .wish-stamp, .event-tag, .menu-button, .elder-switch,"
    " time, .month-head h1, .board-name, .wish-count span"
)


def phone(browser, width: int = 390, *, elder: bool = False, script: bool = True):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        viewport={"width": width, "height": 844},
        locale="zh-CN",
        java_script_enabled=script,
        has_touch=True,
        is_mobile=True,
    )
    if elder:
        context.add_init_script(ELDER)
    return context


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_no_page_kind_scrolls_sideways_at_320_px(browser, server, elder: bool) -> None:
    context = phone(browser, 320, elder=elder)
    page = context.new_page()
    wide = {}
    try:
        for path in PAGE_KINDS:
            page.goto(server + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide[path] = width
    finally:
        context.close()
    assert wide == {}


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("width", [320, 390, 430])
def test_badges_and_labels_stay_on_one_line_and_apart(
    browser, server, width: int, elder: bool
) -> None:
    context = phone(browser, width, elder=elder)
    page = context.new_page()
    broken: dict[str, list[str]] = {}
    try:
        for path in [
            "index.html",
            "notices/index.html",
            "calendar/2026-11/index.html",
            "points/index.html",
            "wishes/index.html",
            "stories/index.html",
        ]:
            page.goto(server + path)
            page.evaluate("document.fonts.ready.then(() => true)")
            # a ranking's community stays whole, but for elder mode's type in 320 px
            whole = BADGES + ("" if elder and width <= 360 else ", .board-community")
            lines = page.evaluate(LINES_OF, whole)
            assert lines, path
            split = [text for text, count in lines if count > 1]
            if split:
                broken[path] = split
        # On the month grid each day's count sits clear of its number, lunar date and festival.
        page.goto(server + "calendar/2026-11/index.html")
        page.evaluate("document.fonts.ready.then(() => true)")
        overlaps = page.evaluate("""() => {
          const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          const found = [];
          for (const cell of document.querySelectorAll('.month-grid td')) {
            const count = cell.querySelector('.cell-count');
            if (!count) continue;
            const box = count.getBoundingClientRect();
            for (const label of cell.querySelectorAll('.cell-day, .cell-lunar')) {
              const range = document.createRange();
              range.selectNodeContents(label);
              for (const r of range.getClientRects()) if (hit(r, box)) found.push([label.className, r.left, r.right, r.top, r.bottom, box.left, box.right, box.top, box.bottom]);
            }
          }
          return found;
        }""")
    finally:
        context.close()
    assert broken == {}
    assert overlaps == []


# Each element's text cut where the browser wrapped it: one string per line.
LINE_TEXTS = """(selector) => [...document.querySelectorAll(selector)].map((el) => {
  const lines = [];
  let top = null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box) continue;
      if (top === null || box.top > top + 4) lines.push('');
      top = box.top;
      lines[lines.length - 1] += node.data[i];
    }
  }
  return lines.map((line) => line.trim());
})"""


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("width", [320, 390, 430])
def test_the_site_title_stacks_its_parts_on_a_phone(
    browser, server, width: int, elder: bool
) -> None:
    context = phone(browser, width, elder=elder)
    page = context.new_page()
    try:
        page.goto(server + "index.html")
        page.evaluate("document.fonts.ready.then(() => true)")
        titles = page.evaluate(LINE_TEXTS, ".brand-title, .hero h1")
    finally:
        context.close()
    assert len(titles) == 2
    for lines in titles:
        # on a phone: the community's name and its slogan, each on its own line, no "·"
        assert lines == ["龙腾广场小区", "和美家园"]


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_no_contact_board_is_cut_off_at_320_px(
    browser, server, sample_site: Path, elder: bool
) -> None:
    # the board's rounded card hides what overflows it: a phone number there would be lost
    boards = sorted(sample_site.glob("buildings/*/*/index.html"))
    assert len(boards) >= 6
    context = phone(browser, 320, elder=elder)
    page = context.new_page()
    cut = {}
    try:
        for board in boards:
            path = board.relative_to(sample_site).as_posix()
            page.goto(server + path)
            page.evaluate("document.fonts.ready.then(() => true)")
            widths = page.evaluate(
                "() => { const card = document.querySelector('.roster-board');"
                " return [card.scrollWidth, card.clientWidth]; }"
            )
            if widths[0] > widths[1]:
                cut[path] = widths
    finally:
        context.close()
    assert cut == {}


def test_chart_labels_are_readable_on_a_phone(browser, server) -> None:
    context = phone(browser, 390)
    page = context.new_page()
    try:
        for path in ["points/index.html", "points/2026-11/index.html"]:
            page.goto(server + path)
            sizes = page.evaluate(
                "[...document.querySelectorAll('.chart .chart-label, .chart .chart-value')]"
                ".map((el) => parseFloat(getComputedStyle(el).fontSize))"
            )
            assert sizes and min(sizes) >= 12, (path, sizes)
            # the chart fits the screen: no label is cut off at either edge
            edges = page.evaluate(
                "[...document.querySelectorAll('.chart-label, .chart-value')].map((el) => {"
                " const r = el.getBoundingClientRect(); return [r.left, r.right]; })"
            )
            assert all(left >= 0 and right <= 390 for left, right in edges), path
    finally:
        context.close()


def test_the_phone_menu_folds_the_sections_away_and_opens_them(browser, server) -> None:
    context = phone(browser, 390)
    page = context.new_page()
    try:
        page.goto(server + "points/index.html")
        height = page.evaluate("document.querySelector('.masthead').offsetHeight")
        assert height <= 80, f"the masthead takes {height} px of the phone's screen"
        nav = page.get_by_role("navigation", name="网站栏目")
        assert not nav.is_visible()
        menu = page.get_by_text("菜单", exact=True)
        # keyboard: the skip link, the brand, then the menu button; Enter opens it
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "菜单"
        page.keyboard.press("Enter")
        assert nav.is_visible()
        current = nav.locator('[aria-current="page"]')
        assert current.inner_text() == "积分榜"
        assert page.get_by_role("search").is_visible()
        screenshot(page, "phone-menu-open")
        menu.click()
        assert not nav.is_visible()
    finally:
        context.close()


def test_a_wide_screen_shows_the_sections_with_no_menu_button(page, server) -> None:
    page.goto(server + "index.html")
    assert page.get_by_role("navigation", name="网站栏目").is_visible()
    assert page.get_by_role("link", name="微心愿").is_visible()
    assert not page.get_by_text("菜单", exact=True).is_visible()
    assert page.get_by_role("search").is_visible()


def test_elder_mode_enlarges_simplifies_and_is_remembered(browser, server) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(server + "stories/index.html")
        # something that moves, to see elder mode stop it
        page.add_style_tag(content=".card { transition: transform 400ms ease; }")
        switch = page.get_by_role("button", name="长辈模式")
        assert switch.get_attribute("aria-pressed") == "false"
        normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        columns = page.evaluate(
            "getComputedStyle(document.querySelector('.cards')).gridTemplateColumns.split(' ').length"
        )
        assert normal == 18 and columns > 1
        switch.click()
        assert switch.get_attribute("aria-pressed") == "true"
        style = page.evaluate("""() => {
          const body = getComputedStyle(document.body);
          return {
            size: parseFloat(body.fontSize),
            leading: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
            columns: getComputedStyle(document.querySelector('.cards')).gridTemplateColumns.split(' ').length,
            motion: getComputedStyle(document.querySelector('.card')).transitionDuration,
            muted: getComputedStyle(document.querySelector('.card-summary')).color,
          };
        }""")
        assert style["size"] >= 20 and style["leading"] >= 1.8
        assert style["columns"] == 1 and style["motion"] == "0s"
        assert style["muted"] == "rgb(26, 20, 17)"  # the summary in ink, not grey
        # remembered on the next page, and set before the first paint (no flash of small text)
        page.get_by_role("link", name="光荣榜").first.click()
        page.wait_for_url("**/honors/index.html")
        assert page.evaluate("document.documentElement.classList.contains('elder')")
        assert page.get_by_role("button", name="长辈模式").get_attribute("aria-pressed") == "true"
        # the space bar works it as a button; off again, and forgotten
        page.get_by_role("button", name="长辈模式").focus()
        page.keyboard.press(" ")
        assert not page.evaluate("document.documentElement.classList.contains('elder')")
        assert page.evaluate("localStorage.getItem('site-builder:elder')") is None
        page.reload()
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == 18
    finally:
        context.close()


def test_elder_mode_words_follow_the_site_language(browser, tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "stories").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Maple Court\nlanguage: en\n", encoding="utf-8")
    (content / "stories" / "hello.md").write_text(
        "---\ntitle: A helping hand\ndate: 2026-11-02\n---\nMr Li fixed the gate.\n",
        encoding="utf-8",
    )
    out = tmp_path / "output"
    assert (
        main(
            [
                "build",
                "--content",
                str(content),
                "--output",
                str(out),
                "--target",
                "site",
                "--quiet",
            ]
        )
        == 0
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en")
    page = context.new_page()
    try:
        with serving(out / "site") as root:
            page.goto(root + "index.html")
            switch = page.get_by_role("button", name="Large text")
            assert (
                switch.is_visible()
                and switch.get_attribute("title") == "Larger type, stronger contrast"
            )
            page.get_by_text("Menu", exact=True).click()
            assert page.get_by_role("navigation", name="Site sections").is_visible()
    finally:
        context.close()


def test_the_reader_settings_are_honoured_without_elder_mode(browser, server) -> None:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="zh-CN",
        reduced_motion="reduce",
        contrast="more",
    )
    page = context.new_page()
    try:
        page.goto(server + "stories/index.html")
        page.add_style_tag(content=".card { transition: transform 400ms ease; }")
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.card')).transitionDuration")
            == "0s"
        )
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.card-meta')).color")
            == "rgb(70, 58, 49)"
        )
        assert not page.evaluate("document.documentElement.classList.contains('elder')")
    finally:
        context.close()


def test_without_a_script_the_menu_opens_and_the_switch_is_a_harmless_link(browser, server) -> None:
    context = phone(browser, 390, script=False)
    page = context.new_page()
    try:
        page.goto(server + "notices/index.html")
        nav = page.get_by_role("navigation", name="网站栏目")
        page.get_by_text("菜单", exact=True).click()
        assert nav.is_visible()
        page.get_by_text("菜单", exact=True).click()
        link = page.get_by_role("link", name="长辈模式")
        assert link.get_attribute("href") == "#elder"
        link.click()
        # the same page, now in large type for as long as it is the link's target
        assert page.url.endswith("notices/index.html#elder")
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 20
        assert page.get_by_role("heading", level=1).inner_text() == "通知公告"
    finally:
        context.close()


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_screenshots_of_every_page_kind_at_390_px(browser, server, elder: bool) -> None:
    """For people to look at (tests/browser/screenshots/phone-*.png), and a check that each
    page kind draws with its stylesheet and a heading."""
    context = phone(browser, 390, elder=elder)
    page = context.new_page()
    try:
        for path in PAGE_KINDS:
            page.goto(server + path)
            assert page.locator("h1").count() == 1, path
            name = path.removesuffix("/index.html").removesuffix(".html").replace("/", "-")
            shot = screenshot(page, f"phone-{'elder' if elder else 'normal'}-{name or 'home'}")
            assert shot.stat().st_size > 10_000
    finally:
        context.close()
    assert SHOTS.is_dir()
