"""The whole site as validated models: what every later stage reads.

`load_site` is where each content kind plugs in: it reads its own files into
frozen models and reports into the shared diagnostics.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.diagnostics import Diagnostics, Location
from site_builder.kinds.buildings import BuildingBoard, load_buildings
from site_builder.kinds.calendar import Calendar, build_calendar
from site_builder.kinds.events import load_events
from site_builder.kinds.honors import HonorRoll, load_honors
from site_builder.kinds.leaderboards import Board, build_boards
from site_builder.kinds.notices import Notice, load_notices
from site_builder.kinds.points import Ledger, load_ledger
from site_builder.kinds.stories import Story, StoryMemo, Term, group_terms, load_stories
from site_builder.kinds.wishes import Wish, load_wishes
from site_builder.lunar import DayNote, almanac


@dataclass(frozen=True, slots=True)
class Site:
    """Everything one build publishes, validated and derived."""

    content: Path
    """The content folder."""
    config: SiteConfig
    """site.yaml."""
    today: dt.date
    """"Now" for this build (--today, or the date in the site's time zone)."""
    stories: tuple[Story, ...]
    """Published stories, newest first."""
    tags: tuple[Term, ...]
    """Tags with their stories, most used first."""
    categories: tuple[Term, ...]
    """Categories with their stories, most used first."""
    calendar: Calendar
    """Events expanded over the months the site shows."""
    almanac: dict[dt.date, DayNote]
    """农历, festivals and solar terms for every day a month grid shows."""
    ledger: Ledger
    """The points ledger, validated (empty when there is no points/ folder)."""
    boards: tuple[Board, ...]
    """Every leaderboard: period × scope × measure."""
    notices: tuple[Notice, ...]
    """Notices, pinned first, then newest first (current and expired)."""
    honors: tuple[HonorRoll, ...]
    """Honor rolls, newest first."""
    buildings: tuple[BuildingBoard, ...]
    """Building contact boards, in the order written."""
    wishes: tuple[Wish, ...]
    """Micro-wishes: open, claimed, done."""

    @property
    def ledger_source(self) -> Location:
        """Return where residents (and so buildings on the boards) are written."""
        return Location(self.content / "points" / "residents.yaml")


def load_site(
    content: Path,
    config: SiteConfig,
    today: dt.date,
    diags: Diagnostics,
    cache: Path | None = None,
    memo: StoryMemo | None = None,
) -> Site:
    """Load every content kind under `content/` into models, reporting every problem.

    `cache` is the build cache folder, `memo` what the stories gave last time.
    """
    stories, pages = load_stories(content, config, today, diags, cache, memo)
    calendar = build_calendar(load_events(content, config, diags), today, diags)
    ledger = load_ledger(content, config, today, diags)
    by_slug = {story.slug: story.url for story in stories}
    week = dt.timedelta(days=7)
    return Site(
        content=content,
        config=config,
        today=today,
        stories=stories,
        tags=group_terms(stories, "tags"),
        categories=group_terms(stories, "category"),
        calendar=calendar,
        almanac=almanac(calendar.first - week, calendar.last + week) if calendar.events else {},
        ledger=ledger,
        boards=build_boards(ledger, today) if not diags.has_errors else (),
        notices=load_notices(content, config, pages, diags),
        honors=load_honors(content, config, by_slug, diags),
        buildings=load_buildings(content, config, diags),
        wishes=load_wishes(content, config, diags),
    )
