"""Incremental builds: after every edit, the output is byte for byte a clean build's.

The bundled sample site is copied, then edited step by step the way volunteers
edit it. After each step one output folder is rebuilt incrementally (it keeps
its build state and the story memo between steps) and another is built from
nothing, with an empty cache; the two trees must be identical.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.cli import main
from tests.conftest import REPO, TODAY_ARG

Edit = Callable[[Path], None]


def _append(relative: str, text: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / "content" / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return edit


def _replace(relative: str, old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / "content" / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{relative} no longer has {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _write(relative: str, text: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return edit


def _delete(relative: str) -> Edit:
    def edit(root: Path) -> None:
        (root / "content" / relative).unlink()

    return edit


def _copy_asset(source: str, relative: str) -> Edit:
    def edit(root: Path) -> None:
        shutil.copyfile(root / "content" / source, root / "content" / relative)

    return edit


NEW_STORY = """---
title: 楼道里的新路灯
date: 2026-11-21
category: 好邻居
tags: [好邻居, 平安]
community: longteng
cover: assets/new-light.png
---
三栋的电工老孙自己买了灯泡，把楼道里坏了半个月的灯修好了。

邻居们说：[就像那对好婆媳一样](hao-poxi.md)，小事也值得写下来。
"""

STEPS: list[tuple[str, Edit]] = [
    ("nothing changed", lambda root: None),
    ("a story's body", _append("stories/hao-poxi.md", "\n她们说，日子是一起过出来的。\n")),
    ("a story's title", _replace("stories/hao-poxi.md", "一家三代的", "三代同堂的")),
    ("a story's tags", _replace("stories/hao-poxi.md", "最美家庭]", "最美家庭, 孝老爱亲]")),
    ("a new asset", _copy_asset("assets/roof.png", "assets/new-light.png")),
    (
        "a new story with a cover, linking another",
        _write("content/stories/new-light.md", NEW_STORY),
    ),
    (
        "the linked story becomes a draft (a broken link: an error)",
        _replace("stories/hao-poxi.md", "---\n在", "draft: true\n---\n在"),
    ),
    ("the draft is published again", _replace("stories/hao-poxi.md", "draft: true\n", "")),
    ("a story is deleted", _delete("stories/duanwu-zongzi.md")),
    ("a notice", _replace("notices/2026-11-tingshui.md", "暂停供水", "暂时停止供水")),
    ("a ledger entry", _replace("points/ledger/2026-11.yaml", "resident: R013", "resident: R017")),
    (
        "a theme template overridden",
        _write(
            "templates/story.html",
            '{% extends "base.html" %}\n{% block main %}<h1>{{ story.title }}</h1>{{ story.html|body }}{% endblock %}\n',
        ),
    ),
    ("the override removed", lambda root: (root / "templates" / "story.html").unlink()),
    ("site.yaml", _replace("site.yaml", "和美家园", "和美家园（试运行）")),
    ("the asset is changed in place", _copy_asset("assets/zongzi.png", "assets/new-light.png")),
    # its sized copies are named after its bytes: the old ones go, the new ones come
    ("a story's cover changes", _replace("stories/xingfu-dianti.md", "elevator.png", "roof.png")),
    ("a shown picture's bytes replaced", _copy_asset("assets/balcony.png", "assets/roof.png")),
    ("the new story is deleted", _delete("stories/new-light.md")),
]

BREAKING = {"the linked story becomes a draft (a broken link: an error)"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _assert_same_tree(got: Path, want: Path, what: str) -> None:
    """Assert the output folder `got` holds the files of the clean build `want`, byte for byte."""
    got_files, want_files = _tree(got), _tree(want)
    assert sorted(got_files) == sorted(want_files), f"after {what}: files differ"
    differing = [path for path in want_files if got_files[path] != want_files[path]]
    assert not differing, f"after {what}: {differing[:5]} differ from a clean build"


def _build(
    root: Path, output: str, cache: str, monkeypatch: pytest.MonkeyPatch, expect: int = 0
) -> None:
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(root / cache))
    args = ["build", "--content", str(root / "content"), "--output", str(root / output)]
    assert main([*args, "--target", "site", "--today", TODAY_ARG, "--quiet"]) == expect


def test_incremental_builds_equal_clean_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    _build(tmp_path, "incremental", "cache-incremental", monkeypatch)
    in_place: list[str] = []
    for number, (what, edit) in enumerate(STEPS):
        before = _tree(tmp_path / "incremental" / "site")
        edit(tmp_path)
        folder = (tmp_path / "incremental" / "site").stat().st_ino
        if what in BREAKING:  # an error: the site stays exactly as it was
            _build(tmp_path, "incremental", "cache-incremental", monkeypatch, expect=1)
            assert _tree(tmp_path / "incremental" / "site") == before, what
            continue
        _build(tmp_path, "incremental", "cache-incremental", monkeypatch)
        if (tmp_path / "incremental" / "site").stat().st_ino == folder:
            in_place.append(what)
        clean = f"clean-{number}"
        _build(tmp_path, clean, f"cache-{clean}", monkeypatch)
        capsys.readouterr()
        _assert_same_tree(tmp_path / "incremental" / "site", tmp_path / clean / "site", what)
        shutil.rmtree(tmp_path / clean)
    # most edits touch a few pages: those builds updated the live folder in place
    assert len(in_place) >= len(STEPS) - len(BREAKING) - 4


def test_a_deleted_story_leaves_no_page_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    _build(tmp_path, "output", "cache", monkeypatch)
    page = tmp_path / "output" / "site" / "stories" / "duanwu-zongzi" / "index.html"
    cover = tmp_path / "output" / "site" / "assets" / "zongzi.png"
    assert page.is_file() and cover.is_file()
    _delete("stories/duanwu-zongzi.md")(tmp_path)
    _build(tmp_path, "output", "cache", monkeypatch)
    assert not page.exists()
    assert not page.parent.exists()  # nor its folder
    assert cover.exists()  # content/assets/ is published whole
    everything = b"".join(_tree(tmp_path / "output" / "site").values())
    assert "一百二十个粽子".encode() not in everything


def test_an_interrupted_update_is_followed_by_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    _build(tmp_path, "output", "cache", monkeypatch)
    # a build killed while moving files in leaves its journal behind
    (tmp_path / "output" / ".site-builder-updating-site").write_text("1\n", encoding="utf-8")
    (tmp_path / "output" / "site" / "index.html").write_text("half", encoding="utf-8")
    folder = (tmp_path / "output" / "site").stat().st_ino
    _build(tmp_path, "output", "cache", monkeypatch)
    assert (tmp_path / "output" / "site").stat().st_ino != folder  # rebuilt and swapped in
    assert "half" not in (tmp_path / "output" / "site" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "output" / ".site-builder-updating-site").exists()


def _settled_sample(root: Path) -> None:
    """Copy the sample content into `root`, its files an hour old (a stamp alone tells)."""
    shutil.copytree(REPO / "content", root / "content")
    hour_ago = time.time() - 3600
    for path in (root / "content").rglob("*"):
        os.utime(path, (hour_ago, hour_ago))


# serve: story edits patched from the last build, kept in memory --------------------------------------------

PATCHED_STEPS: list[tuple[str, Edit, bool]] = [
    ("nothing changed", lambda root: None, True),
    ("a story's body", _append("stories/hao-poxi.md", "\n她们说，日子是一起过出来的。\n"), True),
    ("the newest story's title", _replace("stories/shijian-yinhang.md", "两百个", "三百个"), True),
    (
        "a written summary",
        _replace("stories/meili-yangtai.md", "一位退休园艺师", "退休园艺师"),
        True,
    ),
    (
        "a story's people",
        _replace("stories/hao-poxi.md", "people: [邓秀英,", "people: [邓奶奶,"),
        True,
    ),
    (
        "two stories at once",
        lambda root: (
            _append("stories/sidianban-ketang.md", "\n孩子们送来了一张贺卡。\n")(root),
            _append("stories/xingfu-dianti.md", "\n电梯已经运行一周年。\n")(root),
        ),
        True,
    ),
    ("a story's tags", _replace("stories/hao-poxi.md", "最美家庭]", "最美家庭, 孝老爱亲]"), False),
    (
        "a story's date",
        _replace("stories/hao-poxi.md", "date: 2025-11-02", "date: 2025-11-03"),
        False,
    ),
    ("a mobile number in a story", _append("stories/hao-poxi.md", "\n联系：13912345678\n"), False),
    (
        "a picture in a story",
        _append("stories/hao-poxi.md", "\n![屋顶](../assets/roof.png)\n"),
        False,
    ),
    ("a notice", _replace("notices/2026-11-tingshui.md", "暂停供水", "暂时停止供水"), False),
    ("a story after a notice", _append("stories/hao-poxi.md", "\n又记一笔。\n"), True),
]


def test_serve_patches_story_edits_into_a_clean_builds_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from site_builder.diagnostics import Diagnostics
    from site_builder.incremental import rebuild
    from tests.conftest import TODAY

    _settled_sample(tmp_path)
    content, output = tmp_path / "content", tmp_path / "held"
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "cache-held"))
    kept = rebuild(content, output, ("site",), TODAY, Diagnostics())
    patched = []
    for number, (what, edit, expected) in enumerate(PATCHED_STEPS):
        edit(tmp_path)
        rebuilt = rebuild(content, output, ("site",), TODAY, Diagnostics(), kept=kept)
        if kept.last is not None and rebuilt.last is kept.last:  # a full build keeps anew
            patched.append(what)
        kept = rebuilt
        if not expected:  # a full build: the next one can patch once its files settle
            time.sleep(2.1)
        clean = f"clean-{number}"
        _build(tmp_path, clean, f"cache-{clean}", monkeypatch)
        monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "cache-held"))
        capsys.readouterr()
        _assert_same_tree(output / "site", tmp_path / clean / "site", what)
        shutil.rmtree(tmp_path / clean)
    assert patched == [what for what, _edit, expected in PATCHED_STEPS if expected]


# the CLI: a new process patches from the record the last full build left -------------------


def test_cli_builds_patch_story_edits_from_the_base_into_a_clean_builds_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import site_builder.build as build_module

    _settled_sample(tmp_path)
    loads = []
    real_load = build_module.load

    def counted_load(*args: object, **kwargs: object) -> object:
        loads.append(1)
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "load", counted_load)
    _build(tmp_path, "cli", "cache-cli", monkeypatch)
    patched = []
    for number, (what, edit, expected) in enumerate(PATCHED_STEPS):
        edit(tmp_path)
        capsys.readouterr()
        before = len(loads)
        _build(tmp_path, "cli", "cache-cli", monkeypatch)
        told = capsys.readouterr().err
        if len(loads) == before:
            patched.append(what)
        if not expected:  # a full build: the next one can patch once its files settle
            time.sleep(2.1)
        clean = f"clean-{number}"
        _build(tmp_path, clean, f"cache-{clean}", monkeypatch)
        assert told == capsys.readouterr().err, f"after {what}: other messages than a clean build"
        _assert_same_tree(tmp_path / "cli" / "site", tmp_path / clean / "site", what)
        shutil.rmtree(tmp_path / clean)
    assert patched == [what for what, _edit, expected in PATCHED_STEPS if expected]


def test_a_cli_build_after_serve_patched_stories_patches_from_the_same_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import site_builder.build as build_module
    from site_builder.diagnostics import Diagnostics
    from site_builder.incremental import rebuild
    from tests.conftest import TODAY

    _settled_sample(tmp_path)
    content, output = tmp_path / "content", tmp_path / "out"
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "cache-out"))
    kept = rebuild(content, output, ("site",), TODAY, Diagnostics())
    _append("stories/hao-poxi.md", "\n她们说，日子是一起过出来的。\n")(tmp_path)
    again = rebuild(content, output, ("site",), TODAY, Diagnostics(), kept=kept)
    assert kept.last is not None and again.last is kept.last  # serve patched, wrote the pages
    # serve stopped; a volunteer edits again and builds from the CLI
    _replace("stories/shijian-yinhang.md", "两百个", "三百个")(tmp_path)
    loads = []
    real_load = build_module.load
    monkeypatch.setattr(build_module, "load", lambda *a, **k: loads.append(1) or real_load(*a, **k))
    _build(tmp_path, "out", "cache-out", monkeypatch)
    assert not loads  # patched from the record serve's first build left
    _build(tmp_path, "clean", "cache-clean", monkeypatch)
    assert _tree(output / "site") == _tree(tmp_path / "clean" / "site")


def test_a_build_stopped_by_a_template_error_keeps_the_story_memo(
    make_site, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The story memo is written while the pages render: a build that fails there
    still leaves it, and the next build does not read the stories again."""
    stories = {
        f"stories/s{n}.md": f"---\ntitle: 第{n}件好事\ndate: 2025-05-20\n---\n正文。\n"
        for n in range(3)
    }
    content = make_site(stories)
    (content.parent / "templates").mkdir()
    (content.parent / "templates" / "story.html").write_text("{{ no_such_name }}", encoding="utf-8")
    output = content.parent / "output"
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "cache"))
    run = cli(
        "build",
        "--target",
        "site",
        "--output",
        str(output),
        "--today",
        TODAY_ARG,
        cwd=content.parent,
    )
    assert run.code != 0 and "story.html" in run.err
    (memo,) = (tmp_path / "cache").glob("stories-*.sqlite")
    with sqlite3.connect(memo) as db:
        kept = sorted(Path(path).name for (path,) in db.execute("SELECT path FROM known"))
    assert kept == ["s0.md", "s1.md", "s2.md"]
