"""Hostile pictures: broken, lying, empty and huge files where a cover or an image should be.

Each is an error at the line that shows it (the story's `cover:` line, the body line of
the image, a notice's body line), naming the file, in the site's language, never a
traceback; the previous output stays as it was (the harness checks). A broken file
that nothing shows is not published, with a warning at the file.
"""

from __future__ import annotations

import pytest

from tests.conftest import MakeSite, picture, png_header
from tests.hostile.harness import ERROR, SANITISED, Case, Cli, check, params

A = "content/stories/a.md"
STORY = "stories/a.md"
NOTICE = "notices/n.md"


def story(body: str = "正文。", **fields: str) -> str:
    """Return a story file: extra fields from line 5, the body on the line after `---`."""
    head = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\ntitle: 好邻居\ndate: 2025-05-20\ncommunity: longteng\n{head}---\n{body}\n"


WHOLE = picture(640, 480, "JPEG", quality=90)
CUT_SHORT = WHOLE[: len(WHOLE) // 2]
"""A JPEG whose header says 640×480 and whose data stops early: the header lies."""
NOT_A_PICTURE = b"<html><script>alert(1)</script></html>"

# One case per line, so the cases read as a table.
# fmt: off
CASES = [
    Case("cover-corrupt", ERROR, {STORY: story(cover="assets/c.jpg"), "assets/c.jpg": b"\xff\xd8\xff\xe0garbage" * 20}, f"{A}:5", "assets/c.jpg"),
    Case("cover-not-a-picture", ERROR, {STORY: story(cover="assets/c.png"), "assets/c.png": NOT_A_PICTURE}, f"{A}:5", "读不出图片"),
    Case("cover-header-lies", ERROR, {STORY: story(cover="assets/c.jpg"), "assets/c.jpg": CUT_SHORT}, f"{A}:5", "640×480"),
    Case("cover-empty", ERROR, {STORY: story(cover="assets/c.webp"), "assets/c.webp": b""}, f"{A}:5", "空文件"),
    Case("cover-bomb", ERROR, {STORY: story(cover="assets/c.png"), "assets/c.png": png_header(30_000, 30_000)}, f"{A}:5", "900.0 百万像素"),
    Case("cover-just-over-the-limit", ERROR, {STORY: story(cover="assets/c.png"), "assets/c.png": png_header(8000, 5001)}, f"{A}:5", "上限 40 百万像素"),
    Case("image-corrupt", ERROR, {STORY: story("第一行。\n\n![图](../assets/c.gif)"), "assets/c.gif": b"GIF89a" + b"\x00" * 5}, f"{A}:8", "assets/c.gif"),
    Case("image-header-lies", ERROR, {STORY: story("![图](../assets/c.png)"), "assets/c.png": picture(300, 200)[:90]}, f"{A}:6", "300×200"),
    Case("notice-image-empty", ERROR, {NOTICE: "---\ntitle: 停水\ndate: 2026-11-20\n---\n停水。\n\n![图](../assets/n.png)\n", "assets/n.png": b""}, "content/notices/n.md:7", "空文件"),
    Case("unshown-corrupt-withheld", SANITISED, {"assets/old.jpg": b"\xff\xd8\xff\xe1Exif\x00\x00GPS 31.23N 121.47E"}, "content/assets/old.jpg", "不会发布", absent="GPS 31.23N"),
]
# fmt: on


@pytest.mark.parametrize("case", params(CASES))
def test_hostile_pictures(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())
