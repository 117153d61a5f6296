"""Notices: pinned first, expiry judged against --today, archive kept."""

from __future__ import annotations

import datetime as dt

from site_builder.config import load_config
from site_builder.diagnostics import Diagnostics
from site_builder.kinds.notices import archived, current, load_notices
from tests.conftest import TODAY_ARG


def notice(title: str, date: str, **fields: str) -> str:
    lines = [
        "---",
        f"title: {title}",
        f"date: {date}",
        *(f"{k}: {v}" for k, v in fields.items()),
        "---",
        "正文。",
    ]
    return "\n".join(lines) + "\n"


FILES = {
    "notices/a.md": notice("停水", "2026-11-20", expires="2026-11-22"),
    "notices/b.md": notice("国庆清运", "2026-09-28", expires="2026-10-08"),
    "notices/c.md": notice("消防通道", "2026-11-01", pinned="true"),
    "notices/d.md": notice("防诈提醒", "2026-11-15"),
}


def load(make_site):
    content = make_site(FILES)
    diags = Diagnostics()
    return load_notices(content, load_config(content, diags), {}, diags)


def test_pinned_first_then_newest(make_site) -> None:
    assert [n.title for n in load(make_site)] == ["消防通道", "停水", "防诈提醒", "国庆清运"]


def test_expiry_is_inclusive_and_judged_against_today(make_site) -> None:
    notices = load(make_site)
    on_the_day = dt.date(2026, 11, 22)
    assert [n.title for n in current(notices, on_the_day)] == ["消防通道", "停水", "防诈提醒"]
    assert [n.title for n in archived(notices, on_the_day)] == ["国庆清运"]
    next_day = dt.date(2026, 11, 23)
    assert [n.title for n in archived(notices, next_day)] == ["停水", "国庆清运"]


def test_pages_and_json_follow_today(make_site, cli) -> None:
    content = make_site(FILES)
    for today, home_has_water in (("2026-11-22", True), ("2026-11-23", False)):
        assert (
            cli(
                "build",
                "--content",
                "content",
                "--target",
                "site",
                "--today",
                today,
                cwd=content.parent,
            ).code
            == 0
        )
        site = content.parent / "output" / "site"
        home = (site / "index.html").read_text(encoding="utf-8")
        assert ("停水" in home) is home_has_water
        listing = (site / "notices" / "index.html").read_text(encoding="utf-8")
        archive = listing[listing.index("已过期的通知") :]
        assert ("停水" in archive) is not home_has_water
    import json

    data = json.loads((site / "data" / "notices.json").read_text(encoding="utf-8"))
    water = next(n for n in data["notices"] if n["title"] == "停水")
    assert (water["expires"], water["current"]) == ("2026-11-22", False)
    assert TODAY_ARG == "2026-11-22"
