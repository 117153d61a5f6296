"""How problems are reported: the order they are listed in, notes, and how a source line is quoted."""

from __future__ import annotations

from pathlib import Path

from site_builder.diagnostics import (
    QUOTE_WIDTH,
    Diagnostic,
    Diagnostics,
    Location,
    format_diagnostic,
    format_report,
    quoted,
)
from tests.conftest import TODAY_ARG, story


def test_files_others_depend_on_come_first() -> None:
    diags = Diagnostics()
    content = Path("content")
    at = {
        "wishes": Location(content / "wishes.yaml", 2, 3),
        "honor": Location(content / "honors" / "h.yaml", 8, 12),
        "ledger": Location(content / "points" / "ledger" / "2026-05.yaml", 1, 1),
        "residents": Location(content / "points" / "residents.yaml", 4, 1),
        "story b": Location(content / "stories" / "b.md", 1),
        "story a": Location(content / "stories" / "a.md", 3, 7),
        "site": Location(content / "site.yaml", 17, 1),
        "events": Location(content / "events" / "site.yaml", 1, 1),  # an events file, not config
        "buildings": Location(content / "buildings.yaml", 3, 14),
    }
    for location in at.values():
        diags.error(location, "field.bad_date", key="date", value="x")
    diags.note(Location(content / "honors" / "a.yaml", 1, 1), "honor.story_broken", value="a")
    assert [d.location for d in diags.errors] == [
        at["site"],
        at["story a"],
        at["story b"],
        at["residents"],
        at["buildings"],
        at["events"],
        at["honor"],
        at["ledger"],
        at["wishes"],
    ]
    listed = diags.errors_and_notes
    assert listed[-1].code == "honor.story_broken"  # a consequence: after every cause
    assert listed[:-1] == diags.errors


def test_same_place_keeps_the_order_found() -> None:
    diags = Diagnostics()
    here = Location(Path("content/stories/a.md"), 2, 1)
    diags.error(here, "field.required", key="title")
    diags.error(here, "field.unknown_guess", key="tittle", guess="title")
    assert [d.code for d in diags.errors] == ["field.required", "field.unknown_guess"]


def test_a_note_is_listed_but_not_counted() -> None:
    diags = Diagnostics()
    diags.note(Location(Path("h.yaml"), 8, 12), "honor.story_broken", value="a", path="a.md")
    diags.error(Location(Path("stories/a.md"), 3, 7), "field.bad_date", key="date", value="x")
    assert not diags.warnings and len(diags.errors) == 1
    report = format_report(diags, "en", checking=True).splitlines()
    assert report[0] == "stories/a.md:3:7: error: date should be a date, not “x”"
    assert report[2] == (
        "h.yaml:8:12: note: The story “a” has errors of its own (see a.md above); "
        "until they are fixed, this entry cannot link it"
    )
    assert report[-1] == "Check failed: 1 error(s)."


HONORS = (
    "title: 十星级文明户\n"
    "awarded: 2026-06-30\n"
    "entries:\n"
    "  - name: 陈美华家庭\n"
    "    building: 5栋\n"
    "    citation: 带着整栋楼把阳台变成了花园。\n"
    "  - name: 钱卫东家庭\n"
    "    story: meili-yangtai\n"
)


def test_honor_note_follows_its_cause(make_site, cli) -> None:
    """A broken story an honor roll links: one error (the story's), then the note on the roll.

    Before issue 21 the roll said "no published story with the slug" first (honors/ sorts
    before stories/), and it counted as a second error.
    """
    content = make_site(
        {
            "stories/meili.md": story(date="2026-04-31", slug="meili-yangtai"),
            "honors/h.yaml": HONORS,
        }
    )
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    located = [line for line in run.err.splitlines() if not line.startswith(" ")]
    assert located == [
        "content/stories/meili.md:3:7: 错误: date 的日期 “2026-04-31” 不存在",
        "content/honors/h.yaml:8:12: 说明: 故事 “meili-yangtai” 本身有错误"
        "（见上面的 content/stories/meili.md），改好之前这里链接不上",
        "检查未通过：1 个错误。",
    ]
    assert "  提示: 改好那篇故事就行，这一行不用改" in run.err.splitlines()


def test_causes_are_listed_before_what_they_break(make_site, cli) -> None:
    """site.yaml, then stories, then the other files, then the notes on links to broken stories."""
    content = make_site(
        {
            "stories/meili.md": story(date="2026-04-31", slug="meili-yangtai"),
            "stories/a-louge.md": story(body="见[花阳台](meili.md)。"),
            "stories/titel.md": "---\ntitel: 厨余变花肥\ndate: 2026-05-02\n---\n正文\n",
            "honors/h.yaml": HONORS,
            "notices/huafei.md": "---\ntitle: 领花肥\ndate: 2026-06-01\n---\n"
            "详见[花阳台](../stories/meili.md)。\n",
            "events/a.yaml": "- title: 端午\n  start: 2026-05-31\n  tittle: x\n",
        },
        site_yaml="title: 测试小区\nlangauge: zh-CN\n",
    )
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    located = [line.split(": 提示")[0] for line in run.err.splitlines() if line[:1] not in " "]
    assert [line.split(" ", 2)[:2] for line in located[:-1]] == [
        ["content/site.yaml:2:1:", "错误:"],
        ["content/stories/meili.md:3:7:", "错误:"],
        ["content/stories/titel.md:2:1:", "错误:"],
        ["content/events/a.yaml:3:3:", "错误:"],
        ["content/honors/h.yaml:8:12:", "说明:"],
        ["content/notices/huafei.md:5:", "说明:"],
        ["content/stories/a-louge.md:5:", "说明:"],
    ]
    assert located[-1] == "检查未通过：4 个错误。"


def test_a_short_line_is_quoted_whole_without_its_indent() -> None:
    assert quoted("    points: 十", 13) == "points: 十"


def test_a_long_line_is_cut_around_the_column() -> None:
    line = "note: " + "甲" * 100 + "乙" + "丙" * 300
    shown = quoted(line, 7 + 100)  # the 乙
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) == QUOTE_WIDTH + 2
    assert shown[1 + QUOTE_WIDTH // 2] == "乙"


def test_a_long_line_is_cut_at_its_start_or_its_end_when_the_column_is_near_one() -> None:
    line = "people: " + "[" * 20_000 + "]" * 20_000
    assert quoted(line, 49) == line[:QUOTE_WIDTH] + "…"
    assert quoted(line, len(line)) == "…" + line[-QUOTE_WIDTH:]
    assert quoted(line, None) == line[:QUOTE_WIDTH] + "…"


def test_the_column_counts_in_the_line_as_written_with_its_indent() -> None:
    line = "        - " + "x" * 200 + "!" + "y" * 200
    shown = quoted(line, 8 + 2 + 200 + 1)
    assert shown[1 + QUOTE_WIDTH // 2] == "!"


def test_format_diagnostic_quotes_a_20000_character_line_cut(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: 好\npeople: " + "[" * 20_000 + "\n---\n", encoding="utf-8")
    diagnostic = Diagnostic(Location(path, 3, 49), "yaml.too_deep", (("limit", "40"),))
    lines = format_diagnostic(diagnostic, "zh-CN").splitlines()
    assert lines[1] == "    " + "people: " + "[" * (QUOTE_WIDTH - 8) + "…"
    assert lines[2] == "  提示: 内容文件不需要这么深的层次，检查是否多了括号或缩进"


def test_a_full_width_space_in_the_quoted_line_is_kept() -> None:
    """str.strip() would take it away, and with it the mistake a slip warning points at."""
    assert quoted("\u3000building: 3栋", 1) == "\u3000building: 3栋"
    assert quoted("  \u3000- 助老  ", 3) == "\u3000- 助老"
