"""The build cache's Markdown conversions: each body is converted once, whatever else changes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.kinds import story_loading
from site_builder.loading import load
from tests.conftest import TODAY, story

BODIES = {
    "a": "## 经过\n\n王阿姨每天给独居的李大爷送饭。\n\n- 早饭\n- 午饭\n",
    "b": "楼道的灯坏了，*张师傅*连夜修好。",
    "c": "| 项目 | 次数 |\n|---|---|\n| 送餐 | 30 |\n",
}


def _site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "stories").mkdir(parents=True)
    (content / "site.yaml").write_text("title: 测试小区\n", encoding="utf-8")
    for name, body in BODIES.items():
        (content / "stories" / f"{name}.md").write_text(story(body=body), encoding="utf-8")
    return content


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown texts converted from now on (few stories: converted in this process)."""
    done: list[str] = []
    convert = story_loading.convert

    def counted(text: str) -> str:
        done.append(text)
        return convert(text)

    monkeypatch.setattr(story_loading, "convert", counted)
    return done


def _html(content: Path, day: dt.date, cache: Path) -> dict[str, str]:
    loaded = load(content, day, Diagnostics(), cache)
    return {s.slug: s.html for s in loaded.site.stories}


def test_bodies_are_converted_once_and_kept(tmp_path: Path, conversions: list[str]) -> None:
    content, cache = _site(tmp_path), tmp_path / "cache"
    first = _html(content, TODAY, cache)
    assert sorted(conversions) == sorted(f"{b}\n" for b in BODIES.values())
    with sqlite3.connect(cache / "markdown.sqlite") as db:
        assert db.execute("SELECT count(*) FROM html").fetchone() == (3,)
    # another day: every story is made again (the memo is per day), no body converted again
    conversions.clear()
    assert _html(content, TODAY + dt.timedelta(days=1), cache) == first
    assert conversions == []
    # one body edited: that one only
    (content / "stories" / "b.md").write_text(story(body="灯修好了。"), encoding="utf-8")
    assert _html(content, TODAY + dt.timedelta(days=2), cache)["b"] == "<p>灯修好了。</p>"
    assert conversions == ["灯修好了。\n"]


def test_a_damaged_cache_is_set_aside(tmp_path: Path, conversions: list[str]) -> None:
    content, cache = _site(tmp_path), tmp_path / "cache"
    first = _html(content, TODAY, cache)
    (cache / "markdown.sqlite").write_bytes(b"not a database" * 100)
    conversions.clear()
    assert _html(content, TODAY + dt.timedelta(days=1), cache) == first
    assert len(conversions) == 3
    assert (cache / "markdown.damaged").read_bytes().startswith(b"not a database")
