"""Hostile paths and sizes: traversal, symlinks, devices, huge files, dangerous output folders.

Content may only ever show files from inside content/; nothing from outside it
is read into the site, and the build never writes outside its output folder.
The dev server serves the output folder only, on this computer only.
"""

from __future__ import annotations

import gzip
import io
import os
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from site_builder.cli_parser import command_parser
from site_builder.serve import Preview
from tests.conftest import TODAY, TODAY_ARG, MakeSite, picture
from tests.hostile.harness import (
    BASE,
    ERROR,
    KEPT,
    SANITISED,
    TWO_COMMUNITIES,
    Case,
    Cli,
    build,
    check,
    params,
    snapshot,
    write,
)

SECRET = "绝密：楼长的银行卡密码 314159"
"""Written beside content/, never to be published."""


def story(body: str = "正文。", **fields: str) -> str:
    """Return a story file: extra fields from line 5, the body on the line after `---`."""
    head = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\ntitle: 好邻居\ndate: 2025-05-20\ncommunity: longteng\n{head}---\n{body}\n"


def secret_beside(content: Path) -> Path:
    """Write the secret file beside content/ and return it."""
    secret = content.parent / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def link(name: str, target: str) -> Any:
    """Return a setup step making content/`name` a symlink to `target`.

    "SECRET" is the secret file beside content/, "OUTSIDE" the folder holding it.
    """

    def make(content: Path) -> None:
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secret_beside(content)
        path.symlink_to({"SECRET": secret, "OUTSIDE": secret.parent}.get(target, target))

    return make


def loop(name: str) -> Any:
    """Return a setup step making content/`name` a symlink to itself."""

    def make(content: Path) -> None:
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(path.name)

    return make


A = "content/stories/a.md"
STORY = "stories/a.md"
STORY_PAGE = "site/stories/a/index.html"

# One case per line, so the cases read as a table (ruff format would unfold them).
# fmt: off
TRAVERSAL = [
    # A cover climbing out of content/ with ../ is refused, and the file is not copied.
    Case("cover-dot-dot", ERROR, {STORY: story(cover="../secret.txt")}, f"{A}:5", "内容文件夹以外", absent=SECRET, setup=secret_beside),
    # An absolute cover is read inside content/ (as /assets/… is), so /etc/passwd is missing.
    Case("cover-absolute", ERROR, {STORY: story(cover="/etc/passwd")}, f"{A}:5", "/etc/passwd", absent="root:x:0:0:"),
    # A Windows drive letter.
    Case("cover-drive-letter", ERROR, {STORY: story(cover="'C:\\Windows\\win.ini'")}, f"{A}:5", "是你电脑上的位置"),
    # Backslashes as separators.
    Case("cover-backslashes", ERROR, {STORY: story(cover="'assets\\photo.png'")}, f"{A}:5", "反斜杠"),
    # A web address is not a cover file.
    Case("cover-url", ERROR, {STORY: story(cover="https://evil.example/x.png")}, f"{A}:5", "https://evil.example/x.png"),
    # A script URL as a cover is just a missing file.
    Case("cover-javascript", ERROR, {STORY: story(cover="javascript:alert(1)")}, f"{A}:5", "javascript:alert(1)"),
    # An image climbing far out of content/.
    Case("image-dot-dot-etc-passwd", ERROR, {STORY: story("![图](../../../../../../../../etc/passwd)")}, f"{A}:6", "内容文件夹以外", absent="root:x:0:0:"),
    # The same, percent-encoded.
    Case("image-percent-encoded-dot-dot", ERROR, {STORY: story("![图](%2e%2e/%2e%2e/secret.txt)")}, f"{A}:6", "内容文件夹以外", absent=SECRET, setup=secret_beside),
    # A site-root link that climbs (/../) stays refused.
    Case("link-root-dot-dot", ERROR, {STORY: story("[下载](/../secret.txt)")}, f"{A}:6", "内容文件夹以外", absent=SECRET, setup=secret_beside),
    # Backslashes in a notice image.
    Case("notice-image-backslashes", ERROR, {"notices/n.md": "---\ntitle: 停水\ndate: 2026-11-20\n---\n![图](..\\secret.txt)\n"}, "content/notices/n.md:5", "反斜杠", setup=secret_beside),
    # An event description may link assets/ only, and ../ out of it is refused.
    Case("event-link-out-of-assets", ERROR, {"events/e.yaml": "- title: 报名\n  start: 2026-11-25\n  community: longteng\n  description: '[表](assets/../../secret.txt)'\n"}, "content/events/e.yaml:4", "assets/", absent=SECRET, setup=secret_beside),
    # Linking residents.yaml would publish every full name: source files cannot be linked.
    Case("link-to-residents-yaml", ERROR, {STORY: story("[名单](../points/residents.yaml)")}, f"{A}:6", "内容源文件"),
    # The same with a query and a fragment to dress it up.
    Case("link-to-ledger-with-query", ERROR, {STORY: story("[账](/points/ledger/2026-05.yaml?x=1#top)")}, f"{A}:6", "内容源文件"),
]
# fmt: on

# fmt: off
SYMLINKS = [
    # A cover that is a symlink to a file outside content/.
    Case("cover-symlink-out", ERROR, {STORY: story(cover="assets/photo.png")}, f"{A}:5", "内容文件夹以外", absent=SECRET, whole_file=True, setup=link("assets/photo.png", "SECRET")),
    # A body image through a symlinked folder that leads outside.
    Case("image-through-symlinked-folder", ERROR, {STORY: story("![图](assets/out/secret.txt)")}, f"{A}:6", "内容文件夹以外", absent=SECRET, whole_file=True, setup=link("assets/out", "OUTSIDE")),
    # A symlink in assets/ leading out of content/ is refused at the link, linked or not.
    Case("assets-symlink-out-unlinked", ERROR, {}, "content/assets/leak.txt", "assets/ 以外的快捷方式", absent=SECRET, whole_file=True, setup=link("assets/leak.txt", "SECRET")),
    # A symlinked folder in assets/ leading outside is refused, and not walked.
    Case("assets-symlinked-folder-out", ERROR, {}, "content/assets/outside", "assets/ 以外的快捷方式", absent=SECRET, whole_file=True, setup=link("assets/outside", "OUTSIDE")),
    # A symlink in assets/ to the resident list inside content/ is refused too (issue 22).
    Case("assets-symlink-to-residents", ERROR, {}, "content/assets/roster.yaml", "assets/ 以外的快捷方式", absent="id: R001", whole_file=True, setup=link("assets/roster.yaml", "../points/residents.yaml")),
    # Linked, the same symlink is refused at the link as well.
    Case("image-symlink-to-residents", ERROR, {STORY: story("[名单](assets/roster.yaml)")}, f"{A}:6", "内容源文件", whole_file=True, setup=link("assets/roster.yaml", "../points/residents.yaml")),
    # An image that is a symlink loop.
    Case("image-symlink-loop", ERROR, {STORY: story("![图](assets/loop.png)")}, f"{A}:6", "绕成了圈", setup=loop("assets/loop.png")),
    # A notice file that is a symlink loop.
    Case("notice-symlink-loop", ERROR, {}, "content/notices/loop.md", "无法读取", whole_file=True, setup=loop("notices/loop.md")),
    # An events file that points nowhere.
    Case("events-dangling-symlink", ERROR, {}, "content/events/gone.yaml", "无法读取", whole_file=True, setup=link("events/gone.yaml", "/nonexistent/events.yaml")),
    # A story linked to /dev/zero would be read forever.
    Case("story-is-dev-zero", ERROR, {}, "content/stories/zero.md", "不是普通文件", whole_file=True, setup=link("stories/zero.md", "/dev/zero")),
    # A notice that is a named pipe would block the build forever.
    Case("notice-is-a-fifo", ERROR, {}, "content/notices/pipe.md", "不是普通文件", whole_file=True, setup=lambda content: os.mkfifo(content / "notices" / "pipe.md")),
    # A story that is a named pipe: asking for it ahead of reading (sources.prefetch) must not wait either.
    Case("story-is-a-fifo", ERROR, {}, "content/stories/pipe.md", "不是普通文件", whole_file=True, setup=lambda content: os.mkfifo(content / "stories" / "pipe.md")),
    # A story file that is a symlink loop: the story loader resolves it before reading.
    Case("story-symlink-loop", ERROR, {}, "content/stories/loop.md", "无法读取", whole_file=True, setup=loop("stories/loop.md")),
]
# fmt: on

# fmt: off
SIZES = [
    # A 3 MB story: refused with a clear error at once (a book, not a story).
    Case("story-3-mb", ERROR, {STORY: story("邻居" * 1_500_000)}, f"{A}:6", "正文太长"),
    # 8,000 opening brackets: Python-Markdown is quadratic on them, so they are refused.
    Case("story-8000-brackets", ERROR, {STORY: story("[" * 8000)}, f"{A}:6", "方括号"),
    # The same in a notice.
    Case("notice-8000-brackets", ERROR, {"notices/n.md": "---\ntitle: 停水\ndate: 2026-11-20\n---\n" + "[a" * 8000 + "\n"}, "content/notices/n.md:5", "方括号"),
    # The same in an event description.
    Case("event-8000-brackets", ERROR, {"events/e.yaml": "- title: 报名\n  start: 2026-11-25\n  community: longteng\n  description: '" + "[" * 8000 + "'\n"}, "content/events/e.yaml:4", "方括号"),
    # A 17 MB ledger is not read at all (the file's size says so).
    Case("ledger-17-mb", ERROR, {}, "content/points/ledger/huge.yaml", "文件太大", whole_file=True, setup=lambda content: os.truncate(_touch(content / "points/ledger/huge.yaml"), 17 * 2**20)),
]
# fmt: on


def packed(part: str, xml: str) -> bytes:
    """Return a zip (an office document) holding one XML part."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as document:
        document.writestr(part, f'<?xml version="1.0" encoding="UTF-8"?><doc>{xml}</doc>')
    return data.getvalue()


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>\n'
)
"""An SVG file holding {} (namespaces for svg and xlink declared)."""
ALLOW_ACTIVE = TWO_COMMUNITIES + "assets: {allow_active: true}\n"

# Files that must never be published (issue 22 §2): only assets/ is published, never a
# dot-file, never a link out of it, nothing that runs, and data files pass the privacy guard.
# fmt: off
NEVER_PUBLISHED = [
    # A cover naming the resident list: a content source file, refused at the cover line.
    Case("cover-residents-yaml", ERROR, {STORY: story(cover="points/residents.yaml")}, f"{A}:5", "内容源文件", absent="id: R001"),
    # A link to buildings.yaml (every building contact's phone).
    Case("link-to-buildings-yaml", ERROR, {STORY: story("[电话](../buildings.yaml)")}, f"{A}:6", "内容源文件"),
    # A link to .git/config (a token in a remote URL).
    Case("link-to-git-config", ERROR, {STORY: story("[配置](../.git/config)"), ".git/config": "url = https://token@example.com\n"}, f"{A}:6", "隐藏文件", absent="token@"),
    # A link to a .env copied into assets/.
    Case("link-to-dot-env-in-assets", ERROR, {STORY: story("[密钥](assets/.env)"), "assets/.env": "TOKEN=s3cret-token\n"}, f"{A}:6", "隐藏文件", absent="s3cret-token"),
    # A PDF outside assets/ (any file, not only source files).
    Case("link-to-pdf-outside-assets", ERROR, {STORY: story("[表](../forms/a.pdf)"), "forms/a.pdf": b"%PDF-1.4 forms"}, f"{A}:6", "不在 assets/ 文件夹里", absent="%PDF-1.4 forms"),
    # A notice image from another content folder.
    Case("notice-image-outside-assets", ERROR, {"notices/n.md": "---\ntitle: 停水\ndate: 2026-11-20\n---\n![图](../stories/p.png)\n", "stories/p.png": b"\x89PNG"}, "content/notices/n.md:5", "不在 assets/ 文件夹里"),
    # Dot-files and dot-folders in assets/ are not copied, unlinked: no warning, no file.
    Case("assets-dot-files-not-copied", KEPT, {"assets/.env": "TOKEN=s3cret-token\n", "assets/.git/config": "url = https://token@example.com\n"}, value="好邻居", page=STORY_PAGE, absent="s3cret-token"),
    # A symlink inside assets/ to another file in assets/ is fine: linked and copied.
    Case("assets-symlink-inside-kept", KEPT, {STORY: story("![图](assets/same.png)"), "assets/real.png": picture()}, value="assets/real.png", page=STORY_PAGE, setup=link("assets/same.png", "real.png")),
    # A story still links another story by its .md name (the one link outside assets/).
    Case("story-links-story-by-md-name", KEPT, {STORY: story("见[另一篇](b.md)"), "stories/b.md": story("另一篇。")}, value="另一篇", page=STORY_PAGE),
    # A CSV roster with a resident's full name: a warning at the file, then the guard stops it.
    Case("assets-csv-roster-with-names", ERROR, {"assets/roster.csv": "姓名,电话\n刘大哥,13800001111\n"}, "content/assets/roster.csv", "居民的全名 “刘大哥”", whole_file=True),
    # Office documents and a gzipped SVG are unpacked and guarded like the CSV (issue 22 §1).
    Case("assets-docx-with-names", ERROR, {"assets/roster.docx": packed("word/document.xml", "<w:t>刘大哥</w:t>")}, "content/assets/roster.docx", "居民的全名 “刘大哥”", whole_file=True),
    Case("assets-pptx-with-names", ERROR, {"assets/talk.pptx": packed("ppt/slides/slide1.xml", "<a:t>刘大哥</a:t>")}, "content/assets/talk.pptx", "居民的全名 “刘大哥”", whole_file=True),
    Case("assets-odt-with-phone", ERROR, {"assets/list.odt": packed("content.xml", "<text:p>139 0000 1111</text:p>")}, "content/assets/list.odt", "完整的手机号 “139 0000 1111”", whole_file=True),
    Case("assets-ods-with-phone-in-cells", ERROR, {"assets/list.ods": packed("content.xml", "<table:table-cell><text:p>139</text:p></table:table-cell><table:table-cell><text:p>00001111</text:p></table:table-cell>")}, "content/assets/list.ods", "完整的手机号", whole_file=True),
    Case("assets-svgz-with-names", ERROR, {"assets/map.svgz": gzip.compress(SVG.format("<text>刘大哥</text>").encode())}, "content/assets/map.svgz", "居民的全名 “刘大哥”", whole_file=True),
    Case("assets-svgz-with-a-script", ERROR, {"assets/map.svgz": gzip.compress(SVG.format("<script>alert(1)</script>").encode())}, "content/assets/map.svgz", "<script>", whole_file=True),
    Case("assets-docx-without-names", SANITISED, {"assets/menu.docx": packed("word/document.xml", "<w:t>菜单</w:t>")}, "content/assets/menu.docx", "数据文件"),
    Case("assets-svgz-without-names", SANITISED, {"assets/map.svgz": gzip.compress(SVG.format("<text>3栋</text>").encode())}, "content/assets/map.svgz", "数据文件"),
    # A data file without names is published with a warning at the file.
    Case("assets-csv-without-names", SANITISED, {"assets/prices.csv": "item,price\nrice,5\n"}, "content/assets/prices.csv", "数据文件"),
    # A YAML file copied into assets/ holding a phone number from the content.
    Case("assets-yaml-with-phone", ERROR, {"assets/contacts.yml": "phone: '13900001111'\n"}, "content/assets/contacts.yml", "完整的手机号 “13900001111”", whole_file=True),
    # An SVG with a script element.
    Case("svg-script", ERROR, {"assets/logo.svg": SVG.format("<script>alert(1)</script>")}, "content/assets/logo.svg", "<script>", whole_file=True),
    # An SVG with an event handler, in upper case.
    Case("svg-onload", ERROR, {"assets/logo.svg": SVG.format('<rect ONLOAD="alert(1)"/>')}, "content/assets/logo.svg", "onload=", whole_file=True),
    # An SVG embedding HTML through foreignObject.
    Case("svg-foreign-object", ERROR, {"assets/logo.svg": SVG.format("<foreignObject><p>x</p></foreignObject>")}, "content/assets/logo.svg", "<foreignObject>", whole_file=True),
    # An SVG fetching a picture from another host (xlink:href).
    Case("svg-external-href", ERROR, {"assets/logo.svg": SVG.format('<image xlink:href="https://evil.example/t.png"/>')}, "content/assets/logo.svg", "evil.example", whole_file=True),
    # An SVG link to javascript:, spelled with spaces and case.
    Case("svg-javascript-link", ERROR, {"assets/logo.svg": SVG.format('<a href=" JavaScript:alert(1)"><text>x</text></a>')}, "content/assets/logo.svg", "JavaScript:", whole_file=True),
    # An SVG whose <set> writes a link at run time.
    Case("svg-set-href", ERROR, {"assets/logo.svg": SVG.format('<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>')}, "content/assets/logo.svg", "attributeName", whole_file=True),
    # An SVG style loading from elsewhere.
    Case("svg-style-url", ERROR, {"assets/logo.svg": SVG.format('<rect style="fill: url(https://evil.example/x)"/>')}, "content/assets/logo.svg", "url()", whole_file=True),
    # An SVG with a DTD: entities could expand without end or read a file.
    Case("svg-doctype-entity", ERROR, {"assets/logo.svg": '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'}, "content/assets/logo.svg", "<!DOCTYPE", whole_file=True, absent="root:x:0:0:"),
    # A broken SVG: the line and column where reading stopped.
    Case("svg-broken", ERROR, {"assets/logo.svg": "<svg>\n<g>\n"}, "content/assets/logo.svg:3", "读不懂"),
    # A harmless SVG (references inside the picture only) is published as it is.
    Case("svg-harmless-kept", KEPT, {"assets/logo.svg": SVG.format('<defs><circle id="c" r="4"/></defs><use xlink:href="#c" fill="url(#g)"/>')}, value="url(#g)", page="site/assets/logo.svg"),
    # An HTML page with a script in assets/.
    Case("assets-html-with-script", ERROR, {"assets/form.html": "<script>alert(1)</script>\n"}, "content/assets/form.html", "网页或脚本", whole_file=True),
    # A script file, its suffix in upper case.
    Case("assets-js-upper-case", ERROR, {"assets/tool.JS": "alert(1)\n"}, "content/assets/tool.JS", "网页或脚本", whole_file=True),
    # With site.yaml assets: {allow_active: true} a script is published on the site...
    Case("assets-js-allowed", KEPT, {"site.yaml": ALLOW_ACTIVE, "assets/tool.js": "var counter = 1;\n"}, value="var counter = 1;", page="site/assets/tool.js"),
    # ... and the setting is checked like every other.
    Case("assets-allow-active-not-bool", ERROR, {"site.yaml": ALLOW_ACTIVE.replace("true", "maybe")}, "content/site.yaml:7", "maybe"),
]
# fmt: on


def _touch(path: Path) -> Path:
    path.touch()
    return path


def cases() -> list[Any]:
    """Return every case of this file as parameters."""
    return params(TRAVERSAL + SYMLINKS + SIZES + NEVER_PUBLISHED)


@pytest.mark.parametrize("case", cases())
def test_paths_and_sizes(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())


# Output folders that would put content or someone else's files at risk ------------------

OUTPUT_FOLDERS = [
    # The content folder itself.
    ("content", "output.is_content", "content"),
    # The folder holding content/ (a clean would delete the content).
    (".", "output.contains_content", "."),
    # A folder inside content/ (the next build would read its own output).
    ("content/out", "output.inside_content", "content/out"),
    # A symlink that leads to the content folder.
    ("link-to-content", "output.is_content", "link-to-content"),
    # Someone else's folder, with files and no marker.
    ("photos", "output.not_ours", "photos"),
    # A file, not a folder.
    ("notes.txt", "output.not_ours", "notes.txt"),
    # A folder inside a file: it cannot be made (issue 22 §4).
    ("notes.txt/out", "output.in_a_file", "notes.txt/out"),
    # A symlink that points nowhere, and a folder through it.
    ("dangling", "output.dangling_link", "dangling"),
    ("dangling/out", "output.dangling_link", "dangling/out"),
]


@pytest.mark.parametrize(
    ("output", "code", "named"), OUTPUT_FOLDERS, ids=[o[1] + "-" + o[0] for o in OUTPUT_FOLDERS]
)
def test_dangerous_output_folder_is_refused(
    output: str, code: str, named: str, make_site: MakeSite, cli: Cli
) -> None:
    """Exit 2 (a usage error: the output folder, not the content), and nothing moves."""
    content = make_site()
    write(content, BASE)
    site = content.parent
    (site / "link-to-content").symlink_to("content")
    (site / "photos").mkdir()
    (site / "photos" / "wedding.jpg").write_bytes(b"\xff\xd8 not ours")
    (site / "notes.txt").write_text("别删我\n", encoding="utf-8")
    (site / "dangling").symlink_to("nowhere")
    before = snapshot(site)
    run = cli(
        "build", "--content", "content", "--output", output, "--today", TODAY_ARG, cwd=site
    )  # fmt: skip
    assert run.code == 2, run.err
    assert "Traceback" not in run.err + run.out
    assert named in run.err.splitlines()[0]
    assert snapshot(site) == before, "a refused output folder still changed something"
    assert not (site / "nowhere").exists()


# The dev server -----------------------------------------------------------------------------


def test_serve_binds_loopback_by_default() -> None:
    args = command_parser("zh-CN").parse_args(["serve"])
    assert args.host == "127.0.0.1"


def get(preview: Preview, path: str) -> tuple[str, bytes]:
    """Request `path` from the preview's WSGI app; return the status and the body."""
    status: list[str] = []
    body = b"".join(
        preview.app({"PATH_INFO": path}, lambda s, headers: status.append(s))
    )  # fmt: skip
    return status[0], body


@pytest.mark.parametrize(
    "path",
    [
        "/leak.txt",  # a symlink inside output/site to a file outside it
        "/leaks/secret.txt",  # a symlinked folder inside output/site leading outside
        "/leaks/",  # the same folder, asked as a folder
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2Fsecret.txt",
        "/stories/../../secret.txt",
        "/" + "../" * 12 + "etc/passwd",
    ],
)
def test_serve_never_leaves_the_output_folder(path: str, make_site: MakeSite, cli: Cli) -> None:
    content = make_site()
    write(content, BASE)
    assert build(cli, content.parent, "--target", "site").code == 0
    output = content.parent / "output"
    secret = secret_beside(content)
    (output / "secret.txt").write_text(SECRET, encoding="utf-8")  # beside site/, not in it
    (output / "site" / "leak.txt").symlink_to(secret)
    (output / "site" / "leaks").symlink_to(content.parent)
    preview = Preview(content, output, "site", TODAY, "zh-CN")
    status, body = get(preview, path)
    assert status.startswith("404"), (status, body[:200])
    assert SECRET.encode() not in body and b"root:x:0:0:" not in body


def test_serve_still_serves_the_site(make_site: MakeSite, cli: Cli) -> None:
    content = make_site()
    write(content, BASE)
    assert build(cli, content.parent, "--target", "site").code == 0
    preview = Preview(content, content.parent / "output", "site", TODAY, "zh-CN")
    status, body = get(preview, "/stories/a/")
    assert status.startswith("200") and "好邻居".encode() in body


def test_a_hostile_build_is_bounded_in_time(make_site: MakeSite, cli: Cli) -> None:
    """Every pathological input at once still ends, with all the errors, well within budget."""
    content = make_site()
    write(content, BASE)
    files: dict[str, str | bytes | None] = {
        STORY: story("[" * 8000),
        "stories/b.md": story("邻" * 3_000_000),
        "stories/c.md": story(people="[" * 30_000 + "]" * 30_000),
        "events/e.yaml": "- title: 晨练\n  start: 2026-11-28\n  community: longteng\n"
        "  repeat: FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\n" * 1,
    }
    write(content, files)
    started = time.monotonic()
    run = build(cli, content.parent)
    assert run.code == 1
    assert time.monotonic() - started < 20
