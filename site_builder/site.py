"""The whole site as validated models: what every later stage reads.

`load_site` is where each content kind plugs in: it reads its own files into
frozen models and reports into the shared diagnostics.
"""

from __future__ import annotations

import datetime as dt
import pickle
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from site_builder.asset_checks import check_assets
from site_builder.assets import ContentFiles
from site_builder.bodies import explain_failed_links
from site_builder.cache import code_version, content_cache, write_atomically
from site_builder.config import SiteConfig
from site_builder.diagnostics import Diagnostics, Location
from site_builder.kinds.buildings import BuildingBoard, load_buildings
from site_builder.kinds.calendar import Calendar, build_calendar
from site_builder.kinds.events import load_events
from site_builder.kinds.honors import HonorRoll, load_honors
from site_builder.kinds.leaderboards import Board, build_boards
from site_builder.kinds.notices import Notice, load_notices
from site_builder.kinds.points import load_ledger, points_fingerprint
from site_builder.kinds.points_models import Ledger
from site_builder.kinds.stories import Story, failed_stories
from site_builder.kinds.story_loading import load_stories
from site_builder.kinds.story_memo import StoryMemo
from site_builder.kinds.terms import Term, group_terms
from site_builder.kinds.wishes import Wish, load_wishes
from site_builder.lunar import DayNote, almanac
from site_builder.picture_survey import survey_pictures
from site_builder.pictures import Pictures


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
    pictures: Pictures
    """The raster pictures published from assets/, and the sizes each is published at."""

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
    before_stories = len(diags.items)
    stories, pages = load_stories(content, config, today, diags, cache, memo)
    failed = failed_stories(content, diags.items[before_stories:])
    notices = load_notices(content, config, pages, diags)
    explain_failed_links(diags, before_stories, failed, ContentFiles(content))
    check_assets(content, config, diags)
    pictures = survey_pictures(content, stories, notices, diags, cache)
    calendar = build_calendar(load_events(content, config, diags), today, diags)
    ledger, boards = _ledger_and_boards(content, config, today, diags, cache)
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
        boards=boards if not diags.has_errors else (),
        notices=notices,
        honors=load_honors(content, config, by_slug, diags, failed),
        buildings=load_buildings(content, config, diags),
        wishes=load_wishes(content, config, diags),
        pictures=pictures,
    )


def _ledger_and_boards(
    content: Path, config: SiteConfig, today: dt.date, diags: Diagnostics, cache: Path | None
) -> tuple[Ledger, tuple[Board, ...]]:
    """Load the ledger and rank its boards, or take both from the cache if points/ is unchanged.

    A year's ledger takes seconds to validate and rank and a fifth of a second to
    unpickle; the cache holds the last result under a hash of every file in points/.
    """
    fingerprint = points_fingerprint(content / "points")
    key = f"{code_version()}|{fingerprint}|{today}|{config!r}"
    file = None
    if cache is not None:
        file = content_cache(cache, "ledger", content, ".pickle")
        with suppress(OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            stored, ledger, boards, notes = pickle.loads(file.read_bytes())
            if stored == key:
                diags.items.extend(notes)
                return ledger, boards
    start = len(diags.items)
    ledger = load_ledger(content, config, today, diags, fingerprint)
    notes = diags.items[start:]
    boards = () if any(n.severity == "error" for n in notes) else build_boards(ledger, today)
    if file is not None:
        with suppress(OSError):
            write_atomically(file, pickle.dumps((key, ledger, boards, notes), 5))
    return ledger, boards
