"""The URL plan: every page the public site will have, decided before anything renders.

Each `Page` names its output path, its template and the data it shows. Two
pages that would land on the same file are reported here (Zola's
find_path_collisions), so rendering never overwrites one page with another.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from site_builder.diagnostics import Diagnostics, Location
from site_builder.kinds import calendar, leaderboards, notices, wishes
from site_builder.kinds.leaderboards import Period, Scope
from site_builder.kinds.stories import Story
from site_builder.kinds.terms import Term
from site_builder.site import Site
from site_builder.urls import MAX_NAME_BYTES, collision_key, tidy_name

PER_PAGE = 12
"""Stories per list page."""
HOME_STORIES = 6
"""Stories on the home page."""
FEED_ENTRIES = 20
"""Entries in feed.xml."""
HOME_EVENTS = 5
"""Coming events on the home page."""
HOME_NOTICES = 4
"""Current notices on the home page."""
UPCOMING_DAYS = 31
"""Days the calendar's front page lists."""
DATA_DAYS = 90
"""Days of occurrences in data/events.json."""
MAX_PATH_BYTES = 200
"""An output path's length under site/: Windows allows 260 characters for the whole path,
and the output folder's own path comes first (each name is bounded by urls.MAX_NAME_BYTES)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One output file of the public site."""

    path: str
    """Output path with / separators, e.g. stories/xingfu-dianti/index.html."""
    template: str
    """Template file name in the theme."""
    context: dict[str, Any] = field(default_factory=dict)
    """What the template shows, beyond the site-wide globals."""
    source: Location | None = None
    """The content file the page comes from, for collision messages."""
    in_sitemap: bool = True
    """Whether sitemap.xml lists it."""


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a list page sits among its siblings."""

    number: int
    """1-based page number."""
    count: int
    """How many pages the list has."""
    base: str
    """The list's folder: its pages are base/index.html, base/page/2/index.html, ..."""

    @property
    def paths(self) -> tuple[str, ...]:
        """Return the output path of every page of the list, in order."""
        return tuple(list_page_path(self.base, n) for n in range(1, self.count + 1))

    @property
    def previous(self) -> str | None:
        """Return the previous page's path, or None on the first."""
        return list_page_path(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """Return the next page's path, or None on the last."""
        return list_page_path(self.base, self.number + 1) if self.number < self.count else None


def list_page_path(base: str, number: int) -> str:
    """Return the output path of page `number` of the list in `base`."""
    return f"{base}index.html" if number == 1 else f"{base}page/{number}/index.html"


def plan_site(site: Site) -> list[Page]:
    """Return every page of the public site, in a stable order."""
    coming = calendar.upcoming(site.calendar, UPCOMING_DAYS)[:HOME_EVENTS]
    shown = leaderboards.month_shown(site.ledger, site.today)
    home = {
        "stories": site.stories[:HOME_STORIES],
        "coming": coming,
        "top": _home_board(site, shown.period),
        "top_month": shown,
        "notices": notices.current(site.notices, site.today)[:HOME_NOTICES],
        "honor": site.honors[0] if site.honors else None,
        "wish_counts": wishes.counts(site.wishes) if site.wishes else None,
    }
    pages = [Page("index.html", "index.html", home)]
    pages += paginate("stories/", site.stories, "story_list.html", {"heading": None})
    pages += [story_page(site, index) for index in range(len(site.stories))]
    pages += term_pages("tags", site.tags)
    pages += term_pages("categories", site.categories)
    if site.calendar.events:
        pages += calendar_pages(site)
    if site.ledger.residents:
        pages += points_pages(site)
    pages += board_pages(site)
    pages.append(Page("data/stories.json", "json:stories", in_sitemap=False))
    if site.config.search:
        pages.append(Page("search/index.html", "search.html", in_sitemap=False))
    pages += [
        Page("404.html", "404.html", in_sitemap=False),
        Page("feed.xml", "feed.xml", {"stories": site.stories[:FEED_ENTRIES]}, in_sitemap=False),
        Page("robots.txt", "robots.txt", in_sitemap=False),
    ]
    if site.config.base_url:
        listed = tuple(p.path for p in pages if p.in_sitemap)
        pages.append(Page("sitemap.xml", "sitemap.xml", {"paths": listed}, in_sitemap=False))
    return pages


def calendar_pages(site: Site) -> list[Page]:
    """Return the calendar: upcoming list and month grids, whole site and per community."""
    scopes: list[tuple[str, str | None]] = [("calendar/", None)]
    scopes += [(f"calendar/{c.id}/", c.id) for c in site.config.communities]
    pages = []
    monthly = calendar.by_month(site.calendar)
    for base, community in scopes:
        coming = calendar.upcoming(site.calendar, UPCOMING_DAYS, community)
        days = calendar.by_day(coming, site.today)
        pages.append(
            Page(base + "index.html", "calendar.html", {"community": community, "days": days})
        )
        months = site.calendar.months
        for index, (year, month) in enumerate(months):
            near = monthly.get((year, month), [])
            month_context: dict[str, Any] = {
                "community": community,
                "year": year,
                "month": month,
                "weeks": calendar.month_weeks(site.calendar, year, month, community, near),
                "entries": calendar.month_entries(site.calendar, year, month, community, near),
                "previous": _month_path(base, months[index - 1]) if index else None,
                "next": _month_path(base, months[index + 1]) if index + 1 < len(months) else None,
            }
            pages.append(Page(_month_path(base, (year, month)), "month.html", month_context))
        feed = "calendar.ics" if community is None else f"calendar-{community}.ics"
        pages.append(Page(feed, "ics:calendar", {"community": community}, in_sitemap=False))
    window = calendar.upcoming(site.calendar, DATA_DAYS)
    pages.append(Page("data/events.json", "json:events", {"occurrences": window}, in_sitemap=False))
    return pages


def points_pages(site: Site) -> list[Page]:
    """Return the leaderboards: an overview, one page per period and scope, the rules, JSON."""
    index = leaderboards.index_boards(site.boards)
    ledger = site.ledger
    shown = leaderboards.month_shown(ledger, site.today)
    month = shown.period
    year = Period("year", site.today.year)
    scopes = leaderboards.scopes(ledger)
    monthly = leaderboards.monthly_points_by_scope(ledger, scopes)
    overview = {
        "month": index.get((month.key, leaderboards.SITE, "points")),
        "month_shown": shown,
        "year": index.get((year.key, leaderboards.SITE, "points")),
        "all": index.get((leaderboards.ALL_TIME.key, leaderboards.SITE, "points")),
        "hours": index.get((year.key, leaderboards.SITE, "hours")),
        "monthly": monthly[leaderboards.SITE],
    }
    pages = [Page("points/index.html", "points.html", overview)]
    rules = {"rules": ledger.rules, "rewards": ledger.rewards}
    pages.append(Page("points/rules/index.html", "points_rules.html", rules))
    for period in leaderboards.periods(ledger, site.today):
        for scope in scopes:
            context = {
                "period": period,
                "scope": scope,
                "points": index.get((period.key, scope, "points")),
                "hours": index.get((period.key, scope, "hours")),
                "monthly": monthly[scope] if period.kind == "all" else None,
            }
            source = site.ledger_source if scope.kind == "building" else None
            pages.append(Page(board_path(period, scope), "board.html", context, source))
    pages.append(Page("data/leaderboards.json", "json:leaderboards", in_sitemap=False))
    return pages


def board_pages(site: Site) -> list[Page]:
    """Return the notice, honor roll, building and wish pages, and their JSON."""
    pages: list[Page] = []
    if site.notices:
        current = notices.current(site.notices, site.today)
        archive = notices.archived(site.notices, site.today)
        pages.append(
            Page("notices/index.html", "notices.html", {"current": current, "archive": archive})
        )
        pages += [Page(n.url, "notice.html", {"notice": n}, source=n.source) for n in site.notices]
        pages.append(Page("data/notices.json", "json:notices", in_sitemap=False))
    if site.honors:
        pages.append(Page("honors/index.html", "honors.html"))
        pages += [Page(h.url, "honor.html", {"roll": h}, source=h.source) for h in site.honors]
        pages.append(Page("data/honors.json", "json:honors", in_sitemap=False))
    if site.buildings:
        pages.append(Page("buildings/index.html", "buildings.html"))
        pages += [
            Page(b.url, "building.html", {"board": b}, source=b.source) for b in site.buildings
        ]
        pages.append(Page("data/buildings.json", "json:buildings", in_sitemap=False))
    if site.wishes:
        pages.append(
            Page("wishes/index.html", "wishes.html", {"counts": wishes.counts(site.wishes)})
        )
        pages.append(Page("data/wishes.json", "json:wishes", in_sitemap=False))
    return pages


def board_path(period: Period, scope: Scope) -> str:
    """Return the output path of one period's board for one scope."""
    parts = ["points", period.key]
    if scope.community is not None:
        parts.append(scope.community)
    if scope.building is not None:
        parts += ([] if scope.community is not None else ["b"]) + [tidy_name(scope.building) or "_"]
    return "/".join(parts) + "/index.html"


def _home_board(site: Site, month: Period) -> leaderboards.Board | None:
    if not site.ledger.residents:
        return None
    index = leaderboards.index_boards(site.boards)
    return index.get((month.key, leaderboards.SITE, "points"))


def month_path(year: int, month: int, community: str | None = None) -> str:
    """Return the output path of a month grid."""
    base = "calendar/" if community is None else f"calendar/{community}/"
    return _month_path(base, (year, month))


def _month_path(base: str, year_month: tuple[int, int]) -> str:
    return f"{base}{year_month[0]:04d}-{year_month[1]:02d}/index.html"


def story_page(site: Site, index: int) -> Page:
    """Return the page of the story at `index`, with its neighbours for "newer / older" links."""
    story = site.stories[index]
    newer = site.stories[index - 1] if index > 0 else None
    older = site.stories[index + 1] if index + 1 < len(site.stories) else None
    context = {"story": story, "newer": newer, "older": older}
    return Page(story.url, "story.html", context, source=story.source)


def term_pages(kind: str, terms: tuple[Term, ...]) -> list[Page]:
    """Return the index of all tags (or categories) and one paginated list per term."""
    pages = [Page(f"{kind}/index.html", "terms.html", {"kind": kind, "terms": terms})]
    for term in terms:
        context = {"heading": term.name, "kind": kind}
        source = term.stories[0].source
        pages += paginate(f"{kind}/{term.key}/", term.stories, "story_list.html", context, source)
    return pages


def paginate(
    base: str,
    stories: Sequence[Story],
    template: str,
    context: dict[str, Any],
    source: Location | None = None,
) -> list[Page]:
    """Split `stories` into list pages: base/index.html, base/page/2/index.html, ..."""
    count = max(1, math.ceil(len(stories) / PER_PAGE))
    return [
        Page(
            list_page_path(base, n),
            template,
            {
                **context,
                "stories": stories[(n - 1) * PER_PAGE : n * PER_PAGE],
                "pager": Pager(n, count, base),
                "total": len(stories),
            },
            source=source,
        )
        for n in range(1, count + 1)
    ]


def check_collisions(pages: list[Page], diags: Diagnostics) -> None:
    """Report two pages that would be written to the same file (case and Unicode folded)."""
    seen: dict[str, Page] = {}
    for page in pages:
        if len(page.path.encode("utf-8")) > MAX_PATH_BYTES:
            _too_long(page, diags)
            continue
        key = collision_key(page.path)
        first = seen.setdefault(key, page)
        if first is page:
            continue
        where = page.source or first.source
        if where is None:
            raise AssertionError(f"two built-in pages share {page.path}")
        diags.error(
            where,
            "output.collision",
            path=page.path,
            first=_describe(first),
            second=_describe(page),
        )


def _too_long(page: Page, diags: Diagnostics) -> None:
    """Report an output path longer than MAX_PATH_BYTES (each name is bounded on its own,
    so this is a guard: a new kind nesting deeper would trip it, not a volunteer)."""
    if any(len(name.encode("utf-8")) > MAX_NAME_BYTES for name in page.path.split("/")):
        return  # a name too long for a folder was reported at its line already
    if page.source is None:
        raise AssertionError(f"a built-in page's path is too long: {page.path}")
    diags.error(page.source, "output.path_too_long", path=page.path, most=MAX_PATH_BYTES)


def _describe(page: Page) -> str:
    """Name the page's source: its file, and its line when known (two boards of one
    buildings.yaml are told apart by their lines)."""
    if page.source is None:
        return page.template
    line = f":{page.source.line}" if page.source.line else ""
    return page.source.path.name + line


def sections(site: Site) -> tuple[str, ...]:
    """Return the sections the site has, for its menu (a kind with no content has none)."""
    present = {
        "notices": bool(site.notices),
        "honors": bool(site.honors),
        "calendar": bool(site.calendar.events),
        "points": bool(site.ledger.residents),
        "buildings": bool(site.buildings),
        "wishes": bool(site.wishes),
    }
    return tuple(name for name, shown in present.items() if shown)
