"""Issue 22 §4: the output folder is ours, and so is failure.

Writes never follow a symbolic link out of output/; a build of both targets
publishes both or neither; an output path that cannot be a folder is a usage
error; a board-only error names the content file and line.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import story


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
