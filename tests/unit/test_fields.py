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
