"""Words on the pages, in each language the theme speaks. Templates read them as `t.<key>`."""

from __future__ import annotations

import datetime as dt

UI: dict[str, dict[str, str]] = {
    "zh-CN": {
        "home": "首页",
        "stories": "好人好事",
        "all_stories": "全部故事",
        "latest_stories": "最新好人好事",
        "more_stories": "查看全部故事",
        "tags": "标签",
        "categories": "分类",
        "tag": "标签",
        "category": "分类",
        "people": "主人公",
        "building": "楼栋",
        "community": "小区",
        "published_on": "发布于",
        "previous_page": "上一页",
        "next_page": "下一页",
        "page_of": "第 {number} / {count} 页",
        "newer_story": "较新的故事",
        "older_story": "较早的故事",
        "story_count": "{count} 篇故事",
        "no_stories": "这里还没有故事。",
        "feed": "订阅（Atom）",
        "not_found_title": "页面找不到了",
        "not_found_text": "这个页面可能已经移走或删除。",
        "back_home": "回到首页",
        "skip_to_content": "跳到正文",
        "footer_note": "本站由社区志愿者维护，内容为邻里之间的好人好事。",
        "read_more": "阅读全文",
        "stories_in_category": "分类：{name}",
        "stories_with_tag": "标签：{name}",
    },
    "en": {
        "home": "Home",
        "stories": "Good deeds",
        "all_stories": "All stories",
        "latest_stories": "Latest good deeds",
        "more_stories": "See all stories",
        "tags": "Tags",
        "categories": "Categories",
        "tag": "Tag",
        "category": "Category",
        "people": "Honouring",
        "building": "Building",
        "community": "Community",
        "published_on": "Published",
        "previous_page": "Previous",
        "next_page": "Next",
        "page_of": "Page {number} of {count}",
        "newer_story": "Newer story",
        "older_story": "Older story",
        "story_count": "{count} stories",
        "no_stories": "No stories here yet.",
        "feed": "Subscribe (Atom)",
        "not_found_title": "Page not found",
        "not_found_text": "This page may have moved or been removed.",
        "back_home": "Back to the home page",
        "skip_to_content": "Skip to content",
        "footer_note": "Kept by community volunteers: good deeds between neighbours.",
        "read_more": "Read more",
        "stories_in_category": "Category: {name}",
        "stories_with_tag": "Tag: {name}",
    },
}

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(value: object, language: str) -> str:
    """Return a date as people read it: 2025年5月20日 or 20 May 2025."""
    if not isinstance(value, dt.date):
        raise TypeError(f"format_date needs a date, got {value!r}")
    if language == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return f"{value.year}年{value.month}月{value.day}日"
