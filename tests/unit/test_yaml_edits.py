"""The editor's YAML changes (issue 28): appends that keep every byte, round-trip field changes."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.content_edits import EditRefused
from site_builder.yaml_edits import append_entry, change_entry, round_trip_yaml
from site_builder.yaml_scalars import double_quoted, scalar
from tests.conftest import TODAY_ARG

CONTENT = Path(__file__).resolve().parents[2] / "content"
YAML_FILES = sorted(CONTENT.rglob("*.yaml"))
MARKDOWN_FILES = sorted(CONTENT.rglob("*.md"))
_FRONT = re.compile(r"\A---\r?\n(.*?\r?\n)---\r?\n", re.S)

TRICKY = {
    "date": dt.date(2026, 11, 30),
    "resident": "0502",
    "earn": "yes",
    "hours": 1.5,
    "note": "通知: 明天停水 #302，on\n第二行：全角冒号",
}
"""An entry whose every value PyYAML would misread if it were written plain."""

LISTS = [
    *(path for path in YAML_FILES if "ledger" in path.parts or "events" in path.parts),
    CONTENT / "wishes.yaml",
    CONTENT / "points" / "residents.yaml",
]


def round_trips(text: str) -> bool:
    """Return whether ruamel.yaml gives back `text` byte for byte, in some indentation style."""
    try:
        round_trip_yaml(text)
    except EditRefused:
        return False
    return True


def _name(path: Path) -> str:
    return path.relative_to(CONTENT).as_posix()


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


# --- the round trip the issue demands ----------------------------------------------------


MIXED_INDENTATION = {"buildings.yaml"}
"""Sample files whose top list's dashes stand at column 0 while a list inside its items is
indented by 2 (`roles:` then `    - {role: …}`). ruamel.yaml applies one sequence indentation
to every list in a dump, so no setting gives these back byte for byte: the editor appends
to them as text and refuses to change an item in them (test below)."""


@pytest.mark.parametrize(
    "path", [p for p in YAML_FILES if _name(p) not in MIXED_INDENTATION], ids=_name
)
def test_every_sample_yaml_file_round_trips(path: Path) -> None:
    """ruamel.yaml, loaded and dumped in the file's own indentation, gives identical bytes."""
    text = _read(path)
    handler = round_trip_yaml(text)
    out = _dump(handler, text)
    assert out.encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=_name)
def test_every_sample_front_matter_round_trips(path: Path) -> None:
    front = _FRONT.match(_read(path))
    assert front is not None
    assert round_trips(front.group(1))


def _dump(handler: object, text: str) -> str:
    import io

    out = io.StringIO()
    handler.dump(handler.load(text), out)  # type: ignore[attr-defined]
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(MIXED_INDENTATION))
def test_mixed_indentation_samples_differ_only_in_nested_dashes(name: str) -> None:
    """Say exactly which bytes ruamel.yaml would change: the nested lists' indentation."""
    from ruamel.yaml import YAML

    text = _read(CONTENT / name)
    assert not round_trips(text)
    handler = YAML(typ="rt")
    handler.preserve_quotes, handler.width = True, 4096
    handler.indent(mapping=2, sequence=2, offset=0)  # right for the top list
    changed = _diff(text, _dump(handler, text))
    removed = [line[1:] for line in changed if line.startswith("-")]
    added = [line[1:] for line in changed if line.startswith("+")]
    assert removed and all(line.startswith("    - ") for line in removed)
    assert added == [line[2:] for line in removed]  # the same lines, two spaces to the left
    with pytest.raises(EditRefused):
        change_entry(text, 0, {"community": "longteng"})
    appended = append_entry(text, {"building": "9栋"})
    assert appended == text + "- building: 9栋\n"


def test_a_file_no_style_reproduces_is_refused_not_rewritten() -> None:
    # the top list's dashes at column 0, a nested list's indented: one style cannot do both
    mixed = "- wish: a\n  tags:\n    - x\n- wish: b\n  tags:\n  - y\n"
    assert not round_trips(mixed)
    with pytest.raises(EditRefused) as caught:
        change_entry(mixed, 0, {"status": "done"})
    assert caught.value.code == "edit.not_round_trip"
    # appending needs no round trip: the text is extended, not rewritten
    added = append_entry(mixed, {"wish": "c"})
    assert added == mixed + "- wish: c\n"


# --- appending: the old bytes stay, the list gains one entry -------------------------------


@pytest.mark.parametrize("path", LISTS, ids=_name)
def test_append_to_every_sample_list_keeps_its_bytes(path: Path) -> None:
    old = _read(path)
    new = append_entry(old, TRICKY)
    assert new.startswith(old)
    assert yaml.safe_load(new) == [*yaml.safe_load(old), TRICKY]


def test_append_to_an_honor_roll_follows_its_indentation() -> None:
    path = CONTENT / "honors" / "2026-zuimei-loudongzhang.yaml"
    old = _read(path)
    new = append_entry(old, {"name": "李桂兰", "building": "0502"}, under="entries")
    assert new == old + '  - name: 李桂兰\n    building: "0502"\n'
    loaded, before = yaml.safe_load(new), yaml.safe_load(old)
    assert loaded["entries"] == [*before["entries"], {"name": "李桂兰", "building": "0502"}]
    assert {k: v for k, v in loaded.items() if k != "entries"} == {
        k: v for k, v in before.items() if k != "entries"
    }


def test_append_keeps_blank_lines_between_events() -> None:
    old = _read(CONTENT / "events" / "weekly.yaml")
    new = append_entry(old, {"title": "读书会", "start": "2026-12-05 19:00"})
    assert new == old + "\n- title: 读书会\n  start: 2026-12-05 19:00\n"


@pytest.mark.parametrize(
    ("old", "blank"),
    [
        ("# 活动日历\n\n- title: 义务理发\n  start: 2026-12-12 09:00\n", True),
        ("# 活动日历\r\n\r\n- title: 义务理发\r\n", True),
        ("# 积分流水\n- date: 2026-12-08\n  resident: R001\n", False),
        ("- title: 义务理发\n", False),
        ("\n\n- title: 义务理发\n", False),  # blank lines, but nothing above them
    ],
)
def test_append_to_one_item_parts_them_as_the_comment_above_is_parted(
    old: str, blank: bool
) -> None:
    newline = "\r\n" if "\r\n" in old else "\n"
    new = append_entry(old, {"title": "读书会"})
    assert new == old + (newline if blank else "") + "- title: 读书会" + newline


def test_append_to_a_file_without_a_final_newline() -> None:
    old = "# 2026年12月 积分流水\n- date: 2026-12-01\n  resident: R001\n  earn: garbage-sorting"
    new = append_entry(old, {"date": dt.date(2026, 12, 2), "resident": "R002"})
    assert new == old + "\n- date: 2026-12-02\n  resident: R002\n"


def test_append_keeps_a_comment_after_the_list_after_it() -> None:
    old = "- a: 1  # 第一\n- a: 2\n  b: x\n\n# 以上是十一月\n"
    new = append_entry(old, {"a": 3})
    assert new == "- a: 1  # 第一\n- a: 2\n  b: x\n- a: 3\n\n# 以上是十一月\n"


def test_append_after_a_literal_block() -> None:
    old = "- title: 甲\n  description: |\n    第一行\n    第二行\n\n- title: 乙\n  description: |\n    一行\n"
    new = append_entry(old, {"title": "丙"})
    assert new == old + "\n- title: 丙\n"
    assert yaml.safe_load(new)[-1] == {"title": "丙"}


def test_append_keeps_crlf_and_a_bom() -> None:
    old = "\ufeff# 微心愿\r\n- wish: 老花镜\r\n  status: open\r\n"
    new = append_entry(old, {"wish": "棉被", "status": "open"})
    assert new == old + "- wish: 棉被\r\n  status: open\r\n"


def test_append_to_a_list_with_wider_items() -> None:
    old = "entries:\n-   name: 甲\n    building: 1栋\n"
    new = append_entry(old, {"name": "乙", "building": "2栋"}, under="entries")
    assert new == old + "-   name: 乙\n    building: 2栋\n"


def test_append_to_a_new_file_and_to_an_empty_key() -> None:
    assert append_entry("", {"date": dt.date(2026, 12, 1)}) == "- date: 2026-12-01\n"
    assert append_entry("# 十二月\n", {"a": "x"}) == "# 十二月\n- a: x\n"
    old = "title: 光荣榜\nawarded: 2026-12-01\nentries:\n"
    assert append_entry(old, {"name": "甲"}, under="entries") == old + "  - name: 甲\n"


def test_append_writes_lists_in_brackets() -> None:
    new = append_entry("- a: 1\n", {"people": ["李奶奶", "a, b", "yes"]})
    assert new == '- a: 1\n- people: [李奶奶, "a, b", "yes"]\n'
    assert yaml.safe_load(new)[1] == {"people": ["李奶奶", "a, b", "yes"]}


def test_append_refuses_what_is_not_a_list() -> None:
    with pytest.raises(EditRefused) as caught:
        append_entry("a: 1\n", {"b": 2})
    assert caught.value.code == "edit.no_list"
    with pytest.raises(EditRefused):
        append_entry("- just text\n", {"b": 2})
    with pytest.raises(ValueError):
        append_entry("- a: 1\n", {"b: c": 2})


def test_appended_and_changed_files_pass_check(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    before = _problems(cli("check", "--content", "content", "--today", TODAY_ARG, cwd=tmp_path).err)
    ledger = content / "points" / "ledger" / "2026-11.yaml"
    ledger.write_text(
        append_entry(
            _read(ledger),
            {
                "date": dt.date(2026, 11, 20),
                "resident": "R001",
                "earn": "volunteer-hour",
                "hours": 1.5,
                "note": "通知: 明天停水 #302，on",
            },
        ),
        encoding="utf-8",
    )
    wishes = content / "wishes.yaml"
    wishes.write_text(
        change_entry(_read(wishes), 0, {"status": "claimed", "claimed_by": "yes"}),
        encoding="utf-8",
    )
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=tmp_path)
    assert run.code == 0, run.err
    assert _problems(run.err) == before  # no new warning (the sample has one of its own)


def _problems(report: str) -> list[str]:
    return [line for line in report.splitlines() if ": 警告: " in line or ": 错误: " in line]


# --- changing one item with ruamel.yaml ------------------------------------------------------


def _diff(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_claiming_a_wish_changes_only_its_lines() -> None:
    old = _read(CONTENT / "wishes.yaml")
    new = change_entry(old, 0, {"status": "claimed", "claimed_by": "志愿服务队"})
    assert _diff(old, new) == ["-  status: open", "+  status: claimed", "+  claimed_by: 志愿服务队"]
    loaded = yaml.safe_load(new)
    assert loaded[0]["status"] == "claimed" and loaded[1:] == yaml.safe_load(old)[1:]


def test_a_done_wish_reopened_loses_its_claim() -> None:
    old = _read(CONTENT / "wishes.yaml")
    new = change_entry(old, 3, {"status": "open", "claimed_by": None})
    assert _diff(old, new) == ["-  status: done", "-  claimed_by: 党员先锋岗", "+  status: open"]


def test_a_change_quotes_what_yaml_would_misread() -> None:
    old = _read(CONTENT / "wishes.yaml")
    new = change_entry(old, 1, {"claimed_by": "on", "building": "0502"})
    assert _diff(old, new) == [
        "-  building: 7栋",
        '+  building: "0502"',
        "-  claimed_by: 周丽萍",
        '+  claimed_by: "on"',
    ]


def test_a_change_in_an_honor_roll_and_in_crlf() -> None:
    old = _read(CONTENT / "honors" / "2026-zuimei-loudongzhang.yaml").replace("\n", "\r\n")
    new = change_entry(old, 1, {"building": "2栋"}, under="entries")
    assert _diff(old, new) == ["-    building: 1栋", "+    building: 2栋"]
    assert new.count("\r\n") == new.count("\n") == old.count("\n")


# --- single values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("3栋", "3栋"),
        ("yes", '"yes"'),
        ("on", '"on"'),
        ("1.0", '"1.0"'),
        ("0502", '"0502"'),
        ("2026-11-18", '"2026-11-18"'),
        ("7:30", '"7:30"'),  # YAML 1.1 reads it as 450 (base 60)
        ("07:00", "07:00"),  # but not with a leading zero
        ("2026-01-03 07:00", "2026-01-03 07:00"),
        ("null", '"null"'),
        ("~", '"~"'),
        ("通知: 明天", '"通知: 明天"'),
        ("王师傅 #302", '"王师傅 #302"'),
        ("通知：明天", '"通知：明天"'),
        ("- 一项", '"- 一项"'),
        (" 前面有空格", '" 前面有空格"'),
        ("", '""'),
        ("a\u2028b", '"a\\Lb"'),
        ("a\x00b", '"a\\0b"'),
        ("第一行\n第二行\n", "|\n  第一行\n  第二行"),
        ("第一行\n\n第三行", "|-\n  第一行\n\n  第三行"),
        ("  缩进\n第二行", '"  缩进\\n第二行"'),
        (True, "true"),
        (7, "7"),
        (2.5, "2.5"),
        (dt.date(2026, 11, 18), "2026-11-18"),
    ],
)
def test_scalar(value: str, written: str) -> None:
    assert scalar(value) == written


@settings(max_examples=300)
@given(st.text())
def test_any_text_reads_back_as_itself(text: str) -> None:
    for flow in (False, True):
        written = scalar(text, flow=flow)
        document = f"k: [{written}]\n" if flow else "k: " + written.replace("\n", "\n  ") + "\n"
        loaded = yaml.safe_load(document)["k"]
        assert (loaded[0] if flow else loaded) == text
    assert yaml.safe_load(double_quoted(text)) == text


@settings(max_examples=100)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z_]{1,8}", fullmatch=True).filter(lambda k: yaml.safe_load(k) == k),
        st.text(),
        min_size=1,
    )
)
def test_any_entry_appends_to_the_ledger(entry: dict[str, str]) -> None:
    old = _read(CONTENT / "points" / "ledger" / "2026-11.yaml")
    new = append_entry(old, entry)
    assert new.startswith(old)
    assert yaml.safe_load(new) == [*yaml.safe_load(old), entry]


@pytest.mark.parametrize("key", ["yes", "no", "on", "null", "true"])
def test_a_key_yaml_reads_as_no_string_is_no_field_name(key: str) -> None:
    with pytest.raises(ValueError):
        append_entry("- a: 1\n", {key: "x"})


def test_datetimes_and_other_values_are_refused() -> None:
    with pytest.raises(TypeError):
        scalar(dt.datetime(2026, 1, 3, 7, 0))
    with pytest.raises(TypeError):
        scalar(float("nan"))
    with pytest.raises(TypeError):
        scalar({"a": 1})  # type: ignore[arg-type]
