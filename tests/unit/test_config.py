"""site.yaml: defaults, every section, and error collection."""

from __future__ import annotations

import datetime as dt

from site_builder.config import SLIDES, load_config, peek_language
from site_builder.diagnostics import Diagnostics


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
