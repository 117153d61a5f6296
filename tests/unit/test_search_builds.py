"""The search index across builds (issue 24): the same records give the same bytes, an edit
indexes its shard again and no other, a deleted story leaves the index, and search can be
turned off."""

from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path

import pytest

from site_builder import search_index, story_patch
from site_builder.diagnostics import Diagnostics
from site_builder.search_index import search_files
from site_builder.search_records import SearchRecord
from tests.conftest import TODAY_ARG, story


def records(count: int) -> list[SearchRecord]:
    kinds, places = ["故事", "通知", "活动", "光荣榜"], ["龙腾广场小区", "香樟雅苑", ""]
    return [
        SearchRecord(
            f"stories/s{n}/index.html", f"第{n}个", f"2025-{n % 12 + 1:02d}-01",
            kinds[n % 4], places[n % 3], f"邻居{n}帮忙修好了楼道灯，大家都说好。",
        )
        for n in range(count)
    ]  # fmt: skip


def index(made: list[SearchRecord], cache: Path) -> dict[str, bytes]:
    diags = Diagnostics()
    files = search_files(made, "zh-CN", cache, cache, cache / "site", diags)
    assert diags.items == []
    return files


def words(files: dict[str, bytes]) -> str:
    """Return the text of every fragment of an index."""
    fragments = [data for path, data in files.items() if "/fragment/" in path]
    return "".join(gzip.decompress(data).decode("utf-8") for data in fragments).replace(
        "\u200b", ""
    )


def built_words(output: Path) -> str:
    folder = output / "site" / "pagefind"
    return words(
        {p.relative_to(output).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    )


def test_the_same_records_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pagefind 1.5 writes a filter's values in a different order each run: settled, they are not
    monkeypatch.setattr(search_index, "SHARD_SIZE", 10)
    first = index(records(60), tmp_path / "a")
    second = index(records(60), tmp_path / "b")
    assert first == second
    assert json.loads(first["pagefind/shards.json"]) == {
        "records": 60, "merge": ["1/", "2/", "3/", "4/", "5/", "6/", "7/"]
    }  # fmt: skip
    filters = [path for path in first if path.startswith("pagefind/filter/")]
    assert len(filters) == 2  # kind and community
    for path in filters:
        name, values = search_index._unpack(first[path])
        assert [value for value, _ in values] == sorted(value for value, _ in values)
        assert name in ("kind", "community")


def test_an_edit_indexes_its_shard_again_and_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "SHARD_SIZE", 10)
    made = records(60)
    before = index(made, tmp_path)
    indexed: list[int] = []
    real = search_index._index

    def counting(binary: Path, code: str, shard: list[SearchRecord]) -> dict[str, bytes]:
        indexed.append(len(shard))
        return real(binary, code, shard)

    monkeypatch.setattr(search_index, "_index", counting)
    assert index(made, tmp_path) == before and indexed == []  # nothing changed: the cache
    made[7] = SearchRecord(made[7].url, "改过的标题", made[7].date, "故事", "", "钟师傅修眼镜。")
    after = index(made, tmp_path)
    assert len(indexed) == 1 and indexed[0] < 20
    assert "钟师傅修眼镜" in words(after) and "邻居7帮忙" not in words(after)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    shards = {path.split("/")[1] for path in changed if path.count("/") > 2}
    assert len(shards) <= 1, changed  # one shard's files (or the first's, at pagefind/ itself)
    assert index(made, tmp_path / "fresh") == after  # the same as indexing it all anew


def test_no_record_leaves_an_index_that_finds_nothing(tmp_path: Path) -> None:
    files = index([], tmp_path)
    assert json.loads(files["pagefind/shards.json"]) == {"records": 0, "merge": []}
    assert "pagefind/pagefind.js" in files


def test_a_patch_after_an_edit_keeps_the_index_current(
    make_site, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    patched: list[int] = []
    reindex = story_patch._Patch.reindex

    def counting(self: story_patch._Patch, writes: dict[str, bytes]) -> set[str] | None:
        patched.append(len(writes))
        return reindex(self, writes)

    monkeypatch.setattr(story_patch._Patch, "reindex", counting)
    content = make_site(
        {"stories/a.md": story("修眼镜", body="钟师傅义务修眼镜。"), "stories/b.md": story("送餐")}
    )
    hour_ago = time.time() - 3600  # settled files: their stamps alone tell an edit
    for path in content.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))
    output = content.parent / "output"
    args = ("build", "--target", "site", "--content", str(content), "--output", str(output))
    args += ("--today", TODAY_ARG)
    assert cli(*args).code == 0
    assert "钟师傅义务修眼镜" in built_words(output)
    (content / "stories" / "a.md").write_text(
        story("修眼镜", body="钟师傅换了新店，义务配老花镜。"), encoding="utf-8"
    )
    assert cli(*args).code == 0
    assert len(patched) == 1  # the edit was patched in, not built whole
    now = built_words(output)
    assert "义务配老花镜" in now and "钟师傅义务修眼镜" not in now
    fresh = content.parent / "fresh"
    assert (
        cli("build", "--content", str(content), "--output", str(fresh), "--today", TODAY_ARG).code
        == 0
    )
    ours = {
        p.relative_to(output): p.read_bytes()
        for p in (output / "site" / "pagefind").rglob("*")
        if p.is_file()
    }
    anew = {
        p.relative_to(fresh): p.read_bytes()
        for p in (fresh / "site" / "pagefind").rglob("*")
        if p.is_file()
    }
    assert ours == anew  # the patched index is the one a build from nothing makes


def test_a_deleted_story_leaves_the_index(make_site, cli) -> None:
    content = make_site(
        {
            "stories/a.md": story("修眼镜", body="钟师傅义务修眼镜。"),
            "stories/b.md": story("送餐", body="长者食堂送餐。"),
        }
    )
    output = content.parent / "output"
    args = ("build", "--content", str(content), "--output", str(output), "--today", TODAY_ARG)
    assert cli(*args).code == 0
    (content / "stories" / "a.md").unlink()
    assert cli(*args).code == 0
    now = built_words(output)
    assert "钟师傅" not in now and "长者食堂送餐" in now


def test_search_can_be_turned_off(make_site, cli) -> None:
    content = make_site({"stories/a.md": story("修眼镜")}, "title: 测试小区\nsearch: false\n")
    output = content.parent / "output"
    args = ("build", "--content", str(content), "--output", str(output), "--today", TODAY_ARG)
    run = cli(*args)
    assert run.code == 0 and run.err == ""
    assert not (output / "site" / "pagefind").exists()
    assert not (output / "site" / "search").exists()
    assert "masthead-search" not in (output / "site" / "index.html").read_text(encoding="utf-8")
    (content / "site.yaml").write_text("title: 测试小区\nsearch: 关\n", encoding="utf-8")
    run = cli(*args)
    assert run.code == 1 and "site.yaml:2" in run.err and "search" in run.err


def test_files_of_an_unknown_layout_are_kept_as_they_are() -> None:
    entry = b'{"version":"9.0","languages":{"zh-cn":{"hash":"zh-cn_1","page_count":1}}}'
    files = {"pagefind-entry.json": entry, "pagefind.zh-cn_1.pf_meta": b"not Pagefind's CBOR"}
    assert search_index._settled(dict(files)) == files
