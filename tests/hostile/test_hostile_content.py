"""Hostile content: encodings, front matter, YAML traps, markup in every text field, slugs.

Each case is one line of data: what it writes over the small complete site in
harness.BASE and the outcome the build must show (see harness.py). The broken
sites under tests/sites/invalid/ cover stories; these go over every other kind.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.conftest import MakeSite, picture
from tests.hostile.harness import (
    ERROR,
    KEPT,
    SANITISED,
    TWO_COMMUNITIES,
    Case,
    Cli,
    assert_nothing_executable,
    check,
    params,
)

P = "<script>alert(1)</script><img src=x onerror=alert(1)>"
"""Markup in a YAML text field: must be shown as the characters typed, never run."""
Q = "<a href=javascript:alert(1)>点我</a><iframe src=//evil.example></iframe>"


def story(body: str = "正文。", **fields: str) -> str:
    """Return a story file: title on line 2, extra fields from line 5, the body after."""
    head = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\ntitle: 好邻居\ndate: 2025-05-20\ncommunity: longteng\n{head}---\n{body}\n"


def notice(body: str = "明天停水。", **fields: str) -> str:
    """Return a notice file: title on line 2, extra fields from line 5, the body after."""
    head = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\ntitle: 停水通知\ndate: 2026-11-20\ncommunity: longteng\n{head}---\n{body}\n"


def event(*lines: str) -> str:
    """Return an events file with one event; the extra lines start at line 4."""
    head = "- title: 端午包粽子\n  start: 2026-11-25 09:00\n  community: longteng\n"
    return head + "".join(f"  {line}\n" for line in lines)


STORY = "stories/a.md"
NOTICE = "notices/n.md"
EVENTS = "events/e.yaml"
HONORS = "honors/h.yaml"
WISHES = "wishes.yaml"
BUILDINGS = "buildings.yaml"
STORY_PAGE = "site/stories/a/index.html"
NOTICE_PAGE = "site/notices/n/index.html"
MONTH_PAGE = "site/calendar/2026-11/index.html"
HONOR_PAGE = "site/honors/h/index.html"
BOARD = "kiosk/longteng/index.html"
FULL_NAMES = TWO_COMMUNITIES + "privacy:\n  names: full\n  phones: full\n"


# One case per line, so the cases read as a table (ruff format would unfold them).
# fmt: off
ENCODING_AND_FRONT_MATTER = [
    # A notice whose front matter never closes cannot be guessed at.
    Case("notice-front-matter-unclosed", ERROR, {NOTICE: "---\ntitle: 停水\ndate: 2026-11-20\n正文\n"}, "content/notices/n.md:1", "没有结束"),
    # An empty first block leaves the real settings in the body: title is missing.
    Case("story-empty-front-matter-first", ERROR, {STORY: "---\n---\ntitle: 好邻居\ndate: 2025-05-20\n---\n正文\n"}, "content/stories/a.md:2", "title"),
    # A second front matter block is only body text: shown as written, settings untouched.
    Case("story-front-matter-twice", KEPT, {STORY: story("---\ntitle: 第二份\n---\n正文")}, value="title: 第二份", page=STORY_PAGE),
    # An empty story file (saved before typing) has no front matter.
    Case("story-empty-file", ERROR, {STORY: ""}, "content/stories/a.md:1", "front matter"),
    # An empty honor roll file has no title.
    Case("honor-empty-file", ERROR, {HONORS: ""}, "content/honors/h.yaml:1", "title"),
    # An empty site.yaml has no title either.
    Case("site-yaml-empty", ERROR, {"site.yaml": ""}, "content/site.yaml:1", "title"),
    # A UTF-8 BOM and Windows line ends in an events file are fine.
    Case("events-bom-crlf", KEPT, {EVENTS: codecs.BOM_UTF8 + event("location: 活动室 B").replace("\n", "\r\n").encode()}, value="活动室 B", page=MONTH_PAGE),
    # Old Mac line ends (CR alone) in a notice are read as line ends.
    Case("notice-cr-only", KEPT, {NOTICE: notice("第一行\r第二行").replace("\n", "\r").encode()}, value="第二行", page=NOTICE_PAGE),
    # The ledger's fast reader sees CRLF too.
    Case("ledger-crlf", KEPT, {"points/ledger/2026-05.yaml": b"- date: 2026-05-03\r\n  resident: R001\r\n  earn: garbage-sorting\r\n"}, value="刘**", page="site/points/all-time/index.html"),
    # GBK from an old Notepad: refused at the first bad line, never mojibake.
    Case("events-gbk", ERROR, {EVENTS: event("location: 文化活动室").encode("gbk")}, "content/events/e.yaml:1", "GBK"),
    # site.yaml in GBK is refused the same way.
    Case("site-yaml-gbk", ERROR, {"site.yaml": TWO_COMMUNITIES.encode("gbk")}, "content/site.yaml:1", "GBK"),
    # UTF-16 (big-endian, with BOM) wishes: refused as a whole file.
    Case("wishes-utf16-be", ERROR, {WISHES: codecs.BOM_UTF16_BE + "- wish: 老花镜\n".encode("utf-16-be")}, "content/wishes.yaml", "UTF-16", whole_file=True),
    # A picture saved as residents.yaml is binary junk.
    Case("residents-binary", ERROR, {"points/residents.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "content/points/residents.yaml", "二进制", whole_file=True),
    # Random high bytes in a notice (no NUL): not UTF-8, from that line on.
    Case("notice-junk-bytes", ERROR, {NOTICE: notice().encode() + b"\x9d\xff\xfe\x80\n"}, "content/notices/n.md:7", "UTF-8"),
    # A control character pasted from a chat app: YAML refuses it, at its line.
    Case("story-control-character", ERROR, {STORY: story(summary="响铃\x07了")}, "content/stories/a.md:5", "控制字符"),
    # Tab indentation in an events file: warned, then the syntax error.
    Case("events-tab-indent", ERROR, {EVENTS: "- title: 端午\n\tstart: 2026-11-25\n"}, "content/events/e.yaml:2", "YAML"),
    # A tab inside a value is text, kept.
    Case("event-tab-in-value", KEPT, {EVENTS: event("location: 活动室\t二楼")}, value="活动室\t二楼", page=MONTH_PAGE),
    # Duplicate keys in a building role written inline.
    Case("buildings-duplicate-key", ERROR, {BUILDINGS: "- building: 3栋\n  community: longteng\n  roles:\n    - {role: 楼栋长, name: 万玉廷, name: 熊冠军}\n"}, "content/buildings.yaml:4", "重复"),
    # Duplicate keys in a ledger entry (the fast reader gives way to the full one).
    Case("ledger-duplicate-key", ERROR, {"points/ledger/2026-05.yaml": "- date: 2026-05-03\n  resident: R001\n  resident: R002\n  earn: garbage-sorting\n"}, "content/points/ledger/2026-05.yaml:3", "重复"),
    # Two YAML documents in an events file.
    Case("events-two-documents", ERROR, {EVENTS: event() + "---\n" + event()}, "content/events/e.yaml:4", "多个 YAML 文档"),
    # A document end marker and more content: still two documents, in an honor roll.
    Case("honor-document-end-marker", ERROR, {HONORS: "title: 文明户\nawarded: 2026-06-30\nentries: []\n...\ntitle: 又一张\n"}, "content/honors/h.yaml:5", "YAML"),
    # An anchor reused through an alias in the wishes.
    Case("wishes-alias", ERROR, {WISHES: "- wish: &w 老花镜\n  who: 钟桂芝\n  date: 2026-11-18\n- wish: *w\n  who: 甘德福\n  date: 2026-11-18\n"}, "content/wishes.yaml:1", "别名"),
    # A recursive alias (a list that holds itself) must not loop forever.
    Case("events-recursive-alias", ERROR, {EVENTS: "- &e\n  title: 循环\n  start: 2026-11-25\n  community: longteng\n  self: *e\n"}, "content/events/e.yaml:1", "别名"),
    # A "billion laughs" honor roll: refused at once, no memory blow-up.
    Case("honor-billion-laughs", ERROR, {HONORS: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"}, "content/honors/h.yaml:2", "别名"),
    # A merge key pulls an anchor into an event: aliases are refused.
    Case("events-merge-key", ERROR, {EVENTS: "- &base\n  title: 晨练\n  start: 2026-11-25\n  community: longteng\n- <<: *base\n  title: 晚练\n"}, "content/events/e.yaml:1", "别名"),
    # A Python tag in the ledger is never constructed.
    Case("ledger-python-tag", ERROR, {"points/ledger/2026-05.yaml": '- date: 2026-05-03\n  resident: !!python/object/apply:os.system ["touch /tmp/pwned"]\n  earn: garbage-sorting\n'}, "content/points/ledger/2026-05.yaml:2", "!!python/object/apply:os.system"),
    # A Python name tag in site.yaml.
    Case("site-yaml-python-name", ERROR, {"site.yaml": TWO_COMMUNITIES + "timezone: !!python/name:os.system\n"}, "content/site.yaml:7", "!!python/name:os.system"),
    # An include-style local tag in a building board is refused, not followed.
    Case("buildings-include-tag", ERROR, {BUILDINGS: "- building: 3栋\n  community: longteng\n  roles: !include ../../secret.yaml\n"}, "content/buildings.yaml:3", "!include"),
    # 50,000 nested brackets must not overflow a stack.
    Case("story-deep-nesting", ERROR, {STORY: story(people="[" * 50_000 + "]" * 50_000)}, "content/stories/a.md:5", "嵌套"),
    # A list where a notice's settings should be.
    Case("notice-front-matter-is-a-list", ERROR, {NOTICE: "---\n- title: 停水\n---\n正文\n"}, "content/notices/n.md:2", "名字: 值"),
    # A mapping used as a key (YAML's `? `) in wishes.
    Case("wishes-complex-key", ERROR, {WISHES: "- ? [wish, who]\n  : 老花镜\n  date: 2026-11-18\n"}, "content/wishes.yaml:1", ""),
]
# fmt: on

# fmt: off
VALUES = [
    # YAML 1.1 would read NO as false: a story title stays "NO".
    Case("story-title-NO", KEPT, {STORY: "---\ntitle: NO\ndate: 2025-05-20\ncommunity: longteng\n---\n正文\n"}, value="NO", page=STORY_PAGE),
    # `on` as a building name stays "on".
    Case("story-building-on", KEPT, {STORY: story(building="on")}, value="on", page=STORY_PAGE),
    # 12:30 (sexagesimal 750 in YAML 1.1) in a citation stays "12:30".
    Case("honor-citation-12-30", KEPT, {HONORS: "title: 文明户\nawarded: 2026-06-30\nentries:\n  - name: 陈家\n    citation: 12:30\n"}, value="12:30", page=HONOR_PAGE),
    # 0755 (octal 493) as a room number stays "0755".
    Case("buildings-room-0755", KEPT, {BUILDINGS: "- building: 3栋\n  community: longteng\n  roles:\n    - {role: 楼栋长, name: 万玉廷, room: 0755}\n"}, value="0755", page="site/buildings/longteng/3栋/index.html"),
    # +86 mobile in a phone field keeps every character on the lobby board.
    Case("buildings-phone-plus86", KEPT, {BUILDINGS: "- building: 3栋\n  community: longteng\n  roles:\n    - {role: 楼栋长, name: 万玉廷, phone: +8613900001111}\n"}, value="+8613900001111", page=BOARD),
    # 1.10 (a float in YAML) as a title stays "1.10".
    Case("notice-title-float", KEPT, {NOTICE: "---\ntitle: 1.10\ndate: 2026-11-20\n---\n正文\n"}, value="1.10", page=NOTICE_PAGE),
    # "null" in quotes is the word null, not nothing.
    Case("wish-quoted-null", KEPT, {WISHES: '- wish: "null"\n  who: 钟桂芝\n  date: 2026-11-18\n'}, value="null", page="site/data/wishes.json"),
    # 2025/06/20 is a date a volunteer writes; it is read as 20 June.
    Case("wish-date-slashes", KEPT, {WISHES: "- wish: 老花镜\n  who: 钟桂芝\n  date: 2025/06/20\n"}, value="2025-06-20", page="site/data/wishes.json"),
    # 2025-02-30 does not exist.
    Case("honor-awarded-feb-30", ERROR, {HONORS: "title: 文明户\nawarded: 2025-02-30\nentries: []\n"}, "content/honors/h.yaml:2", "2025-02-30"),
    # 2025-02-29 does not exist either (2025 is no leap year).
    Case("notice-expires-feb-29", ERROR, {NOTICE: notice(expires="2025-02-29")}, "content/notices/n.md:5", "2025-02-29"),
    # A date with a time where only a date is wanted.
    Case("wish-date-with-time", ERROR, {WISHES: "- wish: 老花镜\n  who: 钟桂芝\n  date: 2026-11-18 09:00\n"}, "content/wishes.yaml:3", "2026-11-18 09:00"),
    # 24:00 is no time of day.
    Case("event-start-24-00", ERROR, {EVENTS: "- title: 守岁\n  start: 2026-12-31 24:00\n  community: longteng\n"}, "content/events/e.yaml:2", "24:00"),
    # A full ISO timestamp in the ledger is not a date.
    Case("ledger-iso-timestamp", ERROR, {"points/ledger/2026-05.yaml": "- date: 2026-05-03T09:00:00Z\n  resident: R001\n  earn: garbage-sorting\n"}, "content/points/ledger/2026-05.yaml:1", "2026-05-03T09:00:00Z"),
    # pinned: maybe is neither yes nor no.
    Case("notice-pinned-maybe", ERROR, {NOTICE: notice(pinned="maybe")}, "content/notices/n.md:5", "maybe"),
    # A title of ~ is no title.
    Case("honor-title-tilde", ERROR, {HONORS: "title: ~\nawarded: 2026-06-30\nentries: []\n"}, "content/honors/h.yaml:1", "title"),
]
# fmt: on

# fmt: off
FIELD_MARKUP = [
    # Every YAML text field of every kind is text: markup in it is shown, never run.
    Case("site-title", KEPT, {"site.yaml": TWO_COMMUNITIES.replace("测试小区", P)}, value=P, page="site/index.html"),
    Case("community-name", KEPT, {"site.yaml": TWO_COMMUNITIES.replace("龙腾广场小区", Q)}, value=Q, page=BOARD),
    Case("story-title", KEPT, {STORY: f"---\ntitle: {P}\ndate: 2025-05-20\ncommunity: longteng\n---\n正文\n"}, value=P, page=STORY_PAGE),
    Case("story-summary", KEPT, {STORY: story(summary=Q)}, value=Q, page=STORY_PAGE),
    Case("story-people", KEPT, {STORY: story(people=P)}, value=P, page=STORY_PAGE),
    Case("story-building", KEPT, {STORY: story(building=Q)}, value=Q, page=STORY_PAGE),
    Case("story-category", KEPT, {STORY: story(category=P)}, value=P, page=STORY_PAGE),
    Case("story-tag", KEPT, {STORY: story(tags=Q)}, value=Q, page=STORY_PAGE),
    Case("notice-title", KEPT, {NOTICE: f"---\ntitle: {Q}\ndate: 2026-11-20\n---\n正文\n"}, value=Q, page=NOTICE_PAGE),
    Case("event-title", KEPT, {EVENTS: f"- title: {P}\n  start: 2026-11-25\n  community: longteng\n"}, value=P, page=MONTH_PAGE),
    Case("event-location", KEPT, {EVENTS: event(f"location: {Q}")}, value=Q, page=MONTH_PAGE),
    Case("event-organizer", KEPT, {EVENTS: event(f"organizer: {P}")}, value=P, page=MONTH_PAGE),
    Case("event-signup", KEPT, {EVENTS: event(f"signup: {Q}")}, value=Q, page=MONTH_PAGE),
    Case("honor-title", KEPT, {HONORS: f"title: {P}\nawarded: 2026-06-30\nentries:\n  - name: 陈家\n"}, value=P, page=HONOR_PAGE),
    Case("honor-name", KEPT, {HONORS: f"title: 文明户\nawarded: 2026-06-30\nentries:\n  - name: {Q}\n"}, value=Q, page=HONOR_PAGE),
    Case("honor-building", KEPT, {HONORS: f"title: 文明户\nawarded: 2026-06-30\nentries:\n  - name: 陈家\n    building: {P}\n"}, value=P, page=HONOR_PAGE),
    Case("honor-citation", KEPT, {HONORS: f"title: 文明户\nawarded: 2026-06-30\nentries:\n  - name: 陈家\n    citation: {Q}\n"}, value=Q, page=HONOR_PAGE),
    Case("building-name", KEPT, {BUILDINGS: f"- building: {P}\n  community: longteng\n  roles:\n    - role: 楼栋长\n      name: 万玉廷\n"}, value=P, page=BOARD),
    Case("building-role", KEPT, {BUILDINGS: f"- building: 3栋\n  community: longteng\n  roles:\n    - role: {Q}\n      name: 万玉廷\n"}, value=Q, page="site/buildings/longteng/3栋/index.html"),
    Case("building-person", KEPT, {BUILDINGS: f"- building: 3栋\n  community: longteng\n  roles:\n    - role: 楼栋长\n      name: {P}\n"}, value=P, page=BOARD),
    Case("building-room", KEPT, {BUILDINGS: f"- building: 3栋\n  community: longteng\n  roles:\n    - role: 楼栋长\n      name: 万玉廷\n      room: {Q}\n"}, value=Q, page="site/buildings/longteng/3栋/index.html"),
    Case("building-phone", KEPT, {BUILDINGS: f"- building: 3栋\n  community: longteng\n  roles:\n    - role: 楼栋长\n      name: 万玉廷\n      phone: {P}\n"}, value=P, page=BOARD),
    Case("wish-text", KEPT, {WISHES: f"- wish: {P}\n  who: 钟桂芝\n  date: 2026-11-18\n"}, value=P, page="site/wishes/index.html"),
    Case("wish-who", KEPT, {WISHES: f"- wish: 老花镜\n  who: {Q}\n  date: 2026-11-18\n"}, value=Q, page="kiosk/xiangzhang/index.html"),
    Case("wish-building", KEPT, {WISHES: f"- wish: 老花镜\n  who: 钟桂芝\n  building: {P}\n  date: 2026-11-18\n"}, value=P, page="site/wishes/index.html"),
    Case("wish-claimed-by", KEPT, {WISHES: f"- wish: 老花镜\n  who: 钟桂芝\n  date: 2026-11-18\n  status: claimed\n  claimed_by: {Q}\n"}, value=Q, page="site/wishes/index.html"),
    Case("points-rule-name", KEPT, {"points/rules.yaml": f"earn:\n  garbage-sorting: {{name: '{P}', points: 10}}\n  volunteer-hour: {{name: 志愿服务, points_per_hour: 10}}\n"}, value=P, page="site/points/rules/index.html"),
    Case("points-reward-name", KEPT, {"points/rules.yaml": f"earn:\n  garbage-sorting: {{name: 垃圾分类, points: 10}}\n  volunteer-hour: {{name: 志愿服务, points_per_hour: 10}}\nredeem:\n  haircut:\n    name: {Q}\n    cost: 50\n"}, value=Q, page="site/points/rules/index.html"),
    Case("resident-name", KEPT, {"site.yaml": FULL_NAMES, "points/residents.yaml": f"- id: R001\n  name: {P}\n  building: 3栋\n  community: longteng\n- {{id: R002, name: 王阿姨, community: longteng}}\n"}, value=P, page="site/points/all-time/index.html"),
    Case("resident-building", KEPT, {"points/residents.yaml": f"- id: R001\n  name: 刘大哥\n  building: {Q}\n  community: longteng\n- {{id: R002, name: 王阿姨, community: longteng}}\n"}, value=Q, page="site/points/all-time/index.html"),
    # A line break in a title cannot start a forged event in calendar.ics.
    Case("event-title-ics-injection", KEPT, {EVENTS: '- title: "端午\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:假活动"\n  start: 2026-11-25\n  community: longteng\n'}, value="端午\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:假活动", page=MONTH_PAGE, absent="\r\nSUMMARY:假活动"),
    # base_url is pasted into links of feeds and data as it is: a quote in it would break out.
    Case("site-base-url-breakout", ERROR, {"site.yaml": TWO_COMMUNITIES + "base_url: https://example.org/\"><script>alert(1)</script>\n", STORY: story("![图](assets/x.png)"), "assets/x.png": picture()}, "content/site.yaml:7", "base_url"),
    # The ledger's note is for the bookkeeper: it is published nowhere.
    Case("ledger-note", KEPT, {"points/ledger/2026-05.yaml": f"- date: 2026-05-03\n  resident: R001\n  earn: garbage-sorting\n  note: {P}秘密备注\n"}, value="刘**", page="site/points/all-time/index.html", absent="秘密备注"),
]
# fmt: on

# fmt: off
BODY_MARKUP = [
    # Markdown bodies (stories, notices, event descriptions): the sanitiser removes what
    # can run, and the volunteer is warned at the line it was on.
    Case("story-script", SANITISED, {STORY: story("第一段\n\n<script>alert(1)</script>")}, "content/stories/a.md:8", "<script"),
    Case("story-mixed-case-script", SANITISED, {STORY: story("<ScRiPt SRC=//evil.example/x.js></sCrIpT>")}, "content/stories/a.md:6", "<script"),
    Case("notice-img-onerror", SANITISED, {NOTICE: notice("<img src=https://example.org/a.png onerror=alert(1)>")}, "content/notices/n.md:6", "onerror"),
    Case("story-handler-on-allowed-tag", SANITISED, {STORY: story('<a href="https://example.org" onclick="alert(1)">看</a>')}, "content/stories/a.md:6", "onclick"),
    Case("story-javascript-any-case", SANITISED, {STORY: story("[点我](JaVaScRiPt:alert(1))")}, "content/stories/a.md:6", "JaVaScRiPt:alert(1)"),
    Case("notice-javascript-entity", SANITISED, {NOTICE: notice('<a href="&#106;&#97;vascript:alert(1)">点</a>')}, "content/notices/n.md:6", "avascript:alert(1)"),
    Case("story-javascript-hex-tab", SANITISED, {STORY: story('<a href="jav&#x09;ascript:alert(1)">点</a>')}, "content/stories/a.md:6", "ascript:alert(1)"),
    Case("story-javascript-colon-entity", SANITISED, {STORY: story('<a href="javascript&colon;alert(1)">点</a>')}, "content/stories/a.md:6", "javascript:alert(1)"),
    Case("story-javascript-reference-link", SANITISED, {STORY: story("[点我][1]\n\n[1]: javascript:alert(1)")}, "content/stories/a.md:8", "javascript:alert(1)"),
    Case("event-vbscript", SANITISED, {EVENTS: event("description: '[点](vbscript:msgbox(1))'")}, "content/events/e.yaml:4", "vbscript:msgbox(1)"),
    Case("story-data-html-link", SANITISED, {STORY: story("[点](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")}, "content/stories/a.md:6", "data:text/html"),
    Case("notice-data-svg-image", SANITISED, {NOTICE: notice("![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)")}, "content/notices/n.md:6", "data:image/svg+xml"),
    Case("notice-meta-refresh", SANITISED, {NOTICE: notice('<meta http-equiv="refresh" content="0;url=https://evil.example">')}, "content/notices/n.md:6", "<meta"),
    Case("event-iframe", SANITISED, {EVENTS: event("description: '<iframe src=\"https://evil.example\"></iframe>'")}, "content/events/e.yaml:4", "<iframe"),
    Case("notice-style", SANITISED, {NOTICE: notice("<style>body{display:none}</style>")}, "content/notices/n.md:6", "<style"),
    Case("story-style-attribute", SANITISED, {STORY: story('<p style="background:url(javascript:alert(1))">字</p>')}, "content/stories/a.md:6", "style="),
    Case("story-svg-onload", SANITISED, {STORY: story("<svg onload=alert(1)><circle r=5 /></svg>")}, "content/stories/a.md:6", "<svg"),
    Case("event-svg-xlink", SANITISED, {EVENTS: event("description: '<svg><a xlink:href=\"javascript:alert(1)\"><text>点</text></a></svg>'")}, "content/events/e.yaml:4", "<svg"),
    Case("story-object-embed", SANITISED, {STORY: story('<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">')}, "content/stories/a.md:6", "<object"),
    Case("notice-base-and-form", SANITISED, {NOTICE: notice('<base href="https://evil.example/"><form action="https://evil.example"><input name=q></form>')}, "content/notices/n.md:6", "<base"),
    Case("story-split-script-tag", SANITISED, {STORY: story("<scr<script>ipt>alert(1)</scr</script>ipt>")}, "content/stories/a.md:6", "<script"),
    Case("story-comment-trick", SANITISED, {STORY: story("<!--><script>alert(1)</script>-->")}, "content/stories/a.md:6", "<script"),
    Case("notice-math-mxss", SANITISED, {NOTICE: notice("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")}, "content/notices/n.md:6", "<math"),
    Case("story-file-url-image", ERROR, {STORY: story("![图](file:///etc/passwd)")}, "content/stories/a.md:6", "“file:///etc/passwd” 是你电脑上的位置"),
    # No attribute-list extension is on: `{: onclick=… }` stays the text typed.
    Case("story-attribute-list", KEPT, {STORY: story("一段话\n{: onclick=alert(1) }")}, value="{: onclick=alert(1) }", page=STORY_PAGE),
    # The same in a notice heading.
    Case("notice-heading-attribute-list", KEPT, {NOTICE: notice("## 标题 {: #x onmouseover=alert(1) }")}, value="{: #x onmouseover=alert(1) }", page=NOTICE_PAGE),
    # Quotes in a Markdown link title cannot break out of the attribute.
    Case("story-link-title-quote", KEPT, {STORY: story('[看](https://example.org "a\\" onmouseover=\\"alert(1)")')}, value='a\\" onmouseover=\\"alert(1)', page=STORY_PAGE),
]
# fmt: on

# fmt: off
SLUGS = [
    # é written precomposed and decomposed: the same URL after NFC, so a collision.
    Case("slug-nfc-collision", ERROR, {"stories/caf\u00e9.md": story(), "stories/cafe\u0301.md": story()}, "content/stories/caf\u00e9.md", "冲突", whole_file=True),
    # Ａ (full width) and a: the same after case and width folding.
    Case("slug-width-and-case-collision", ERROR, {"stories/Ａbc.md": story(), "stories/abc.md": story()}, "content/stories/Ａbc.md", "冲突", whole_file=True),
    # File names are checked as names: these messages name the file, not a line.
    # A story named aux.md would be a reserved device name on Windows.
    Case("slug-windows-aux", ERROR, {"stories/aux.md": story()}, "content/stories/aux.md", "保留", whole_file=True),
    # CON.md as a notice, in capitals.
    Case("slug-windows-con-notice", ERROR, {"notices/CON.md": notice()}, "content/notices/CON.md", "保留", whole_file=True),
    # nul.yaml as an honor roll.
    Case("slug-windows-nul-honor", ERROR, {"honors/nul.yaml": "title: 榜\nawarded: 2026-06-30\nentries: []\n"}, "content/honors/nul.yaml", "保留", whole_file=True),
    # COM1 in a slug: field.
    Case("slug-field-com1", ERROR, {STORY: story(slug="com1")}, "content/stories/a.md:5", "保留"),
    # A 100-character Chinese file name is too long for a folder name (300 bytes).
    Case("slug-long-chinese-title", ERROR, {"stories/" + "好" * 80 + ".md": story()}, "content/stories/" + "好" * 80 + ".md", "太长", whole_file=True),
    # A slug of dots would climb out of stories/.
    Case("slug-dot-dot", ERROR, {STORY: story(slug="..")}, "content/stories/a.md:5", ""),
    # A tag of dots and slashes leaves nothing for a folder name (and never climbs).
    Case("tag-only-dots", ERROR, {STORY: story(tags='["...", "/"]')}, "content/stories/a.md:5", "什么也不剩"),
    # A slug with a slash would make a folder inside another.
    Case("slug-with-slash", ERROR, {STORY: story(slug="../../etc")}, "content/stories/a.md:5", ""),
]
# fmt: on


@pytest.mark.parametrize("case", params(ENCODING_AND_FRONT_MATTER + VALUES))
def test_encoding_front_matter_and_values(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())


@pytest.mark.parametrize("case", params(FIELD_MARKUP + BODY_MARKUP))
def test_markup(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())


@pytest.mark.parametrize("case", params(SLUGS))
def test_slugs(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("site/a.html", "<p><img src=x.png onerror=alert(1)></p>"),
        ("site/b.html", '<a href=" jAvA&#x09;script:alert(1)">x</a>'),
        ("site/c.html", '<meta http-equiv="refresh" content="0;url=https://evil.example">'),
        ("site/d.html", "<style>body{display:none}</style>"),
        ("site/e.html", "<script>alert(1)</script>"),
        ("site/f.html", '<iframe src="https://evil.example"></iframe>'),
        ("site/g.html", "<svg onload=alert(1)></svg>"),
        ("site/h.html", '<img src="data:text/html,x">'),
        ("site/data/notices.json", '{"notices": [{"html": "<script>alert(1)</script>"}]}'),
        (
            "site/feed.xml",
            '<feed><content type="html">&lt;img src=x onerror=alert(1)&gt;</content></feed>',
        ),
        (
            "kiosk/data.js",
            'window.KIOSK_DATA = {"notices": [{"html": "<a href=\\"javascript:x\\">a</a>"}]};\n',
        ),
    ],
)
def test_the_scan_finds_what_it_looks_for(name: str, text: str, tmp_path: Path) -> None:
    """The output scan is not vacuous: each of these is caught."""
    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(AssertionError, match="executable"):
        assert_nothing_executable(tmp_path)


def test_the_scan_lets_the_theme_through(tmp_path: Path) -> None:
    """The theme's own script, favicon and 404 style are not content."""
    (tmp_path / "kiosk").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "kiosk" / "index.html").write_text(
        '<link rel="icon" href="data:,"><script src="data.js"></script><script src="kiosk.js"></script>',
        encoding="utf-8",
    )
    (tmp_path / "site" / "404.html").write_text("<style>p{}</style>", encoding="utf-8")
    (tmp_path / "site" / "x.html").write_text("&lt;script&gt;javascript:alert(1)", encoding="utf-8")
    assert_nothing_executable(tmp_path)


def test_cases_are_enough() -> None:
    cases = ENCODING_AND_FRONT_MATTER + VALUES + FIELD_MARKUP + BODY_MARKUP + SLUGS
    assert len(cases) >= 60
