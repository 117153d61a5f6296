"""output/site/data/*.json: the boards as data, privacy applied, for other screens and apps."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from site_builder.kinds.events import Occurrence, When
from site_builder.kinds.leaderboards import Board, Period, Scope
from site_builder.kinds.points import Resident
from site_builder.privacy import mask_phones
from site_builder.urls import absolute_url, absolutize_html


def events_json(
    occurrences: list[Occurrence],
    today: dt.date,
    zone: dt.tzinfo,
    phones: str,
    links: dict[str, str],
    base_url: str | None,
) -> str:
    """Return data/events.json: every occurrence of the coming days, with zone offsets.

    `links` maps an occurrence's anchor to its entry; links are relative to the
    site root, or absolute when base_url is set.
    """
    items = [_occurrence(occ, zone, phones, links.get(occ.anchor), base_url) for occ in occurrences]
    document = {"today": today.isoformat(), "timezone": str(zone), "occurrences": items}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _occurrence(
    occ: Occurrence, zone: dt.tzinfo, phones: str, link: str | None, base_url: str | None
) -> dict[str, Any]:
    event = occ.event
    html = absolutize_html(event.description, base_url, "index.html")
    return {
        "uid": event.uid,
        "title": mask_phones(event.title, phones),
        "all_day": event.all_day,
        "start": _iso(occ.start, zone),
        "end": _iso(occ.end, zone) if occ.end is not None else None,
        "location": mask_phones(event.location, phones) if event.location else None,
        "organizer": mask_phones(event.organizer, phones) if event.organizer else None,
        "community": event.community,
        "signup": mask_phones(event.signup, phones) if event.signup else None,
        "description_html": mask_phones(html, phones),
        "url": absolute_url(base_url, link) if base_url and link else link,
    }


def _iso(value: When, zone: dt.tzinfo) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=zone).isoformat()
    return value.isoformat()


BOARD_ROWS = 100
"""Rows per board in data/leaderboards.json (pages show fewer)."""
TIE_ORDER = "equal totals share a rank (1, 2, 2, 4); tied rows are ordered by resident id"


def leaderboards_json(
    boards: tuple[Board, ...],
    name_of: Callable[[Resident], str],
    path_of: Callable[[Period, Scope], str],
) -> str:
    """Return data/leaderboards.json: every board, names as the public site shows them."""
    document = {
        "tie_order": TIE_ORDER,
        "boards": [_board(board, name_of, path_of) for board in boards if board.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _board(
    board: Board, name_of: Callable[[Resident], str], path_of: Callable[[Period, Scope], str]
) -> dict[str, Any]:
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
                "name": name_of(row.resident),
                "building": row.resident.building,
                board.measure: row.value if board.measure == "points" else float(row.value),
            }
            for row in board.rows[:BOARD_ROWS]
        ],
    }
