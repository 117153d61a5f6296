"""`site-builder new`: a new file that checks clean, named in pinyin, never overwriting."""

from __future__ import annotations

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
