"""Private data written so that it slips past the plain-text leak guard (issue 22 §1).

Mobile numbers in full-width digits, with odd spaces, dashes, dots, zero-width characters
or empty markup between the digits; protected names joined, padded, turned round or
cased otherwise; and names or numbers in a content file's name, which becomes a URL.
Where masking applies the page shows the number masked in its own characters; where it
does not, the build is refused.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from site_builder.name_search import as_read, close_name_gaps
from site_builder.phones import (
    DECIMAL_ZEROS,
    NFKC_DIGITS,
    as_digits,
    mask_phones,
    mobile_numbers,
)
from tests.conftest import TODAY_ARG, MakeSite, Run
from tests.hostile.harness import BASE, ERROR, KEPT, Case, Cli, check, params

ZWJ, ZWSP, RLO, PDF = "\u200d", "\u200b", "\u202e", "\u202c"
NOTICE_PAGE = "site/notices/n/index.html"


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("１３８１２３４５６７８", "１３８****５６７８"),
        ("158－0735－1234", "158－****－1234"),
        ("139.1234.5678", "139.****.5678"),
        (f"139{ZWSP}1234{ZWJ}5678", f"139{ZWSP}****{ZWJ}5678"),
        ("139<b></b>87654321", "139<b></b>****4321"),
        ("139\u30001234\u00a05678", "139\u3000****\u00a05678"),
        ("138  1234  5678", "138  ****  5678"),
        ("+86 138.1234.5678", "+86 138.****.5678"),
        ("139&nbsp;1234&nbsp;5678", "139&nbsp;****&nbsp;5678"),
        ("电话：１３８-1234-５６７８。", "电话：１３８-****-５６７８。"),
        ("138 - 1234 - 5678", "138 - **** - 5678"),
        ("138 -- 1234 -- 5678", "138 -- **** -- 5678"),
        ("(138) 1234 5678", "(138) **** 5678"),
        ("（138）1234-5678", "（138）****-5678"),
        ("138 --- 1234 --- 5678", "138 --- **** --- 5678"),
        ("١٣٨١٢٣٤٥٦٧٨", "١٣٨****٥٦٧٨"),
        ("१३८ १२३४ ५६७८", "१३८ **** ५६७८"),
        ("𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "𝟏𝟑𝟖****𝟓𝟔𝟕𝟖"),
        ("①③⑧①②③④⑤⑥⑦⑧", "①③⑧****⑤⑥⑦⑧"),
        ("13٨-١٢34-5678", "13٨-****-5678"),
    ],
)
def test_a_number_written_otherwise_is_masked_in_its_own_characters(
    written: str, masked: str
) -> None:
    assert mask_phones(written, "mask") == masked
    hidden = mask_phones(f"请联系 {written}", "hide")
    assert hidden in {"请联系", "请联系 电话：。"}
    assert len(mobile_numbers(written)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "日期 2025-11-02 13:30，门牌 1-1201",
        "编号 1381234567 只有十位",
        "价格 13.5 元，12.5 元",
        "2138123456789 太长",
        "138 - 1234 - 567 只有十位",
        "138 -------- 1234 5678 隔得太远",
        "１٣٨١٢٣٤٥٦٧٨٩ 太长",
        "第 1 - 3 页 (13) 号",
    ],
)
def test_what_is_no_number_stays(text: str) -> None:
    assert mask_phones(text, "mask") == text
    assert mobile_numbers(text) == frozenset()


def test_a_name_is_read_as_a_reader_sees_it() -> None:
    assert as_read(f"万{ZWJ}玉廷") == "万玉廷"
    assert as_read("柳　燕") == "柳燕"
    assert as_read(f"感谢{RLO}廷玉万{PDF}。") == "感谢万玉廷。"


@pytest.mark.parametrize(
    ("written", "closed"),
    [
        ("感谢柳 燕", "感谢柳燕"),
        ("万·玉廷", "万玉廷"),
        ("万 · 玉 廷", "万玉廷"),
        ("万・玉‧廷•好", "万玉廷好"),
        ("万    玉廷", "万    玉廷"),
        ("John Smith, 居民 12, 第 3 页", "John Smith, 居民 12, 第 3 页"),
    ],
)
def test_gaps_between_chinese_characters_are_closed(written: str, closed: str) -> None:
    assert close_name_gaps(written) == closed


def test_digits_of_other_scripts_are_read_as_their_ascii_digit() -> None:
    """DECIMAL_ZEROS and NFKC_DIGITS hold every digit this Python's unicodedata knows."""
    everything = "".join(map(chr, range(0x110000)))
    decimal = {ord(ch) for ch in re.findall(r"[^\D0-9\uff10-\uff19]", everything)}
    listed = {zero + n for zero in DECIMAL_ZEROS for n in range(10)}
    assert listed == decimal, "update phones.DECIMAL_ZEROS for this Python's Unicode"
    nfkc = {
        ch for ch in everything
        if not ch.isdecimal() and unicodedata.normalize("NFKC", ch) in set("0123456789")
    }  # fmt: skip
    assert nfkc == set(re.findall(f"[{NFKC_DIGITS}]", everything))
    assert as_digits("١٣٨ १२३४ 𝟓𝟔𝟕𝟖 ⑨ ³ x") == "138 1234 5678 9 3 x"


def notice(body: str, name: str = "notices/n.md") -> dict[str, str | bytes | None]:
    return {name: f"---\ntitle: 通知\ndate: 2026-11-20\ncommunity: longteng\n---\n{body}\n"}


# fmt: off
MASKED = [
    Case("notice-full-width-digits", KEPT, notice("电话 １３８１２３４５６７８"), value="１３８****５６７８", page=NOTICE_PAGE),
    Case("notice-full-width-hyphens", KEPT, notice("电话 158－0735－1234"), value="158－****－1234", page=NOTICE_PAGE),
    Case("notice-dots", KEPT, notice("电话 139.1234.5678"), value="139.****.5678", page=NOTICE_PAGE),
    Case("notice-ideographic-space", KEPT, notice("电话 139\u30001234\u30005678"), value="139\u3000****\u30005678", page=NOTICE_PAGE),
    Case("notice-spaced-hyphens", KEPT, notice("电话 138 - 1234 - 5678"), value="138 - **** - 5678", page=NOTICE_PAGE),
    Case("notice-brackets", KEPT, notice("电话 (138) 1234 5678"), value="(138) **** 5678", page=NOTICE_PAGE),
    Case("notice-arabic-indic-digits", KEPT, notice("电话 ١٣٨١٢٣٤٥٦٧٨"), value="١٣٨****٥٦٧٨", page=NOTICE_PAGE),
    Case("notice-circled-digits", KEPT, notice("电话 ①③⑧①②③④⑤⑥⑦⑧"), value="①③⑧****⑤⑥⑦⑧", page=NOTICE_PAGE),
]
PATHS = [
    Case("notice-named-with-a-number", ERROR, {**notice("失物招领。", "notices/2026-11-shiwu-13866667777.md")}, "content/notices/2026-11-shiwu-13866667777.md", "手机号 “13866667777”", whole_file=True),
    Case("asset-named-with-a-number", ERROR, {"assets/tel-13866667777.txt": "失物招领"}, "content/assets/tel-13866667777.txt", "手机号 “13866667777”", whole_file=True),
    Case("notice-named-with-a-full-width-number", ERROR, {**notice("失物招领。", "notices/shiwu-１３８６６６６７７７７.md")}, "content/notices/shiwu-１３８６６６６７７７７.md", "13866667777", whole_file=True),
]
HIDDEN_IN_NAMES = [
    Case("resident-name-with-zwj", ERROR, {"points/residents.yaml": f"- {{id: R001, name: 刘{ZWJ}大哥, building: 3栋, community: longteng}}\n- {{id: R002, name: 王阿姨, building: 5栋, community: longteng}}\n"}, "content/points/residents.yaml:1", "“刘<U+200D>大哥” 里有看不见的字符（U+200D）"),
    Case("wish-maker-under-bidi-override", ERROR, {"wishes.yaml": f"- wish: 想要一副老花镜\n  who: {RLO}芝桂钟{PDF}\n  date: 2026-11-18\n  community: longteng\n"}, "content/wishes.yaml:1", "U+202C U+202E"),
    Case("roster-name-with-zero-width-space", ERROR, {"buildings.yaml": f'- building: 3栋\n  community: longteng\n  roles:\n    - {{role: 楼栋长, name: 万{ZWSP}玉廷, room: 502}}\n'}, "content/buildings.yaml:1", "U+200B"),
]
# fmt: on


@pytest.mark.parametrize("case", params(HIDDEN_IN_NAMES))
def test_an_invisible_character_in_a_name_is_refused(
    case: Case, make_site: MakeSite, cli: Cli
) -> None:
    check(case, cli, make_site())


@pytest.mark.parametrize("case", params(MASKED + PATHS))
def test_numbers_written_otherwise(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())


def build(make_site: MakeSite, cli: Cli, files: dict[str, str]) -> tuple[Run, Path]:
    """Build BASE with `files` over it; return the run and the output folder."""
    content = make_site({**BASE, **files})
    run = cli(
        "build", "--content", "content", "--output", "output", "--today", TODAY_ARG,
        cwd=content.parent,
    )  # fmt: skip
    assert "Traceback" not in run.err, run.err
    return run, content.parent / "output"


RESIDENTS = (
    "- {id: R001, name: 刘大哥, building: 3栋, community: longteng}\n"
    "- {id: R002, name: 柳燕, building: 5栋, community: longteng}\n"
    "- {id: R003, name: John Smith, building: 5栋, community: longteng}\n"
    "- {id: R004, name: 王明, building: 5栋, community: longteng}\n"
)
ROLL = 'title: 好邻居\nawarded: 2026-11-01\ncommunity: longteng\nentries:\n  - {{name: "{}"}}\n'


@pytest.mark.parametrize(
    ("files", "says"),
    [
        (notice(f"感谢万{ZWJ}玉廷的帮助。"), "居民的全名 “万玉廷”"),
        (notice("感谢柳　燕的帮助。"), "居民的全名 “柳燕”"),
        (notice(f"感谢{RLO}廷玉万{PDF}的帮助。"), "居民的全名 “万玉廷”"),
        (notice("Thanks to JOHN SMITH."), "居民的全名 “john smith”"),
        (notice("感谢王明的帮助。"), "居民的全名 “王明”"),
        ({"honors/a.yaml": ROLL.format("王师傅１３９００００１１１１")}, "完整的手机号 “１３９００００１１１１”"),
        ({"honors/a.yaml": ROLL.format(f"王师傅139{ZWSP}0000{ZWSP}1111")}, "完整的手机号"),
        ({"honors/a.yaml": ROLL.format("王师傅139<b></b>00001111")}, "完整的手机号"),
        ({"honors/a.yaml": ROLL.format("王师傅139 0000  1111")}, "完整的手机号"),
        ({"honors/a.yaml": ROLL.format("王师傅1390000 11 11")}, "完整的手机号 “1390000 11 11”"),
        (notice("Thanks to ＪＯＨＮ　ＳＭＩＴＨ."), "居民的全名 “john smith”"),
        (notice("感谢。", "notices/2026-11-ganxie-钟桂芝.md"), "网址 notices/2026-11-ganxie-钟桂芝/index.html 里有居民的全名 “钟桂芝”"),
        (notice("感谢柳 燕的帮助。"), "居民的全名 “柳燕”"),
        (notice("感谢万·玉廷的帮助。"), "居民的全名 “万玉廷”"),
        (notice("感谢 万 · 玉 廷 的帮助。"), "居民的全名 “万玉廷”"),
        (notice("感谢万玉・廷的帮助。"), "居民的全名 “万玉廷”"),
        (notice("感谢王明 ·的帮助。"), "居民的全名 “王明”"),
        (notice("Thanks to JOHN  SMITH."), "居民的全名 “john smith”"),
        (notice("Thanks to John·Smith."), "居民的全名 “john smith”"),
        ({"honors/a.yaml": ROLL.format("王师傅١٣٩٠٠٠٠١١١١")}, "完整的手机号 “١٣٩٠٠٠٠١١١١”"),
        ({"honors/a.yaml": ROLL.format("王师傅𝟏𝟑𝟗𝟎𝟎𝟎𝟎𝟏𝟏𝟏𝟏")}, "完整的手机号 “𝟏𝟑𝟗𝟎𝟎𝟎𝟎𝟏𝟏𝟏𝟏”"),
        ({"honors/a.yaml": ROLL.format("王师傅①③⑨⓪⓪⓪⓪①①①①")}, "完整的手机号 “①③⑨⓪⓪⓪⓪①①①①”"),
        ({"honors/a.yaml": ROLL.format("王师傅(139) 0000 1111")}, "完整的手机号 “139) 0000 1111”"),
        ({"honors/a.yaml": ROLL.format("王师傅139 -- 0000 -- 1111")}, "完整的手机号 “139 -- 0000 -- 1111”"),
    ],
    ids=["zwj", "ideographic-space", "bidi-override", "latin-case", "prefix-of-praised",
         "full-width-digits", "zero-width", "empty-markup", "double-space", "split-last-four",
         "full-width-latin", "path-name", "cjk-space", "middle-dot", "spaced-dots", "katakana-dot",
         "name-before-a-dot", "latin-double-space", "latin-middle-dot", "arabic-indic-digits",
         "mathematical-digits", "circled-digits", "brackets", "doubled-hyphens"],
)  # fmt: skip
def test_the_guard_refuses_what_masking_does_not_cover(
    files: dict[str, str], says: str, make_site: MakeSite, cli: Cli
) -> None:
    story = (
        "---\ntitle: 好邻居\ndate: 2025-05-20\ncommunity: longteng\npeople: [王明华]\n---\n"
        "王明华每天帮邻居取快递。\n"
    )
    wishes = BASE["wishes.yaml"] + "- {wish: 想要拐杖, who: 王明华, date: 2026-11-18}\n"
    extra = {"points/residents.yaml": RESIDENTS, "stories/b.md": story, "wishes.yaml": wishes}
    run, output = build(make_site, cli, {**extra, **files})
    assert run.code == 1, run.err
    assert says in run.err, run.err
    assert not output.exists()


def test_a_praised_name_holding_a_protected_one_is_no_leak(make_site: MakeSite, cli: Cli) -> None:
    """王明华 is praised in a story; the protected 王明 inside it is not a leak."""
    story = (
        "---\ntitle: 好邻居\ndate: 2025-05-20\ncommunity: longteng\npeople: [王明华]\n---\n"
        "王明华每天帮邻居取快递。\n"
    )
    wishes = BASE["wishes.yaml"] + "- {wish: 想要拐杖, who: 王明华, date: 2026-11-18}\n"
    files = {"points/residents.yaml": RESIDENTS, "stories/b.md": story, "wishes.yaml": wishes}
    run, output = build(make_site, cli, files)
    assert run.code == 0, run.err
    assert "王明华每天" in (output / "site/stories/b/index.html").read_text(encoding="utf-8")


def test_a_protected_name_holding_a_praised_one_is_a_leak(make_site: MakeSite, cli: Cli) -> None:
    """王明 is praised in a story; 王明华, a wish maker, is still protected on a notice."""
    story = (
        "---\ntitle: 好邻居\ndate: 2025-05-20\ncommunity: longteng\npeople: [王明]\n---\n"
        "王明每天帮邻居取快递。\n"
    )
    wishes = BASE["wishes.yaml"] + "- {wish: 想要拐杖, who: 王明华, date: 2026-11-18}\n"
    files = {"points/residents.yaml": RESIDENTS, "stories/b.md": story, "wishes.yaml": wishes}
    run, output = build(make_site, cli, {**files, **notice("感谢王明华的帮助。")})
    assert run.code == 1, run.err
    assert "居民的全名 “王明华”" in run.err, run.err
    assert not output.exists()


def test_a_gap_next_to_a_name_start_without_the_name_is_no_leak(
    make_site: MakeSite, cli: Cli
) -> None:
    """柳 (柳燕's start) before a space, 万 (万玉廷's) before a dot: read again, no name there."""
    files = {"points/residents.yaml": RESIDENTS, **notice("感谢 柳 树下的邻居和万·家的孩子。")}
    run, output = build(make_site, cli, files)
    assert run.code == 0, run.err
    page = (output / NOTICE_PAGE).read_text(encoding="utf-8")
    assert "感谢 柳 树下的邻居和万·家的孩子" in page
