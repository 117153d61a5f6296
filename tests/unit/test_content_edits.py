"""The editor's file layer (issue 28): snapshots, saves that refuse a changed file, safe paths.

The messages each refusal names (edit.*) are tested here too (test_messages.py's ELSEWHERE).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from site_builder.content_edits import (
    EditRefused,
    SaveConflict,
    Snapshot,
    content_path,
    save,
)
from site_builder.messages import message_hint, message_text
from site_builder.scaffold import slug_for
from site_builder.yaml_edits import append_entry, change_entry

# --- snapshots and saving -------------------------------------------------------------


def test_snapshot_reads_bytes_and_hash(tmp_path: Path) -> None:
    path = tmp_path / "wishes.yaml"
    path.write_bytes(b"- wish: a\n")
    snap = Snapshot.of(path)
    assert snap.data == b"- wish: a\n"
    assert snap.sha256 == hashlib.sha256(b"- wish: a\n").hexdigest()
    assert snap.exists and snap.matches(path)


def test_save_writes_when_unchanged_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "wishes.yaml"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    snap = Snapshot.of(path)
    save(path, b"new\n", snap)
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wishes.yaml"]  # no temporary left


def test_save_refuses_a_file_changed_since_the_form_opened(tmp_path: Path) -> None:
    path = tmp_path / "wishes.yaml"
    path.write_text("- wish: 老花镜\n  status: open\n", encoding="utf-8")
    snap = Snapshot.of(path)
    path.write_text("- wish: 老花镜\n  status: done\n", encoding="utf-8")  # Notepad, meanwhile
    with pytest.raises(SaveConflict) as caught:
        save(path, "- wish: 老花镜\n  status: claimed\n".encode(), snap)
    conflict = caught.value
    assert conflict.code == "edit.conflict" and conflict.params == {"path": "wishes.yaml"}
    assert conflict.opened == "- wish: 老花镜\n  status: open\n"
    assert conflict.on_disk == "- wish: 老花镜\n  status: done\n"
    assert conflict.yours == "- wish: 老花镜\n  status: claimed\n"
    assert path.read_text(encoding="utf-8") == "- wish: 老花镜\n  status: done\n"  # untouched


def test_save_refuses_a_file_deleted_since_the_form_opened(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x")
    snap = Snapshot.of(path)
    path.unlink()
    with pytest.raises(SaveConflict) as caught:
        save(path, b"y", snap)
    assert caught.value.on_disk == ""
    assert not path.exists()


def test_a_new_file_is_created_only_if_still_missing(tmp_path: Path) -> None:
    path = tmp_path / "stories" / "li-nai-nai.md"
    snap = Snapshot.of(path)
    assert not snap.exists and snap.data == b""
    save(path, b"---\ntitle: a\n---\n", snap)
    assert path.read_bytes() == b"---\ntitle: a\n---\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()

    other = tmp_path / "stories" / "wang.md"
    snap = Snapshot.of(other)
    other.write_bytes(b"someone else's story")  # appeared after the form opened
    with pytest.raises(SaveConflict) as caught:
        save(other, b"mine", snap)
    assert caught.value.on_disk == "someone else's story"
    assert other.read_bytes() == b"someone else's story"
    assert sorted(p.name for p in other.parent.iterdir()) == ["li-nai-nai.md", "wang.md"]


def test_a_new_file_without_hard_links_is_still_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(1, "Operation not permitted")  # FAT on a USB stick

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "new.yaml"
    snap = Snapshot.of(path)
    save(path, b"- a: 1\n", snap)
    assert path.read_bytes() == b"- a: 1\n"
    with pytest.raises(SaveConflict):
        save(path, b"- b: 2\n", snap)
    assert path.read_bytes() == b"- a: 1\n"


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "wishes.yaml"
    path.write_bytes(b"old\n")
    snap = Snapshot.of(path)

    def full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        save(path, b"new\n", snap)
    assert path.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wishes.yaml"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- file names and paths ---------------------------------------------------------------


def test_new_files_are_named_as_new_story_names_them() -> None:
    assert slug_for("李奶奶的电梯") == "li-nai-nai-de-dian-ti"
    assert slug_for("CON") == "con-1"  # a Windows device name is made harmless
    assert len(slug_for("好" * 10_000)) <= 60


def test_content_path_accepts_plain_relative_paths(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    assert content_path(content, "stories/li-nai-nai.md") == content / "stories/li-nai-nai.md"
    assert content_path(content, "points/ledger/2026-12.yaml").name == "2026-12.yaml"
    assert content_path(content, "wishes.yaml") == content / "wishes.yaml"


@pytest.mark.parametrize(
    "relative",
    [
        "../site.yaml",
        "stories/../../etc/passwd",
        "stories/./a.md",
        "stories//a.md",
        "..",
        ".",
        "",
        "/etc/passwd",
        "C:\\x",
        "C:x.md",
        "c:/Windows/win.ini",
        "\\\\server\\share\\a.md",
        "//server/share/a.md",
        "stories\\a.md",
        "stories/a\x00.md",
        "\x00",
        "a" * 10_000,
        "stories/" + "a" * 10_000 + ".md",
        "stories/" + "好" * 60 + ".md",
        "CON",
        "stories/nul.txt",
        "stories/com1.md",
        "stories/a.md ",
        "stories/a.md.",
        " stories/a.md",
        "stories/a:b.md",
        "stories/.hidden.md",
    ],
)
def test_content_path_refuses_what_would_leave_content(tmp_path: Path, relative: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(EditRefused) as caught:
        content_path(content, relative)
    assert caught.value.code == "edit.path_refused"
    shown = caught.value.params["path"]
    assert "\x00" not in shown and len(shown) <= 80


def test_content_path_refuses_a_link_out_of_content(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "stories").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (content / "stories" / "out").symlink_to(outside)
    with pytest.raises(EditRefused):
        content_path(content, "stories/out/a.md")


# --- the messages the refusals name ------------------------------------------------------


def test_conflict_message() -> None:
    assert message_text("edit.conflict", "zh-CN", {"path": "wishes.yaml"}) == (
        "没有保存：打开表单以后，wishes.yaml 在电脑上被改过了（用记事本改过，或者刚从 git 拉了新版本）。"
        "什么都没有覆盖"
    )
    assert message_hint("edit.conflict", "zh-CN", {"path": "wishes.yaml"}) == (
        "下面并排显示文件现在的内容和你要保存的内容：把你的修改抄到现在的版本里，再保存一次"
    )
    assert message_text("edit.conflict", "en", {"path": "wishes.yaml"}).startswith(
        "Not saved: wishes.yaml was changed on disk after the form was opened"
    )


def test_path_refused_message(tmp_path: Path) -> None:
    with pytest.raises(EditRefused) as caught:
        content_path(tmp_path, "../site.yaml")
    refused = caught.value
    assert message_text(refused.code, "zh-CN", refused.params) == (
        "不能写到 “../site.yaml”：它会落在 content 文件夹外面，或者是系统不允许的名字。没有保存"
    )
    assert message_text(refused.code, "en", refused.params) == (
        "Cannot write “../site.yaml”: it would land outside the content folder, or is a name "
        "the system does not allow. Nothing was saved"
    )


def test_not_round_trip_message() -> None:
    # a flow list ([a, b]) is not a list an entry can be appended to line by line
    with pytest.raises(EditRefused) as caught:
        append_entry("[{wish: a}]\n", {"wish": "b"})
    assert caught.value.code == "edit.not_round_trip"
    assert message_text("edit.not_round_trip", "zh-CN") == (
        "这个文件的写法（缩进、引号或注释的位置）编辑器没法原样保留，为了不动到别的内容，没有保存"
    )
    assert message_hint("edit.not_round_trip", "en") == (
        "Make this change in the file itself, with a text editor"
    )


def test_no_list_message() -> None:
    with pytest.raises(EditRefused) as caught:
        append_entry("title: 光荣榜\n", {"name": "李四"}, under="entries")
    assert caught.value.code == "edit.no_list"
    assert message_text("edit.no_list", "zh-CN") == (
        "这个文件里找不到要添加的列表（每一项以 “- ” 开头），新的一项没法接在后面。没有保存"
    )


def test_broken_yaml_message() -> None:
    with pytest.raises(EditRefused) as caught:
        change_entry("- wish: [a\n", 0, {"status": "done"})
    assert caught.value.code == "edit.broken_yaml"
    assert message_text("edit.broken_yaml", "en") == (
        "This file has a YAML mistake the editor cannot read past, so nothing was saved"
    )
    assert message_hint("edit.broken_yaml", "zh-CN") == (
        "先运行 site-builder check，照提示用记事本改好，再用编辑器"
    )
