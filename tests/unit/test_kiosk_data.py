"""What the lobby board ships: its own files only, nothing to tap, nothing from outside."""

from __future__ import annotations

import json

import pytest

from site_builder.kiosk import board_html
from tests.conftest import TODAY_ARG, picture

TANK = picture()
"""A real picture a notice shows (a file that only starts like one is an error)."""

NOTICE = (
    "---\ntitle: 停水通知\ndate: 2026-11-20\n---\n"
    "详见[物业通知](https://example.org/water)和[表格](assets/表.pdf)。\n\n"
    "![水箱](assets/tank.png)\n\n![外链图片](https://evil.example/track.png)\n"
)


def board_data(folder):
    text = (folder / "data.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("window.KIOSK_DATA = ").rstrip().rstrip(";"))


def test_notice_on_the_board_has_no_links_and_no_outside_pictures(make_site, cli) -> None:
    content = make_site({"notices/a.md": NOTICE, "assets/tank.png": TANK, "assets/表.pdf": b"%PDF"})
    run = cli(
        "build",
        "--content",
        "content",
        "--target",
        "kiosk",
        "--today",
        TODAY_ARG,
        cwd=content.parent,
    )
    assert run.code == 0, run.err
    board = content.parent / "output" / "kiosk"
    (notice,) = board_data(board)["notices"]
    html = notice["html"]
    assert "<a" not in html and "物业通知" in html  # the words stay, the link goes
    assert "evil.example" not in html
    assert 'src="assets/tank.png"' in html
    assert (board / "assets" / "tank.png").read_bytes() == TANK
    assert not (board / "assets" / "表.pdf").exists()


def test_board_data_keeps_names_and_phones_as_written(make_site, cli) -> None:
    content = make_site(
        {
            "events/a.yaml": "- {title: 义诊, start: 2026-11-25 09:00, signup: 王阿姨 13812345678}\n",
        }
    )
    assert (
        cli(
            "build",
            "--content",
            "content",
            "--target",
            "kiosk",
            "--today",
            TODAY_ARG,
            cwd=content.parent,
        ).code
        == 0
    )
    (event,) = board_data(content.parent / "output" / "kiosk")["events"]
    assert event["signup"] == "王阿姨 13812345678"


OUTSIDE_SOURCES = [
    "https://evil.example/x.png",
    "HTTPS://evil.example/x.png",
    "Http://evil.example/x.png",
    "  https://evil.example/x.png",
    "//evil.example/x.png",
    "/\\evil.example/x.png",
    "\\\\evil.example/x.png",
    "&#104;ttps://evil.example/x.png",
    "ht&#x09;tps://evil.example/x.png",
    "https:evil.example/x.png",
    "data:image/svg+xml,<svg/>",
]


@pytest.mark.parametrize("source", OUTSIDE_SOURCES)
def test_the_board_drops_pictures_from_elsewhere_however_spelled(source: str) -> None:
    """Issue 22: scheme and host are judged as a browser reads them (case, spaces, entities)."""
    for quote in ('"', "'"):
        html = f"<p>停水<IMG alt=x SRC={quote}{source}{quote}></p>"
        assert board_html(html) == "<p>停水</p>", source


def test_the_board_keeps_its_own_pictures() -> None:
    assert board_html('<p><img src="/assets/tank.png" alt="水箱"></p>') == (
        '<p><img src="assets/tank.png" alt="水箱"></p>'
    )


def test_theme_files_win_over_content_files_on_the_board(make_site, cli) -> None:
    """A cover cannot name kiosk.js (only assets/ is published), and the theme's file stays."""
    story = "---\ntitle: 好\ndate: 2026-11-01\ncover: kiosk.js\n---\n正文\n"
    content = make_site({"stories/a.md": story, "kiosk.js": "alert('owned')\n"})
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert (
        "content/stories/a.md:4:8: 错误: “kiosk.js” 不在 assets/ 文件夹里，不能发布到网站上"
        in run.err
    )
    content = make_site(
        {"stories/a.md": story.replace("kiosk.js", "assets/a.png"), "assets/a.png": picture()}
    )
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 0, run.err
    board = content.parent / "output" / "kiosk"
    assert b"owned" not in (board / "kiosk.js").read_bytes()
    assert (board / "assets" / "a.png").read_bytes() == picture()
