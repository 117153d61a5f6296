"""The search index's records (issue 24): the public view only, one per page or event."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.leak_guard import LeakGuard
from site_builder.loading import load
from site_builder.search_index import search_files
from site_builder.search_records import SearchRecord, guard_records, search_records
from tests.conftest import TODAY, TODAY_ARG, story

TWO = (
    "title: 两个小区\nprivacy:\n  names: mask\ncommunities:\n  - id: longteng\n    name: 龙腾广场小区\n"
    "  - id: xiangzhang\n    name: 香樟雅苑\n"
)
FILES: dict[str, str | bytes] = {
    "stories/a.md": story(
        "修眼镜的钟师傅",
        body="钟师傅义务修眼镜，电话13912345678。",
        community="longteng",
        people="[钟国强]",
    ),
    "stories/draft.md": story("草稿", body="灯笼谜底揭晓。", draft="true", community="longteng"),
    "stories/later.md": story(
        "明年的故事", body="烟花表演。", publish="2027-01-05", community="longteng"
    ),
    "notices/on.md": "---\ntitle: 停水通知\ndate: 2026-11-20\nexpires: 2026-11-26\n---\n水箱清洗。\n",
    "notices/off.md": "---\ntitle: 停电通知\ndate: 2026-10-01\nexpires: 2026-10-02\n---\n线路检修。\n",
    "events/a.yaml": "- title: 端午包粽子\n  start: 2026-12-05 09:00\n  location: 活动室\n  community: xiangzhang\n",
    "honors/2026.yaml": "title: 2026 年好邻居\nawarded: 2026-10-01\nentries:\n  - {name: 王阿姨, citation: 照顾独居老人}\n",
}


def records(make_site) -> tuple[SearchRecord, ...]:  # type: ignore[no-untyped-def]
    content = make_site(FILES, TWO)
    return search_records(load(content, TODAY, Diagnostics()).public)


def test_one_record_per_published_story_current_notice_honor_and_event(make_site) -> None:
    made = records(make_site)
    assert [(r.url, r.kind, r.community, r.date) for r in made] == [
        ("stories/a/index.html", "故事", "龙腾广场小区", "2025-05-20"),
        ("notices/on/index.html", "通知", "", "2026-11-20"),
        ("honors/2026/index.html", "光荣榜", "", "2026-10-01"),
        (
            "calendar/2026-12/index.html#" + made[3].url.split("#")[1],
            "活动",
            "香樟雅苑",
            "2026-12-05",
        ),
    ]
    assert made[3].url.split("#")[1].startswith("e-")


def test_records_are_the_public_view(make_site) -> None:
    text = "\n".join(r.title + r.text for r in records(make_site))
    assert "钟师傅义务修眼镜" in text and "水箱清洗" in text and "活动室" in text
    assert "13912345678" not in text  # a mobile number in a body is masked
    assert "灯笼谜底" not in text and "烟花表演" not in text and "线路检修" not in text


def test_the_index_files_hold_no_secret(make_site, cli) -> None:
    content = make_site(FILES, TWO)
    output = content.parent / "output"
    assert (
        cli("build", "--content", str(content), "--output", str(output), "--today", TODAY_ARG).code
        == 0
    )
    fragments = [
        gzip.decompress(path.read_bytes()).decode("utf-8").replace("\u200b", "")
        for path in (output / "site" / "pagefind" / "fragment").iterdir()
    ]
    assert len(fragments) == 4
    text = "".join(fragments)
    assert "修眼镜" in text and "水箱清洗" in text
    assert "13912345678" not in text and "灯笼谜底" not in text and "烟花表演" not in text
    assert (output / "site" / "pagefind" / "pagefind.js").is_file()
    assert not (output / "kiosk").exists() or not list((output / "kiosk").rglob("pagefind*"))


def test_a_build_without_pagefind_warns_and_succeeds(
    make_site, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/nonexistent/pagefind_extended")
    content = make_site(FILES, TWO)
    output = content.parent / "output"
    run = cli("build", "--content", str(content), "--output", str(output), "--today", TODAY_ARG)
    assert run.code == 0
    warning = "output/site/pagefind: 警告: 找不到 Pagefind 的搜索程序（或它无法运行），这次生成的网站没有搜索功能，搜索页会说明这一点"
    assert run.err.count(warning) == 1, run.err
    assert 'pip install "pagefind[extended]"' in run.err
    assert not (output / "site" / "pagefind").exists()
    assert (output / "site" / "search" / "index.html").is_file()


def test_a_build_without_pagefind_drops_the_index_of_the_last(
    make_site, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = make_site(FILES, TWO)
    output = content.parent / "output"
    args = ("build", "--content", str(content), "--output", str(output), "--today", TODAY_ARG)
    assert cli(*args).code == 0
    assert (output / "site" / "pagefind" / "pagefind.js").is_file()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(Path("/nonexistent")))
    assert cli(*args).code == 0
    assert not list((output / "site").rglob("*.pf_fragment"))


def test_the_leak_guard_reads_every_record_before_it_is_indexed(make_site) -> None:
    content = make_site({"stories/a.md": story(title="修水管", body="王师傅的电话 13900001111。")})
    loaded = load(content, TODAY, Diagnostics())
    guard = LeakGuard(loaded.site, None, loaded.memo.numbers)
    made = search_records(loaded.public)
    diags = Diagnostics()
    guard_records(guard, made, content.parent / "output" / "site", diags)
    assert diags.items == []  # the public view masked the number
    leaking = SearchRecord(
        "stories/a/index.html", "修水管", "2025-05-20", "故事", "", "电话 13900001111"
    )
    guard_records(guard, [*made, leaking], content.parent / "output" / "site", diags)
    assert [(d.code, d.location.path.name, dict(d.params)["value"]) for d in diags.items] == [
        ("privacy.leaked_phone", "index.html", "13900001111")
    ]


def test_the_indexed_text_is_escaped_for_the_excerpt(tmp_path: Path) -> None:
    # Pagefind keeps a record's text as given and its script marks the words found with
    # <mark> in that text: the search page shows the excerpt as HTML, so the text is escaped
    record = SearchRecord(
        "a/index.html",
        "标题",
        "2026-01-01",
        "故事",
        "",
        "修眼镜 <img src=x onerror=alert(1)> & 钟师傅",
    )
    files = search_files([record], "zh-CN", tmp_path, tmp_path, tmp_path / "site", Diagnostics())
    (fragment,) = [data for path, data in files.items() if "/fragment/" in path]
    text = gzip.decompress(fragment).decode("utf-8").replace("\u200b", "")
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; 钟师傅" in text
    assert "<img" not in text
