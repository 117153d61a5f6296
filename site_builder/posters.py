"""The posters for the lobby notice board (公示栏): which ones a site makes, and what each shows.

Pure functions over a loaded `Site`, like every other derived board: no I/O, no
rendering. print_writer.py renders each poster with the theme's print/ templates and
turns it into a PDF. A poster hangs inside the compound for weeks, so it shows what
is current on the build's day: the newest honor roll, this month's ranking and
activities, the notices current today, the open wishes, and one contact board per
building. A poster with nothing to show is not made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from site_builder.config import Print
from site_builder.kinds import calendar, leaderboards
from site_builder.kinds.calendar import Occurrence
from site_builder.kinds.leaderboards import Board, Row, Scope
from site_builder.lunar import almanac
from site_builder.pages import board_path, month_path
from site_builder.site import Site
from site_builder.urls import tidy_name

TOP = 20
"""Places on the points poster: rows ranked 1 to 20 (ties at 20 included)."""
REGULAR = 3
"""A repeating event met this often in the month is listed once with its rule, as a paper
calendar lists its weekly classes, rather than written into every day of the grid."""

NAMES = {
    "zh-CN": {
        "honors": "光荣榜",
        "points": "积分榜",
        "buildings": "两长四员公示牌",
        "notices": "通知公告",
        "events": "本月活动",
        "wishes": "微心愿",
    },
    "en": {
        "honors": "honor-roll",
        "points": "points",
        "buildings": "building",
        "notices": "notices",
        "events": "this-month",
        "wishes": "wishes",
    },
}
"""The first part of each poster's file name, in the site's language."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """One community's posters: where they go and whose content they show."""

    folder: str
    """Folder under output/print/: the community id, or "" for a one-community site."""
    community: str | None
    """Community id, or None for the whole site."""


@dataclass(frozen=True, slots=True)
class Poster:
    """One poster to print: its file, its template and what the template shows."""

    path: str
    """Output path under output/print/, e.g. longteng/1-光荣榜.pdf."""
    kind: str
    """honors, points, buildings, notices, events or wishes (print/<kind>.html)."""
    context: dict[str, Any]
    """What the template shows (every value data, so a poster is keyed by it)."""
    page: str | None
    """The same board's page on the public site (its QR code), e.g. honors/x/index.html."""


def sheets(site: Site) -> list[Sheet]:
    """Return one set of posters per community, or one for the whole site (like the kiosk)."""
    if not site.config.communities:
        return [Sheet("", None)]
    return [Sheet(c.id, c.id) for c in site.config.communities]


def _mine(community: str | None, owner: str | None) -> bool:
    """Tell whether content of `owner` goes on the posters of `community`."""
    return community is None or owner in (None, community)


def plan_posters(site: Site, settings: Print) -> list[Poster]:
    """Return every poster the site makes, community by community, in the settings' order."""
    makers = {
        "honors": _honors,
        "points": _points,
        "buildings": _buildings,
        "notices": _notices,
        "events": _events,
        "wishes": _wishes,
    }
    names = NAMES["en" if site.config.language == "en" else "zh-CN"]
    posters: list[Poster] = []
    for sheet in sheets(site):
        base = sheet.folder + "/" if sheet.folder else ""
        number = 0
        for kind in settings.posters:
            for suffix, context, page in makers[kind](site, sheet.community):
                number += 1
                name = f"{number:02d}-{names[kind]}{'-' + suffix if suffix else ''}.pdf"
                posters.append(Poster(base + name, kind, context, page))
    return posters


Made = list[tuple[str, dict[str, Any], str | None]]
"""What one maker returns: (file name suffix, context, public page) per poster."""


def _honors(site: Site, community: str | None) -> Made:
    rolls = [h for h in site.honors if _mine(community, h.community)]
    if not rolls:
        return []
    return [("", {"roll": rolls[0]}, rolls[0].url)]


def top_rows(board: Board | None) -> tuple[Row, ...]:
    """Return the rows ranked within TOP, ties at the last place included."""
    if board is None:
        return ()
    return tuple(row for row in board.rows if row.rank <= TOP)


def _points(site: Site, community: str | None) -> Made:
    if not site.ledger.residents:
        return []
    shown = leaderboards.month_shown(site.ledger, site.today)
    scope = Scope(community) if community else leaderboards.SITE
    index = leaderboards.index_boards(site.boards)
    points = top_rows(index.get((shown.period.key, scope, "points")))
    hours = top_rows(index.get((shown.period.key, scope, "hours")))
    if not points and not hours:
        return []
    period = shown.period
    context = {
        "year": period.year,
        "month": period.month,
        "relation": shown.relation,
        "points": points,
        "hours": hours,
    }
    return [("", context, board_path(period, scope))]


def _buildings(site: Site, community: str | None) -> Made:
    return [
        (tidy_name(board.building) or "_", {"board": board}, board.url)
        for board in site.buildings
        if _mine(community, board.community) and board.roles
    ]


def _notices(site: Site, community: str | None) -> Made:
    current = [n for n in site.notices if _mine(community, n.community) and n.current(site.today)]
    if not current:
        return []
    return [("", {"notices": tuple(current)}, "notices/index.html")]


def _events(site: Site, community: str | None) -> Made:
    year, month = site.today.year, site.today.month
    entries = calendar.month_entries(site.calendar, year, month, community)
    if not entries:
        return []
    weeks = calendar.month_weeks(site.calendar, year, month, community)
    notes = almanac(weeks[0][0].day, weeks[-1][-1].day)
    regular = [e for e in entries if e.event.repeat and len(e.occurrences) >= REGULAR]
    occurrences = [occ for entry in entries if entry not in regular for occ in entry.occurrences]
    occurrences.sort(key=Occurrence.sort_key)
    context = {
        "year": year,
        "month": month,
        "weeks": weeks,
        "notes": {cell.day: notes.get(cell.day) for week in weeks for cell in week},
        "regular": tuple(regular),
        "occurrences": tuple(occurrences),
    }
    return [("", context, month_path(year, month, community))]


def _wishes(site: Site, community: str | None) -> Made:
    open_wishes = [w for w in site.wishes if w.status == "open" and _mine(community, w.community)]
    if not open_wishes:
        return []
    return [("", {"wishes": tuple(open_wishes)}, "wishes/index.html")]
