"""Reading files and YAML exactly as written."""

from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.diagnostics import Diagnostics
from site_builder.sources import load_yaml, prefetch, read_text, split_front_matter
from site_builder.yaml_values import Mapping, Scalar, Sequence


def compose(text: str) -> tuple[Mapping, Diagnostics]:
    diags = Diagnostics()
    value = load_yaml(text, Path("x.yaml"), diags)
    assert isinstance(value, Mapping)
    return value, diags


@pytest.mark.parametrize(
    "written",
    [
        "NO",
        "on",
        "12:30",
        "0755",
        "+8613812345678",
        "13812345678",
        "0301",
        "1e3",
        "2025/06/20",
        "null_but_not",
        "0x1F",
        ".inf",
        "yes",
    ],
)
def test_scalars_keep_every_character(written: str) -> None:
    value, diags = compose(f"field: {written}\n")
    scalar = value.entries["field"].value
    assert isinstance(scalar, Scalar)
    assert scalar.text == written
    assert not diags.items


def test_quoted_and_plain_are_told_apart() -> None:
    value, _ = compose("a: ~\nb: '~'\nc:\n")
    a, b, c = (value.entries[k].value for k in "abc")
    assert isinstance(a, Scalar) and a.is_null
    assert isinstance(b, Scalar) and not b.is_null and b.text == "~"
    assert isinstance(c, Scalar) and c.is_null


def test_positions_are_one_based_and_shifted_for_front_matter() -> None:
    diags = Diagnostics()
    value = load_yaml("a: 1\nlist:\n  - x\n", Path("s.md"), diags, line_offset=1)
    assert isinstance(value, Mapping)
    entry = value.entries["list"]
    assert (entry.key_loc.line, entry.key_loc.column) == (3, 1)
    assert isinstance(entry.value, Sequence)
    item = entry.value.items[0]
    assert (item.loc.line, item.loc.column) == (4, 5)


def test_empty_document_is_an_empty_mapping() -> None:
    value, diags = compose("")
    assert value.entries == {}
    assert not diags.items


def test_billion_laughs_is_refused_without_expanding() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 20):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    diags = Diagnostics()
    load_yaml("\n".join(lines) + "\n", Path("bomb.yaml"), diags)
    assert diags.has_errors
    assert {d.code for d in diags.errors} == {"yaml.alias"}


def test_recursive_alias_is_refused() -> None:
    diags = Diagnostics()
    load_yaml("a: &a [*a]\n", Path("loop.yaml"), diags)
    assert [d.code for d in diags.errors] == ["yaml.alias"]


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    diags = Diagnostics()
    load_yaml(f"a: !!python/object/apply:os.system ['touch {marker}']\n", Path("t.yaml"), diags)
    assert not marker.exists()
    assert [d.code for d in diags.errors] == ["yaml.tag"]


def test_custom_local_tag_is_refused() -> None:
    diags = Diagnostics()
    load_yaml("a: !secret value\n", Path("t.yaml"), diags)
    assert [d.code for d in diags.errors] == ["yaml.tag"]


class _PurePythonLoader(yaml.SafeLoader):
    """The loader PyYAML falls back to without libyaml: no nesting limit of its own."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return "tag:yaml.org,2002:str" if kind is yaml.ScalarNode else super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]  # fmt: skip


DEEP = [
    # 50,000 `[` on one line: a libyaml with a limit of its own refuses them within the
    # scanner's read-ahead, before the 41st level's event is handed out
    pytest.param("people: " + "[" * 50_000 + "]" * 50_000 + "\n", (2, 49), id="flow-one-line"),
    pytest.param("a: " + "[ " * 1_001 + "]" * 1_001 + "\n", (2, 84), id="flow-spaced"),
    pytest.param("a: " + "[\n" * 2_000 + "]" * 2_000 + "\n", (42, 1), id="flow-many-lines"),
    pytest.param("- " * 2_000 + "x\n", (2, 83), id="block-dashes"),
    pytest.param("".join(" " * i + "k:\n" for i in range(1_200)), (43, 42), id="block-indents"),
]


@pytest.mark.parametrize(("text", "at"), DEEP)
@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_deep_nesting_is_named_by_us_whatever_the_yaml_library_refuses(
    text: str, at: tuple[int, int], loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder import sources, yaml_errors, yaml_limits

    if loader == "pure-python":
        for module in (sources, yaml_limits, yaml_errors):
            monkeypatch.setattr(module, "Loader", _PurePythonLoader)
    diags = Diagnostics()
    assert load_yaml(text, Path("a.md"), diags, line_offset=1) is None
    assert [(d.code, d.location.line, d.location.column) for d in diags.items] == [
        ("yaml.too_deep", *at)
    ]


def test_nesting_at_the_limit_is_read() -> None:
    diags = Diagnostics()
    value = load_yaml("a: " + "[" * 40 + "]" * 40 + "\n", Path("a.yaml"), diags)
    assert isinstance(value, Mapping) and not diags.items


def test_a_syntax_error_in_a_bracket_heavy_file_is_still_a_syntax_error() -> None:
    text = "".join(f"- {{id: R{n:03}, name: 甲}}\n" for n in range(60)) + "- {id: R999, name: [\n"
    diags = Diagnostics()
    assert load_yaml(text, Path("residents.yaml"), diags) is None
    assert [d.code for d in diags.items] == ["yaml.syntax"]


def test_read_text_accepts_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(codecs.BOM_UTF8 + "---\r\ntitle: 你好\r\n---\r\n正文\r\n".encode())
    assert read_text(path, Diagnostics()) == "---\ntitle: 你好\n---\n正文\n"


def test_read_text_refuses_gbk_without_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("标题\n正文".encode("gbk"))
    diags = Diagnostics()
    assert read_text(path, diags) is None
    assert [d.code for d in diags.errors] == ["encoding.gbk"]
    assert diags.errors[0].location.line == 1


def test_front_matter_split_keeps_body_line(tmp_path: Path) -> None:
    diags = Diagnostics()
    parts = split_front_matter("---\ntitle: x\n---\n第一行\n", Path("a.md"), diags)
    assert parts is not None
    assert parts.body == "第一行\n"
    assert parts.body_line == 4


def test_front_matter_with_broken_yaml_is_not_used() -> None:
    diags = Diagnostics()
    assert split_front_matter("---\ntitle: [\n---\n", Path("a.md"), diags) is None
    assert [d.code for d in diags.errors] == ["yaml.syntax"]


FAST_CASES = [
    "- date: 2026-05-03\n  resident: R001\n  earn: garbage-sorting\n",
    "# 五月台账\n\n- date: 2026-05-03\n  resident: R001\n  hours: 2.5\n  note: 修好了楼下的洗衣机\n",
    "- time: 12:30\n  room: 0301\n  name: NO\n  phone: +8613812345678\n",
]
SLOW_CASES = [
    "- title: '引号'\n",
    "- note: 王师傅 #302\n",
    "- title: 通知: 明天停水\n",
    "- {date: 2026-05-03, resident: R001}\n",
    "- date: 2026-05-03\n    resident: R001\n",
    "- date: 2026-05-03\n  date: 2026-05-04\n",
    "- tags:\n    - 助老\n",
    "- note: >\n    折叠\n",
    "- name: &a 甲\n  other: *a\n",
    "- 标题: 中文键\n",
    "- points: -5\n",
    "---\n- a: b\n",
    "- note: 备注:\n",  # YAML refuses a value ending in a colon
    "- note: 甲\u2028乙\n",  # YAML reads LS (and NEL, PS) as a line break
]


FLAT_CASES = [
    "title: 第10个好人好事\ndate: 2025-11-11\ncategory: 环境卫生\ntags: [标签155, 标签30]\n",
    '# 草稿\n\ntitle: 他说"好"\npeople: [ 王阿姨 ,李师傅,  张 三 ]\ntags: []\ndraft: NO\n',
    "time: 12:30\nroom: 0301\nsite: http://example.org/a#b\ncover: 图/封面.jpg\n",
]
FLAT_SLOW_CASES = [
    "title: '引号'\n",
    "building: 3栋 #302\n",
    "title: 通知: 明天停水\n",
    "tags:\n  - 助老\n",
    "tags: [助老, [嵌套]]\n",
    "tags: [a,]\n",
    "tags: [a: b]\n",
    "tags: ['引号']\n",
    "tags: [a\n  , b]\n",
    "title: 很长的\n  标题\n",
    "title: a\ntitle: b\n",
    "summary: >\n  折叠\n",
    "people: &a 甲\nother: *a\n",
    "标题: 中文键\n",
    "points: -5\n",
    "title: 甲\u2028乙\n",
    "title: 甲\x85乙\n",
    "title:\n",
]


def _composed(text: str) -> tuple[object, list[str]]:
    import yaml

    from site_builder.yaml_composer import Composer, Loader

    diags = Diagnostics()
    node = yaml.compose(text, Loader=Loader)
    value = Composer(Path("a.md"), diags, 1, text.split("\n")).value(node, 0)
    return value, [d.code for d in diags.items]


@pytest.mark.parametrize("text", FLAT_CASES)
def test_fast_front_matter_reads_exactly_what_yaml_reads(text: str) -> None:
    from site_builder.yaml_fast import flat_mapping

    fast = flat_mapping(text, Path("a.md"), 1)
    assert fast is not None
    assert (fast, []) == _composed(text)


@pytest.mark.parametrize("text", FLAT_SLOW_CASES)
def test_fast_front_matter_leaves_everything_else_to_yaml(text: str) -> None:
    from site_builder.yaml_fast import flat_mapping

    assert flat_mapping(text, Path("a.md"), 1) is None


_PIECES = st.sampled_from(
    ["甲乙", "a b", "2025-11-11", "12:30", "-5", "~", "null", "NO", "[", "]", "[a, b]", "[]",
     "[ a ,b ]", ",", ", ", "'", "\"", "#", " #", "a#b", ": ", ":", "|", ">", "&x", "*x", "!t",
     "%", "@", "`", "?", "-", "- ", "{", "}", " ", "  ", "\u3000", "\xa0", "\x85", "\u2028",
     "\ufeff", "\x7f", "é", "😀", "，", "、", "：", "＂", "＇", "“", "”", "－ ", "— "]
)  # fmt: skip
"""Pieces of values, with the slips a Chinese input method makes (the fast path must leave
every slip the composer warns about to the composer)."""
_VALUE = st.lists(_PIECES, min_size=1, max_size=4).map("".join)
_ITEMS = st.lists(st.lists(_PIECES, max_size=3).map("".join), max_size=4).map(", ".join)
_LINE = st.one_of(
    st.tuples(
        st.sampled_from(["title", "tags", "a-b", "x_1", "标题", " title", "draft"]),
        st.sampled_from([": ", ":", ":  ", " : ", "：", ":\u3000", "\u3000: "]),
        st.one_of(_VALUE, _ITEMS.map(lambda items: f"[{items}]")),
        st.sampled_from(["", " ", "  # 注", ","]),
    ).map("".join),
    st.sampled_from(["", "# 注", "  ", "  - 甲", "...", "---", "  － 甲", "\u3000- 甲"]),
)
FRONT_MATTER = st.lists(_LINE, max_size=6).map("\n".join)


@settings(max_examples=500, deadline=None)
@given(FRONT_MATTER)
def test_fast_front_matter_reads_what_yaml_reads_or_nothing(text: str) -> None:
    from site_builder.yaml_fast import flat_mapping

    fast = flat_mapping(text, Path("a.md"), 1)
    if fast is not None:  # (else no claim: the text is composed as before)
        assert (fast, []) == _composed(text)


@pytest.mark.parametrize("text", FAST_CASES)
def test_fast_block_list_reads_exactly_what_yaml_reads(text: str) -> None:
    import yaml

    from site_builder.yaml_composer import Composer, Loader
    from site_builder.yaml_fast import block_list

    fast = block_list(text, Path("a.yaml"))
    assert fast is not None
    node = yaml.compose(text, Loader=Loader)
    assert fast == Composer(Path("a.yaml"), Diagnostics(), 0, text.split("\n")).value(node, 0)


@pytest.mark.parametrize("text", SLOW_CASES)
def test_fast_block_list_leaves_everything_else_to_yaml(text: str) -> None:
    from site_builder.yaml_fast import block_list

    assert block_list(text, Path("a.yaml")) is None


# --- prefetch: asking for story files before reading them ---------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_prefetch_passes_over_what_it_cannot_read_without_waiting(tmp_path: Path) -> None:
    """A named pipe in content/ would hold an ordinary open until a writer came."""
    story = tmp_path / "a.md"
    story.write_text("---\ntitle: 好邻居\n---\n正文\n", encoding="utf-8")
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    (tmp_path / "folder.md").mkdir()
    asked = [pipe, tmp_path / "gone.md", tmp_path / "folder.md", story]
    done = threading.Thread(target=prefetch, args=(asked,), daemon=True)
    done.start()
    done.join(timeout=10)
    assert not done.is_alive(), "prefetch waited on the named pipe"
    diags = Diagnostics()
    assert read_text(story, diags) == "---\ntitle: 好邻居\n---\n正文\n"
    assert read_text(pipe, diags) is None  # still refused where it is read
    assert [d.code for d in diags.items] == ["file.not_regular"]
