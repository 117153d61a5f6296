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
from typing import Any

from site_builder.config import SiteConfig
from site_builder.kinds.stories import DEFAULT_CATEGORY, DEFAULT_CATEGORY_EN, RESERVED_SLUGS
from site_builder.urls import name_problem

KINDS = ("story", "notice", "event")
FOLDERS = {"story": "stories", "notice": "notices", "event": "events"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


def slug_for(title: str) -> str:
    """Return an ASCII URL name for a title: pinyin for Chinese, lower case, hyphens."""
    from pypinyin import lazy_pinyin  # only `new` needs it

    words = lazy_pinyin(title)
    slug = _NOT_SLUG.sub("-", "-".join(words).lower()).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-") or "untitled"
    if name_problem(slug) or slug in RESERVED_SLUGS:
        slug += "-1"  # con, nul, page: names the build refuses (a Windows device, the pager)
    return slug


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


_WORDS: dict[str, dict[str, Any]] = {
    "zh-CN": {
        "how": "以 # 开头的是说明。想用某个可选设置，删掉它开头的 # 和空格。",
        "choices": "可选：",
        "sep": "、",
        "choice": "{}（{}）",
        "people": "故事里表扬的人，例如 [李奶奶, 王师傅]",
        "tags": "标签，例如 [助老, 好邻居]",
        "building": "3栋      # 楼栋",
        "cover": "封面照片，换成你放进 content/assets/ 的照片",
        "cover_how": "封面照片：先把照片放进 content/assets/，再加一行 cover: assets/照片的文件名",
        "summary": "一句话摘要，不写就取正文开头",
        "publish": "定时发布：这一天以前不显示",
        "slug": "网址里的名字，默认是文件名",
        "draft": "写好后改成 false，才会发布",
        "story_body": "在这里写故事正文。空一行是新的一段。",
        "expires": "最后有效的一天",
        "pinned": "改成 true 就排在最前面",
        "notice_body": "在这里写通知内容。",
        "all_day": "只写日期就是全天活动",
        "location": "文化活动室",
        "organizer": "小区党支部",
        "options": "以 # 开头的是可选设置，删掉 # 和一个空格就生效：",
        "repeat": "每周{day}重复（星期要和 start 那天一样）",
        "days": "一二三四五六日",
        "signup": "王阿姨 13812345678    # 报名方式",
        "description": "活动说明，一行写完",
    },
    "en": {
        "how": "Lines starting with # are notes. To use an optional setting, delete its # and space.",
        "choices": "one of: ",
        "sep": ", ",
        "choice": "{} ({})",
        "people": "the people the story honours, e.g. [Mrs Li, Mr Wang]",
        "tags": "tags, e.g. [elders, good neighbours]",
        "building": "Block 3    # the building",
        "cover": "the cover picture: use one you put in content/assets/",
        "cover_how": "Cover picture: put it in content/assets/, then add a line cover: assets/its-name",
        "summary": "A one-line summary; otherwise the start of the story",
        "publish": "published on this day, hidden before",
        "slug": "the name in the page's address; default: the file name",
        "draft": "set false when it is ready, to publish it",
        "story_body": "Write the story here. A blank line starts a new paragraph.",
        "expires": "the last day it is current",
        "pinned": "true puts it first",
        "notice_body": "Write the notice here.",
        "all_day": "a date alone is an all-day event",
        "location": "Community centre",
        "organizer": "Residents' committee",
        "options": "Lines starting with # are optional settings: delete the # and a space to use one:",
        "repeat": "every {day} (the start's own weekday)",
        "days": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "signup": "Mrs Wang 13812345678    # how to sign up",
        "description": "What the event is, on one line",
    },
}
_RULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _words(config: SiteConfig) -> dict[str, Any]:
    return _WORDS["en" if config.language == "en" else "zh-CN"]


def _community(config: SiteConfig, indent: str = "") -> str:
    if not config.communities:
        return ""
    words = _words(config)
    choices = words["sep"].join(words["choice"].format(c.id, c.name) for c in config.communities)
    return f"{indent}community: {config.communities[0].id}    # {words['choices']}{choices}\n"


def _cover(content: Path, words: dict[str, Any]) -> str:
    """Return the story's cover line: commented, with a picture the site has, or how to add one."""
    pictures = sorted(
        p.relative_to(content).as_posix()
        for p in (content / "assets").glob("*")
        if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".gif", ".webp")
    )
    if pictures:
        return f"# cover: {pictures[0]}    # {words['cover']}\n"
    return f"# {words['cover_how']}\n"


def _story(title: str, config: SiteConfig, today: dt.date, content: Path) -> str:
    words = _words(config)
    tomorrow = today + dt.timedelta(days=1)
    category = DEFAULT_CATEGORY_EN if config.language == "en" else DEFAULT_CATEGORY
    return (
        "---\n"
        f"# {words['how']}\n"
        f"title: {_quoted(title)}\n"
        f"date: {today.isoformat()}\n"
        f"category: {category}\n"
        f"{_community(config)}"
        f"people: []          # {words['people']}\n"
        f"tags: []            # {words['tags']}\n"
        f"# building: {words['building']}\n"
        f"{_cover(content, words)}"
        f"# summary: {words['summary']}\n"
        f"# publish: {tomorrow.isoformat()}    # {words['publish']}\n"
        f"# slug: {slug_for(title)}    # {words['slug']}\n"
        f"draft: true         # {words['draft']}\n"
        "---\n"
        f"{words['story_body']}\n"
    )


def _notice(title: str, config: SiteConfig, today: dt.date, content: Path) -> str:
    words = _words(config)
    return (
        "---\n"
        f"title: {_quoted(title)}\n"
        f"date: {today.isoformat()}\n"
        f"expires: {(today + dt.timedelta(days=14)).isoformat()}    # {words['expires']}\n"
        f"pinned: false       # {words['pinned']}\n"
        f"{_community(config)}"
        "---\n"
        f"{words['notice_body']}\n"
    )


def _event(title: str, config: SiteConfig, today: dt.date, content: Path) -> str:
    words = _words(config)
    start = dt.datetime.combine(today + dt.timedelta(days=7), dt.time(9, 0))
    repeat = words["repeat"].format(day=words["days"][start.weekday()])
    return (
        f"- title: {_quoted(title)}\n"
        f"  start: {start:%Y-%m-%d %H:%M}    # {words['all_day']}\n"
        "  end: 11:00\n"
        f"  location: {words['location']}\n"
        f"  organizer: {words['organizer']}\n"
        f"{_community(config, '  ')}"
        f"  # {words['options']}\n"
        f"  # repeat: FREQ=WEEKLY;BYDAY={_RULE_DAYS[start.weekday()]};UNTIL={start.year + 1}1231"
        f"    # {repeat}\n"
        f"  # signup: {words['signup']}\n"
        f"  # description: {words['description']}\n"
    )


_TEXT = {"story": _story, "notice": _notice, "event": _event}
