"""site.yaml: defaults, every section, and error collection."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.config import SLIDES, load_config, peek_language
from site_builder.diagnostics import Diagnostics
from tests.conftest import TODAY_ARG, story


def test_minimal_site_gets_the_spec_defaults(make_site) -> None:
    diags = Diagnostics()
    config = load_config(make_site(), diags)
    assert config is not None and not diags.items
    assert (config.title, config.language, config.timezone, config.base_url) == (
        "测试小区",
        "zh-CN",
        "Asia/Shanghai",
        None,
    )
    assert (config.privacy.names, config.privacy.phones) == ("mask", "mask")
    assert (
        config.kiosk.slides == SLIDES
        and config.kiosk.slide_seconds == 15
        and config.kiosk.night is None
    )
    assert config.communities == ()


def test_full_site_yaml(make_site) -> None:
    content = make_site(
        site_yaml=(
            "title: 龙腾\nlanguage: en\ntimezone: Asia/Urumqi\nbase_url: https://example.org/lt\n"
            "communities:\n  - {id: longteng, name: 龙腾广场小区}\n  - {id: xiangzhang, name: 香樟雅苑}\n"
            "privacy: {names: initials, phones: hide}\n"
            "kiosk:\n  slide_seconds: 20\n  slides: [today, stories]\n  night: 22:00-06:30\n"
        )
    )
    diags = Diagnostics()
    config = load_config(content, diags)
    assert config is not None and not diags.items
    assert config.base_url == "https://example.org/lt/"
    assert [c.id for c in config.communities] == ["longteng", "xiangzhang"]
    assert config.community("xiangzhang").name == "香樟雅苑"
    assert (config.privacy.names, config.privacy.phones) == ("initials", "hide")
    assert config.kiosk.slides == ("today", "stories")
    assert config.kiosk.night == (dt.time(22, 0), dt.time(6, 30))
    assert str(config.zone) == "Asia/Urumqi"


def test_every_problem_in_site_yaml_is_reported(make_site) -> None:
    content = make_site(
        site_yaml="title: x\nlanguage: fr\ntimezone: Mars/Base\nprivcy: {}\nkiosk:\n  slides: [today, poster]\n"
    )
    diags = Diagnostics()
    load_config(content, diags)
    assert [(d.code, d.location.line) for d in diags.errors] == [
        ("config.bad_language", 2),
        ("config.bad_timezone", 3),
        ("field.unknown_guess", 4),
        ("config.bad_choice", 6),
    ]


def test_peek_language_tolerates_a_broken_site_yaml(make_site) -> None:
    assert peek_language(make_site(site_yaml="title: [\nlanguage: en\n")) == "zh-CN"
    assert peek_language(make_site(site_yaml="title: x\nlanguage: en\n")) == "en"


@pytest.mark.parametrize(
    ("site_yaml", "errors"),
    [
        (
            "title: x\ncommunities:\n  - {idd: longteng, name: 龙腾}\n  - {id: xiangzhang, name: 香樟}\n",
            ["content/site.yaml:3:6: 错误: 不认识的设置 “idd”，所以还缺少必填项 id"],
        ),
        (
            "title: x\ncomunities:\n  - {id: longteng, name: 龙腾}\n",
            ["content/site.yaml:2:1: 错误: 不认识的设置 “comunities”"],
        ),
    ],
)
def test_a_mistake_in_communities_is_told_once(make_site, cli, site_yaml, errors) -> None:
    """Not again in every file that names a community, which could not be judged."""
    files = {f"stories/{n}.md": story(community="longteng") for n in "abc"}
    files["events/e.yaml"] = "- title: 义诊\n  start: 2026-12-01\n  community: longteng\n"
    content = make_site(files, site_yaml=site_yaml)
    run = cli("check", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert [line for line in run.err.splitlines() if ": 错误: " in line] == errors
