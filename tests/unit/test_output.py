"""The output folder: refusals, the marker, staging and the atomic swap."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import folder_swap
from site_builder.output import MARKER, OutputFolderError, check_output_folder, staged
from site_builder.staging import write_file
from tests.conftest import TODAY_ARG, story


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    ("output", "code"),
    [
        ("content", "output.is_content"),
        (".", "output.contains_content"),
        ("content/out", "output.inside_content"),
    ],
)
def test_dangerous_output_folders_are_refused(tmp_path: Path, output: str, code: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(OutputFolderError) as caught:
        check_output_folder(tmp_path / output, content, None)
    assert caught.value.code == code


def test_output_holding_the_templates_is_refused(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "out" / "templates").mkdir(parents=True)
    with pytest.raises(OutputFolderError) as caught:
        check_output_folder(tmp_path / "out", tmp_path / "content", tmp_path / "out" / "templates")
    assert caught.value.code == "output.contains_templates"


def test_cli_refuses_content_as_output_with_usage_status(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    run = cli("build", "--content", "content", "--output", "content", cwd=content.parent)
    assert run.code == 2
    assert "输出文件夹 content 就是内容文件夹" in run.err
    assert sorted(p.name for p in content.iterdir()) == ["site.yaml", "stories"]


def test_someone_elses_folder_is_never_touched(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    documents = content.parent / "documents"
    documents.mkdir()
    (documents / "家庭账本.xlsx").write_bytes(b"keep me")
    run = cli("build", "--content", "content", "--output", "documents", cwd=content.parent)
    assert run.code == 2
    assert "不是 site-builder 创建的" in run.err
    assert snapshot(documents) == {"家庭账本.xlsx": b"keep me"}


def test_build_marks_its_folder_and_keeps_foreign_files_inside(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    assert cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent).code == 0
    out = content.parent / "output"
    assert (out / MARKER).is_file()
    (out / "README-publisher.txt").write_text("mine")
    assert cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent).code == 0
    assert (out / "README-publisher.txt").read_text() == "mine"
    assert not list(out.glob(".staging-*"))


def test_content_errors_leave_previous_output_byte_for_byte(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    assert cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent).code == 0
    before = snapshot(content.parent / "output")
    (content / "stories" / "b.md").write_text(story(date="2025-02-30"), encoding="utf-8")
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert snapshot(content.parent / "output") == before


def test_failure_mid_render_leaves_previous_output(make_site, cli, monkeypatch) -> None:
    content = make_site({f"stories/s{n}.md": story(title=f"故事{n}") for n in range(5)})
    assert cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent).code == 0
    before = snapshot(content.parent / "output")
    for n in range(3):  # most pages change (the search page is one that does not): staged
        (content / "stories" / f"new{n}.md").write_text(story(title="新故事"), encoding="utf-8")
    written: list[str] = []

    def failing_write(stage: Path, relative: str, data: str | bytes) -> None:
        written.append(relative)
        if len(written) == 4:
            raise OSError(28, "No space left on device")
        write_file(stage, relative, data)

    monkeypatch.setattr("site_builder.site_writer.write_file", failing_write)
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 3
    assert "读写文件失败：[Errno 28] No space left on device" in run.err
    assert len(written) == 4
    assert snapshot(content.parent / "output") == before
    assert not list((content.parent / "output").glob(".staging-*"))


def test_swap_replaces_the_live_folder(tmp_path: Path) -> None:
    out = tmp_path / "output"
    with staged(out, "site") as stage:
        write_file(stage, "index.html", "一")
    with staged(out, "site") as stage:
        write_file(stage, "index.html", "二")
    assert (out / "site" / "index.html").read_text(encoding="utf-8") == "二"
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "site"]


def test_swap_without_renameat2_uses_two_renames(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(folder_swap, "_exchange", lambda a, b: False)
    out = tmp_path / "output"
    for text in ("一", "二"):
        with staged(out, "site") as stage:
            write_file(stage, "index.html", text)
    assert (out / "site" / "index.html").read_text(encoding="utf-8") == "二"
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "site"]


@pytest.mark.parametrize("relative", ["../evil.html", "/etc/x", "a/../../b", "a\\b"])
def test_write_file_refuses_to_escape(tmp_path: Path, relative: str) -> None:
    with pytest.raises(ValueError):
        write_file(tmp_path, relative, "x")


def test_write_file_never_overwrites_within_a_build(tmp_path: Path) -> None:
    write_file(tmp_path, "a/index.html", "1")
    with pytest.raises(FileExistsError):
        write_file(tmp_path, "a/index.html", "2")


def test_a_build_killed_mid_way_leaves_the_old_site_and_is_cleaned_up_after(make_site, cli) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    files = {
        f"stories/s{n:03d}.md": story(title=f"故事{n}", body="正文。" * 400) for n in range(400)
    }
    content = make_site(files)
    assert (
        cli(
            "build",
            "--content",
            "content",
            "--target",
            "site",
            "--today",
            TODAY_ARG,
            cwd=content.parent,
        ).code
        == 0
    )
    output = content.parent / "output"
    before = snapshot(output / "site")
    (content / "stories" / "s000.md").write_text(story(title="改过的故事"), encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "site_builder",
            "build",
            "--content",
            str(content),
            "--output",
            str(output),
            "--target",
            "site",
            "--today",
            TODAY_ARG,
            "--quiet",
        ],
        cwd=REPO,
        env={**os.environ, "SITE_BUILDER_CACHE": str(content.parent / "fresh-cache")},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until it is writing its staging folder
        staging = list(output.glob(".staging-site-*"))
        if staging and any(staging[0].rglob("*.html")):
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert staging, "the build never started writing"
    assert snapshot(output / "site") == before  # the live site is untouched
    assert (
        cli(
            "build",
            "--content",
            "content",
            "--target",
            "site",
            "--today",
            TODAY_ARG,
            cwd=content.parent,
        ).code
        == 0
    )
    assert not list(output.glob(".staging-*"))  # the next build cleared the leftovers
    assert "改过的故事" in (output / "site" / "stories" / "s000" / "index.html").read_text(
        encoding="utf-8"
    )
