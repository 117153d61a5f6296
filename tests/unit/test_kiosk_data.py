"""What the lobby board ships: its own files only, nothing to tap, nothing from outside."""

from __future__ import annotations

import json

from tests.conftest import TODAY_ARG

NOTICE = (
    "---\ntitle: 停水通知\ndate: 2026-11-20\n---\n"
    "详见[物业通知](https://example.org/water)和[表格](assets/表.pdf)。\n\n"
    "![水箱](assets/tank.png)\n\n![外链图片](https://evil.example/track.png)\n"
)


def board_data(folder):
    text = (folder / "data.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("window.KIOSK_DATA = ").rstrip().rstrip(";"))


def test_notice_on_the_board_has_no_links_and_no_outside_pictures(make_site, cli) -> None:
    content = make_site(
        {"notices/a.md": NOTICE, "assets/tank.png": b"\x89PNG\r\n", "assets/表.pdf": b"%PDF"}
    )
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
    assert (board / "assets" / "tank.png").read_bytes() == b"\x89PNG\r\n"
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
