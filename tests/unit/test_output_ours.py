"""Issue 22 §4: the output folder is ours, and so is failure.

Writes never follow a symbolic link out of output/; a build of both targets
publishes both or neither; an output path that cannot be a folder is a usage
error; a board-only error names the content file and line.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import TODAY, TODAY_ARG, story


def tree(folder: Path) -> dict[str, bytes | str]:
    """Return every file (its bytes) and link (its target) under `folder`, by relative path."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[path.relative_to(folder).as_posix()] = "-> " + str(path.readlink())
        elif path.is_file():
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


# --output that cannot be a folder: a usage error naming the path -------------------------


def test_output_inside_a_file_is_a_usage_error(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    (content.parent / "notes.txt").write_text("mine", encoding="utf-8")
    run = cli("build", "--content", "content", "--output", "notes.txt/out", cwd=content.parent)
    assert run.code == 2
    assert "输出文件夹 notes.txt/out 建不起来：notes.txt 是一个文件，不是文件夹" in run.err
    assert "换一个输出文件夹，例如 --output output" in run.err
    assert (content.parent / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in content.parent.iterdir()) == ["content", "notes.txt"]


def test_output_deeper_inside_a_file_names_the_file(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    (content.parent / "notes.txt").write_text("mine", encoding="utf-8")
    run = cli("build", "--content", "content", "--output", "notes.txt/a/b", cwd=content.parent)
    assert run.code == 2
    assert "notes.txt 是一个文件，不是文件夹" in run.err


def test_output_through_a_dangling_link_is_a_usage_error(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    (content.parent / "out").symlink_to(content.parent / "gone")
    run = cli("build", "--content", "content", "--output", "out", cwd=content.parent)
    assert run.code == 2
    assert "输出文件夹 out 要经过符号链接（快捷方式）out，但它指向的地方不存在" in run.err
    assert "删掉这个链接、让它指向一个已有的文件夹，或者换一个输出文件夹" in run.err
    assert not (content.parent / "gone").exists()
    run = cli("build", "--content", "content", "--output", "out/x", cwd=content.parent)
    assert run.code == 2
    assert "输出文件夹 out/x 要经过符号链接（快捷方式）out，" in run.err
    assert not (content.parent / "gone").exists()


def test_output_errors_speak_english(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()}, site_yaml="title: Test\nlanguage: en\n")
    (content.parent / "notes.txt").write_text("mine", encoding="utf-8")
    run = cli("build", "--content", "content", "--output", "notes.txt/out", cwd=content.parent)
    assert run.code == 2
    assert "The output folder notes.txt/out cannot be made: notes.txt is a file" in run.err


# A link planted inside output/site/: never written through, replaced by the next build ------


def settled_site(make_site, stories: int = 30) -> Path:
    """Make a site of a few stories whose files are an hour old (so a rebuild may patch)."""
    content = make_site({f"stories/s{n}.md": story(title=f"故事{n}") for n in range(stories)})
    hour_ago = time.time() - 3600
    for path in content.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))
    return content


def plant(output: Path, elsewhere: Path, kind: str) -> Path:
    """Put a link in output/site/ where the page of story s0 goes; return the link."""
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("not yours", encoding="utf-8")
    page_folder = output / "site" / "stories" / "s0"
    if kind == "folder":
        shutil.rmtree(page_folder)
        page_folder.symlink_to(elsewhere, target_is_directory=True)
        return page_folder
    (page_folder / "index.html").unlink()
    (page_folder / "index.html").symlink_to(elsewhere / "index.html")
    return page_folder / "index.html"


def edit_s0(content: Path) -> None:
    (content / "stories" / "s0.md").write_text(story(title="故事0", body="改过了。"), "utf-8")


@pytest.fixture
def refused(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each folder an update in place refused to write through."""
    from site_builder import live_update

    real, seen = live_update.check_real_folders, []

    def spy(live: Path, relatives: list[str]) -> None:
        try:
            real(live, relatives)
        except live_update.LiveFolderChanged as refusal:
            seen.append(Path(str(refusal)).name)
            raise

    monkeypatch.setattr(live_update, "check_real_folders", spy)
    return seen


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_cli_rebuild_never_writes_through_a_planted_link(
    make_site, cli, refused: list[str], kind: str
) -> None:
    content = settled_site(make_site)
    root = content.parent
    build = ("build", "--content", "content", "--target", "site", "--today", TODAY_ARG, "-q")
    assert cli(*build, cwd=root).code == 0
    link = plant(root / "output", root / "elsewhere", kind)
    edit_s0(content)
    assert cli(*build, cwd=root).code == 0
    assert tree(root / "elsewhere") == {"index.html": b"not yours"}
    assert not link.is_symlink()
    page = root / "output" / "site" / "stories" / "s0" / "index.html"
    assert "改过了。" in page.read_text(encoding="utf-8")
    assert not [p for p in (root / "output").rglob("*") if p.is_symlink()]
    # refused by the patch (story_patch.py), then by the update in place (site_writer.py);
    # a full build replaced the link. A file's own link is replaced by os.replace.
    assert refused == (["s0", "s0"] if kind == "folder" else [])


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_serve_patch_never_writes_through_a_planted_link(
    make_site, refused: list[str], kind: str
) -> None:
    from site_builder.diagnostics import Diagnostics
    from site_builder.incremental import rebuild

    content = settled_site(make_site)
    output = content.parent / "output"
    kept = rebuild(content, output, ("site",), TODAY, Diagnostics())
    assert kept.last is not None
    link = plant(output, content.parent / "elsewhere", kind)
    edit_s0(content)
    again = rebuild(content, output, ("site",), TODAY, Diagnostics(), kept=kept)
    if kind == "folder":
        assert again.last is not kept.last  # the patch gave way to a full build: kept anew
        assert refused[0] == "s0"
    else:
        assert again.last is kept.last  # patched: os.replace replaced the link itself
    assert tree(content.parent / "elsewhere") == {"index.html": b"not yours"}
    assert not link.is_symlink()
    page = output / "site" / "stories" / "s0" / "index.html"
    assert "改过了。" in page.read_text(encoding="utf-8")


def test_an_update_in_place_refuses_a_linked_folder_before_writing(tmp_path: Path) -> None:
    from site_builder.live_update import LiveFolderChanged, Published, update_in_place

    live = tmp_path / "out" / "site"
    (live / "a").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (live / "b").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    published = Published(0, {}, {}, "")
    for writes, removed in (({"b/index.html": b"x"}, set()), ({}, {"b/old.html"})):
        with pytest.raises(LiveFolderChanged):
            update_in_place(tmp_path / "out", "site", writes, removed, published)
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert not (tmp_path / "out" / ".site-builder-updating-site").exists()
    update_in_place(tmp_path / "out", "site", {"a/index.html": b"ok"}, set(), published)
    assert (live / "a" / "index.html").read_bytes() == b"ok"


def test_a_full_build_replaces_a_link_planted_as_output_site(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    root = content.parent
    build = ("build", "--content", "content", "--target", "site", "--today", TODAY_ARG, "-q")
    assert cli(*build, cwd=root).code == 0
    shutil.rmtree(root / "output" / "site")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "index.html").write_text("not yours", encoding="utf-8")
    (root / "output" / "site").symlink_to(root / "elsewhere", target_is_directory=True)
    assert cli(*build, cwd=root).code == 0
    assert tree(root / "elsewhere") == {"index.html": b"not yours"}
    assert not (root / "output" / "site").is_symlink()
    assert (root / "output" / "site" / "stories" / "a" / "index.html").is_file()


# A build of both targets publishes both or neither -----------------------------------------

REPO = Path(__file__).resolve().parents[2]


def built_twice_apart(make_site, cli) -> tuple[Path, dict[str, bytes | str]]:
    """Build a site (both targets), then edit a story; return the root and the output then."""
    content = settled_site(make_site)
    root = content.parent
    assert cli("build", "--content", "content", "--today", TODAY_ARG, cwd=root).code == 0
    before = tree(root / "output")
    edit_s0(content)
    return root, before


def test_a_board_that_cannot_be_written_leaves_the_site_as_it_was(
    make_site, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import site_builder.build as build_module

    root, before = built_twice_apart(make_site, cli)

    def disk_full(*args: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "write_boards", disk_full)
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=root)
    assert run.code == 3
    assert "读写文件失败：[Errno 28] No space left on device" in run.err
    assert "检查磁盘空间和文件夹权限后重试；之前的输出保持不变" in run.err
    after = tree(root / "output")
    after.pop(".site-builder-state-site", None)  # dropped: the next build is a full one
    before.pop(".site-builder-state-site", None)
    assert after == before
    monkeypatch.undo()
    assert cli("build", "--content", "content", "--today", TODAY_ARG, cwd=root).code == 0
    page = root / "output" / "site" / "stories" / "s0" / "index.html"
    assert "改过了。" in page.read_text(encoding="utf-8")
    assert not list((root / "output").glob(".staging-*"))


def test_a_board_only_error_leaves_the_site_as_it_was(make_site, cli) -> None:
    root, before = built_twice_apart(make_site, cli)
    theme = REPO / "templates" / "kiosk" / "index.html"
    board = theme.read_text(encoding="utf-8").replace(
        "</body>", '<img src="https://evil.example/fake-notice.png"></body>'
    )
    (root / "templates" / "kiosk").mkdir(parents=True)
    (root / "templates" / "kiosk" / "index.html").write_text(board, "utf-8")
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=root)
    assert run.code == 1
    assert "大厅屏的 output/kiosk/index.html 引用了其他网站的地址" in run.err
    after = tree(root / "output")
    after.pop(".site-builder-state-site", None)
    before.pop(".site-builder-state-site", None)
    assert after == before
    assert not list((root / "output").glob(".staging-*"))


def test_a_first_build_whose_board_fails_leaves_no_output_folder(
    make_site, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import site_builder.build as build_module

    content = make_site({"stories/a.md": story()})

    def disk_full(*args: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "write_boards", disk_full)
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 3
    assert not (content.parent / "output").exists()


def test_a_failed_second_swap_swaps_the_first_back(
    make_site, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder import output as output_module

    root, before = built_twice_apart(make_site, cli)
    (root / "output" / ".site-builder-state-site").unlink()  # the site is staged in full
    real = output_module.swap_keeping
    swapped = []

    def second_fails(new: Path, live: Path) -> Path | None:
        if live.name == "kiosk":
            raise OSError(5, "Input/output error")
        swapped.append(live.name)
        return real(new, live)

    monkeypatch.setattr(output_module, "swap_keeping", second_fails)
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=root)
    assert run.code == 3
    assert swapped == ["site"]  # the site was swapped in, then back
    after = tree(root / "output")
    before.pop(".site-builder-state-site", None)
    assert after == before
    assert not list((root / "output").glob(".staging-*"))


def test_a_failed_update_of_the_site_swaps_the_board_back(
    make_site, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder import output as output_module

    root, before = built_twice_apart(make_site, cli)
    updates = []

    def update_fails(*args: object) -> None:
        updates.append(args[1])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_module, "update_in_place", update_fails)
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=root)
    assert run.code == 3
    assert updates == ["site"]  # the site was to be updated in place, after the board's swap
    assert tree(root / "output") == before
    assert not list((root / "output").glob(".staging-*"))


# A board-only error names the content file and line ---------------------------------------

BOARD_SHOWING_SUMMARIES = (
    '{% for story in stories %}<img src="{{ story.summary }}" alt="">{% endfor %}</body>'
)


def test_a_board_only_error_names_the_story_line_that_caused_it(make_site, cli) -> None:
    content = make_site(
        {
            "stories/a.md": story(summary="https://evil.example/x.png"),
            "stories/b.md": story(title="另一篇", date="2025-05-21"),
        }
    )
    root = content.parent
    theme = REPO / "templates" / "kiosk" / "index.html"
    board = theme.read_text(encoding="utf-8").replace("</body>", BOARD_SHOWING_SUMMARIES)
    (root / "templates" / "kiosk").mkdir(parents=True)
    (root / "templates" / "kiosk" / "index.html").write_text(board, "utf-8")
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=root)
    assert run.code == 1
    assert (
        "content/stories/a.md:4:10: 错误: 大厅屏的 output/kiosk/index.html 引用了其他网站的地址 "
        "“https://evil.example/x.png”" in run.err
    )
    assert not (root / "output").exists()


def test_a_board_error_from_a_template_alone_names_the_board_file(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    root = content.parent
    theme = REPO / "templates" / "kiosk" / "index.html"
    board = theme.read_text(encoding="utf-8").replace(
        "</body>", '<img src="https://evil.example/fake.png"></body>'
    )
    (root / "templates" / "kiosk").mkdir(parents=True)
    (root / "templates" / "kiosk" / "index.html").write_text(board, "utf-8")
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=root)
    assert run.code == 1
    assert (
        "output/kiosk/index.html: 错误: 大厅屏的 output/kiosk/index.html 引用了其他网站的地址"
        in run.err
    )
