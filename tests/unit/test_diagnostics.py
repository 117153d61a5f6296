"""The one formatter: how a source line is quoted under its message."""

from __future__ import annotations

from pathlib import Path

from site_builder.diagnostics import QUOTE_WIDTH, Diagnostic, Location, format_diagnostic, quoted


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
