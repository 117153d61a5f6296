"""Typed fields read from located YAML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import Record
from site_builder.sources import load_yaml


def record(text: str) -> Record:
    diags = Diagnostics()
    return Record(load_yaml(text, Path("r.yaml"), diags), Location(Path("r.yaml"), 1), diags)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2025-05-20", dt.date(2025, 5, 20)),
        ("2025/5/2", dt.date(2025, 5, 2)),
        ("2025年5月20日", dt.date(2025, 5, 20)),
        ("2025.05.20", dt.date(2025, 5, 20)),
    ],
)
def test_dates_in_the_forms_volunteers_type(written: str, expected: dt.date) -> None:
    r = record(f"date: {written}\n")
    assert r.date("date") == expected
    assert not r.diags.items


def test_impossible_date_is_an_error_at_its_column() -> None:
    r = record("title: x\ndate: 2025-02-30\n")
    assert r.date("date") is None
    (error,) = r.diags.errors
    assert (error.code, error.location.line, error.location.column) == (
        "field.impossible_date",
        2,
        7,
    )


@pytest.mark.parametrize(
    ("written", "expected"), [("true", True), ("no", False), ("是", True), ("False", False)]
)
def test_booleans(written: str, expected: bool) -> None:
    assert record(f"draft: {written}\n").boolean("draft") is expected


def test_texts_accept_flow_block_and_comma_lists() -> None:
    assert record("t: [助老, 好邻居]\n").texts("t") == ("助老", "好邻居")
    assert record("t:\n  - 助老\n  - 好邻居\n").texts("t") == ("助老", "好邻居")
    assert record("t: 助老，好邻居、 志愿服务\n").texts("t") == ("助老", "好邻居", "志愿服务")
    assert record("t: [助老, 助老]\n").texts("t") == ("助老",)


def test_text_keeps_phone_and_room_as_written() -> None:
    r = record("phone: 13812345678\nroom: 0301\nname: NO\n")
    assert (r.text("phone"), r.text("room"), r.text("name")) == ("13812345678", "0301", "NO")


def test_unknown_key_suggests_the_closest() -> None:
    r = record("tittle: x\n")
    r.finish(["title", "date"])
    (error,) = r.diags.errors
    assert error.code == "field.unknown_guess"
    assert dict(error.params)["guess"] == "title"


def test_a_misspelled_required_key_is_one_error() -> None:
    r = record("titel: 小区篮球场翻新\ndate: 2025-06-10\n")
    assert r.text("title", required=True) is None
    r.finish(["title", "date"])
    (error,) = r.diags.items
    assert error.code == "field.misspelled_required"
    assert dict(error.params) == {"key": "titel", "guess": "title"}
    assert (error.location.line, error.location.column) == (1, 1)


def test_a_chinese_key_for_a_missing_required_field_is_one_error() -> None:
    r = record("标题: 好邻居\ndate: 2025-05-20\n")
    r.text("title", required=True)
    r.finish(["title", "date"])
    assert [(d.code, dict(d.params)["key"]) for d in r.diags.items] == [
        ("field.misspelled_required", "标题")
    ]


def test_a_misspelling_beside_the_right_key_is_only_unknown() -> None:
    r = record("title: 好邻居\ntitel: 好邻居\n")
    r.text("title", required=True)
    r.finish(["title", "date"])
    assert [d.code for d in r.diags.items] == ["field.unknown_guess"]


def test_a_missing_field_with_an_unrelated_unknown_key_is_still_missing() -> None:
    r = record("date: 2025-06-10\ncolour: red\n")
    r.text("title", required=True)
    r.finish(["title", "date"])
    assert [d.code for d in r.diags.items] == ["field.required", "field.unknown"]


def test_without_finish_a_missing_field_stays_reported() -> None:
    r = record("titel: x\n")
    r.text("title", required=True)
    assert [d.code for d in r.diags.items] == ["field.required"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"stories/a.md": "---\ntitel: 好邻居\ndate: 2025-05-20\n---\n正文\n"},
            "content/stories/a.md:2:1: 错误: 不认识的设置 “titel”，所以还缺少必填项 title",
        ),
        (
            {"notices/a.md": "---\ntitle: 停水\ndaet: 2026-11-20\n---\n正文\n"},
            "content/notices/a.md:3:1: 错误: 不认识的设置 “daet”，所以还缺少必填项 date",
        ),
        (
            {"events/a.yaml": "- titel: 端午包粽子\n  start: 2025-05-31\n"},
            "content/events/a.yaml:1:3: 错误: 不认识的设置 “titel”，所以还缺少必填项 title",
        ),
        (
            {"honors/a.yaml": "title: 榜\nawarded: 2026-06-30\nentires:\n  - name: 陈家\n"},
            "content/honors/a.yaml:3:1: 错误: 不认识的设置 “entires”，所以还缺少必填项 entries",
        ),
        (
            {"wishes.yaml": "- wish: 修好单车\n  whoo: 王阿姨\n  date: 2026-11-01\n"},
            "content/wishes.yaml:2:3: 错误: 不认识的设置 “whoo”，所以还缺少必填项 who",
        ),
    ],
    ids=["story", "notice", "event", "honor roll", "wish"],
)
def test_every_kind_reports_a_misspelled_required_key_once(make_site, cli, files, expected):
    content = make_site(files)
    run = cli("check", "--content", "content", "--today", "2026-11-22", cwd=content.parent)
    errors = [line for line in run.err.splitlines() if ": 错误: " in line]
    assert errors == [expected]
    assert run.err.rstrip().endswith("检查未通过：1 个错误。")


def test_a_misspelled_community_is_one_error(make_site, cli):
    """read_community reports a missing community in its own words, through Record.missing."""
    content = make_site(
        {"stories/a.md": "---\ntitle: 好邻居\ndate: 2025-05-20\ncomunity: longteng\n---\n正文\n"},
        site_yaml="title: 两个小区\ncommunities:\n  - {id: longteng, name: 龙腾广场小区}\n"
        "  - {id: xiangzhang, name: 香樟雅苑}\n",
    )
    run = cli("check", "--content", "content", "--today", "2026-11-22", cwd=content.parent)
    errors = [line for line in run.err.splitlines() if ": 错误: " in line]
    assert errors == [
        "content/stories/a.md:4:1: 错误: 不认识的设置 “comunity”，所以还缺少必填项 community"
    ]
