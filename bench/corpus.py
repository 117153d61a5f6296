"""The benchmarks' corpus: deterministic Chinese stories, a ledger and a calendar.

Stories are about 1,300 characters with two headings, a list and a table, 20 tags
drawn from 200 and one of 8 categories; the same stories are written for Hugo
with a minimal layout. Hugo is told the text is Chinese (`hasCJKLanguage`), as a
Chinese site would: without it a summary runs to the first space, the whole story,
and every list page carries ten whole stories (1.3 GB of output at 10,000). The ledger has 2,000 residents and 100,000 entries, the
calendar 300 events (a third of them weekly), as issue 7 asks.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

SITE_YAML = "title: 基准\ncommunities:\n  - {id: a, name: 甲小区}\n  - {id: b, name: 乙小区}\n"

PHRASES = [
    "楼栋长王师傅",
    "每天清晨",
    "帮独居老人买菜",
    "垃圾分类做得认真",
    "邻居们都竖起了大拇指",
    "社区党支部",
    "志愿者服务队",
    "周末义诊",
    "四点半课堂",
    "长者食堂送餐",
    "修好了楼道的灯",
    "议事会上大家商量",
    "维修基金",
    "美丽阳台",
]
TAGS = [f"标签{n}" for n in range(200)]
CATEGORIES = ["助老", "好邻居", "志愿服务", "环境卫生", "家风", "平安", "议事协商", "青少年"]

HUGO_CONFIG = """hasCJKLanguage = true
baseURL = "https://example.org/"
languageCode = "zh-cn"
title = "基准"
disableKinds = ["robotsTXT", "sitemap"]
[taxonomies]
  tag = "tags"
  category = "categories"
[services.rss]
  limit = 20
"""
LAYOUTS = {
    "_default/baseof.html": "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head>"
    '<body>{{ block "main" . }}{{ end }}</body></html>',
    "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}'
    '{{ range .Params.tags }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}{{ end }}',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}'
    '<a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Summary }}</p>{{ end }}{{ end }}',
    "_default/terms.html": '{{ define "main" }}{{ range .Data.Terms }}<a href="{{ .Page.RelPermalink }}">'
    "{{ .Page.Title }}</a>{{ end }}{{ end }}",
}


def body(rng: random.Random) -> str:
    paragraphs, size = [], 0
    while size < 1300:
        sentence = "，".join(rng.choice(PHRASES) for _ in range(rng.randint(3, 6))) + "。"
        paragraphs.append(sentence * rng.randint(2, 4))
        size += len(paragraphs[-1])
    table = "| 项目 | 数量 |\n|---|---|\n| 服务 | 12 |\n| 人次 | 34 |\n"
    items = "- 第一件事\n- 第二件事\n- 第三件事\n"
    return (
        "## 事情经过\n\n"
        + "\n\n".join(paragraphs[:2])
        + "\n\n"
        + items
        + "\n"
        + table
        + "\n## 后来\n\n"
        + "\n\n".join(paragraphs[2:])
        + "\n"
    )


def set_search(content: Path, on: bool) -> None:
    """Turn the site's search on or off: the comparison with Hugo, which has none, is
    made without it."""
    (content / "site.yaml").write_text(
        SITE_YAML + ("" if on else "search: false\n"), encoding="utf-8"
    )


def make_stories(root: Path, count: int) -> None:
    """Write `count` stories as root/ours/content (with site.yaml) and as the Hugo site root/hugo."""
    rng = random.Random(20261122)
    ours = root / "ours" / "content" / "stories"
    hugo = root / "hugo" / "content" / "stories"
    ours.mkdir(parents=True)
    hugo.mkdir(parents=True)
    (root / "ours" / "content" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (root / "hugo" / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = root / "hugo" / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for n in range(count):
        text = body(rng)
        tags = rng.sample(TAGS, 20)
        category = rng.choice(CATEGORIES)
        date = f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        tag_list = ", ".join(tags)
        (ours / f"s{n}.md").write_text(
            f"---\ntitle: 第{n}个好人好事\ndate: {date}\ncategory: {category}\n"
            f"community: {'ab'[n % 2]}\ntags: [{tag_list}]\n---\n{text}",
            encoding="utf-8",
        )
        (hugo / f"s{n}.md").write_text(
            f"---\ntitle: 第{n}个好人好事\ndate: {date}\ncategories: [{category}]\n"
            f"tags: [{tag_list}]\n---\n{text}",
            encoding="utf-8",
        )


TODAY = dt.date(2026, 11, 22)
EARN = ["garbage-sorting", "repair", "visit-elder", "volunteer-hour"]


def make_ledger(content: Path, residents: int, entries: int) -> Path:
    """Write points rules, `residents` residents and `entries` ledger entries over 12 months."""
    rng = random.Random(7)
    (content / "points" / "ledger").mkdir(parents=True)
    if not (content / "site.yaml").exists():
        (content / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (content / "points" / "rules.yaml").write_text(
        "earn:\n  garbage-sorting: {name: 垃圾分类, points: 10}\n  repair: {name: 修家电, points: 20}\n"
        "  visit-elder: {name: 看望老人, points: 15}\n  volunteer-hour: {name: 志愿服务, points_per_hour: 10}\n"
        "redeem:\n  haircut: {name: 理发, cost: 50}\n",
        encoding="utf-8",
    )
    people = "".join(
        f"- id: R{n:05d}\n  name: 居民{n}\n  building: {n % 40 + 1}栋\n  community: {'ab'[n % 2]}\n"
        for n in range(residents)
    )
    (content / "points" / "residents.yaml").write_text(people, encoding="utf-8")
    per_month = entries // 12
    for month in range(12):
        lines = []
        for _ in range(per_month):
            day = dt.date(2025, 11, 1) + dt.timedelta(days=month * 30 + rng.randrange(28))
            rule = rng.choice(EARN)
            lines.append(
                f"- date: {day.isoformat()}\n  resident: R{rng.randrange(residents):05d}\n  earn: {rule}\n"
            )
            if rule == "volunteer-hour":
                lines.append(f"  hours: {rng.choice(['1', '1.5', '2', '2.5'])}\n")
        (content / "points" / "ledger" / f"{month:02d}.yaml").write_text(
            "".join(lines), encoding="utf-8"
        )
    return content


def make_events(content: Path, count: int) -> None:
    """Write `count` events: most on one day, every third one weekly for half a year."""
    rng = random.Random(11)
    lines = []
    for n in range(count):
        day = dt.date(2026, 6, 1) + dt.timedelta(days=rng.randrange(365))
        lines.append(
            f"- title: 活动{n}\n  start: {day.isoformat()} {8 + n % 10:02d}:00\n"
            f"  end: {day.isoformat()} {9 + n % 10:02d}:30\n  location: 党群服务中心\n"
            f"  community: {'ab'[n % 2]}\n"
        )
        if n % 3 == 0:
            until = (day + dt.timedelta(days=182)).strftime("%Y%m%d")
            weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.weekday()]
            lines.append(f"  repeat: FREQ=WEEKLY;BYDAY={weekday};UNTIL={until}\n")
    (content / "events").mkdir(parents=True, exist_ok=True)
    (content / "events" / "bench.yaml").write_text("".join(lines), encoding="utf-8")
