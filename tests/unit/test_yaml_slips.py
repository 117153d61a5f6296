"""Slips a Chinese input method makes in YAML, each named on its own line (issue 21).

Each case is a small site with one slip; the test checks the whole block the volunteer
sees: `path:line:col: 错误/警告: message`, the line quoted, the hint, and the exit code.
Front matter cases count lines from the file's first `---`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.diagnostics import Diagnostics
from site_builder.sources import load_yaml
from site_builder.yaml_fast import block_list, flat_mapping
from site_builder.yaml_values import Mapping, Scalar, Sequence
from tests.conftest import TODAY_ARG

FM = "---\ntitle: 好邻居\ndate: 2025-05-20\ncategory: 好邻居\n{}\n---\n正文。\n"
"""A story whose fifth line (the front matter's fourth) is the case's."""
LEDGER = "- date: 2026-05-03\n  resident: R001\n  earn: garbage-sorting\n"
POINTS = {
    "points/rules.yaml": "earn:\n  garbage-sorting: {name: 垃圾分类, points: 10}\n",
    "points/residents.yaml": "- {id: R001, name: 刘大哥, building: 3栋}\n",
}
EVENTS = "- title: 端午包粽子\n  start: 2025-05-31\n  location: 活动室\n"


def ledger(text: str) -> dict[str, str]:
    return {**POINTS, "points/ledger/2026-05.yaml": text}


# (id, files, exit code, the lines the report must hold one after another)
CASES: list[tuple[str, dict[str, str], int, list[str]]] = [
    (
        "front-matter-fullwidth-colon",
        {"stories/a.md": FM.format("building：3栋")},
        1,
        [
            "content/stories/a.md:5:9: 错误: 用了中文冒号 “：”，改成英文冒号加空格 “: ”",
            "    building：3栋",
            "  提示: 写成 building: 3栋",
        ],
    ),
    (
        "front-matter-fullwidth-colon-before-quotes",
        {"stories/a.md": '---\ntitle："楼道里的灯"\ndate: 2025-05-20\n---\n正文。\n'},
        1,
        [
            "content/stories/a.md:2:6: 错误: 用了中文冒号 “：”，改成英文冒号加空格 “: ”",
            '    title："楼道里的灯"',
            '  提示: 写成 title: "楼道里的灯"',
        ],
    ),
    (
        "front-matter-no-space-after-colon",
        {"stories/a.md": FM.format("tags: [助老]").replace("category: ", "category:")},
        1,
        [
            "content/stories/a.md:4:9: 错误: 冒号后面要有一个空格",
            "    category:好邻居",
            "  提示: 写成 category: 好邻居",
        ],
    ),
    (
        # the whole front matter is one text to YAML: a warning, then the story's own error
        "front-matter-that-is-one-key-without-space",
        {"stories/a.md": "---\ncategory:好邻居\n---\n正文。\n"},
        1,
        [
            "content/stories/a.md:2:9: 警告: 冒号后面要有一个空格",
            "    category:好邻居",
            "  提示: 写成 category: 好邻居",
            "content/stories/a.md:2:1: 错误: 这里应该是 “名字: 值” 形式的设置",
        ],
    ),
    (
        "front-matter-every-colon-without-space",
        {"stories/a.md": "---\ntitle:好邻居\ndate:2025-05-20\ntags:[助老]\nsummary: 好\n---\n"},
        1,
        [
            "content/stories/a.md:2:6: 错误: 冒号后面要有一个空格",
            "    title:好邻居",
            "  提示: 写成 title: 好邻居",
            "content/stories/a.md:3:5: 错误: 冒号后面要有一个空格",
            "    date:2025-05-20",
            "  提示: 写成 date: 2025-05-20",
            "content/stories/a.md:4:5: 错误: 冒号后面要有一个空格",
            "    tags:[助老]",
            "  提示: 写成 tags: [助老]",
            "检查未通过：3 个错误。",
        ],
    ),
    (
        "front-matter-fullwidth-space-after-colon",
        {"stories/a.md": FM.format("building:\u30003栋")},
        1,
        [
            "content/stories/a.md:5:10: 错误: 这里用了全角空格 “\u3000”（中文输入法的空格），"
            "YAML 只认英文空格",
            "    building:\u30003栋",
            "  提示: 写成 building: 3栋",
        ],
    ),
    (
        "front-matter-fullwidth-space-indent",
        {"stories/a.md": FM.format("tags:\n\u3000- 助老\n\u3000- 好邻居")},
        1,
        [
            "content/stories/a.md:6:1: 错误: 这一行用全角空格 “\u3000” 缩进，YAML 只认英文空格",
            "    \u3000- 助老",
            "  提示: 删掉行首的全角空格，改用英文空格，和同一层的上下行对齐",
            "content/stories/a.md:7:1: 错误: 这一行用全角空格 “\u3000” 缩进，YAML 只认英文空格",
        ],
    ),
    (
        # YAML takes `　building` as a key: the warning names the space, the story the key
        "front-matter-key-after-a-fullwidth-space",
        {"stories/a.md": FM.format("\u3000building: 3栋")},
        1,
        [
            "content/stories/a.md:5:1: 警告: 这一行用全角空格 “\u3000” 缩进，YAML 只认英文空格",
            "    \u3000building: 3栋",
            "  提示: 删掉行首的全角空格，改用英文空格，和同一层的上下行对齐",
            "content/stories/a.md:5:1: 错误: 不认识的设置 “\u3000building”",
        ],
    ),
    (
        "front-matter-chinese-quotes-around-a-colon",
        {"stories/a.md": FM.format("summary: “通知: 明天停水”")},
        1,
        [
            "content/stories/a.md:5:10: 错误: 中文引号 “ ” 在 YAML 里不算引号，里面的 “: ” "
            "照样起作用，这一行被读错了",
            "    summary: “通知: 明天停水”",
            '  提示: 换成英文引号：summary: "通知: 明天停水"',
        ],
    ),
    (
        "front-matter-chinese-quotes-around-a-hash",
        {"stories/a.md": FM.format("building: “3栋 #302”")},
        0,
        [
            "content/stories/a.md:5:11: 警告: 中文引号 “ ” 在 YAML 里不算引号，里面的 “#” "
            "照样起作用，这一行被读错了",
            "    building: “3栋 #302”",
            '  提示: 换成英文引号：building: "3栋 #302"',
        ],
    ),
    (
        "front-matter-fullwidth-ascii-quotes",
        {"stories/a.md": FM.format("summary: ＂楼道里的灯＂")},
        0,
        [
            "content/stories/a.md:5:10: 警告: 全角引号 ＂ 在 YAML 里不算引号，会原样显示在网页上",
            "    summary: ＂楼道里的灯＂",
            '  提示: 要加引号就用英文引号：summary: "楼道里的灯"',
        ],
    ),
    (
        "front-matter-fullwidth-dash",
        {"stories/a.md": FM.format("tags:\n  － 助老\n  － 好邻居")},
        0,
        [
            "content/stories/a.md:6:3: 警告: 列表开头的 “－” 不是英文短横线 “-”，YAML 认不出这是列表",
            "    － 助老",
            "  提示: 写成 - 助老",
        ],
    ),
    (
        "front-matter-em-dash",
        {"stories/a.md": FM.format("people:\n  — 王阿姨\n  — 李师傅")},
        0,
        [
            "content/stories/a.md:6:3: 警告: 列表开头的 “—” 不是英文短横线 “-”，YAML 认不出这是列表",
            "    — 王阿姨",
            "  提示: 写成 - 王阿姨",
        ],
    ),
    (
        "front-matter-fullwidth-comma-in-a-list",
        {"stories/a.md": FM.format("tags: [助老，好邻居, 家风]")},
        0,
        [
            "content/stories/a.md:5:10: 警告: 方括号里的中文逗号 “，” 不分隔列表，“助老，好邻居” 成了一项",
            "    tags: [助老，好邻居, 家风]",
            "  提示: 用英文逗号分开：tags: [助老, 好邻居, 家风]；如果这本来就是一项，"
            '加英文引号："助老，好邻居"',
        ],
    ),
    (
        "front-matter-enumeration-comma-in-a-list",
        {"stories/a.md": FM.format("people: [王阿姨、李师傅]")},
        0,
        [
            "content/stories/a.md:5:13: 警告: 方括号里的中文逗号 “、” 不分隔列表，“王阿姨、李师傅” 成了一项",
        ],
    ),
    (
        "ledger-fullwidth-colon",
        ledger(LEDGER.replace("resident: ", "resident：")),
        1,
        [
            "content/points/ledger/2026-05.yaml:2:11: 错误: 用了中文冒号 “：”，改成英文冒号加空格 “: ”",
            "    resident：R001",
            "  提示: 写成 resident: R001",
        ],
    ),
    (
        "ledger-no-space-after-colon",
        ledger(LEDGER.replace("earn: ", "earn:")),
        1,
        [
            "content/points/ledger/2026-05.yaml:3:7: 错误: 冒号后面要有一个空格",
            "    earn:garbage-sorting",
            "  提示: 写成 earn: garbage-sorting",
        ],
    ),
    (
        # every slip YAML stops at is named in one run, not one per run
        "ledger-a-slip-in-every-entry",
        ledger(LEDGER.replace("resident: ", "resident：") * 3),
        1,
        [
            "content/points/ledger/2026-05.yaml:2:11: 错误: 用了中文冒号 “：”，改成英文冒号加空格 “: ”",
            "    resident：R001",
            "  提示: 写成 resident: R001",
            "content/points/ledger/2026-05.yaml:5:11: 错误: 用了中文冒号 “：”，改成英文冒号加空格 “: ”",
            "    resident：R001",
            "  提示: 写成 resident: R001",
            "content/points/ledger/2026-05.yaml:8:11: 错误: 用了中文冒号 “：”，改成英文冒号加空格 “: ”",
            "    resident：R001",
            "  提示: 写成 resident: R001",
            "检查未通过：3 个错误。",
        ],
    ),
    (
        # an entry that is one key without its space is a text to YAML: a warning, then
        # the ledger's own error
        "ledger-entry-that-is-one-key-without-space",
        ledger("- date:2026-05-03\n" + LEDGER),
        1,
        [
            "content/points/ledger/2026-05.yaml:1:7: 警告: 冒号后面要有一个空格",
            "    - date:2026-05-03",
            "  提示: 写成 - date: 2026-05-03",
        ],
    ),
    (
        "ledger-fullwidth-comma-in-braces",
        {**POINTS, "points/residents.yaml": "- {id: R001，name: 刘大哥, building: 3栋}\n"},
        1,
        [
            "content/points/residents.yaml:1:12: 错误: 括号里用了中文逗号 “，”，YAML 只认英文逗号 “,”",
            "    - {id: R001，name: 刘大哥, building: 3栋}",
            "  提示: 写成 - {id: R001, name: 刘大哥, building: 3栋}",
        ],
    ),
    (
        "events-fullwidth-dash",
        {"events/a.yaml": EVENTS + EVENTS.replace("- title: 端午包粽子", "－ title: 中秋赏月")},
        1,
        [
            "content/events/a.yaml:4:1: 错误: 列表开头的 “－” 不是英文短横线 “-”，YAML 认不出这是列表",
            "    － title: 中秋赏月",
            "  提示: 写成 - title: 中秋赏月",
        ],
    ),
    (
        "events-chinese-quotes-around-a-colon",
        {"events/a.yaml": EVENTS.replace("location: 活动室", "location: “党群中心: 二楼”")},
        1,
        [
            "content/events/a.yaml:3:13: 错误: 中文引号 “ ” 在 YAML 里不算引号，里面的 “: ” "
            "照样起作用，这一行被读错了",
            "    location: “党群中心: 二楼”",
            '  提示: 换成英文引号：location: "党群中心: 二楼"',
        ],
    ),
    (
        "events-fullwidth-indent-in-a-block-of-text",
        {"events/a.yaml": EVENTS + "  description: |\n\u3000\u3000自带围裙。\n"},
        1,
        [
            "content/events/a.yaml:5:1: 错误: 这一行用全角空格 “\u3000” 缩进，YAML 只认英文空格",
            "    \u3000\u3000自带围裙。",
        ],
    ),
    (
        # a tab where a key's indent should be: the warning names it, and so does the error
        "front-matter-key-indented-with-a-tab",
        {"stories/a.md": FM.format("\tbuilding: 3栋")},
        1,
        [
            "content/stories/a.md:5:1: 错误: YAML 格式错误：缩进里有 Tab，YAML 只认空格：把 Tab 换成空格",
            "    building: 3栋",
        ],
    ),
    (
        "site-yaml-no-space-after-colon",
        {},
        1,
        [
            "content/site.yaml:2:9: 错误: 冒号后面要有一个空格",
            "    language:zh-CN",
            "  提示: 写成 language: zh-CN",
        ],
    ),
]


@pytest.mark.parametrize(
    ("files", "code", "block"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_slip_is_named_on_its_own_line(make_site, cli, files, code, block):
    site_yaml = "title: 测试小区\nlanguage:zh-CN\n" if not files else "title: 测试小区\n"
    content = make_site(files, site_yaml=site_yaml)
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    lines = run.err.splitlines()
    assert block[0] in lines, run.err
    at = lines.index(block[0])
    assert lines[at : at + len(block)] == block, run.err
    assert run.code == code, run.err


def test_slips_speak_english(make_site, cli):
    content = make_site(
        {
            "stories/a.md": FM.format("building：3栋"),
            "stories/b.md": FM.format("tags: [助老，好邻居]"),
        },
        site_yaml="title: Test\nlanguage: en\n",
    )
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.err.splitlines() == [
        "content/stories/b.md:5:10: warning: The full-width comma “，” does not separate items "
        "in [ ], so “助老，好邻居” is one item",
        "    tags: [助老，好邻居]",
        "  hint: Separate the items with ASCII commas: tags: [助老, 好邻居]; if it really is one "
        'item, quote it: "助老，好邻居"',
        "content/stories/a.md:5:9: error: A full-width colon “：” after the key; write an ASCII "
        "colon and a space “: ”",
        "    building：3栋",
        "  hint: Write building: 3栋",
        "Check failed: 1 error(s).",
    ]


# --- what is not a slip -------------------------------------------------------------------

QUIET = [
    "title: “好婆媳”\n",  # Chinese text in Chinese quotes, as it should be
    "title: 一家三代的“好婆媳”\n",
    "title: 好邻居——记王师傅\n",
    "title: — 记王师傅\n",
    "time: 下午3：00\n",  # a full-width colon inside a value is text
    "note: 备注：明天停水\n",
    "people: [“谜语爷爷”, 王阿姨]\n",  # a nickname in quotes may be meant
    'tags: ["助老，好邻居"]\n',  # quoted: one item on purpose
    "tags: 助老，好邻居\n",  # one line without [ ]: fields.texts splits it at the ，
    "building: \u30003栋\n",  # fields.text trims the full-width space
    "times:\n  - 12:30\n  - 9:00\n",
    "links:\n  - https://example.org\n  - tel:13800000000\n  - mailto:a@example.org\n",
    "description: |\n  \u3000\u3000第一段，首行缩进两个全角空格。\n  — 王师傅\n",
    "description: 第一段\n  第二段：下午\n",
]


@pytest.mark.parametrize("text", QUIET)
def test_what_is_not_a_slip_reads_quietly(text: str) -> None:
    diags = Diagnostics()
    assert isinstance(load_yaml(text, Path("a.yaml"), diags), Mapping)
    assert diags.items == []


def test_a_slip_like_line_is_not_blamed_for_another_error() -> None:
    """`Tel:138…` in a block of text above a wrong indent: repairing it gets YAML no further."""
    text = (
        "- title: A\n  description: |\n    Tel:13800000000\n    　　第一段\n  start: 1\n bad: x\n"
    )
    diags = Diagnostics()
    assert load_yaml(text, Path("events.yaml"), diags) is None
    assert [(d.code, d.location.line, d.location.column) for d in diags.items] == [
        ("yaml.syntax", 6, 2)
    ]


def test_a_slip_whose_repair_does_not_help_leaves_yamls_message() -> None:
    text = "title: 好\ndate:2025-01-01\n  bad: x\n"
    diags = Diagnostics()
    assert load_yaml(text, Path("a.md"), diags, line_offset=1) is None
    assert [(d.code, d.location.line) for d in diags.items] == [("yaml.syntax", 4)]


def test_slips_keep_the_values_yaml_read() -> None:
    """A warned slip changes nothing in what is read: the site builds as it did before."""
    diags = Diagnostics()
    value = load_yaml("tags: [助老，好邻居]\ntitle: ＂好＂\n", Path("a.md"), diags, line_offset=1)
    assert isinstance(value, Mapping)
    tags = value.entries["tags"].value
    assert isinstance(tags, Sequence)
    assert [item.text for item in tags.items if isinstance(item, Scalar)] == ["助老，好邻居"]
    title = value.entries["title"].value
    assert isinstance(title, Scalar) and title.text == "＂好＂"
    assert {d.severity for d in diags.items} == {"warning"}


# --- the fast paths take no slip --------------------------------------------------------------

SLIP_CODES = {
    "yaml.fullwidth_colon",
    "yaml.colon_space",
    "yaml.fullwidth_space",
    "yaml.fullwidth_indent",
    "yaml.fullwidth_quotes",
    "yaml.fullwidth_quotes_kept",
    "yaml.fullwidth_dash",
    "yaml.fullwidth_comma",
    "yaml.fullwidth_comma_flow",
}
SLIPPED_FRONT_MATTER = [
    "building：3栋\n",
    "category:好邻居\n",
    "building:\u30003栋\n",
    "\u3000building: 3栋\n",
    "building\u3000: 3栋\n",
    "summary: “通知: 明天”\n",
    "building: “3栋 #302”\n",
    "summary: ＂楼道里的灯＂\n",
    "tags:\n  － 助老\n",
    "tags: [助老，好邻居]\n",
    "tags: [助老、好邻居]\n",
    "people: [＂王阿姨＂]\n",
]
SLIPPED_LEDGER = [
    "- date: 2026-05-03\n  resident：R001\n",
    "- date: 2026-05-03\n  resident:R001\n",
    "- date:2026-05-03\n",
    "－ date: 2026-05-03\n",
    "- date: 2026-05-03\n\u3000 resident: R001\n",
    "- date: 2026-05-03\n  note: “通知: 明天”\n",
    "- date: 2026-05-03\n  note: ＂好＂\n",
]


@pytest.mark.parametrize("text", SLIPPED_FRONT_MATTER)
def test_fast_front_matter_takes_no_slip(text: str) -> None:
    assert flat_mapping(text, Path("a.md"), 1) is None
    diags = Diagnostics()
    load_yaml(text, Path("a.md"), diags, line_offset=1)
    assert {d.code for d in diags.items} & SLIP_CODES, diags.items


@pytest.mark.parametrize("text", SLIPPED_LEDGER)
def test_fast_ledger_takes_no_slip(text: str) -> None:
    assert block_list(text, Path("2026-05.yaml")) is None
    diags = Diagnostics()
    load_yaml(text, Path("2026-05.yaml"), diags)
    assert {d.code for d in diags.items} & SLIP_CODES, diags.items
