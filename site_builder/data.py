"""output/site/data/*.json: the boards as data, privacy applied, for other screens and apps."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from site_builder.kinds.calendar import Occurrence
from site_builder.kinds.event_times import When
from site_builder.kinds.leaderboards import Board, Period, Scope
from site_builder.urls import absolute_url, absolutize_html

if TYPE_CHECKING:
    from site_builder.kinds.stories import Story
    from site_builder.site import Site


def events_json(
    occurrences: list[Occurrence],
    today: dt.date,
    zone: dt.tzinfo,
    links: dict[str, str],
    base_url: str | None,
) -> str:
    """Return data/events.json: every occurrence of the coming days, with zone offsets.

    `links` maps an occurrence's anchor to its entry; links are relative to the
    site root, or absolute when base_url is set.
    """
    items = [_occurrence(occ, zone, links.get(occ.anchor), base_url) for occ in occurrences]
    document = {"today": today.isoformat(), "timezone": str(zone), "occurrences": items}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _occurrence(
    occ: Occurrence, zone: dt.tzinfo, link: str | None, base_url: str | None
) -> dict[str, Any]:
    event = occ.event
    html = absolutize_html(event.description, base_url, "index.html")
    return {
        "uid": event.uid,
        "title": event.title,
        "all_day": event.all_day,
        "start": _iso(occ.start, zone),
        "end": _iso(occ.end, zone) if occ.end is not None else None,
        "location": event.location,
        "organizer": event.organizer,
        "community": event.community,
        "signup": event.signup,
        "description_html": html,
        "url": absolute_url(base_url, link) if base_url and link else link,
    }


def _iso(value: When, zone: dt.tzinfo) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=zone).isoformat()
    return value.isoformat()


BOARD_ROWS = 100
"""Rows per board in data/leaderboards.json (pages show fewer)."""
TIE_ORDER = "equal totals share a rank (1, 2, 2, 4); tied rows are ordered by resident id"


def leaderboards_json(boards: tuple[Board, ...], path_of: Callable[[Period, Scope], str]) -> str:
    """Return data/leaderboards.json: every board (from the public view: names masked)."""
    document = {
        "tie_order": TIE_ORDER,
        "boards": [_board(board, path_of) for board in boards if board.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _board(board: Board, path_of: Callable[[Period, Scope], str]) -> dict[str, Any]:
    return {
        "period": board.period.key,
        "period_kind": board.period.kind,
        "scope": board.scope.kind,
        "community": board.scope.community,
        "building": board.scope.building,
        "measure": board.measure,
        "url": path_of(board.period, board.scope),
        "rows": [
            {
                "rank": row.rank,
                "name": row.resident.name,
                "building": row.resident.building,
                board.measure: row.value if board.measure == "points" else float(row.value),
            }
            for row in board.rows[:BOARD_ROWS]
        ],
    }


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def stories_json(
    site: Site, link: Callable[[str], str], known: dict[int, tuple[Story, str]] | None = None
) -> str:
    """Return data/stories.json: the story index (newest first), without bodies.

    Each story's entry is written on its own and kept in `known` (by story), so an
    edited site writes again only the entries of the stories that changed. The
    result is exactly `json.dumps(document, ensure_ascii=False, indent=1)`.
    """
    if not site.stories:
        return _dump({"stories": []})
    known = {} if known is None else known
    entries = []
    for story in site.stories:
        remembered = known.get(id(story))
        if remembered is None or remembered[0] is not story:
            remembered = known[id(story)] = (story, story_entry(story, link))
        entries.append(remembered[1])
    return '{\n "stories": [\n' + ",\n".join(entries) + "\n ]\n}\n"


def story_entry(s: Story, link: Callable[[str], str]) -> str:
    """Return one story's entry of data/stories.json, indented as it sits in the list."""
    item = {
        "slug": s.slug,
        "title": s.title,
        "date": s.date.isoformat(),
        "category": s.category,
        "tags": list(s.tags),
        "people": list(s.people),
        "building": s.building,
        "community": s.community,
        "summary": s.summary,
        "cover": link(s.cover) if s.cover else None,
        "url": link(s.url),
    }
    return "  " + json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def notices_json(site: Site, link: Callable[[str], str]) -> str:
    """Return data/notices.json: every notice with its dates, so a screen can judge "current"."""
    items = [
        {
            "title": n.title,
            "date": n.date.isoformat(),
            "expires": n.expires.isoformat() if n.expires else None,
            "pinned": n.pinned,
            "community": n.community,
            "current": n.current(site.today),
            "url": link(n.url),
            "html": absolutize_html(n.html, site.config.base_url, "index.html"),
        }
        for n in site.notices
    ]
    return _dump({"today": site.today.isoformat(), "expires_inclusive": True, "notices": items})


def honors_json(site: Site, link: Callable[[str], str]) -> str:
    """Return data/honors.json: every roll, newest first, names as written (praise)."""
    rolls = [
        {
            "title": h.title,
            "awarded": h.awarded.isoformat(),
            "community": h.community,
            "url": link(h.url),
            "entries": [
                {
                    "name": e.name,
                    "building": e.building,
                    "citation": e.citation,
                    "story": link(e.story) if e.story else None,
                }
                for e in h.entries
            ],
        }
        for h in site.honors
    ]
    return _dump({"rolls": rolls})


def buildings_json(site: Site, link: Callable[[str], str]) -> str:
    """Return data/buildings.json: the contact boards (names and phones as privacy allows)."""
    boards = [
        {
            "building": b.building,
            "community": b.community,
            "url": link(b.url),
            "roles": [
                {"role": r.role, "name": r.name, "room": r.room, "phone": r.phone} for r in b.roles
            ],
        }
        for b in site.buildings
    ]
    return _dump({"buildings": boards})


def wishes_json(site: Site, link: Callable[[str], str]) -> str:
    """Return data/wishes.json: the wishes with their state (makers' names as privacy allows)."""
    items = [
        {
            "wish": w.wish,
            "who": w.who,
            "building": w.building,
            "date": w.date.isoformat(),
            "status": w.status,
            "claimed_by": w.claimed_by,
            "community": w.community,
        }
        for w in site.wishes
    ]
    return _dump({"wishes": items, "url": link("wishes/index.html")})
