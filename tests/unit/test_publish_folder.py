"""Publishing to a folder: only what changed, nothing stale, never half a site, never
someone else's files. Real folders, a real process killed half way, a real full disk."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.messages import message_text
from site_builder.publish import PublishProblem
from site_builder.publish_folder import FolderDestination
from site_builder.publish_plan import Built, Manifest, plan
from tests.conftest import REPO, story
from tests.publish_tools import MANIFEST, STORIES, publish_args, stamps, start_publish, tree


def test_first_publish_puts_the_site_there(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES)
    run = cli(*publish_args(str(tmp_path / "www")), cwd=content.parent)
    assert run.code == 0, run.err
    built = tree(content.parent / "output" / "site")
    assert tree(tmp_path / "www") == built
    first, method = run.out.splitlines()
    assert first.startswith(
        f"已发布 site → {tmp_path / 'www'}：上传 {len(built)} 个，删除 0 个，未变 0 个（传了 "
    )
    assert first.endswith(" 秒）")
    assert method.startswith(
        "方式：逐个文件写到临时名字再换上，先传附件和数据，再传网页，version.json 最后"
    )
    manifest = json.loads((tmp_path / "www" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["pending"] == [] and set(manifest["files"]) == set(built)
    assert manifest["target"] == "site" and manifest["tool"] == "site-builder"


def test_a_second_publish_without_a_change_writes_nothing(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES)
    assert cli(*publish_args(str(tmp_path / "www")), cwd=content.parent).code == 0
    before = stamps(tmp_path / "www")
    time.sleep(0.01)
    run = cli(*publish_args(str(tmp_path / "www")), cwd=content.parent)
    assert run.code == 0, run.err
    assert stamps(tmp_path / "www") == before
    assert run.out.startswith(f"没有变化：{tmp_path / 'www'} 上的 site 已经是这次生成的样子（")
    assert "什么都没写" in run.out


def test_a_deleted_story_is_gone_after_one_publish(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES)
    www = tmp_path / "www"
    assert cli(*publish_args(str(www)), cwd=content.parent).code == 0
    assert (www / "stories" / "dianti" / "index.html").is_file()
    (content / "stories" / "b.md").unlink()
    run = cli(*publish_args(str(www)), cwd=content.parent)
    assert run.code == 0, run.err
    assert not (www / "stories" / "dianti").exists()  # its folder too
    texts = [data for path, data in tree(www).items() if path.endswith((".html", ".json", ".xml"))]
    assert "王师傅修电梯".encode() not in b"".join(texts)
    assert tree(www) == tree(content.parent / "output" / "site")
    assert re.search(r"，删除 [1-9]\d* 个，", run.out)


def test_a_failed_build_publishes_nothing(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES)
    www = tmp_path / "www"
    assert cli(*publish_args(str(www)), cwd=content.parent).code == 0
    before, files = stamps(www), tree(www, manifest=True)
    (content / "stories" / "a.md").write_text(story(date="2025-02-30"), encoding="utf-8")
    (content / "stories" / "b.md").unlink()
    run = cli(*publish_args(str(www)), cwd=content.parent)
    assert run.code == 1
    assert "content/stories/a.md:3:7: 错误: date 的日期 “2025-02-30” 不存在" in run.err
    assert run.err.rstrip().endswith("生成失败，所以没有发布：目标保持原样。")
    assert (stamps(www), tree(www, manifest=True)) == (before, files)


def test_a_failed_first_build_makes_no_folder(make_site, cli, tmp_path) -> None:
    content = make_site({"stories/a.md": story(date="2025-02-30")})
    assert cli(*publish_args(str(tmp_path / "www")), cwd=content.parent).code == 1
    assert not (tmp_path / "www").exists()


def test_dry_run_changes_nothing(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES)
    www = tmp_path / "www"
    run = cli(*publish_args(str(www), "--dry-run"), cwd=content.parent)
    assert run.code == 0, run.err
    assert not www.exists()
    lines = run.out.splitlines()
    assert lines[0].startswith("试运行（--dry-run），目标没有任何改动。真正发布时会上传 ")
    assert "  + stories/dianti/index.html" in lines
    assert cli(*publish_args(str(www)), cwd=content.parent).code == 0
    before, files = stamps(www), tree(www, manifest=True)
    (content / "stories" / "b.md").unlink()
    run = cli(*publish_args(str(www), "--dry-run"), cwd=content.parent)
    assert run.code == 0, run.err
    assert "  - stories/dianti/index.html" in run.out.splitlines()
    assert (stamps(www), tree(www, manifest=True)) == (before, files)


def test_a_foreign_folder_is_refused_and_left_alone(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES)
    www = tmp_path / "www"
    www.mkdir()
    (www / "notes.txt").write_text("居委会的文件", encoding="utf-8")
    (www / "index.html").write_text("<p>旧网站</p>", encoding="utf-8")
    run = cli(*publish_args(str(www)), cwd=content.parent)
    assert run.code == 2
    assert run.err.splitlines() == [
        f"{www} 里已经有文件，而且不是 site-builder 发布的（没有 .site-builder-manifest.json）：没有发布，里面什么都没动",
        "  提示: 换一个空的或新的文件夹；确定要发布到这里就加 --force（已有的文件不会被删除，同名的会被替换）",
    ]
    assert tree(www, manifest=True) == {
        "index.html": "<p>旧网站</p>".encode(),
        "notes.txt": "居委会的文件".encode(),
    }
    run = cli(*publish_args(str(www), "--force"), cwd=content.parent)
    assert run.code == 0, run.err
    assert (www / "notes.txt").read_text(encoding="utf-8") == "居委会的文件"
    (content / "stories" / "b.md").unlink()
    assert cli(*publish_args(str(www)), cwd=content.parent).code == 0
    assert (www / "notes.txt").read_text(encoding="utf-8") == "居委会的文件"  # never ours to delete


@pytest.mark.parametrize(
    ("where", "first_line"),
    [
        ("content", "不能发布到 {path}：这就是内容文件夹"),
        ("site", "不能发布到 {path}：内容文件夹 content 就在它里面"),
        ("content/assets", "不能发布到 {path}：它在内容文件夹 content 里面"),
        ("output/site", "不能发布到 {path}：它在输出文件夹里面，下次生成会把它换掉"),
        ("/", "不能发布到 {path}：这是整个磁盘的根目录"),
        ("home", "不能发布到 {path}：这是某个用户的主文件夹"),
        ("notes.txt", "不能发布到 {path}：它是一个文件，不是文件夹"),
        ("nowhere/usb/board", "找不到 {parent}，没有发布到 {path}"),
    ],
)
def test_dangerous_folders_are_refused(make_site, cli, monkeypatch, where, first_line) -> None:
    content = make_site(STORIES)
    home = content.parent.parent / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    (content.parent / "notes.txt").write_text("x", encoding="utf-8")
    path = {"home": str(home), "site": str(content.parent)}.get(where, where)
    before = tree(content.parent, manifest=True)
    run = cli(*publish_args(path), cwd=content.parent)
    assert run.code == (3 if where.startswith("nowhere") else 2), run.err
    expected = first_line.format(path=path, parent=str(Path(path).parent))
    assert run.err.splitlines()[0] == expected
    assert tree(content.parent, manifest=True) == before  # nothing built, nothing written
    assert not (content.parent / "nowhere").exists()


def test_uploads_go_assets_first_pages_next_version_json_last() -> None:
    names = [
        "index.html",
        "version.json",
        "fonts/a.woff2",
        "data.js",
        "x/index.html",
        "x/version.json",
    ]
    built = Built(Path("."), "kiosk", {n: "new" for n in names}, dict.fromkeys(names, 1))
    work = plan(built, Manifest({"index.html": "old", "gone.png": "old", "gone/index.html": "old"}))
    assert work.upload == (
        "data.js",
        "fonts/a.woff2",
        "index.html",
        "x/index.html",
        "version.json",
        "x/version.json",
    )
    assert work.delete == ("gone/index.html", "gone.png")  # pages first, then what they used


def test_the_lobby_board_version_json_is_written_last(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES)
    board = tmp_path / "lobby"
    run = cli(*publish_args(str(board), "--target", "kiosk"), cwd=content.parent)
    assert run.code == 0, run.err
    assert run.out.startswith(f"已发布 kiosk → {board}：")
    assert tree(board) == tree(content.parent / "output" / "kiosk")
    written = {
        p: p.stat().st_mtime_ns for p in board.rglob("*") if p.is_file() and p.name != MANIFEST
    }
    last = written.pop(board / "version.json")
    assert all(last >= other for other in written.values())


def test_a_kiosk_is_not_published_over_a_site(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES)
    www = tmp_path / "www"
    assert cli(*publish_args(str(www)), cwd=content.parent).code == 0
    files = tree(www, manifest=True)
    run = cli(*publish_args(str(www), "--target", "kiosk"), cwd=content.parent)
    assert run.code == 2
    assert (
        run.err.splitlines()[0]
        == f"{www} 上发布的是 site，这次要发布的是 kiosk：没有发布，以免把它整个换掉"
    )
    assert tree(www, manifest=True) == files


def test_a_damaged_manifest_is_refused(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES)
    www = tmp_path / "www"
    www.mkdir()
    (www / MANIFEST).write_text('{"files": "../../etc"}', encoding="utf-8")
    run = cli(*publish_args(str(www)), cwd=content.parent)
    assert run.code == 2
    assert (
        run.err.splitlines()[0]
        == f"{www} 里的 .site-builder-manifest.json 坏了，或者是更新版本的 site-builder 写的：没有发布"
    )


def test_an_interrupted_publish_is_completed_by_the_next(make_site, cli, tmp_path) -> None:
    """Kill a publish (SIGKILL) after a new story's page went up, delete that story, publish
    again: the destination is exactly the new build, the story's page gone, nothing left over."""
    content = make_site(STORIES)
    www = tmp_path / "www"
    assert cli(*publish_args(str(www)), cwd=content.parent).code == 0
    extra = {f"stories/new{n}.md": story(title=f"新故事{n}", slug=f"xin-{n}") for n in range(4)}
    for relative, text in extra.items():
        (content / relative).write_text(text, encoding="utf-8")
    (content / "stories" / "a.md").write_text(
        story(title="楼道灯又修好了", slug="loudao-deng"), encoding="utf-8"
    )
    running = start_publish(
        content.parent, publish_args(str(www)), SITE_BUILDER_PUBLISH_PAUSE="0.3"
    )
    page = www / "stories" / "xin-0" / "index.html"
    deadline = time.monotonic() + 120
    while not page.exists() and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    running.send_signal(signal.SIGKILL)
    running.communicate()
    assert running.returncode == -signal.SIGKILL, "the publish ended before it could be killed"
    manifest = json.loads((www / MANIFEST).read_text(encoding="utf-8"))
    assert "stories/xin-0/index.html" in manifest["pending"]
    assert "stories/xin-0/index.html" not in manifest["files"]
    assert page.is_file()  # up, in full (it was renamed into place), and now to be withdrawn
    (content / "stories" / "new0.md").unlink()
    run = cli(*publish_args(str(www)), cwd=content.parent)
    assert run.code == 0, run.err
    assert not (www / "stories" / "xin-0").exists()
    assert tree(www) == tree(content.parent / "output" / "site")
    assert not [p for p in www.rglob("*") if p.name.endswith(".site-builder-part")]
    assert json.loads((www / MANIFEST).read_text(encoding="utf-8"))["pending"] == []
    assert cli(*publish_args(str(www)), cwd=content.parent).out.startswith("没有变化：")


def test_no_permission_is_said_and_the_folder_left_as_it_was(make_site, tmp_path) -> None:
    """Publish into a folder nobody may write to; root writes anywhere, so root runs the
    publish without its capabilities (setpriv), bound by the folder's permissions like anyone."""
    content = make_site(STORIES)
    www = tmp_path / "www"
    www.mkdir()
    (www / MANIFEST).write_bytes(Manifest({}).dump())
    www.chmod(0o555)
    before = tree(www, manifest=True)
    command = [sys.executable, "-m", "site_builder", *publish_args(str(www))]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--", *command]
    try:
        run = subprocess.run(
            command, cwd=content.parent, env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    finally:
        www.chmod(0o755)
    assert run.returncode == 3, run.stderr
    assert run.stderr.splitlines()[0] == f"没有权限写 {www}，发布没有完成"
    assert tree(www, manifest=True) == before


def test_a_full_disk_is_refused_before_anything_is_written(make_site, cli, tmp_path) -> None:
    """A 64 KB tmpfs: mounting it needs privileges (root, and a container that allows it)."""
    stick = tmp_path / "stick"
    stick.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(stick)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        content = make_site(STORIES)
        (stick / "board").mkdir()
        before = stamps(stick)
        run = cli(*publish_args(str(stick / "board")), cwd=content.parent)
        assert run.code == 3
        first = run.err.splitlines()[0]
        assert first.startswith(f"{stick / 'board'} 所在的磁盘空间不够：要 ")
        assert first.endswith("。没有发布，目标保持原样")
        assert stamps(stick) == before
        assert list((stick / "board").iterdir()) == []
        # the room was there when checked, and went while writing: the same words, no leftover
        (stick / "big.bin").write_bytes(os.urandom(48 * 1024))
        with pytest.raises(PublishProblem) as full:
            FolderDestination(stick / "board").put("big.bin", stick / "big.bin")
        assert message_text(full.value.code, "zh-CN", full.value.params) == (
            f"{stick / 'board'} 所在的磁盘写满了，发布没有完成"
        )
        assert list((stick / "board").iterdir()) == []
    finally:
        subprocess.run(["umount", str(stick)], check=False)


def test_a_failed_write_is_named_with_its_cause(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES)
    www = tmp_path / "www"
    www.mkdir()
    (www / MANIFEST).write_bytes(Manifest({}).dump())
    (www / "404.html").mkdir()  # a folder where a page must go
    run = cli(*publish_args(str(www)), cwd=content.parent)
    assert run.code == 3
    assert run.err.splitlines() == [
        f"发布到 {www} 没有完成：Is a directory",
        "  提示: 解决后再发布一次：已经换上的文件都是完整的，下一次发布会接着做完",
    ]
    assert not [p for p in www.rglob("*") if p.name.endswith(".site-builder-part")]


def test_a_dry_run_lists_forty_paths_and_counts_the_rest(capsys) -> None:
    from site_builder.cli_publish import _summary
    from site_builder.publish import Outcome
    from site_builder.publish_plan import Plan
    from site_builder.publish_url import parse_destination

    work = Plan(tuple(f"p{n:02}.html" for n in range(45)), ("old.html",), (), 2048)
    text = _summary(
        Outcome(work, None), parse_destination("/srv/www"), "site", "0.10", True, "zh-CN"
    )
    lines = text.splitlines()
    assert (
        lines[0]
        == "试运行（--dry-run），目标没有任何改动。真正发布时会上传 45 个（2.0 KB），删除 1 个，未变 0 个："
    )
    assert lines[40:] == ["  + p39.html", "    ……还有 5 个", "  - old.html"]


def test_progress_on_a_terminal_shows_files_bytes_and_a_bar() -> None:
    import pty

    from site_builder.progress import Progress

    master, replica = pty.openpty()
    with os.fdopen(replica, "w", encoding="utf-8") as terminal:
        progress = Progress("zh-CN", terminal)
        progress.transfer(3, 4, 3 * 1024 * 1024, 4 * 1024 * 1024)
        progress.transfer(4, 4, 4 * 1024 * 1024, 4 * 1024 * 1024)
        progress.finish()
    shown = os.read(master, 4096).decode("utf-8")
    os.close(master)
    assert "正在上传 [##################------] 3/4 个文件，3.0 MB/4.0 MB" in shown
    assert "正在上传 [########################] 4/4 个文件，4.0 MB/4.0 MB" in shown
    assert shown.endswith("\r\x1b[K")
