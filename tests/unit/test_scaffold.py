"""`site-builder new`: a new file that checks clean, named in pinyin, never overwriting."""

from __future__ import annotations

import re
import shutil

import pytest

from site_builder.scaffold import slug_for
from tests.conftest import TODAY_ARG

TWO = "title: x\ncommunities:\n  - {id: longteng, name: 龙腾}\n  - {id: xiangzhang, name: 香樟}\n"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("李奶奶的电梯", "li-nai-nai-de-dian-ti"),
        ("端午包粽子 2026", "duan-wu-bao-zong-zi-2026"),
        ("Tai Chi: Saturday", "tai-chi-saturday"),
        ("！！！", "untitled"),
    ],
)
def test_slug_is_pinyin(title: str, slug: str) -> None:
    assert slug_for(title) == slug


@pytest.mark.parametrize(
    ("kind", "folder", "suffix"),
    [("story", "stories", ".md"), ("notice", "notices", ".md"), ("event", "events", ".yaml")],
)
def test_new_file_passes_check(make_site, cli, kind: str, folder: str, suffix: str) -> None:
    content = make_site(site_yaml=TWO)
    title = "重阳节：敬老宴 #1"
    run = cli("new", kind, title, "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 0, run.err
    path = content / folder / f"chong-yang-jie-jing-lao-yan-1{suffix}"
    assert run.out.splitlines() == [
        f"已创建 content/{folder}/{path.name}",
        "打开它填写内容，然后运行 site-builder check 检查",
    ]
    text = path.read_text(encoding="utf-8")
    assert title in text and "community: longteng" in text
    check = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert check.code == 0, check.err
    assert check.err == ""


@pytest.mark.parametrize(
    ("kind", "title", "name"),
    [
        ("notice", "con", "notices/con-1.md"),
        ("story", "COM1", "stories/com1-1.md"),
        ("story", "page", "stories/page-1.md"),
        ("notice", "Nul", "notices/nul-1.md"),
        ("event", "lpt9", "events/lpt9-1.yaml"),
        ("story", "index.html", "stories/index-html.md"),
        ("notice", "长" * 100, "notices/" + "-".join(["chang"] * 10) + ".md"),
    ],
)
def test_new_never_makes_a_file_the_build_refuses(make_site, cli, kind, title, name) -> None:
    """A reserved or too-long title gets a safe file name (issue 22), and the file checks."""
    content = make_site()
    run = cli("new", kind, title, "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 0, run.err
    assert (content / name).is_file(), sorted(p.name for p in content.rglob("*"))
    check = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert check.code == 0, check.err


def test_new_refuses_a_title_the_build_would_refuse(make_site, cli) -> None:
    """A title over 200 characters is a usage error, and no file is made (issue 22)."""
    content = make_site()
    run = cli("new", "notice", "长" * 201, "--content", "content", cwd=content.parent)
    assert run.code == 2
    assert run.err.splitlines() == [
        "标题太长：有 201 个字，最多 200 个字",
        "  提示: 写一个短一点的标题；详细内容写在正文里",
    ]
    assert not (content / "notices").exists()


def test_new_refuses_an_empty_title(make_site, cli) -> None:
    content = make_site()
    run = cli("new", "story", "  ", "--content", "content", cwd=content.parent)
    assert run.code == 2
    assert run.err.splitlines()[0] == "标题是空的"
    assert not (content / "stories").exists()


def test_new_never_overwrites(make_site, cli) -> None:
    content = make_site()
    for _ in range(2):
        assert cli("new", "story", "好邻居", "--content", "content", cwd=content.parent).code == 0
    assert sorted(p.name for p in (content / "stories").iterdir()) == [
        "hao-lin-ju-2.md",
        "hao-lin-ju.md",
    ]


def test_new_story_starts_as_a_draft(make_site, cli) -> None:
    content = make_site()
    cli("new", "story", "好邻居", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    run = cli(
        "build",
        "--content",
        "content",
        "--target",
        "site",
        "--today",
        TODAY_ARG,
        cwd=content.parent,
    )
    assert run.code == 0
    assert not (content.parent / "output" / "site" / "stories" / "hao-lin-ju").exists()


_OPTION = re.compile(r"^(\s*)# ([a-z_]+: .*)$")
"""A commented option: `# key: value`, a volunteer switches it on by deleting `# `."""


@pytest.mark.parametrize("kind", ["story", "notice", "event"])
@pytest.mark.parametrize("communities", [False, True])
def test_each_commented_option_switched_on_still_checks(
    tmp_path, cli, kind: str, communities: bool
) -> None:
    """The file `new` makes checks clean as made, and with each commented option switched on."""
    cli("init", "--today", TODAY_ARG, cwd=tmp_path)
    content = tmp_path / "content"
    if communities:
        (content / "site.yaml").write_text(TWO, encoding="utf-8")
        for extra in ("stories", "notices", "events", "points"):
            shutil.rmtree(content / extra)
    run = cli("new", kind, "周六义诊", "--today", TODAY_ARG, cwd=tmp_path)
    assert run.code == 0, run.err
    path = content / run.out.splitlines()[0].split("content/", 1)[1]
    made = path.read_text(encoding="utf-8")
    lines = made.splitlines(keepends=True)
    options = [i for i, line in enumerate(lines) if _OPTION.match(line)]
    assert len(options) >= {"story": 4, "notice": 0, "event": 3}[kind]
    variants = [made] + [
        "".join(_OPTION.sub(r"\1\2", line) if i == n else line for i, line in enumerate(lines))
        for n in options
    ]
    variants.append("".join(_OPTION.sub(r"\1\2", line) for line in lines))  # all at once
    if kind == "story":
        variants.append(made.replace("draft: true", "draft: false"))
    for text in variants:
        path.write_text(text, encoding="utf-8")
        check = cli("check", "--today", TODAY_ARG, cwd=tmp_path)
        assert (check.code, check.err) == (0, ""), text


def test_new_event_repeat_matches_its_start(tmp_path, cli) -> None:
    """The commented repeat names the start's own weekday, whatever day `new` runs."""
    cli("init", "--today", TODAY_ARG, cwd=tmp_path)
    for day in range(22, 29):  # a week of days
        today = f"2026-11-{day}"
        run = cli("new", "event", f"活动{day}", "--today", today, cwd=tmp_path)
        path = tmp_path / "content" / run.out.splitlines()[0].split("content/", 1)[1]
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(_OPTION.sub(r"\1\2", line) for line in lines), encoding="utf-8")
    check = cli("check", "--today", TODAY_ARG, cwd=tmp_path)
    assert (check.code, check.err) == (0, ""), check.err


@pytest.mark.parametrize("kind", ["story", "notice", "event"])
def test_new_speaks_the_sites_language(tmp_path, cli, kind: str) -> None:
    """An English site's new files explain themselves in English, and still check."""
    cli("init", "--language", "en", "--today", TODAY_ARG, cwd=tmp_path)
    run = cli("new", kind, "Saturday clinic", "--today", TODAY_ARG, cwd=tmp_path)
    assert run.code == 0, run.err
    path = tmp_path / "content" / run.out.splitlines()[0].split("content/", 1)[1]
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"[\u4e00-\u9fff]", text), text
    lines = text.split("\n")
    path.write_text("\n".join(_OPTION.sub(r"\1\2", line) for line in lines), encoding="utf-8")
    check = cli("check", "--today", TODAY_ARG, cwd=tmp_path)
    assert (check.code, check.err) == (0, ""), check.err
