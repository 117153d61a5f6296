"""Hostile content that once hung the build or ate its memory (issue 22, denial of service).

Each case is data for the harness (see harness.py), which fails any build taking
longer than harness.SECONDS: before these bounds, every one ran for minutes.
"""

from __future__ import annotations

import multiprocessing
import re
import time

import pytest

from site_builder import markdown_parser, markup_limits
from site_builder.budget import Budget
from tests.conftest import MakeSite
from tests.hostile.harness import BASE, ERROR, RESIDENTS, Case, Cli, build, check, params, write

EVENTS = "events/e.yaml"
STORY = "stories/a.md"
LEDGER = "points/ledger/2026-05.yaml"


def story(body: str) -> str:
    """Return a story whose body starts at line 6."""
    return f"---\ntitle: 好邻居\ndate: 2025-05-20\ncommunity: longteng\n---\n{body}\n"


def never_events(count: int) -> str:
    """Return `count` events whose repeat can find no day (week 1 is never in July)."""
    one = (
        "- title: 太极拳{n}\n  start: 2026-11-25 09:00\n  repeat: FREQ=DAILY;BYWEEKNO=1;BYMONTH=7\n"
    )
    return "".join(one.format(n=n) for n in range(count))


def residents(count: int) -> str:
    """Return residents.yaml with the two base residents and `count` more."""
    more = "".join(
        f"- {{id: X{n:05d}, name: 居民{n}, community: longteng}}\n" for n in range(count)
    )
    return RESIDENTS + more


def unknown_ids(count: int) -> str:
    """Return a ledger of `count` lines, each naming a resident id nobody has."""
    line = "- date: 2026-05-03\n  resident: Q{n:05d}Z\n  earn: garbage-sorting\n"
    return "".join(line.format(n=n) for n in range(count))


DOS_CASES = [
    # Forty repeats that can never happen: dateutil alone searched each up to the year 9999.
    Case("repeat-never-forty-times", ERROR, {EVENTS: never_events(40)}, f"content/{EVENTS}:3", "30 年里一天也排不上"),
    # A weekly rule whose week is never in its month.
    Case("repeat-weekno-not-in-month", ERROR, {EVENTS: "- title: 太极拳\n  start: 2026-11-25 09:00\n  repeat: FREQ=WEEKLY;BYWEEKNO=20;BYMONTH=1\n"}, f"content/{EVENTS}:3", "一天也排不上"),
    # 3,000 unknown ids against 3,000 residents: did-you-mean compared every pair.
    Case("ledger-many-unknown-ids", ERROR, {"points/residents.yaml": residents(3000), LEDGER: unknown_ids(3000)}, f"content/{LEDGER}:2", "Q00000Z"),
    # One line of 9,000 autolinks: Python-Markdown rebuilt the line for each (quadratic).
    Case("markup-autolink-line", ERROR, {STORY: story("<https://a.example/x> " * 9000)}, f"content/{STORY}:6", "标记符号"),
    # 5,000 unclosed tags: the HTML parser read each to the end of the text (4 s).
    Case("markup-unclosed-tags", ERROR, {STORY: story("第一段。\n\n" + "<a " * 5000)}, f"content/{STORY}:8", "没写完的 <"),
    # The same in an event's description: its length bound (20,000 characters) comes first.
    Case("markup-backslashes-in-event", ERROR, {EVENTS: "- title: 太极拳\n  start: 2026-11-25 09:00\n  description: '" + "\\\\" * 50000 + "'\n"}, f"content/{EVENTS}:3", "最多 20000 个字"),
    # A 20,000-character title repeated daily (3 MB daily once wrote 3 GB in 110 s): a title
    # is at most 200 characters; the text-times-days bound is tested below with a lower limit.
    Case("event-long-title-daily", ERROR, {EVENTS: "- title: " + "长" * 20_000 + "\n  start: 2026-11-01 07:00\n  repeat: FREQ=DAILY\n"}, f"content/{EVENTS}:1", "最多 200 个字"),
    # A front matter of a million tags (8 million took 2.5 GB): refused at the value past 10,000.
    Case("front-matter-million-items", ERROR, {STORY: "---\ntitle: 好邻居\ndate: 2025-05-20\ncommunity: longteng\ntags: [" + ",".join(["助老"] * 1_000_000) + "]\n---\n正文。\n"}, f"content/{STORY}:5", "超过 10000 个"),
    # A YAML file of two million values.
    Case("yaml-two-million-values", ERROR, {EVENTS: "- [" + ",".join(["a"] * 2_000_000) + "]\n"}, f"content/{EVENTS}:1", "超过 1500000 个"),
]  # fmt: skip

HOSTILE_LINES = [
    "<https://a.example/x> ", "<", "<a ", "<b ", "<b>", "<!--", "<a@b.c> ", "*", "*a ", "_a ",
    "`", "`a ", "&amp;", "&#", "]", "(", "![", "[", "[a](b) ", "**a** ", "\\", "a  \n", "a\n",
]  # fmt: skip
"""Runs of what each inline pattern (and the raw-HTML step) starts from."""


@pytest.mark.parametrize("unit", HOSTILE_LINES)
def test_markdown_stays_linear_on_hostile_lines(unit: str) -> None:
    """A 200 KB hostile text is refused or converted, never slower than 10 x (+1 s) a 20 KB one.

    Quadratic steps took 100 x as long (27 s for 40 KB of `<a `): each is now
    guarded by markup_limits.too_costly, as the build does before converting.
    """

    def seconds(size: int) -> float:
        text = unit * (size // len(unit))
        started = time.perf_counter()
        if markup_limits.too_costly(text) is None:
            markdown_parser.convert(text)
        return time.perf_counter() - started

    small, large = seconds(20_000), seconds(200_000)
    assert large < 20 * small + 1.0, f"{large:.2f} s for 200 KB, {small:.2f} s for 20 KB"


@pytest.mark.parametrize("case", params(DOS_CASES))
def test_denial_of_service(case: Case, make_site: MakeSite, cli: Cli) -> None:
    check(case, cli, make_site())


def test_a_repeat_with_too_many_days_is_refused(
    make_site: MakeSite, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("site_builder.kinds.calendar.MAX_OCCURRENCES", 50)
    content = make_site()
    write(content, BASE)
    write(content, {EVENTS: "- title: 晨练\n  start: 2026-11-01 07:00\n  repeat: FREQ=DAILY\n"})
    run = build(cli, content.parent)
    assert run.code == 1
    assert (
        f"content/{EVENTS}:3:11: 错误: 这个重复活动在网页显示的月份里有 50 次以上，太多了"
        in run.err
    )
    assert "给 repeat 加上 UNTIL 或 COUNT，或把 start 改到近一些的日子" in run.err


def test_a_page_too_big_is_refused_at_its_content_file(
    make_site: MakeSite, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("site_builder.page_checks.MAX_PAGE_BYTES", 2**19)
    content = make_site()
    write(content, BASE)
    write(content, {STORY: story("邻" * 190_000)})
    run = build(cli, content.parent)
    assert run.code == 1
    message = f"content/{STORY}: 错误: 生成的网页 stories/a/index.html 有 0.55 MB，超过了 0.5 MB"
    assert message in run.err, run.err
    assert not (content.parent / "output").exists()


def test_a_build_that_writes_too_much_stops_at_the_bound(
    make_site: MakeSite, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("site_builder.budget.MAX_OUTPUT_BYTES", 2**20)
    content = make_site()
    write(content, BASE)
    for name in ("a", "b", "c"):
        write(content, {f"stories/{name}.md": story("邻" * 150_000)})
    run = build(cli, content.parent)
    assert run.code == 1
    found = re.search(
        r"content/stories/(\w)\.md: 错误: 写到 stories/\1/index.html 时，"
        r"这次生成的文件已有 [\d.]+ MB，超过了 1 MB，构建停止",
        run.err,
    )
    assert found, run.err
    assert "看看这个文件是否有很长的文字出现在很多页上" in run.err
    assert not (content.parent / "output").exists()


def test_the_output_bound_counts_what_every_worker_writes() -> None:
    budget = Budget(1000)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=budget.spend, args=(300,)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert budget.spent == 900
    assert budget.spend(100)
    assert not budget.spend(1)
