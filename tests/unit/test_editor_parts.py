"""The editor's parts without a browser: who gets in, what an upload is, the repeat presets,
where an error goes, and a change checked as the build checks it (issue 28)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path, PurePosixPath

import pytest
from dateutil.rrule import rrulestr

from site_builder.editor.access import Access, is_loopback
from site_builder.editor.checking import problems_of
from site_builder.editor.repeats import PRESETS, choices, rule_for
from site_builder.editor.requests import MAX_UPLOAD, Upload, route_of
from site_builder.editor.saving import key_at
from site_builder.editor.uploads import Accepted, Rejected, accept
from tests.conftest import REPO


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.1.2.3", "[::1]"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org", ""])
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)
    assert not Access(host, 8000, editor=False).enabled


def test_the_host_header_must_name_this_server() -> None:
    access = Access("127.0.0.1", 8000, editor=False)
    assert access.host_allowed({"HTTP_HOST": "127.0.0.1:8000"})
    assert access.host_allowed({"HTTP_HOST": "localhost:8000"})
    assert access.host_allowed({"HTTP_HOST": "[::1]:8000"})
    assert not access.host_allowed({"HTTP_HOST": "evil.example:8000"})  # DNS rebinding
    assert not access.host_allowed({"HTTP_HOST": "127.0.0.1:8001"})
    assert not access.host_allowed({"HTTP_HOST": "127.0.0.1:80\x00"})
    assert not access.host_allowed({})


def test_a_post_must_come_from_this_origin() -> None:
    access = Access("127.0.0.1", 8000, editor=False)
    here = {"HTTP_HOST": "127.0.0.1:8000"}
    assert access.same_origin({**here, "HTTP_ORIGIN": "http://127.0.0.1:8000"})
    assert not access.same_origin({**here, "HTTP_ORIGIN": "http://evil.example"})
    assert not access.same_origin({**here, "HTTP_ORIGIN": "null"})
    assert access.same_origin({**here, "HTTP_REFERER": "http://127.0.0.1:8000/_edit/story"})
    assert not access.same_origin({**here, "HTTP_REFERER": "http://127.0.0.1:8000.evil/x"})
    assert not access.same_origin(here)
    assert access.page_token_matches(access.page_token)
    assert not access.page_token_matches("")


def test_beyond_loopback_a_printed_token_signs_in() -> None:
    access = Access("0.0.0.0", 8000, editor=True)
    assert access.enabled and access.login_token
    assert not access.signed_in({})
    assert not access.token_matches("wrong")
    assert access.token_matches(f" {access.login_token} ")
    name, cookie = access.session_cookie()
    assert name == "Set-Cookie" and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    value = cookie.split(";", 1)[0]
    assert access.signed_in({"HTTP_COOKIE": value})
    assert not access.signed_in({"HTTP_COOKIE": value[:-1] + "x"})
    assert Access("0.0.0.0", 8000, editor=True).login_token != access.login_token


def test_routes_under_edit() -> None:
    assert route_of("/_edit/") == "" and route_of("/_edit") == ""
    assert route_of("/_edit/story") == "story"
    assert route_of("/stories/x/") is None and route_of("/_editor") is None


def _png(size: tuple[int, int] = (40, 30), kind: str = "PNG") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, kind)
    return out.getvalue()


def test_an_upload_is_named_by_what_it_is_never_by_its_name() -> None:
    stored = accept(Upload("C:\\Users\\王\\..\\照片 1.JPG", _png()), PurePosixPath("assets"), set())
    assert stored == Accepted("assets/zhao-pian-1.png", stored.data)
    jpeg = accept(Upload("../../etc/passwd", _png(kind="JPEG")), PurePosixPath("assets"), set())
    assert isinstance(jpeg, Accepted) and jpeg.relative == "assets/passwd.jpg"
    taken = accept(Upload("a.png", _png()), PurePosixPath("assets"), {"A.png", "a-2.png"})
    assert isinstance(taken, Accepted) and taken.relative == "assets/a-3.png"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"GIF89a broken", "upload.not_picture"),
        (b"%PDF-1.7 not a picture", "upload.not_picture"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "upload.svg_active"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>", "upload.svg_active"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>", "upload.svg_broken"),
        (b"\x89PNG" + b"\0" * MAX_UPLOAD, "upload.too_big"),
    ],
)
def test_an_upload_that_is_no_picture_is_rejected(data: bytes, code: str) -> None:
    found = accept(Upload("x.png", data), PurePosixPath("assets"), set())
    assert isinstance(found, Rejected) and found.code == code


def test_a_clean_svg_is_taken() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'
    assert accept(Upload("logo.svg", svg), PurePosixPath("assets"), set()) == Accepted(
        "assets/logo.svg", svg
    )


@pytest.mark.parametrize("day", [dt.date(2026, 12, 1) + dt.timedelta(days=n) for n in range(62)])
def test_every_repeat_preset_falls_on_its_start(day: dt.date) -> None:
    start = dt.datetime.combine(day, dt.time(9, 0))
    offered = dict(choices(day, "zh-CN"))
    for preset in PRESETS[1:]:
        rule = rule_for(preset, day, dt.date(2027, 12, 31))
        assert (rule is None) == (preset not in offered), (preset, day)
        if rule is not None:
            assert next(iter(rrulestr(rule, dtstart=start))) == start, (preset, rule)


def test_repeat_presets_are_named_as_the_site_names_them() -> None:
    offered = dict(choices(dt.date(2026, 12, 5), "zh-CN"))  # the first Saturday
    assert offered["weekly"] == "每周六" and offered["monthly_nth"] == "每月第一个周六"
    assert "monthly_last" not in offered
    assert dict(choices(dt.date(2026, 12, 27), "zh-CN"))["monthly_last"] == "每月最后一个周日"


def test_an_error_line_names_the_field_that_wrote_it() -> None:
    story = "---\ntitle: 甲\ndate: 2026-13-01\ntags: [a,\n  b]\n---\n正文\n"
    assert key_at(story, 3, front_matter=True) == "date"
    assert key_at(story, 5, front_matter=True) == "tags"
    ledger = "# 注释\n- date: 2026-12-01\n  resident: R001\n  earn: x\n"
    assert key_at(ledger, 3) == "resident"
    roll = "title: 榜\nentries:\n  - name: 甲\n    story: nope\n"
    assert key_at(roll, 4) == "story"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path / "content"


def test_a_change_that_breaks_another_file_is_found_there(sample: Path) -> None:
    story = sample / "stories/meili-yangtai.md"
    renamed = story.read_text("utf-8").replace("slug: meili-yangtai", "slug: yangtai")
    assert renamed != story.read_text("utf-8")
    found = problems_of(
        sample, dt.date(2026, 12, 7), {"stories/meili-yangtai.md": renamed.encode()}
    )
    assert {p.relative for p in found} == {"honors/2026-q2-shixingji.yaml"}
    assert "meili-yangtai" in found[0].text("zh-CN")
    assert story.read_text("utf-8") != renamed  # the check wrote nothing into content/
    assert sorted(p.name for p in sample.parent.iterdir()) == ["content"]  # and left no copy


def test_errors_the_site_had_already_do_not_count(sample: Path) -> None:
    broken = sample / "stories/hao-poxi.md"
    broken.write_text(broken.read_text("utf-8").replace("date: 2025-11-02", "date: 昨天"), "utf-8")
    notice = "---\ntitle: 通知\ndate: 2026-12-07\n---\n正文\n"
    assert problems_of(sample, dt.date(2026, 12, 7), {"notices/x.md": notice.encode()}) == []
    bad = notice.replace("2026-12-07", "2026-12-32")
    (found,) = problems_of(sample, dt.date(2026, 12, 7), {"notices/x.md": bad.encode()})
    assert (found.relative, found.line, found.code) == ("notices/x.md", 3, "field.impossible_date")


def test_an_impossible_date_typed_is_written_quoted_for_the_build_to_name() -> None:
    from site_builder.yaml_scalars import scalar

    assert scalar("2026-02-30") == '"2026-02-30"'  # PyYAML itself fails on it unquoted


def test_a_time_of_day_is_written_plain_as_the_handbook_writes_it() -> None:
    from site_builder.yaml_edits import append_entry
    from site_builder.yaml_scalars import scalar

    assert scalar(dt.time(9, 5)) == "09:05"
    with pytest.raises(TypeError):
        scalar(dt.time(9, 5, 30))
    text = "- title: 甲\n  end: 11:00\n"
    assert append_entry(text, {"title": "乙", "end": dt.time(10, 30)}) == (
        text + "- title: 乙\n  end: 10:30\n"
    )


def test_a_held_upload_comes_back_only_by_its_own_token(tmp_path: Path) -> None:
    from site_builder.editor.uploads import Held

    held = Held(tmp_path / "held")
    token = held.keep(Upload("照片.png", _png()))
    assert held.get(token) == Upload("照片.png", _png())
    other = held.keep(Upload("b.png", b"other"))
    assert other != token and held.get(other) == Upload("b.png", b"other")
    (tmp_path / "name").write_text("outside", "utf-8")
    (tmp_path / "data").write_bytes(b"outside")
    for forged in ("..", "../held/" + token, token.upper(), "", "0" * 32, token + "/"):
        assert held.get(forged) is None, forged


def test_the_english_editor_words_hold_no_chinese_or_its_punctuation() -> None:
    import re

    from site_builder.ui_text import EDITOR

    chinese = re.compile("[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]")
    assert set(EDITOR["en"]) == set(EDITOR["zh-CN"])
    assert {k: v for k, v in EDITOR["en"].items() if chinese.search(v)} == {}
