"""Values at their limits and derived paths (issue 22 §3a).

Each of these once ended in "site-builder 自身出了问题" (exit 3) or an IO error:
numbers of hundreds of digits, years 1 and 9999, names that cannot be folders
(index.html, CON, 90 Chinese characters), two spellings of one building. Now
each is a located error (exit 1), and a value just inside a bound builds.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MakeSite
from tests.hostile.harness import (
    BASE,
    ERROR,
    KEPT,
    LEDGER,
    RESIDENTS,
    RULES,
    TWO_COMMUNITIES,
    Case,
    Cli,
    check,
    params,
    write,
)


def story(**fields: str) -> str:
    """Return a story file: extra fields from line 5."""
    head = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\ntitle: 好邻居\ndate: 2025-05-20\ncommunity: longteng\n{head}---\n正文。\n"


def event(start: str, *lines: str) -> str:
    """Return an events file with one event starting at `start` (line 2); extra lines from 4."""
    head = f"- title: 纪念活动\n  start: {start}\n  community: longteng\n"
    return head + "".join(f"  {line}\n" for line in lines)


def rules(points: str = "10", per_hour: str = "10") -> str:
    """Return rules.yaml with the given points (line 2) and points_per_hour (line 3)."""
    return RULES.replace("points: 10}", f"points: {points}}}").replace(
        "points_per_hour: 10}", f"points_per_hour: {per_hour}}}"
    )


def building(name: str) -> str:
    """Return buildings.yaml with one board for building `name` (line 1)."""
    return f"- building: {name}\n  community: longteng\n  roles:\n    - {{role: 楼栋长, name: 万玉廷}}\n"


def residents(second: str) -> str:
    """Return residents.yaml whose second resident (line 2) lives in building `second`."""
    return RESIDENTS.replace("building: 5栋", f"building: {second}")


def folder_loop(name: str) -> Any:
    """Return a setup step replacing content/`name` with a symlink to itself."""

    def make(content: Path) -> None:
        folder = content / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.symlink_to(folder.name)

    return make


def file_for_folder(name: str) -> Any:
    """Return a setup step replacing content/`name` with a file of that name."""

    def make(content: Path) -> None:
        shutil.rmtree(content / name)
        (content / name).write_text("不是文件夹\n", encoding="utf-8")

    return make


LONG = "楼" * 90
"""270 bytes in UTF-8: more than a file name may hold."""
NOTICE = "---\ntitle: 停水\ndate: 2026-11-20\ncommunity: longteng\n---\n明天停水。\n"
A = "content/stories/a.md"
E = "content/events/e.yaml"
R = "content/points/rules.yaml"

# One case per line, so the cases read as a table (ruff format would unfold them).
# fmt: off
NUMBERS = [
    # 310 digits of points: a float of it overflowed.
    Case("points-310-digits", ERROR, {"points/rules.yaml": rules(points="9" * 310)}, f"{R}:2", "points 的数字太大"),
    # 5,000 digits: int() refused to read so many.
    Case("points-5000-digits", ERROR, {"points/rules.yaml": rules(points="9" * 5000)}, f"{R}:2", "最多 7 位"),
    # Leading zeros do not hide 5,000 characters from int().
    Case("points-5000-zeros", ERROR, {"points/rules.yaml": rules(points="0" * 4999 + "1")}, f"{R}:2", "最多 7 位"),
    # A 29-digit points_per_hour overflowed the decimal context.
    Case("points-per-hour-29-digits", ERROR, {"points/rules.yaml": rules(per_hour="9" * 29)}, f"{R}:3", "points_per_hour 的数字太大"),
    # A ledger line's own points.
    Case("ledger-points-400-digits", ERROR, {"points/ledger/2026-05.yaml": LEDGER.replace("earn: garbage-sorting\n", "earn: garbage-sorting\n  points: " + "9" * 400 + "\n")}, "content/points/ledger/2026-05.yaml:4", "最多 7 位"),
    # A reward's cost.
    Case("cost-20-digits", ERROR, {"points/rules.yaml": RULES.replace("cost: 50", "cost: " + "9" * 20)}, f"{R}:5", "cost 的数字太大"),
    # A 5,000-digit RRULE COUNT.
    Case("rrule-count-5000-digits", ERROR, {"events/e.yaml": event("2026-11-25 09:00", "repeat: FREQ=WEEKLY;COUNT=" + "9" * 5000)}, f"{E}:4", "COUNT"),
    # Seven digits are still a number (a bound no one reaches, not a small one).
    Case("points-7-digits-kept", KEPT, {"points/rules.yaml": rules(points="9999999")}, value="9999999", page="site/points/rules/index.html"),
]
YEARS = [
    # An event in year 1 overflowed the calendar.
    Case("event-year-1", ERROR, {"events/e.yaml": event("0001-01-01 09:00")}, f"{E}:2", "只能在 1900 到 2200 年之间"),
    # The last day of 9999 overflowed too (the day after it does not exist).
    Case("event-9999-12-31", ERROR, {"events/e.yaml": event("9999-12-31")}, f"{E}:2", "只能在 1900 到 2200 年之间"),
    # Written the Chinese way.
    Case("event-year-9999-chinese", ERROR, {"events/e.yaml": event("9999年1月1日")}, f"{E}:2", "9999年1月1日"),
    # A story dated year 1.
    Case("story-year-1", ERROR, {"stories/a.md": "---\ntitle: 好邻居\ndate: 0001-01-01\ncommunity: longteng\n---\n正文。\n"}, f"{A}:3", "年份不对"),
    # A notice expiring in 9999.
    Case("notice-expires-9999", ERROR, {"notices/n.md": NOTICE.replace("community: longteng\n", "expires: 9999-12-31\ncommunity: longteng\n")}, "content/notices/n.md:4", "年份不对"),
    # A commemoration of 1949 is content (the lunar calendar, which knows no National Day
    # before 1949, is tested from 1900 to 2200 in tests/unit/test_lunar.py).
    Case("honor-1949-kept", KEPT, {"honors/h.yaml": "title: 开国纪念\nawarded: 1949-10-01\ncommunity: longteng\nentries:\n  - name: 陈家\n"}, value="开国纪念", page="site/honors/h/index.html"),
    # The first and last accepted years.
    Case("story-1900-01-01-kept", KEPT, {"stories/a.md": "---\ntitle: 好邻居\ndate: 1900-01-01\ncommunity: longteng\n---\n正文。\n"}, value="好邻居", page="site/stories/a/index.html"),
    Case("notice-expires-2200-12-31-kept", KEPT, {"notices/n.md": NOTICE.replace("community: longteng\n", "expires: 2200-12-31\ncommunity: longteng\n")}, value="停水", page="site/notices/n/index.html"),
]
NAMES = [
    # A slug named index.html would need index.html/index.html.
    Case("slug-index-html", ERROR, {"stories/a.md": story(slug="index.html")}, f"{A}:5", "保留名字"),
    # A tag named index.html.
    Case("tag-index-html", ERROR, {"stories/a.md": story(tags="[INDEX.HTML]")}, f"{A}:5", "INDEX.HTML"),
    # A notice file named index.html.md (its slug is the file name).
    Case("notice-file-index-html", ERROR, {"notices/index.html.md": NOTICE}, "content/notices/index.html.md", "保留名字", whole_file=True),
    # A building of 90 Chinese characters made "file name too long".
    Case("building-90-characters", ERROR, {"buildings.yaml": building(LONG)}, "content/buildings.yaml:1", "太长"),
    # A tag of 90 Chinese characters.
    Case("tag-90-characters", ERROR, {"stories/a.md": story(tags=f"[{LONG}]")}, f"{A}:5", "太长"),
    # CON as a building became a folder Windows cannot open.
    Case("building-con", ERROR, {"buildings.yaml": building("CON")}, "content/buildings.yaml:1", "保留名字"),
    # A device name with an extension is a device too.
    Case("building-com1-ext", ERROR, {"buildings.yaml": building("com1.txt")}, "content/buildings.yaml:1", "保留名字"),
    # A resident's building names a leaderboard folder.
    Case("resident-building-nul", ERROR, {"points/residents.yaml": residents("NUL")}, "content/points/residents.yaml:2", "保留名字"),
    Case("resident-building-90-characters", ERROR, {"points/residents.yaml": residents(LONG)}, "content/points/residents.yaml:2", "太长"),
    # Two spellings of one building: reported at the second with the first's line.
    Case("resident-buildings-differ-in-case", ERROR, {"points/residents.yaml": residents("3栋").replace("3栋, community: longteng}\n- ", "3A栋, community: longteng}\n- ").replace("building: 3栋", "building: 3a栋")}, "content/points/residents.yaml:2", "第 1 行的 “3A栋”"),
    # Full-width and half-width letters are one folder as well.
    Case("resident-buildings-differ-in-width", ERROR, {"points/residents.yaml": residents("Ｂ座").replace("building: 3栋", "building: B座")}, "content/points/residents.yaml:2", "第 1 行的 “B座”"),
    # A community id that is a Windows device names its lobby board's folder.
    Case("community-id-con", ERROR, {"site.yaml": TWO_COMMUNITIES.replace("id: xiangzhang", "id: con")}, "content/site.yaml:5", "“con” 是保留名字"),
    # Two buildings that differ only in a character a URL cannot hold: one folder, and the
    # error names both lines.
    Case("buildings-one-folder", ERROR, {"buildings.yaml": building("3#栋") + building("3-栋")}, "content/buildings.yaml:5", "buildings.yaml:1 和 buildings.yaml:5"),
    # A name of 40 Chinese characters (120 bytes) still fits.
    Case("building-40-characters-kept", KEPT, {"buildings.yaml": building("楼" * 40)}, value="楼" * 40, page="site/buildings/longteng/" + "楼" * 40 + "/index.html"),
]
TEXTS = [
    # A title of 5,000 characters is text pasted by mistake.
    Case("story-title-5000", ERROR, {"stories/a.md": "---\ntitle: " + "长" * 5000 + "\ndate: 2025-05-20\ncommunity: longteng\n---\n正文。\n"}, f"{A}:2", "有 5000 个字，最多 200 个字"),
    # An event title.
    Case("event-title-300", ERROR, {"events/e.yaml": "- title: " + "长" * 300 + "\n  start: 2026-11-25\n  community: longteng\n"}, f"{E}:1", "title 太长"),
    # A resident's name.
    Case("resident-name-300", ERROR, {"points/residents.yaml": RESIDENTS.replace("name: 刘大哥", "name: " + "刘" * 300)}, "content/points/residents.yaml:1", "name 太长"),
    # An event description has room for a page of prose, but not for a book.
    Case("event-description-21000", ERROR, {"events/e.yaml": event("2026-11-25 09:00", "description: " + "字" * 21000)}, f"{E}:4", "最多 20000 个字"),
    # 2,000 tags on one story.
    Case("tags-2000", ERROR, {"stories/a.md": story(tags="[" + ", ".join(f"t{i}" for i in range(2000)) + "]")}, f"{A}:5", "tags 列了 2000 项，最多 100 项"),
    # One tag of 300 characters.
    Case("tag-300-characters", ERROR, {"stories/a.md": story(tags="[" + "标" * 300 + "]")}, f"{A}:5", "tags 太长"),
    # A title of 200 characters and 100 tags are still content.
    Case("story-title-200-kept", KEPT, {"stories/a.md": "---\ntitle: " + "好" * 200 + "\ndate: 2025-05-20\ncommunity: longteng\n---\n正文。\n"}, value="好" * 200, page="site/stories/a/index.html"),
    Case("tags-100-kept", KEPT, {"stories/a.md": story(tags="[" + ", ".join(f"t{i}" for i in range(100)) + "]")}, value="t99", page="site/stories/a/index.html"),
]
FOLDERS = [
    # A symlink loop in place of content/notices made an IO error (exit 3).
    Case("notices-folder-loop", ERROR, {}, "content/notices", "无法打开文件夹", whole_file=True, setup=folder_loop("notices")),
    # The same for every kind's folder: its pages must not silently vanish.
    Case("stories-folder-loop", ERROR, {"honors/h.yaml": None}, "content/stories", "无法打开文件夹", whole_file=True, setup=folder_loop("stories")),
    Case("events-folder-loop", ERROR, {}, "content/events", "无法打开文件夹", whole_file=True, setup=folder_loop("events")),
    Case("honors-folder-loop", ERROR, {}, "content/honors", "无法打开文件夹", whole_file=True, setup=folder_loop("honors")),
    Case("ledger-folder-loop", ERROR, {}, "content/points/ledger", "无法打开文件夹", whole_file=True, setup=folder_loop("points/ledger")),
    # A ledger that is a named pipe: hashing the points folder read it and waited forever.
    Case("ledger-is-a-fifo", ERROR, {}, "content/points/ledger/pipe.yaml", "不是普通文件", whole_file=True, setup=lambda content: os.mkfifo(content / "points/ledger/pipe.yaml")),
    # A file where a folder should be.
    Case("notices-is-a-file", ERROR, {}, "content/notices", "无法打开文件夹", whole_file=True, setup=file_for_folder("notices")),
]
# fmt: on


def cases() -> list[Any]:
    """Return every case of this file as parameters."""
    return params(NUMBERS + YEARS + NAMES + TEXTS + FOLDERS)


@pytest.mark.parametrize("case", cases())
def test_limits(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())


@pytest.mark.parametrize("name", ["notices", "stories", "events", "points/ledger"])
def test_a_folder_without_permission_is_a_located_error(
    name: str, make_site: MakeSite, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder the volunteer's account may not open (tests run as root, where chmod does
    not stop a read: the refusal is made where every listing asks for it, os.scandir)."""
    content = make_site()
    write(content, BASE)
    folder = content / name
    folder.mkdir(parents=True, exist_ok=True)
    real = os.scandir

    def refused(path: Any = ".") -> Any:
        if Path(os.fsdecode(path)).resolve() == folder.resolve():
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refused)
    run = cli("build", "--content", "content", "--today", "2026-06-01", cwd=content.parent)
    assert run.code == 1, run.err
    assert f"content/{name}: 错误: 无法打开文件夹：Permission denied" in run.err, run.err
    assert "检查文件夹的权限" in run.err
    assert not (content.parent / "output").exists()
