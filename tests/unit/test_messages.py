"""One test per user-facing message: its words and the line it points at.

Each case is a small site with one mistake; the test builds it and compares
the first line of the report (`path:line:col: 错误: …`) and the hint.
A last test checks that every diagnostic code in the catalogue has a case here.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from site_builder.messages import CATALOGUE
from tests.conftest import TODAY_ARG, picture, png_header, story

TWO = (
    "title: 两个小区\ncommunities:\n  - id: longteng\n    name: 龙腾广场小区\n"
    "  - id: xiangzhang\n    name: 香樟雅苑\n"
)


def ev(*lines: str) -> dict[str, str | bytes]:
    """Return an events file holding one event whose title is on line 1."""
    return {"events/a.yaml": "- title: 端午包粽子\n" + "".join(f"  {line}\n" for line in lines)}


RULES = (
    "earn:\n  garbage-sorting: {name: 垃圾分类, points: 10}\n"
    "  volunteer-hour: {name: 志愿服务, points_per_hour: 10}\n"
    "redeem:\n  haircut: {name: 免费理发, cost: 50}\n"
)
RESIDENTS = "- {id: R001, name: 刘大哥, building: 3栋}\n- {id: R002, name: 王阿姨, building: 5栋}\n"


def ledger(*lines: str, rules: str = RULES, residents: str = RESIDENTS) -> dict[str, str | bytes]:
    """Return a points folder whose ledger holds one entry; its first line is line 1."""
    return {
        "points/rules.yaml": rules,
        "points/residents.yaml": residents,
        "points/ledger/2026-05.yaml": "- date: 2026-05-03\n"
        + "".join(f"  {line}\n" for line in lines),
    }


# (code, files, site.yaml or None for the default, expected first line, expected hint or None)
CASES: list[tuple[str, dict[str, str | bytes], str | None, str, str | None]] = [
    ("file.unreadable", {}, None, "", None),  # filled in by test_unreadable_file
    (
        "encoding.utf16",
        {"stories/a.md": codecs.BOM_UTF16_LE + story().encode("utf-16-le")},
        None,
        "content/stories/a.md: 错误: 文件是 UTF-16 编码，site-builder 只读 UTF-8",
        "用记事本打开它，选“另存为”，编码选 “UTF-8”，再保存",
    ),
    (
        "encoding.binary",
        {"stories/a.md": b"\x89PNG\r\n\x1a\n\x00\x00"},
        None,
        "content/stories/a.md: 错误: 这不是文本文件（里面有二进制内容）",
        "图片等文件请放到 content/assets/ 里",
    ),
    (
        "encoding.gbk",
        {"stories/a.md": story(body="第一行\n第二行。").encode("gbk")},
        None,
        "content/stories/a.md:2: 错误: 文件看起来是 GBK/GB18030 编码（Windows 记事本的旧默认），"
        "site-builder 只读 UTF-8",
        "用记事本打开它，选“另存为”，编码选 “UTF-8”，再保存；不要复制粘贴乱码",
    ),
    (
        "encoding.not_utf8",
        {"stories/a.md": story().encode() + b"\xff\xfe\xfd\n"},
        None,
        "content/stories/a.md:6: 错误: 文件不是 UTF-8 编码，从这一行开始无法读取",
        "用编辑器把文件另存为 UTF-8 编码",
    ),
    (
        "yaml.syntax",
        {"stories/a.md": "---\ntitle: [未闭合\ndate: 2025-05-20\n---\n正文\n"},
        None,
        "content/stories/a.md:3:5: 错误: YAML 格式错误：方括号 [ ] 没有配对",
        "检查这一行和上一行：冒号后要有空格，缩进要对齐，含冒号的文字要加引号",
    ),
    (
        "yaml.documents",
        {"points/x.yaml": "a: 1\n---\nb: 2\n"},
        "title: 测试\n---\nlanguage: en\n",
        "content/site.yaml:2:1: 错误: 文件里有多个 YAML 文档（出现了第二个 ---）",
        "一个文件只写一份内容；删掉多余的 --- 行",
    ),
    (
        "yaml.tab",
        {"stories/a.md": "---\ntitle: 标题\ndate: 2025-05-20\ntags:\n\t- 助老\n---\n正文\n"},
        None,
        "content/stories/a.md:5:1: 警告: 这一行用了 Tab 缩进",
        "YAML 只认空格缩进：把 Tab 换成两个空格",
    ),
    (
        "yaml.alias",
        {"stories/a.md": "---\ntitle: &t 标题\ndate: 2025-05-20\nsummary: *t\n---\n正文\n"},
        None,
        "content/stories/a.md:2:8: 错误: 这里的内容被 YAML 别名（*名字）重复引用了，"
        "site-builder 不支持锚点和别名",
        "把内容直接写在每个用到的地方，删掉 & 和 * 标记",
    ),
    (
        "yaml.too_deep",
        {
            "stories/a.md": "---\ntitle: 标题\ndate: 2025-05-20\npeople: "
            + "[" * 45
            + "]" * 45
            + "\n---\n"
        },
        None,
        "content/stories/a.md:4:49: 错误: YAML 嵌套超过 40 层",
        "内容文件不需要这么深的层次，检查是否多了括号或缩进",
    ),
    (
        "yaml.tag",
        {
            "stories/a.md": "---\ntitle: !!python/object/apply:os.system [echo hi]\ndate: 2025-05-20\n---\n"
        },
        None,
        "content/stories/a.md:2:8: 错误: 不允许的 YAML 标签 !!python/object/apply:os.system",
        "删掉以 ! 开头的标记，直接写值",
    ),
    (
        "yaml.complex_key",
        {"stories/a.md": "---\ntitle: 标题\ndate: 2025-05-20\n? [a, b]\n: 值\n---\n"},
        None,
        "content/stories/a.md:4:3: 错误: 键名必须是简单文字",
        "写成 名字: 值 的形式",
    ),
    (
        "yaml.duplicate_key",
        {"stories/a.md": "---\ntitle: 标题\ndate: 2025-05-20\ntitle: 另一个\n---\n"},
        None,
        "content/stories/a.md:4:1: 错误: “title” 重复出现（第 2 行已经写过）",
        "删掉其中一个，或把两处内容合并",
    ),
    # YAML slips (issue 21); tests/unit/test_yaml_slips.py has one more case each
    (
        "yaml.fullwidth_colon",
        {"stories/a.md": "---\ntitle: 好邻居\ndate: 2025-05-20\nbuilding：3栋\n---\n正文\n"},
        None,
        "content/stories/a.md:4:9: 错误: 用了中文冒号 “：”，改成英文冒号加空格 “: ”",
        "写成 building: 3栋",
    ),
    (
        "yaml.colon_space",
        ev("start:2025-05-31"),
        None,
        "content/events/a.yaml:2:8: 错误: 冒号后面要有一个空格",
        "写成 start: 2025-05-31",
    ),
    (
        "yaml.fullwidth_space",
        {"stories/a.md": "---\ntitle: 好邻居\ndate: 2025-05-20\nbuilding:\u30003栋\n---\n正文\n"},
        None,
        "content/stories/a.md:4:10: 错误: 这里用了全角空格 “\u3000”（中文输入法的空格），YAML 只认英文空格",
        "写成 building: 3栋",
    ),
    (
        "yaml.fullwidth_indent",
        {"stories/a.md": "---\ntitle: 好邻居\ndate: 2025-05-20\ntags:\n\u3000- 助老\n---\n正文\n"},
        None,
        "content/stories/a.md:5:1: 错误: 这一行用全角空格 “\u3000” 缩进，YAML 只认英文空格",
        "删掉行首的全角空格，改用英文空格，和同一层的上下行对齐",
    ),
    (
        "yaml.fullwidth_quotes",
        ledger("resident: R001", "earn: garbage-sorting", "note: “通知: 明天停水”"),
        None,
        "content/points/ledger/2026-05.yaml:4:9: 错误: 中文引号 “ ” 在 YAML 里不算引号，"
        "里面的 “: ” 照样起作用，这一行被读错了",
        '换成英文引号：note: "通知: 明天停水"',
    ),
    (
        "yaml.fullwidth_quotes_kept",
        {"stories/a.md": story(title="＂好邻居＂")},
        None,
        "content/stories/a.md:2:8: 警告: 全角引号 ＂ 在 YAML 里不算引号，会原样显示在网页上",
        '要加引号就用英文引号：title: "好邻居"',
    ),
    (
        "yaml.fullwidth_dash",
        {
            "events/a.yaml": "- title: 端午包粽子\n  start: 2025-05-31\n"
            "－ title: 中秋赏月\n  start: 2025-10-06\n"
        },
        None,
        "content/events/a.yaml:3:1: 错误: 列表开头的 “－” 不是英文短横线 “-”，YAML 认不出这是列表",
        "写成 - title: 中秋赏月",
    ),
    (
        "yaml.fullwidth_comma",
        {"stories/a.md": story(tags="[助老，好邻居]")},
        None,
        "content/stories/a.md:4:10: 警告: 方括号里的中文逗号 “，” 不分隔列表，“助老，好邻居” 成了一项",
        '用英文逗号分开：tags: [助老, 好邻居]；如果这本来就是一项，加英文引号："助老，好邻居"',
    ),
    (
        "yaml.fullwidth_comma_flow",
        ledger(
            "resident: R001",
            "earn: garbage-sorting",
            residents="- {id: R001，name: 刘大哥, building: 3栋}\n",
        ),
        None,
        "content/points/residents.yaml:1:12: 错误: 括号里用了中文逗号 “，”，YAML 只认英文逗号 “,”",
        "写成 - {id: R001, name: 刘大哥, building: 3栋}",
    ),
    (
        "yaml.comment_in_value",
        {"stories/a.md": "---\ntitle: 王师傅 #302 的故事\ndate: 2025-05-20  # 记录日期\n---\n"},
        None,
        "content/stories/a.md:2:11: 警告: “#” 后面的文字被当成了注释，没有读进来",
        '整段文字加上引号，例如 title: "王师傅 #302 的故事"',
    ),
    (
        "story.link_unpublished",
        {"stories/a.md": story(body="见[中秋](b.md)"), "stories/b.md": story(draft="true")},
        None,
        "content/stories/a.md:5: 错误: 链接的故事 “b.md” 不会出现在网站上（草稿、未到发布日期或有错误），链接会失效",
        "先删掉这个链接，等那篇故事发布后再加上",
    ),
    (
        "frontmatter.missing",
        {"stories/a.md": "title: 标题\n正文\n"},
        None,
        "content/stories/a.md:1: 错误: 找不到开头的 front matter（第一行应该是 ---）",
        "在文件开头加上 ---，下面写 title: 和 date:，再用一行 --- 结束",
    ),
    (
        "frontmatter.unclosed",
        {"stories/a.md": "---\ntitle: 标题\ndate: 2025-05-20\n正文\n"},
        None,
        "content/stories/a.md:1: 错误: front matter 没有结束（缺少第二行 ---）",
        "在 title、date 等设置的下面加一行 ---，正文写在它下面",
    ),
    (
        "record.not_mapping",
        {"stories/a.md": "---\n- 标题\n- 2025-05-20\n---\n正文\n"},
        None,
        "content/stories/a.md:2:1: 错误: 这里应该是 “名字: 值” 形式的设置",
        "每行写一个设置，例如 title: 标题",
    ),
    (
        "field.required",
        {"stories/a.md": "---\ndate: 2025-05-20\n---\n正文\n"},
        None,
        "content/stories/a.md:2:1: 错误: 缺少必填项 title",
        "加上一行 title: …",
    ),
    (
        "field.empty",
        {"stories/a.md": "---\ntitle:\ndate: 2025-05-20\n---\n"},
        None,
        "content/stories/a.md:2:1: 错误: title 是空的",
        "在 title: 后面写上内容",
    ),
    (
        "story.link_missing",
        {"stories/a.md": story(body="第一段\n\n见[上一篇](shuiguan.md)")},
        None,
        "content/stories/a.md:7: 错误: 找不到要链接的故事 “shuiguan.md”",
        "写 stories/ 里那篇故事的文件名，例如 [电梯的故事](xingfu-dianti.md)；检查拼写",
    ),
    (
        "story.community_by_name",
        {"stories/a.md": story(community="香樟雅苑")},
        TWO,
        "content/stories/a.md:4:12: 错误: community 要写小区编号，不是小区名字 “香樟雅苑”",
        "写成 community: xiangzhang",
    ),
    (
        "field.not_text",
        {"stories/a.md": story(building="[3栋, 4栋]")},
        None,
        "content/stories/a.md:4:11: 错误: building 应该是一段文字，不是列表或多项设置",
        None,
    ),
    (
        "field.not_bool",
        {"stories/a.md": story(draft="也许")},
        None,
        "content/stories/a.md:4:8: 错误: draft 只能是 true 或 false，这里写的是 “也许”",
        "写成 draft: true 或 draft: false",
    ),
    (
        "field.list_of_text",
        {"stories/a.md": story(tags="{a: b}")},
        None,
        "content/stories/a.md:4:7: 错误: tags 应该是文字列表",
        "写成 tags: [甲, 乙]",
    ),
    (
        "field.unknown_guess",
        {"stories/a.md": story(catgory="好邻居")},
        None,
        "content/stories/a.md:4:1: 错误: 不认识的设置 “catgory”",
        "是不是想写 “category”？",
    ),
    (
        "field.misspelled_required",
        {"stories/a.md": "---\ntitel: 好邻居\ndate: 2025-05-20\n---\n正文\n"},
        None,
        "content/stories/a.md:2:1: 错误: 不认识的设置 “titel”，所以还缺少必填项 title",
        "是不是想写 “title”？把 titel 改成 title，这一行的值就会当作 title 读进来",
    ),
    (
        "field.unknown",
        {"stories/a.md": story(心情="好")},
        None,
        "content/stories/a.md:4:1: 错误: 不认识的设置 “心情”",
        "可以用的设置有：title, date, category, people, building, community, tags, cover, "
        "summary, publish, draft, slug",
    ),
    (
        "field.bad_date",
        {"stories/a.md": story(date="昨天")},
        None,
        "content/stories/a.md:3:7: 错误: date 应该是日期，这里写的是 “昨天”",
        "写成 年-月-日，例如 date: 2025-05-20",
    ),
    (
        "field.impossible_date",
        {"stories/a.md": story(date="2025-02-30")},
        None,
        "content/stories/a.md:3:7: 错误: date 的日期 “2025-02-30” 不存在",
        "检查月份和日子：4、6、9、11 月只有 30 天，2 月只有 28 天（闰年 29 天）",
    ),
    (
        "config.missing",
        {"stories/a.md": story()},
        "",
        "content/site.yaml: 错误: 找不到 site.yaml：每个站点都需要它",
        "在内容文件夹里新建 site.yaml，至少写一行 title: 小区名称",
    ),
    (
        "config.bad_language",
        {},
        "title: 测试\nlanguage: fr\n",
        "content/site.yaml:2:11: 错误: 不支持的语言 “fr”",
        "写 language: zh-CN（中文）或 language: en（英文）",
    ),
    (
        "config.bad_timezone",
        {},
        "title: 测试\ntimezone: Beijing\n",
        "content/site.yaml:2:11: 错误: 不认识的时区 “Beijing”",
        "中国大陆写 timezone: Asia/Shanghai",
    ),
    (
        "config.bad_base_url",
        {},
        "title: 测试\nbase_url: example.org/longteng\n",
        "content/site.yaml:2:11: 错误: base_url “example.org/longteng” 不是完整网址",
        "写成 https://example.org/小区/ 的形式，以 http:// 或 https:// 开头",
    ),
    (
        "config.bad_community_id",
        {},
        "title: 测试\ncommunities:\n  - id: 龙腾\n    name: 龙腾广场小区\n",
        "content/site.yaml:3:9: 错误: 小区编号 “龙腾” 只能用小写字母、数字和连字符，并以字母开头",
        "例如 id: longteng",
    ),
    (
        "config.duplicate_community",
        {},
        TWO + "  - id: longteng\n    name: 又一个\n",
        "content/site.yaml:7:9: 错误: 小区编号 “longteng” 重复了",
        "每个小区用不同的 id",
    ),
    (
        "config.bad_choice",
        {},
        "title: 测试\nprivacy:\n  names: hidden\n",
        "content/site.yaml:3:10: 错误: names 不能是 “hidden”",
        "可以写：mask | initials | full",
    ),
    (
        "config.not_positive",
        {},
        "title: 测试\nkiosk:\n  slide_seconds: 十五\n",
        "content/site.yaml:3:18: 错误: slide_seconds 应该是正整数，这里写的是 “十五”",
        "例如 slide_seconds: 15",
    ),
    (
        "config.bad_night",
        {},
        "title: 测试\nkiosk:\n  night: 晚上十点\n",
        "content/site.yaml:3:10: 错误: night 应该写成 “开始-结束” 的时间段，这里写的是 “晚上十点”",
        "例如 night: 22:00-06:30",
    ),
    (
        "config.empty_list",
        {},
        "title: 测试\nkiosk:\n  slides: []\n",
        "content/site.yaml:3:11: 错误: slides 至少要有一项",
        None,
    ),
    (
        "story.community_required",
        {"stories/a.md": story()},
        TWO,
        "content/stories/a.md:2:1: 错误: site.yaml 里列了多个小区，这里要写明属于哪个小区（community）",
        "加上一行 community: longteng, xiangzhang 中的一个",
    ),
    (
        "story.unknown_community",
        {"stories/a.md": story(community="jinhu")},
        TWO,
        "content/stories/a.md:4:12: 错误: 没有编号为 “jinhu” 的小区",
        "site.yaml 里的小区编号有：longteng, xiangzhang",
    ),
    (
        "story.no_communities",
        {"stories/a.md": story(community="longteng")},
        None,
        "content/stories/a.md:4:12: 错误: site.yaml 没有列出小区，这里不用写 community",
        "删掉 community 这一行，或在 site.yaml 里加上 communities",
    ),
    (
        "story.slug_collision",
        {"stories/a.md": story(slug="Hao-Linju"), "stories/b.md": story(slug="hao-linju")},
        None,
        "content/stories/b.md:4:7: 错误: 网址 stories/hao-linju/ 和 a.md 冲突（网址不区分大小写和全半角写法）",
        "给其中一篇换个 slug:",
    ),
    (
        "name.empty",
        {"stories/a.md": story(tags="['###']")},
        None,
        "content/stories/a.md:4:7: 错误: tags “###” 变成网址后什么也不剩",
        "用文字或数字，例如 tags: xingfu-dianti",
    ),
    (
        "name.chars",
        {"stories/a.md": story(slug="a/b")},
        None,
        "content/stories/a.md:4:7: 错误: slug “a/b” 里有不能出现在网址里的符号",
        "只用字母、数字、汉字和连字符 -，例如 slug: xingfu-dianti",
    ),
    (
        "name.dots",
        {"stories/a.md": story(slug=".hidden")},
        None,
        "content/stories/a.md:4:7: 错误: slug “.hidden” 不能以点开头或结尾",
        "去掉开头或结尾的点",
    ),
    (
        "name.reserved",
        {"stories/a.md": story(slug="CON")},
        None,
        "content/stories/a.md:4:7: 错误: slug “CON” 是保留名字，不能做网址（Windows 或分页要用它）",
        "换一个名字，例如在后面加上 -1",
    ),
    (
        "name.too_long",
        {"stories/a.md": story(slug="好" * 41)},
        None,
        "content/stories/a.md:4:7: 错误: slug “" + "好" * 41 + "” 太长，做文件夹名会超出系统限制",
        "在 front matter 里写一个短一点的 slug:，例如 slug: xingfu-dianti",
    ),
    (
        "asset.missing",
        {"stories/a.md": story(body="第一段。\n\n![照片](assets/没有.jpg)\n")},
        None,
        "content/stories/a.md:7: 错误: 找不到文件 “assets/没有.jpg”",
        "路径相对于内容文件夹，例如 assets/照片.jpg；检查文件名和大小写",
    ),
    (
        "asset.outside",
        {"stories/a.md": story(cover="../../../../../../etc/passwd")},
        None,
        "content/stories/a.md:4:8: 错误: “../../../../../../etc/passwd” 指向内容文件夹以外",
        "把文件复制到 content/assets/ 里，再写 assets/文件名",
    ),
    (
        "asset.bad_path",
        {"stories/a.md": story(cover="'assets\\a.jpg'")},
        None,
        "content/stories/a.md:4:8: 错误: “assets\\a.jpg” 不是可用的路径（不能用反斜杠 \\ 或 C: 这样的盘符）",
        "用 / 分隔，相对于内容文件夹，例如 assets/照片.jpg",
    ),
    (
        "asset.computer_path",
        {"stories/a.md": story(cover="'C:\\照片\\a.jpg'")},
        None,
        "content/stories/a.md:4:8: 错误: “C:\\照片\\a.jpg” 是你电脑上的位置，网站上看不到这个文件",
        "把文件复制到 content/assets/ 里，再写 assets/a.jpg",
    ),
    (
        "asset.source_file",
        {"stories/a.md": story(body="见[这里](../site.yaml)。")},
        None,
        "content/stories/a.md:5: 错误: “../site.yaml” 是内容源文件，不能直接链接",
        "链接故事时写它的文件名，例如 xingfu-dianti.md；其他文件放到 assets/",
    ),
    (
        "asset.not_in_assets",
        {"stories/a.md": story(body="见[这里](../docs/a.pdf)。"), "docs/a.pdf": b"%PDF-1.4"},
        None,
        "content/stories/a.md:5: 错误: “../docs/a.pdf” 不在 assets/ 文件夹里，不能发布到网站上",
        "要发布的图片和文件放到 content/assets/ 里，再写 assets/a.pdf",
    ),
    (
        "asset.hidden",
        {"stories/a.md": story(cover="assets/.git/config"), "assets/.git/config": "[core]\n"},
        None,
        "content/stories/a.md:4:8: 错误: “assets/.git/config” 是隐藏文件（名字或文件夹以点开头），从不发布",
        "像 .git、.env 这样的文件常常存着密码；要发布的文件改个不以点开头的名字，放到 assets/ 里",
    ),
    (
        "asset.data_file",
        {"stories/a.md": story(), "assets/roster.csv": "name,phone\n"},
        None,
        "content/assets/roster.csv: 警告: “assets/roster.csv” 是数据文件，会原样发布，任何人都能下载",
        "确认里面没有居民的姓名和电话（发布前会检查）；名单放在 points/ 里，不要放在 assets/ 里",
    ),
    (
        "asset.active",
        {"stories/a.md": story(), "assets/x.html": "<script>alert(1)</script>\n"},
        None,
        "content/assets/x.html: 错误: “assets/x.html” 是网页或脚本文件，放在网站上会在访客的浏览器里运行",
        "删掉它，或改成 PDF、图片；确实要发布时在 site.yaml 里写 assets: {allow_active: true}"
        "（大堂公告屏永远不放）",
    ),
    (
        "asset.svg_unsafe",
        {
            "stories/a.md": story(),
            "assets/a.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n',
        },
        None,
        "content/assets/a.svg: 错误: SVG 图片 “assets/a.svg” 里有 onload=，会运行脚本或加载别处的东西",
        "换成 PNG 或 JPG，或在绘图软件里重新导出一个不含脚本和外部链接的 SVG",
    ),
    (
        "asset.svg_unfinished",
        {"stories/a.md": story(), "assets/b.svg": "<svg>\n<g>"},
        None,
        "content/assets/b.svg:2:4: 错误: SVG 图片 “assets/b.svg” 读不懂：文件到第 2 行第 4 列就结束了，"
        "还有标签没写完或没有关闭",
        "换成 PNG 或 JPG，或在绘图软件里重新导出这个 SVG（文件可能没有复制完整）",
    ),
    (
        "asset.svg_mismatched",
        {"stories/a.md": story(), "assets/b.svg": "<svg>\n<g></svg>"},
        None,
        "content/assets/b.svg:2:6: 错误: SVG 图片 “assets/b.svg” 读不懂：第 2 行第 6 列的结束标签"
        "和前面的开始标签对不上",
        "换成 PNG 或 JPG，或在绘图软件里重新导出这个 SVG",
    ),
    (
        "asset.svg_broken",
        {"stories/a.md": story(), "assets/b.svg": "<svg>\n<g fill=red/></svg>"},
        None,
        "content/assets/b.svg:2:9: 错误: SVG 图片 “assets/b.svg” 读不懂：第 2 行第 9 列起不是正确的 XML"
        "（比如少了引号、有不该出现的字符）",
        "换成 PNG 或 JPG，或在绘图软件里重新导出这个 SVG",
    ),
    (
        "asset.svgz_broken",
        {"stories/a.md": story(), "assets/b.svgz": b"\x1f\x8b\x08\x00cut"},
        None,
        "content/assets/b.svgz: 错误: 压缩的 SVG 图片 “assets/b.svgz” 解压不了：不是完整的 gzip 文件",
        "在绘图软件里重新导出（存成 .svg 也可以），或换成 PNG 或 JPG",
    ),
    (
        "markup.unsafe",
        {"stories/a.md": story(body="第一段。\n\n[点我](javascript:alert(1))")},
        None,
        "content/stories/a.md:7: 警告: 不安全的内容 “javascript:alert(1)” 已被删除",
        "内容里不能有脚本、样式、内嵌网页和事件代码；链接只能用 http://、https://、mailto: 或 tel:",
    ),
    (
        "event.not_list",
        {"events/a.yaml": "title: 端午包粽子\nstart: 2025-05-31\n"},
        None,
        "content/events/a.yaml:1:1: 错误: 活动文件应该是一个列表，每个活动以 “- title:” 开头",
        None,
    ),
    (
        "event.bad_datetime",
        ev("start: 2025-05-31 上午九点"),
        None,
        "content/events/a.yaml:2:10: 错误: start 应该是日期或“日期 时间”，这里写的是 “2025-05-31 上午九点”",
        "写成 start: 2025-05-31 或 start: 2025-05-31 09:00（24 小时制）",
    ),
    (
        "event.impossible_time",
        ev("start: 2025-05-31 24:00"),
        None,
        "content/events/a.yaml:2:10: 错误: start 的时间 “2025-05-31 24:00” 不存在",
        "时间从 00:00 到 23:59；半夜十二点写成第二天的 00:00",
    ),
    (
        "event.end_before_start",
        ev("start: 2025-05-31 09:00", "end: 2025-05-31 08:30"),
        None,
        "content/events/a.yaml:3:8: 错误: 结束时间 “2025-05-31 08:30” 早于开始时间",
        "检查 start 和 end 的日期和时间",
    ),
    (
        "event.end_needs_time",
        ev("start: 2025-05-31 09:00", "end: 2025-06-01"),
        None,
        "content/events/a.yaml:3:8: 错误: 活动有开始时间，end “2025-06-01” 也要写时间",
        "写成 end: 2025-05-31 11:30，或者只写 end: 11:30（同一天）",
    ),
    (
        "event.end_has_time",
        ev("start: 2025-05-31", "end: 2025-06-01 11:00"),
        None,
        "content/events/a.yaml:3:8: 错误: 这是全天活动（start 没有时间），end “2025-06-01 11:00” 就不要写时间",
        "写成 end: 2025-06-02（最后一天），或给 start 也加上时间",
    ),
    (
        "event.bad_rule",
        ev("start: 2025-05-31", "repeat: FREQ=WEEKLY;EVERY=SA"),
        None,
        "content/events/a.yaml:3:11: 错误: repeat “FREQ=WEEKLY;EVERY=SA” 写得不对（EVERY）",
        "写成 RFC 5545 的规则，例如 FREQ=WEEKLY;BYDAY=SA;UNTIL=20251231（每周六，到年底）",
    ),
    (
        "event.bad_byday",
        ev("start: 2025-05-31", "repeat: FREQ=WEEKLY;BYDAY=SATURDAY"),
        None,
        "content/events/a.yaml:3:11: 错误: repeat “FREQ=WEEKLY;BYDAY=SATURDAY” 的 BYDAY 写法不对（SATURDAY）",
        "星期用英文两个字母：MO 一、TU 二、WE 三、TH 四、FR 五、SA 六、SU 日；第一个周三写 1WE，最后一个周六写 -1SA",
    ),
    (
        "event.bad_frequency",
        ev("start: 2025-05-31", "repeat: FREQ=SECONDLY"),
        None,
        "content/events/a.yaml:3:11: 错误: repeat “FREQ=SECONDLY” 要用 FREQ=DAILY、WEEKLY、MONTHLY 或 YEARLY 开头",
        "例如每周六：FREQ=WEEKLY;BYDAY=SA",
    ),
    (
        "event.bad_number",
        ev("start: 2025-05-31", "repeat: FREQ=WEEKLY;INTERVAL=0"),
        None,
        "content/events/a.yaml:3:11: 错误: repeat “FREQ=WEEKLY;INTERVAL=0” 里的 INTERVAL=0 不对：数字超出范围或不是数字",
        "COUNT 和 INTERVAL 从 1 开始；BYMONTHDAY 是 1 到 31（-1 表示月底）；BYMONTH 是 1 到 12",
    ),
    (
        "event.byday_ordinal",
        ev("start: 2025-05-07", "repeat: FREQ=WEEKLY;BYDAY=1WE"),
        None,
        "content/events/a.yaml:3:11: 错误: repeat “FREQ=WEEKLY;BYDAY=1WE” 里的 BYDAY=1WE 带了序号，只有按月或按年重复时才能用",
        "每周三写 FREQ=WEEKLY;BYDAY=WE；每月第一个周三写 FREQ=MONTHLY;BYDAY=1WE",
    ),
    (
        "event.start_not_in_rule",
        ev("start: 2025-05-31", "repeat: FREQ=MONTHLY;BYDAY=1WE;COUNT=3"),
        None,
        "content/events/a.yaml:3:11: 错误: start 的日期不符合重复规则 “FREQ=MONTHLY;BYDAY=1WE;COUNT=3”（按规则，第一次是 2025-06-04）",
        "把 start 改成第一次活动的日期，例如 2025-06-04；日历软件对不在规则里的开始日期处理不一",
    ),
    (
        "event.count_and_until",
        ev("start: 2025-05-31", "repeat: FREQ=WEEKLY;COUNT=4;UNTIL=20251231"),
        None,
        "content/events/a.yaml:3:11: 错误: repeat “FREQ=WEEKLY;COUNT=4;UNTIL=20251231” 同时写了 COUNT 和 UNTIL，只能写一个",
        "按次数写 COUNT=10，或按日期写 UNTIL=20251231",
    ),
    (
        "event.until_before_start",
        ev("start: 2025-05-31", "repeat: FREQ=WEEKLY;UNTIL=20250101"),
        None,
        "content/events/a.yaml:3:11: 错误: repeat “FREQ=WEEKLY;UNTIL=20250101” 的 UNTIL 早于活动开始",
        "检查 UNTIL 的年份和月份",
    ),
    (
        "event.never",
        ev("start: 2025-05-31", "repeat: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
        None,
        "content/events/a.yaml:3:11: 错误: repeat “FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30” 永远不会发生：所选的月份里没有这一天（比如 2 月 30 日）",
        "核对 BYMONTH、BYMONTHDAY、BYYEARDAY 和 BYSETPOS，例如每年 2 月最后一天写 FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
    ),
    (
        "event.no_day_found",
        ev("start: 2026-01-01", "repeat: FREQ=DAILY;BYWEEKNO=1;BYMONTH=7"),
        None,
        "content/events/a.yaml:3:11: 错误: repeat “FREQ=DAILY;BYWEEKNO=1;BYMONTH=7” 在开始后的 30 年里一天也排不上",
        "核对 BYWEEKNO、BYMONTH、BYMONTHDAY、BYYEARDAY 和 BYDAY 能不能同时满足，例如第 1 周不会在 7 月",
    ),
    (
        "event.open_repeat",
        ev("start: 2025-05-31 07:00", "repeat: FREQ=WEEKLY;BYDAY=SA"),
        None,
        "content/events/a.yaml:3:11: 警告: 这个重复活动没有写结束（COUNT 或 UNTIL），网页上只列到 2027-11-30",
        "如果知道什么时候结束，加上 UNTIL=年月日，例如 UNTIL=20271231",
    ),
    (
        "event.local_link",
        ev("start: 2025-05-31", "description: 见[报名表](../secret.xlsx)"),
        None,
        "content/events/a.yaml:3:16: 错误: 活动说明里的链接 “../secret.xlsx” 指向的不是 assets/ 里的文件",
        "附件放到 content/assets/，链接写 assets/文件名；网址要以 https:// 开头",
    ),
    (
        "points.missing_file",
        {"points/rules.yaml": RULES},
        None,
        "content/points/residents.yaml: 错误: points/ 文件夹里缺少 residents.yaml",
        "积分需要 rules.yaml（怎么得分、怎么兑换）和 residents.yaml（谁能得分）；参考示例站点",
    ),
    (
        "points.rule_points",
        ledger(
            "resident: R001",
            "earn: garbage-sorting",
            rules="earn:\n  garbage-sorting: {name: 垃圾分类, points: 10, points_per_hour: 5}\n",
        ),
        None,
        "content/points/rules.yaml:2:20: 错误: 积分规则 “garbage-sorting” 要写 points（每次几分）或 points_per_hour（每小时几分），二选一",
        "例如 garbage-sorting: {name: 垃圾分类, points: 10} 或 garbage-sorting: {name: 志愿服务, points_per_hour: 10}",
    ),
    (
        "points.section_not_mapping",
        ledger("resident: R001", "earn: garbage-sorting", rules="earn:\n  - 垃圾分类\n"),
        None,
        "content/points/rules.yaml:2:3: 错误: earn: 下面应该是一条条规则，每条写成 “编号: {name: 名称, …}”",
        None,
    ),
    (
        "points.not_whole",
        ledger("resident: R001", "earn: garbage-sorting", "points: 十"),
        None,
        "content/points/ledger/2026-05.yaml:4:11: 错误: points 必须是正整数，这里写的是 “十”",
        "用阿拉伯数字，例如 points: 10",
    ),
    (
        "points.residents_not_list",
        ledger("resident: R001", "earn: garbage-sorting", residents="R001: 刘大哥\n"),
        None,
        "content/points/residents.yaml:1:1: 错误: residents.yaml 应该是一个列表，每位居民以 “- id:” 开头",
        None,
    ),
    (
        "points.duplicate_resident",
        ledger(
            "resident: R001",
            "earn: garbage-sorting",
            residents=RESIDENTS + "- {id: R001, name: 张德珍}\n",
        ),
        None,
        "content/points/residents.yaml:3:8: 错误: 居民编号 R001 重复了（第 1 行已经用过）",
        "每位居民用不同的编号，例如 R031",
    ),
    (
        "points.ledger_not_list",
        {
            "points/rules.yaml": RULES,
            "points/residents.yaml": RESIDENTS,
            "points/ledger/a.yaml": "date: 2026-05-03\n",
        },
        None,
        "content/points/ledger/a.yaml:1:1: 错误: 积分台账文件应该是一个列表，每条记录以 “- date:” 开头",
        None,
    ),
    (
        "points.future",
        {
            "points/rules.yaml": RULES,
            "points/residents.yaml": RESIDENTS,
            "points/ledger/a.yaml": "- date: 2026-12-01\n  resident: R001\n  earn: garbage-sorting\n",
        },
        None,
        "content/points/ledger/a.yaml:1:9: 错误: 日期 2026-12-01 还没到，台账不能记未来的事",
        "检查年份和月份；如果是提前登记，等到那天再写进来",
    ),
    (
        "points.earn_or_redeem",
        ledger("resident: R001", "earn: garbage-sorting", "redeem: haircut"),
        None,
        "content/points/ledger/2026-05.yaml:1:3: 错误: 每条记录要写 earn（得分）或 redeem（兑换），而且只能写一个",
        "得分写 earn: garbage-sorting；兑换写 redeem: haircut；一件事记一条",
    ),
    (
        "points.unknown_resident",
        ledger("resident: R01", "earn: garbage-sorting"),
        None,
        "content/points/ledger/2026-05.yaml:2:13: 错误: 没有编号为 “R01” 的居民",
        "residents.yaml 里的编号：R001",
    ),
    (
        "points.unknown_rule",
        ledger("resident: R001", "earn: garbage_sorting"),
        None,
        "content/points/ledger/2026-05.yaml:3:9: 错误: 没有叫 “garbage_sorting” 的得分规则",
        "rules.yaml 的 earn 里有：garbage-sorting",
    ),
    (
        "points.unknown_reward",
        ledger("resident: R001", "redeem: 理发"),
        None,
        "content/points/ledger/2026-05.yaml:3:11: 错误: 没有叫 “理发” 的兑换项目",
        "rules.yaml 的 redeem 里有：haircut",
    ),
    (
        "points.bad_hours",
        ledger("resident: R001", "earn: volunteer-hour", "hours: 两小时"),
        None,
        "content/points/ledger/2026-05.yaml:4:10: 错误: hours 应该是大于 0、不超过 24 的小时数，这里写的是 “两小时”",
        "用阿拉伯数字，可以有小数，例如 hours: 2.5",
    ),
    (
        "points.hours_not_hourly",
        ledger("resident: R001", "earn: garbage-sorting", "hours: 2"),
        None,
        "content/points/ledger/2026-05.yaml:4:10: 错误: “garbage-sorting” 不是按小时计分的规则，不能写 hours",
        "删掉 hours 这一行；要按小时计分，在 rules.yaml 里给规则写 points_per_hour",
    ),
    (
        "points.hours_missing",
        ledger("resident: R001", "earn: volunteer-hour"),
        None,
        "content/points/ledger/2026-05.yaml:1:3: 错误: “volunteer-hour” 按小时计分，这条记录要写 hours",
        "加上一行 hours: 2（服务了几个小时）",
    ),
    (
        "points.overdrawn",
        ledger("resident: R001", "redeem: haircut"),
        None,
        "content/points/ledger/2026-05.yaml:1:3: 错误: 刘大哥（R001）要兑换 50 分，但此时余额只有 0 分",
        "检查这次兑换和之前的得分记录是否漏记、记错日期；余额不能变成负数",
    ),
]
CASES += [
    (
        "notice.expires_before_date",
        {"notices/a.md": "---\ntitle: 停水\ndate: 2026-11-20\nexpires: 2026-11-10\n---\n正文\n"},
        None,
        "content/notices/a.md:4:10: 错误: expires（2026-11-10）早于通知的 date",
        "expires 写通知有效的最后一天，要在 date 之后",
    ),
    (
        "honor.entries_not_list",
        {"honors/a.yaml": "title: 十星级文明户\nawarded: 2026-06-30\nentries: 刘建国家庭\n"},
        None,
        "content/honors/a.yaml:3:10: 错误: entries 应该是一个列表，每位获奖者以 “- name:” 开头",
        None,
    ),
    (
        "honor.unknown_story",
        {
            "stories/a.md": story(slug="xingfu-dianti"),
            "honors/a.yaml": "title: 榜\nawarded: 2026-06-30\nentries:\n  - {name: 刘建国家庭, story: xingfu-diantii}\n",
        },
        None,
        "content/honors/a.yaml:4:26: 错误: 没有网址名为 “xingfu-diantii” 的已发布故事",
        "story 写故事的 slug（front matter 里的 slug:；没写 slug 的就是文件名去掉 .md），例如 xingfu-dianti；草稿和未到发布日期的故事不能链接",
    ),
    (
        "honor.story_broken",
        {
            "stories/a.md": story(date="2026-02-30", slug="xingfu-dianti"),
            "honors/a.yaml": "title: 榜\nawarded: 2026-06-30\nentries:\n  - {name: 刘建国家庭, story: xingfu-dianti}\n",
        },
        None,
        "content/honors/a.yaml:4:26: 说明: 故事 “xingfu-dianti” 本身有错误（见上面的 content/stories/a.md），改好之前这里链接不上",
        "改好那篇故事就行，这一行不用改",
    ),
    (
        "story.link_broken",
        {"stories/a.md": story(date="2026-02-30"), "stories/b.md": story(body="见[那篇](a.md)。")},
        None,
        "content/stories/b.md:5: 说明: 链接的故事 “a.md” 本身有错误（见上面的 content/stories/a.md），改好之前这个链接用不了",
        "改好那篇故事就行，这个链接不用改",
    ),
    (
        "buildings.not_list",
        {"buildings.yaml": "building: 3栋\n"},
        None,
        "content/buildings.yaml:1:1: 错误: buildings.yaml 应该是一个列表，每栋楼以 “- building:” 开头",
        None,
    ),
    (
        "buildings.duplicate",
        {"buildings.yaml": "- building: 3栋\n  roles: []\n- building: 3栋\n  roles: []\n"},
        None,
        "content/buildings.yaml:3:13: 错误: “3栋” 已经写过一次了（第 1 行）",
        "同一栋楼的所有职务写在一个 roles 列表里",
    ),
    (
        "buildings.roles_not_list",
        {"buildings.yaml": "- building: 3栋\n  roles: 楼栋长 万玉廷\n"},
        None,
        "content/buildings.yaml:2:10: 错误: roles 应该是一个列表，每个职务一行",
        None,
    ),
    (
        "wishes.not_list",
        {"wishes.yaml": "wish: 老花镜\n"},
        None,
        "content/wishes.yaml:1:1: 错误: wishes.yaml 应该是一个列表，每个心愿以 “- wish:” 开头",
        None,
    ),
    (
        "wishes.bad_status",
        {"wishes.yaml": "- {wish: 老花镜, who: 张德珍, date: 2026-11-01, status: 进行中}\n"},
        None,
        "content/wishes.yaml:1:51: 错误: status 不能是 “进行中”",
        "写 open（待认领）、claimed（已认领）或 done（已完成）",
    ),
]
CASES += [
    (
        "markup.too_long",
        {"stories/a.md": story(body="长" * 200_001)},
        None,
        "content/stories/a.md:5: 错误: 正文太长（超过 200000 个字），不像一篇故事或通知",
        "检查是否误粘贴了整个文件；长文可以拆成几篇，附件放到 assets/ 里链接",
    ),
    (
        "markup.too_many_brackets",
        {"notices/a.md": "---\ntitle: 通知\ndate: 2026-11-01\n---\n" + "[" * 8000 + "\n"},
        None,
        "content/notices/a.md:5: 错误: 正文里的方括号 [ 太多（超过 2000 个），转换会极慢",
        "删掉多余的 [；要显示方括号本身，可以用中文括号【】",
    ),
]

BIG = picture(4500, 4500)
"""A picture of 20.25 megapixels: published, with a warning."""
CASES += [
    (
        "picture.empty",
        {"stories/a.md": story(cover="assets/a.jpg"), "assets/a.jpg": b""},
        None,
        "content/stories/a.md:4:8: 错误: 图片 “assets/a.jpg” 是空文件（0 字节）",
        "照片没有复制完整：重新把它复制到 content/assets/",
    ),
    (
        "picture.unreadable",
        {"stories/a.md": story(body="正文。\n\n![图](../assets/a.png)"), "assets/a.png": b"GIF?"},
        None,
        "content/stories/a.md:7: 错误: “assets/a.png” 读不出图片：它不是 PNG、JPEG、WebP 或 GIF，"
        "或者文件开头已经坏了",
        "用看图软件打开它，另存为 JPEG 或 PNG，再放回 content/assets/",
    ),
    (
        "picture.broken",
        {"stories/a.md": story(cover="assets/a.png"), "assets/a.png": picture(800, 600)[:300]},
        None,
        "content/stories/a.md:4:8: 错误: 图片 “assets/a.png” 已损坏：文件开头说它有 800×600 像素，"
        "后面的内容却读不出来（可能没有复制完）",
        "重新从手机或相机里复制这张照片，或用看图软件另存一份",
    ),
    (
        "picture.too_many_pixels",
        {"stories/a.md": story(cover="assets/a.png"), "assets/a.png": png_header(7000, 6000)},
        None,
        "content/stories/a.md:4:8: 错误: 图片 “assets/a.png” 有 42.0 百万像素，超过了上限 40 百万像素"
        "（读它要占用好几 GB 内存）",
        "先用看图软件把它缩小（例如宽 2000 像素），再放进 content/assets/",
    ),
    (
        "picture.large",
        {"stories/a.md": story(cover="assets/a.png"), "assets/a.png": BIG},
        None,
        f"content/stories/a.md:4:8: 警告: 图片 “assets/a.png” 很大（4500×4500 像素，"
        f"{len(BIG) / 1_000_000:.1f} MB）：手机会收到缩小的版本，原尺寸也会发布",
        "缩小到宽 2000 像素左右再放进 content/assets/，网页打开更快",
    ),
    (
        "picture.withheld",
        {"stories/a.md": story(), "assets/old.jpg": b"\xff\xd8\xff\xe0 not really"},
        None,
        "content/assets/old.jpg: 警告: “assets/old.jpg” 读不出图片，所以不会发布"
        "（无法去掉里面可能有的拍摄地点等信息）",
        "重新导出这张照片；用不到的话，把它从 content/assets/ 删掉",
    ),
]


def test_a_bracket_bomb_is_refused_quickly(make_site, cli):
    import time

    content = make_site({"stories/a.md": story(body="[" * 100_000)})
    started = time.perf_counter()
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1 and "方括号 [ 太多" in run.err
    assert time.perf_counter() - started < 5


# Codes that are not diagnostics about a content file, each tested elsewhere.
ELSEWHERE = {
    "publish.windows_folder": "tests/unit/test_publish_config.py",
    "publish.method_swap": "tests/unit/test_publish_ssh.py",
    "publish.method_ssh_ordered": "tests/unit/test_publish_ssh.py",
    "publish.ssh_unknown_host": "tests/unit/test_publish_ssh.py",
    "publish.ssh_changed_key": "tests/unit/test_publish_ssh.py",
    "publish.ssh_auth": "tests/unit/test_publish_ssh.py",
    "publish.ssh_unreachable": "tests/unit/test_publish_ssh.py",
    "publish.ssh_dropped": "tests/unit/test_publish_ssh.py",
    "publish.method_git": "tests/unit/test_publish_git.py",
    "publish.git_missing": "tests/unit/test_publish_git.py",
    "publish.git_failed": "tests/unit/test_publish_git.py",
    "publish.done": "tests/unit/test_publish_folder.py",
    "publish.no_change": "tests/unit/test_publish_folder.py",
    "publish.dry_run": "tests/unit/test_publish_folder.py",
    "publish.more": "tests/unit/test_publish_folder.py",
    "publish.method_ordered": "tests/unit/test_publish_folder.py",
    "publish.build_failed": "tests/unit/test_publish_folder.py",
    "publish.empty_destination": "tests/unit/test_publish_config.py",
    "publish.password_in_url": "tests/unit/test_publish_config.py",
    "publish.scp_style": "tests/unit/test_publish_config.py",
    "publish.no_path": "tests/unit/test_publish_config.py",
    "publish.ssh_no_host": "tests/unit/test_publish_config.py",
    "publish.bad_port": "tests/unit/test_publish_config.py",
    "publish.unknown_scheme": "tests/unit/test_publish_config.py",
    "publish.git_no_url": "tests/unit/test_publish_config.py",
    "publish.bad_branch": "tests/unit/test_publish_config.py",
    "publish.not_ours": "tests/unit/test_publish_folder.py",
    "publish.bad_manifest": "tests/unit/test_publish_folder.py",
    "publish.other_target": "tests/unit/test_publish_folder.py",
    "publish.dest_root": "tests/unit/test_publish_folder.py",
    "publish.dest_home": "tests/unit/test_publish_folder.py",
    "publish.dest_is_content": "tests/unit/test_publish_folder.py",
    "publish.dest_contains_content": "tests/unit/test_publish_folder.py",
    "publish.dest_inside_content": "tests/unit/test_publish_folder.py",
    "publish.dest_in_output": "tests/unit/test_publish_folder.py",
    "publish.dest_not_folder": "tests/unit/test_publish_folder.py",
    "publish.no_parent": "tests/unit/test_publish_folder.py",
    "publish.no_room": "tests/unit/test_publish_folder.py",
    "publish.disk_full": "tests/unit/test_publish_folder.py",
    "publish.no_permission": "tests/unit/test_publish_folder.py",
    "publish.failed": "tests/unit/test_publish_folder.py",
    "publish.name_and_to": "tests/unit/test_publish_config.py",
    "publish.unknown_name": "tests/unit/test_publish_config.py",
    "publish.no_destinations": "tests/unit/test_publish_config.py",
    "publish.no_destination": "tests/unit/test_publish_config.py",
    "publish.choose_name": "tests/unit/test_publish_config.py",
    "publish.config_not_mapping": "tests/unit/test_publish_config.py",
    "publish.config_bad_name": "tests/unit/test_publish_config.py",
    "publish.config_secret": "tests/unit/test_publish_config.py",
    "progress.upload": "tests/unit/test_publish_folder.py",
    "asset.svg_unreadable": "tests/unit/test_messages.py::test_an_svg_that_cannot_be_opened",
    "event.too_many_days": "tests/hostile/test_hostile_dos.py",
    "markup.too_many_marks": "tests/hostile/test_hostile_dos.py",
    "markup.unclosed_tags": "tests/hostile/test_hostile_dos.py",
    "yaml.too_many_values": "tests/hostile/test_hostile_dos.py",
    "event.too_much_text": "tests/hostile/test_hostile_dos.py",
    "output.page_too_big": "tests/hostile/test_hostile_dos.py",
    "output.too_much": "tests/hostile/test_hostile_dos.py",
    "search.no_binary": "tests/unit/test_search_index.py::test_a_build_without_pagefind_warns_and_succeeds",
    "label.error": "format_diagnostic",
    "label.warning": "format_diagnostic",
    "label.hint": "format_diagnostic",
    "label.note": "tests/unit/test_diagnostics.py",
    "summary.failed": "test_cli.py",
    "summary.check_failed": "test_all_errors_listed_in_one_run",
    "summary.check_ok": "test_cli.py",
    "summary.built": "test_cli.py",
    "summary.kiosk_pending": "test_cli.py",
    "internal.error": "test_cli.py",
    "io.failed": "test_output.py",
    "new.created": "test_scaffold.py",
    "progress.loading": "test_cli.py",
    "progress.pages": "test_cli.py",
    "progress.guard": "test_cli.py",
    "progress.kiosk": "test_cli.py",
    "progress.print": "tests/unit/test_print_target.py (the counts it shows are in summary.posters)",
    "summary.posters": "tests/unit/test_print_target.py",
    "print.unavailable": "tests/unit/test_print_target.py",
    "print.no_base_url": "tests/unit/test_print_target.py",
    "serve.listening": "test_serve.py",
    "serve.rebuilt": "test_serve.py",
    "serve.overlay": "test_serve.py",
    "serve.port_busy": "test_serve.py",
    "serve.port_denied": "test_serve.py",
    "serve.port_range": "test_serve.py",
    "serve.host_unknown": "test_serve.py",
    "links.missing": "tests/e2e/test_link_check.py",
    "links.outside": "tests/e2e/test_link_check.py",
    "links.scheme": "tests/e2e/test_link_check.py",
    "links.other_host": "tests/e2e/test_link_check.py",
    "privacy.leaked_name": "tests/unit/test_privacy.py",
    "privacy.leaked_phone": "tests/unit/test_privacy.py",
    "privacy.path_name": "tests/hostile/test_hostile_leaks.py",
    "privacy.hidden_in_name": "tests/hostile/test_hostile_leaks.py",
    "privacy.path_phone": "tests/hostile/test_hostile_leaks.py",
    "usage.error": "test_cli.py",
    "usage.bad_today": "test_cli.py",
    "usage.no_content": "test_cli.py",
    "usage.windows_path": "test_cli.py",
    "summary.waiting": "test_cli.py",
    "summary.draft": "test_cli.py",
    "summary.scheduled": "test_cli.py",
    "init.exists": "test_starter.py",
    "init.not_a_folder": "test_starter.py",
    "init.created": "test_starter.py",
    "init.next": "test_starter.py",
    "init.next_here": "test_starter.py",
    "output.is_content": "test_output.py",
    "output.contains_content": "test_output.py",
    "output.inside_content": "test_output.py",
    "output.contains_templates": "test_output.py",
    "output.not_ours": "test_output.py",
    "output.collision": "test_pages.py",
    "output.in_a_file": "test_output_ours.py",
    "output.dangling_link": "test_output_ours.py",
    "template.error": "test_render.py",
    "file.unreadable": "test_unreadable_file below",
    "asset.unusable": "test_symlink_loop_is_unusable below",
    "asset.link_out": "tests/hostile/test_hostile_paths.py (assets-symlink-*)",
    "asset.leaked_name": "tests/hostile/test_hostile_paths.py (assets-csv-roster-with-names)",
    "asset.leaked_phone": "tests/hostile/test_hostile_paths.py (assets-yaml-with-phone)",
    "file.not_regular": "test_a_device_is_not_content below",
    "file.too_big": "test_a_huge_file_is_not_read below",
    # values at their limits and derived paths (issue 22)
    "field.year_range": "tests/hostile/test_hostile_limits.py",
    "field.too_many_digits": "tests/hostile/test_hostile_limits.py",
    "name.reserved_text": "tests/hostile/test_hostile_limits.py",
    "name.too_long_text": "tests/hostile/test_hostile_limits.py",
    "points.building_spelling": "tests/hostile/test_hostile_limits.py",
    "folder.unreadable": "tests/hostile/test_hostile_limits.py",
    "field.too_long": "tests/hostile/test_hostile_limits.py",
    "field.too_many_items": "tests/hostile/test_hostile_limits.py",
    "output.path_too_long": "test_pages.py",
    "new.title_too_long": "test_scaffold.py",
    "new.title_empty": "test_scaffold.py",
    "edit.conflict": "tests/unit/test_content_edits.py",
    "edit.path_refused": "tests/unit/test_content_edits.py",
    "edit.not_round_trip": "tests/unit/test_content_edits.py",
    "edit.no_list": "tests/unit/test_content_edits.py",
    "edit.broken_yaml": "tests/unit/test_content_edits.py",
    "upload.too_big": "tests/unit/test_editor_parts.py",
    "upload.not_picture": "tests/unit/test_editor_parts.py",
    "upload.svg_active": "tests/unit/test_editor_parts.py",
    "upload.svg_broken": "tests/unit/test_editor_parts.py",
    "serve.editor": "tests/browser/test_editor.py",
    "serve.editor_token": "tests/browser/test_editor.py",
    "serve.editor_off": "tests/browser/test_editor.py",
}


def _report(make_site, cli, files, site_yaml):
    kwargs = {} if site_yaml is None else {"site_yaml": site_yaml or None}
    content = make_site(files, **kwargs)
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    return run


@pytest.mark.parametrize(
    ("code", "files", "site_yaml", "first", "hint"),
    [c for c in CASES if c[3]],
    ids=[c[0] for c in CASES if c[3]],
)
def test_message(make_site, cli, code, files, site_yaml, first, hint):
    run = _report(make_site, cli, files, site_yaml)
    lines = run.err.splitlines()
    assert first in lines, f"{code}: expected line\n  {first}\nin\n{run.err}"
    if hint is not None:
        after = lines[lines.index(first) + 1 : lines.index(first) + 3]
        assert f"  提示: {hint}" in after, f"{code}: hint missing after its message\n{run.err}"
    assert "Traceback" not in run.err


def test_unreadable_file(make_site, cli):
    content = make_site({"stories/a.md": story()})
    path = content / "stories" / "a.md"
    path.chmod(0)
    try:
        if path.read_bytes():  # root reads anything; make the file a folder instead
            path.chmod(0o644)
            path.unlink()
            (content / "stories" / "b.md").mkdir()
    except PermissionError:
        pass
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert ": 错误: 无法读取文件：" in run.err


def test_an_svg_that_cannot_be_opened(make_site, cli, monkeypatch):
    """asset.svg_unreadable: reading the picture fails (root reads any file: fail it here)."""
    content = make_site({"stories/a.md": story(), "assets/a.svg": "<svg/>"})
    read_bytes = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path.name == "a.svg":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert "content/assets/a.svg: 错误: SVG 图片 “assets/a.svg” 打不开" in run.err.splitlines()
    assert "Permission" not in run.err


def test_english_messages(make_site, cli):
    content = make_site(
        {"stories/a.md": story(date="yesterday")}, site_yaml="title: Test\nlanguage: en\n"
    )
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert "content/stories/a.md:3:7: error: date should be a date, not “yesterday”" in run.err
    assert "  hint: Write year-month-day, for example date: 2025-05-20" in run.err
    assert "Check failed: 1 error(s)." in run.err


def test_every_message_has_a_test():
    tested = {c[0] for c in CASES} | set(ELSEWHERE)
    assert set(CATALOGUE) - tested == set()


def test_every_message_speaks_both_languages():
    for code, text in CATALOGUE.items():
        assert text.zh and text.en, code
        assert (text.zh_hint is None) == (text.en_hint is None), code


def test_all_errors_listed_in_one_run(make_site, cli):
    content = make_site(
        {
            "stories/a.md": story(date="2025-02-30"),
            "stories/b.md": story(draft="也许", tags="[助老]"),
            "stories/c.md": "没有 front matter\n",
        },
        site_yaml="title: 测试\nlangauge: zh-CN\n",
    )
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    located = [line for line in run.err.splitlines() if ": 错误: " in line]
    assert [line.split(": 错误")[0] for line in located] == [
        "content/site.yaml:2:1",
        "content/stories/a.md:3:7",
        "content/stories/b.md:4:8",
        "content/stories/c.md:1",
    ]
    assert run.err.rstrip().endswith("检查未通过：4 个错误。")


def test_source_line_is_quoted(make_site, cli):
    content = make_site({"stories/a.md": story(date="2025-13-01")})
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    lines = run.err.splitlines()
    at = lines.index("content/stories/a.md:3:7: 错误: date 的日期 “2025-13-01” 不存在")
    assert lines[at + 1] == "    date: 2025-13-01"


def _unused(path: Path) -> None:
    del path


def test_symlink_loop_is_unusable(make_site, cli):
    content = make_site({"stories/a.md": story(cover="assets/loop1")})
    (content / "assets").mkdir()
    (content / "assets" / "loop1").symlink_to(content / "assets" / "loop2")
    (content / "assets" / "loop2").symlink_to(content / "assets" / "loop1")
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert (
        "content/stories/a.md:4:8: 错误: “assets/loop1” 打不开（快捷方式绕成了圈，或路径里有看不见的特殊字符）"
        in run.err.splitlines()
    )


def test_a_device_is_not_content(make_site, cli):
    content = make_site({"stories/a.md": story()})
    (content / "stories" / "zero.md").symlink_to("/dev/zero")  # reading it would never end
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    lines = run.err.splitlines()
    first = "content/stories/zero.md: 错误: 这不是普通文件（是设备、管道之类，可能是快捷方式指过去的），不能当内容读取"
    assert first in lines
    assert lines[lines.index(first) + 1] == "  提示: 删掉它，或换成真正的文件"


def test_a_huge_file_is_not_read(make_site, cli):
    content = make_site({"points/rules.yaml": "earn: {}\n", "points/residents.yaml": "[]\n"})
    (content / "points" / "ledger").mkdir()
    with open(content / "points" / "ledger" / "all.yaml", "wb") as ledger:
        ledger.truncate(17 * 1024 * 1024)  # sparse: nothing is written, it only says its size
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    lines = run.err.splitlines()
    first = "content/points/ledger/all.yaml: 错误: 文件太大（17 MB，最多 16 MB），不像是手写的内容"
    assert first in lines
    assert lines[lines.index(first) + 1] == "  提示: 检查是不是放错了文件；台账可以按月分成几个文件"


def test_repeated_broken_links_point_at_each_line(make_site, cli):
    body = "提到 heying.jpg 这张照片。\n\n![合影](heying.jpg)\n\n![合影](heying.jpg)\n\n![空]()\n"
    content = make_site({"stories/a.md": story(body=body)})
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    located = [line.split(": 错误")[0] for line in run.err.splitlines() if ": 错误: " in line]
    assert located == [
        "content/stories/a.md:7",
        "content/stories/a.md:9",
        "content/stories/a.md:11",
    ]


def test_missing_file_inside_content_is_missing_not_outside(make_site, cli):
    content = make_site({"stories/a.md": story(body="![合影](../assets/heying.jpg)")})
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert "content/stories/a.md:5: 错误: 找不到文件 “../assets/heying.jpg”" in run.err.splitlines()


def test_editor_and_os_leftovers_are_not_stories(make_site, cli):
    content = make_site(
        {"stories/a.md": story(), "stories/._a.md": b"\x00\x05\x16\x07", "stories/~$a.md": b"\xff"}
    )
    (content / "stories" / ".#a.md").symlink_to("/nonexistent/lock")
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert (run.code, run.err) == (0, "")


def test_utf16_without_bom_is_named_as_utf16(make_site, cli):
    content = make_site({"stories/a.md": story().encode("utf-16-le")})
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert (
        "content/stories/a.md: 错误: 文件是 UTF-16 编码，site-builder 只读 UTF-8"
        in run.err.splitlines()
    )


def test_site_yaml_as_a_list_is_one_error(make_site, cli):
    content = make_site(site_yaml="- title: 龙腾\n")
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert [line for line in run.err.splitlines() if ": 错误: " in line] == [
        "content/site.yaml:1:1: 错误: 这里应该是 “名字: 值” 形式的设置"
    ]


def test_chinese_keys_get_a_suggestion(make_site, cli):
    content = make_site({"stories/a.md": "---\n标题: 好邻居\ndate: 2025-05-20\ntitle: x\n---\n"})
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert "  提示: 是不是想写 “title”？" in run.err.splitlines()


def test_every_message_formats_with_its_own_placeholders():
    """A stray brace in a catalogue text would crash the report (str.format)."""
    import string

    for code, text in CATALOGUE.items():
        for template in filter(None, (text.zh, text.en, text.zh_hint, text.en_hint)):
            names = {field for _, field, _, _ in string.Formatter().parse(template) if field}
            template.format(**dict.fromkeys(names, "x"))
            assert all(name.isidentifier() for name in names), (code, names)
