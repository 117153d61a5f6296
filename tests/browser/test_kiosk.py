"""The lobby board in a real Chromium, driven by Playwright's fake clock.

Times are Asia/Shanghai (UTC+8); the machine running the tests may be in any zone,
and the board reads its own clock in the site's zone.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.cli import main
from tests.browser.conftest import SHOTS, axe_violations
from tests.browser.test_site_pages import CJK_FONT_CHECK
from tests.conftest import REPO

pytestmark = pytest.mark.browser
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
SLIDE = 10  # seconds, in the small site


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


SMALL = {
    "site.yaml": (
        "title: 测试小区\nbase_url: https://example.org/t/\n"
        f"kiosk:\n  slide_seconds: {SLIDE}\n  slides: [today, stories, events, notices, leaderboard, wishes]\n"
        '  night: "22:00-06:30"\n'
    ),
    "stories/a.md": "---\ntitle: 李奶奶的电梯\ndate: 2026-11-01\npeople: [李奶奶]\n---\n大家一起装了电梯。\n",
    "events/a.yaml": (
        "- {title: 今晚义诊, start: 2026-11-22 19:00, end: 21:00, location: 长者食堂}\n"
        "- {title: 明早太极, start: 2026-11-23 07:00, end: 08:00}\n"
    ),
    "notices/water.md": "---\ntitle: 今天停水\ndate: 2026-11-20\nexpires: 2026-11-22\n---\n今天停水。\n",
    "notices/fire.md": "---\ntitle: 清理楼道\ndate: 2026-11-20\n---\n请清理楼道。\n",
}


def build_site(root: Path, files: dict[str, str], today: str = "2026-11-22") -> Path:
    content = root / "content"
    for relative, text in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    code = main(
        [
            "build",
            "--content",
            str(content),
            "--output",
            str(root / "output"),
            "--target",
            "kiosk",
            "--today",
            today,
            "--quiet",
        ]
    )
    assert code == 0
    return root / "output" / "kiosk"


class Server:
    """python -m http.server over a folder, which a test may stop."""

    def __init__(self, folder: Path) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-u",
                "-m",
                "http.server",
                "0",
                "--bind",
                "127.0.0.1",
                "--directory",
                str(folder),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        self.url = f"http://127.0.0.1:{line.split(' port ')[1].split(' ')[0]}/"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        if self.process.stdout:
            self.process.stdout.close()


@pytest.fixture
def small(tmp_path: Path) -> Iterator[tuple[Path, Server]]:
    kiosk = build_site(tmp_path, SMALL)
    server = Server(kiosk)
    yield kiosk, server
    server.stop()


@pytest.fixture
def board(browser):  # type: ignore[no-untyped-def]
    """Return a function opening a page with the fake clock installed at a given time."""
    contexts = []

    def open_page(
        url: str, when: dt.datetime, size: tuple[int, int] = (1920, 1080), init: str = ""
    ):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, locale="zh-CN", reduced_motion="reduce"
        )
        contexts.append(context)
        page = context.new_page()
        page.problems = []  # type: ignore[attr-defined]
        page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        # window.name survives a reload in the same tab, file:// included (sessionStorage may not)
        page.add_init_script("window.name = String(Number(window.name || 0) + 1);")
        if init:
            page.add_init_script(init)
        page.clock.install(time=when)
        page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()


def active(page) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate("document.querySelector('.slide.is-active').dataset.slide")


def test_slides_rotate_in_order_and_empty_ones_are_skipped(board, small) -> None:
    _, server = small
    page = board(server.url + "index.html", at(2026, 11, 22, 10))
    present = page.evaluate(
        "Array.from(document.querySelectorAll('.slide')).map(s => s.dataset.slide)"
    )
    assert present == ["today", "stories", "events", "notices"]  # no points, no wishes: never built
    seen = [active(page)]
    for _ in range(5):
        page.clock.run_for(SLIDE * 1000)
        seen.append(active(page))
    assert seen == ["today", "stories", "events", "notices", "today", "stories"]
    assert page.problems == []


def test_midnight_drops_yesterdays_event_and_an_expired_notice(board, small) -> None:
    _, server = small
    page = board(server.url + "index.html", at(2026, 11, 22, 20, 30))
    events = page.locator("[data-slide=events]")
    notices = page.locator("[data-slide=notices]")
    assert "今晚义诊" in events.text_content() and "今天停水" in notices.text_content()
    page.clock.run_for(4 * 3600 * 1000)  # to 00:30 on the 23rd
    assert "今晚义诊" not in events.text_content()
    assert "明早太极" in events.text_content()
    assert "今天停水" not in notices.text_content() and "清理楼道" in notices.text_content()
    assert page.problems == []


def test_a_board_left_for_two_weeks_stays_right(board, small) -> None:
    _, server = small
    page = board(server.url + "index.html", at(2026, 12, 6, 10))
    assert page.locator("[data-slide=events]").get_attribute("data-empty") == "true"
    assert "今天停水" not in page.locator("[data-slide=notices]").text_content()
    assert "2026年12月6日" in page.locator("[data-slide=today]").text_content()


def test_new_build_reloads_and_an_unreachable_server_is_survived(board, small) -> None:
    kiosk, server = small
    page = board(server.url + "index.html", at(2026, 11, 22, 10))
    page.clock.run_for(61_000)
    page.wait_for_timeout(300)  # the poll's fetch itself runs in real time
    assert page.evaluate("window.name") == "1"
    (kiosk / "version.json").write_text(json.dumps({"build": "a-newer-build"}), encoding="utf-8")
    with page.expect_event("load", timeout=10_000):
        page.clock.run_for(61_000)
    assert page.evaluate("window.name") == "2"
    server.stop()
    page.clock.run_for(125_000)  # two polls fail
    page.wait_for_timeout(300)
    assert page.evaluate("window.name") == "2"
    before = active(page)
    page.clock.run_for(SLIDE * 1000)
    assert active(page) != before  # still rotating
    # Chromium logs each refused connection itself; nothing else may complain.
    assert all("ERR_CONNECTION_REFUSED" in p for p in page.problems), page.problems


def test_file_url_falls_back_to_a_periodic_reload(board, small) -> None:
    kiosk, _ = small
    page = board((kiosk / "index.html").as_uri(), at(2026, 11, 22, 10))
    assert active(page) == "today"
    page.clock.run_for(29 * 60_000)
    assert page.evaluate("window.name") == "1"
    with page.expect_event("load", timeout=10_000):
        page.clock.run_for(2 * 60_000)
    assert page.evaluate("window.name") == "2"


def test_night_mode_comes_and_goes(board, small) -> None:
    _, server = small
    page = board(server.url + "index.html", at(2026, 11, 22, 21, 58))
    night = page.locator("#night")
    assert night.is_hidden()
    page.clock.run_for(3 * 60_000)
    assert night.is_visible() and page.locator("#stage").is_hidden()
    assert page.locator("#night-clock").inner_text() == "22:01"
    # the night screen is a landmark; it is dim on purpose (the lobby board's own rule)
    dim = {"rules": {"color-contrast": {"enabled": False}}}
    assert axe_violations(page, options=dim) == []
    page.clock.run_for((8 * 60 + 30) * 60_000)  # to 06:31
    assert night.is_hidden() and page.locator("#stage").is_visible()


def test_no_request_leaves_the_board_and_no_errors(board, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    assert (
        main(
            [
                "build",
                "--content",
                str(content),
                "--output",
                str(tmp_path / "output"),
                "--target",
                "kiosk",
                "--today",
                "2026-11-22",
                "--quiet",
            ]
        )
        == 0
    )
    server = Server(tmp_path / "output" / "kiosk")
    try:
        requests: list[str] = []
        page = board(server.url + "longteng/index.html", at(2026, 11, 22, 10))
        page.on("request", lambda r: requests.append(r.url))
        for _ in range(14):
            page.clock.run_for(15_000)
        page.clock.run_for(61_000)
        page.wait_for_timeout(300)
        assert requests and all(r.startswith(server.url + "longteng/") for r in requests), requests
        assert page.problems == []
    finally:
        server.stop()


@pytest.fixture(scope="module")
def sample_kiosk(sample_output: Path) -> Path:
    return sample_output / "kiosk"


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_every_slide_readable_from_three_metres(board, sample_kiosk: Path, size) -> None:
    page = board((sample_kiosk / "longteng" / "index.html").as_uri(), at(2026, 11, 22, 10), size)
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate(CJK_FONT_CHECK), "Chinese glyphs would render as boxes"
    loaded = page.evaluate(
        "Array.from(document.fonts).filter(f => f.family.includes('Board') && f.status === 'loaded').length"
    )
    assert loaded >= 1, "the board's own font did not load"
    count = page.evaluate("document.querySelectorAll('.slide:not([data-empty=true])').length")
    assert count >= 10
    name = "landscape" if size[0] > size[1] else "portrait"
    SHOTS.mkdir(exist_ok=True)
    for index in range(count):
        kind = active(page)
        sizes = page.evaluate("""() => {
          const slide = document.querySelector('.slide.is-active');
          const px = el => parseFloat(getComputedStyle(el).fontSize);
          const text = Array.from(slide.querySelectorAll('p, li, td, th, span, strong, figcaption'))
            .filter(el => el.offsetParent !== null && el.textContent.trim() && !el.closest('svg'));
          const heads = Array.from(slide.querySelectorAll('h1')).filter(el => el.offsetParent !== null);
          return {text: Math.min(...text.map(px)), heading: heads.length ? Math.min(...heads.map(px)) : 999};
        }""")
        assert sizes["text"] >= 32, (kind, sizes)
        assert sizes["heading"] >= 64, (kind, sizes)
        overflow = page.evaluate(
            "document.querySelector('.slide.is-active').scrollHeight - document.querySelector('.slide.is-active').clientHeight"
        )
        assert overflow <= 2, f"{kind} overflows its slide by {overflow}px ({name})"
        page.screenshot(path=str(SHOTS / f"kiosk-{name}-{index:02d}-{kind}.png"))
        page.clock.run_for(15_000)
    assert page.problems == []


def test_kiosk_shows_names_and_phones_as_written(sample_kiosk: Path) -> None:
    import yaml

    buildings = yaml.safe_load((REPO / "content" / "buildings.yaml").read_text(encoding="utf-8"))
    first = next(b for b in buildings if b["community"] == "longteng")
    role = next(r for r in first["roles"] if r.get("phone"))
    page = (sample_kiosk / "longteng" / "index.html").read_text(encoding="utf-8")
    assert role["name"] in page and role["phone"] in page
    residents = yaml.safe_load(
        (REPO / "content" / "points" / "residents.yaml").read_text(encoding="utf-8")
    )
    assert any(r["name"] in page for r in residents)  # the points chart, names as written


def test_public_site_never_links_the_kiosk(sample_site: Path) -> None:
    from site_builder.link_references import references

    for page in sample_site.rglob("*.html"):
        assert not any("kiosk" in link for link in references(page.name, page.read_bytes())), page


def test_thirty_days_unattended(board, small) -> None:
    _, server = small
    page = board(server.url + "index.html", at(2026, 11, 22, 6, 0))
    client = page.context.new_cdp_session(page)

    def heap() -> float:
        client.send("HeapProfiler.collectGarbage")
        return client.send("Runtime.getHeapUsage")["usedSize"]

    page.clock.run_for(60_000)
    start = heap()
    for day in range(30):
        base = at(2026, 11, 22, 0) + dt.timedelta(days=day)
        page.clock.fast_forward(
            max(0, int((base.replace(hour=6, minute=25) - current(page)).total_seconds() * 1000))
        )
        page.clock.run_for(10 * 60_000)  # the night ends at 06:30
        assert page.locator("#night").is_hidden(), f"day {day}: still night after 06:30"
        page.clock.fast_forward(
            int((base.replace(hour=21, minute=55) - current(page)).total_seconds() * 1000)
        )
        page.clock.run_for(10 * 60_000)  # the night begins at 22:00
        assert page.locator("#night").is_visible(), f"day {day}: no night at 22:05"
        page.clock.fast_forward(
            int((base.replace(hour=23, minute=58) - current(page)).total_seconds() * 1000)
        )
        page.clock.run_for(4 * 60_000)  # past midnight: a new day
        expected = (base + dt.timedelta(days=1)).date()
        assert page.evaluate("document.getElementById('night-date').textContent").startswith(
            f"{expected.year}年{expected.month}月{expected.day}日"
        )
    grown = heap() - start
    assert grown < 5 * 1024 * 1024, f"heap grew by {grown / 1024 / 1024:.1f} MB"
    assert page.problems == []


def current(page) -> dt.datetime:  # type: ignore[no-untyped-def]
    return dt.datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, tz=SHANGHAI)


def test_a_broken_slide_is_skipped_and_the_rest_keep_going(board, small) -> None:
    _, server = small
    # Corrupt the notices before the page script sees them: its renderer will throw.
    script = """
      Object.defineProperty(window, 'KIOSK_DATA', {
        configurable: true,
        set(value) { value.notices = 5; Object.defineProperty(window, 'KIOSK_DATA', {value}); },
      });
    """
    opened = board(server.url + "index.html", at(2026, 11, 22, 10), init=script)
    assert opened.locator("[data-slide=notices]").get_attribute("data-empty") == "true"
    seen = set()
    for _ in range(4):
        seen.add(active(opened))
        opened.clock.run_for(SLIDE * 1000)
    assert seen == {"today", "stories", "events"}
    assert opened.problems == []


def test_the_picture_shifts_a_few_pixels_now_and_then(board, small) -> None:
    _, server = small
    page = board(server.url + "index.html", at(2026, 11, 22, 10))
    first = page.evaluate("document.getElementById('stage').style.transform")
    page.clock.run_for(5 * 60_000)
    second = page.evaluate("document.getElementById('stage').style.transform")
    assert first != second
    dx, dy = (abs(float(v)) for v in second[len("translate(") : -1].replace("px", "").split(","))
    assert 0 < max(dx, dy) <= 4
