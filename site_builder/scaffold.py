"""`site-builder new story|notice|event "标题"`: start a correctly formatted file.

The file name is the title in pinyin (李奶奶的电梯 → li-nai-nai-de-dian-ti.md), so
URLs stay readable and ASCII; the date is today in the site's time zone. The
new file passes `site-builder check` as it is: a volunteer only fills it in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from site_builder.config import SiteConfig

KINDS = ("story", "notice", "event")
FOLDERS = {"story": "stories", "notice": "notices", "event": "events"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


def slug_for(title: str) -> str:
    """Return an ASCII URL name for a title: pinyin for Chinese, lower case, hyphens."""
    from pypinyin import lazy_pinyin  # only `new` needs it

    words = lazy_pinyin(title)
    slug = _NOT_SLUG.sub("-", "-".join(words).lower()).strip("-")
    return slug[:MAX_SLUG].rstrip("-") or "untitled"


def free_path(folder: Path, slug: str, suffix: str) -> Path:
    """Return folder/slug+suffix, or slug-2, slug-3 … when that file exists already."""
    candidate, number = folder / f"{slug}{suffix}", 2
    while candidate.exists():
        candidate = folder / f"{slug}-{number}{suffix}"
        number += 1
    return candidate


def scaffold(kind: str, title: str, content: Path, config: SiteConfig, today: dt.date) -> Path:
    """Write a new file of `kind` titled `title`; return its path. Never overwrites."""
    folder = content / FOLDERS[kind]
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".yaml" if kind == "event" else ".md"
    path = free_path(folder, slug_for(title), suffix)
    text = _TEXT[kind](title, config, today, content)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path


def _quoted(text: str) -> str:
    """Return `text` as a YAML double-quoted scalar (a title may hold a colon or a #)."""
    return json.dumps(text, ensure_ascii=False)


def _community(config: SiteConfig, indent: str = "") -> str:
    if not config.communities:
        return ""
    choices = "、".join(f"{c.id}（{c.name}）" for c in config.communities)
    return f"{indent}community: {config.communities[0].id}    # 可选：{choices}\n"


_WEEKDAYS = (
    ("MO", "一"),
    ("TU", "二"),
    ("WE", "三"),
    ("TH", "四"),
    ("FR", "五"),
    ("SA", "六"),
    ("SU", "日"),
)


def _cover(content: Path) -> str:
    """Return the story's cover line: commented, with a picture the site has, or how to add one."""
    pictures = sorted(
        p.relative_to(content).as_posix()
        for p in (content / "assets").glob("*")
        if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".gif", ".webp")
    )
    if pictures:
        return f"# cover: {pictures[0]}    # 封面照片，换成你放进 content/assets/ 的照片\n"
    return "# 封面照片：先把照片放进 content/assets/，再加一行 cover: assets/照片的文件名\n"


def _story(title: str, config: SiteConfig, today: dt.date, content: Path) -> str:
    tomorrow = today + dt.timedelta(days=1)
    return (
        "---\n"
        "# 以 # 开头的是说明。想用某个可选设置，删掉它开头的 # 和空格。\n"
        f"title: {_quoted(title)}\n"
        f"date: {today.isoformat()}\n"
        "category: 好人好事\n"
        f"{_community(config)}"
        "people: []          # 故事里表扬的人，例如 [李奶奶, 王师傅]\n"
        "tags: []            # 标签，例如 [助老, 好邻居]\n"
        "# building: 3栋      # 楼栋\n"
        f"{_cover(content)}"
        "# summary: 一句话摘要，不写就取正文开头\n"
        f"# publish: {tomorrow.isoformat()}    # 定时发布：这一天以前不显示\n"
        f"# slug: {slug_for(title)}    # 网址里的名字，默认是文件名\n"
        "draft: true         # 写好后改成 false，才会发布\n"
        "---\n"
        "在这里写故事正文。空一行是新的一段。\n"
    )


def _notice(title: str, config: SiteConfig, today: dt.date, content: Path) -> str:
    return (
        "---\n"
        f"title: {_quoted(title)}\n"
        f"date: {today.isoformat()}\n"
        f"expires: {(today + dt.timedelta(days=14)).isoformat()}    # 最后有效的一天\n"
        "pinned: false       # 改成 true 就排在最前面\n"
        f"{_community(config)}"
        "---\n"
        "在这里写通知内容。\n"
    )


def _event(title: str, config: SiteConfig, today: dt.date, content: Path) -> str:
    start = dt.datetime.combine(today + dt.timedelta(days=7), dt.time(9, 0))
    code, name = _WEEKDAYS[start.weekday()]
    return (
        f"- title: {_quoted(title)}\n"
        f"  start: {start:%Y-%m-%d %H:%M}    # 只写日期就是全天活动\n"
        "  end: 11:00\n"
        "  location: 文化活动室\n"
        "  organizer: 小区党支部\n"
        f"{_community(config, '  ')}"
        "  # 以 # 开头的是可选设置，删掉 # 和一个空格就生效：\n"
        f"  # repeat: FREQ=WEEKLY;BYDAY={code};UNTIL={start.year + 1}1231"
        f"    # 每周{name}重复（星期要和 start 那天一样）\n"
        "  # signup: 王阿姨 13812345678    # 报名方式\n"
        "  # description: 活动说明，一行写完\n"
    )


_TEXT = {"story": _story, "notice": _notice, "event": _event}
