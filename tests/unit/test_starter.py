"""`site-builder init`: a working site from nothing, never over an existing one."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from site_builder.config import ASSETS_FIELDS, FIELDS, KIOSK_FIELDS, PRIVACY_FIELDS
from site_builder.starter import STARTER, starter_tokens
from tests.conftest import TODAY_ARG


def test_init_makes_a_site_that_checks_and_builds(tmp_path, cli) -> None:
    run = cli("init", "小区网站", "--today", TODAY_ARG, cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "已新建示例网站 小区网站/content：1 篇故事、1 条通知、1 个活动、3 位居民的积分。"
        "每个文件里都有说明，照着改就行。",
        "下一步：cd 小区网站，然后运行 site-builder build 生成网站，或运行 site-builder serve 边改边预览",
    ]
    site = tmp_path / "小区网站"
    check = cli("check", "--today", TODAY_ARG, cwd=site)
    assert check.code == 0, check.err
    assert check.out == "检查通过，没有发现错误：1 篇故事、1 个活动、3 条积分记录。\n"
    build = cli("build", "--today", TODAY_ARG, cwd=site)
    assert (build.code, build.err) == (0, "")
    home = (site / "output" / "site" / "index.html").read_text(encoding="utf-8")
    for shown in ("张阿姨给独居的李爷爷送了三年饭", "二次供水水箱清洗", "义务理发", "积分"):
        assert shown in home
    story = site / "output" / "site" / "stories" / "zhang-ayi-song-fan" / "index.html"
    assert "写法说明" not in story.read_text(encoding="utf-8")  # the how-to comment stays out
    assert (site / "output" / "kiosk" / "index.html").is_file()


def test_init_in_the_current_folder(tmp_path, cli) -> None:
    run = cli("init", "--today", TODAY_ARG, cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.out.splitlines()[-1] == (
        "下一步：运行 site-builder build 生成网站，或运行 site-builder serve 边改边预览"
    )
    assert (tmp_path / "content" / "site.yaml").is_file()


def test_init_refuses_an_existing_site_and_writes_nothing(tmp_path, cli) -> None:
    (tmp_path / "content").mkdir()
    mine = tmp_path / "content" / "site.yaml"
    mine.write_text("title: 我的小区\n", encoding="utf-8")
    run = cli("init", "--today", TODAY_ARG, cwd=tmp_path)
    assert run.code == 2
    assert run.err.splitlines() == [
        "content 已经有内容了：init 只在空文件夹里新建网站，不会覆盖任何文件",
        "  提示: 换一个新文件夹：site-builder init 新文件夹名；要检查已有的网站：site-builder check --content content",
    ]
    assert [p.name for p in (tmp_path / "content").iterdir()] == ["site.yaml"]
    assert mine.read_text(encoding="utf-8") == "title: 我的小区\n"


def test_init_refuses_a_file(tmp_path, cli) -> None:
    (tmp_path / "网站").write_text("", encoding="utf-8")
    run = cli("init", "网站", cwd=tmp_path)
    assert run.code == 2
    assert run.err.splitlines()[0] == "网站 是一个文件，不是文件夹：网站要放在文件夹里"


def test_init_leaves_no_half_site_when_writing_fails(tmp_path, cli, monkeypatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("site_builder.starter.Path.write_bytes", full)
    run = cli("init", "网站", cwd=tmp_path)
    assert run.code == 3
    assert "读写文件失败：[Errno 28] No space left on device" in run.err
    assert list((tmp_path / "网站").iterdir()) == []


def test_init_in_english(tmp_path, cli) -> None:
    run = cli("init", "our-site", "--language", "en", "--today", TODAY_ARG, cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.out.startswith("Started a site in our-site/content: one story")
    site_yaml = (tmp_path / "our-site" / "content" / "site.yaml").read_text(encoding="utf-8")
    assert "language: en" in site_yaml
    assert not re.search(r"[\u4e00-\u9fff]", site_yaml)  # every comment in the site's language
    check = cli("check", "--today", TODAY_ARG, cwd=tmp_path / "our-site")
    assert check.out == "Check passed, no errors found: 1 stories, 1 events, 3 ledger entries.\n"


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_site_setting_is_in_the_starter(language: str) -> None:
    """site.yaml shows every setting the program reads, each with a comment above it."""
    text = (STARTER / language / "content" / "site.yaml").read_text(encoding="utf-8")
    for key in (*FIELDS, *PRIVACY_FIELDS, *ASSETS_FIELDS, *KIOSK_FIELDS):
        assert re.search(rf"^[# ]*{key}:", text, re.MULTILINE), key


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_starter_with_each_commented_setting_switched_on(tmp_path, cli, language) -> None:
    """A volunteer uncomments a setting of site.yaml: the site still checks."""
    cli("init", "--language", language, "--today", TODAY_ARG, cwd=tmp_path)
    path = tmp_path / "content" / "site.yaml"
    original = path.read_text(encoding="utf-8")
    blocks = re.findall(r"(?m)^# (?:[a-z_]+:.*\n)(?:#   .*\n)*", original)
    assert len(blocks) >= 2  # base_url and communities
    for block in blocks:
        switched = re.sub(r"(?m)^# ", "", block)
        text = original.replace(block, switched)
        if "communities:" in switched:  # every file then names its community
            continue
        path.write_text(text, encoding="utf-8")
        run = cli("check", "--today", TODAY_ARG, cwd=tmp_path)
        assert run.code == 0, (block, run.err)


def test_starter_dates_follow_the_day_it_is_made() -> None:
    tokens = starter_tokens(dt.date(2026, 12, 6))  # a Sunday
    assert tokens["@EVENT_START@"] == "2026-12-12 09:00"  # the next Saturday, as its rule says
    assert tokens["@MONTH@"] == "2026-12"
    assert starter_tokens(dt.date(2026, 12, 12))["@EVENT_START@"] == "2026-12-19 09:00"
