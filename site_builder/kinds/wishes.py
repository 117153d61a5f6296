"""Micro-wishes (微心愿): small needs that neighbours claim and fulfil.

A wish goes open → claimed → done, as the 四单 flow does (点单, 接单, 评单).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import Record
from site_builder.sources import list_items, read_yaml

FIELDS = ("wish", "who", "building", "date", "status", "claimed_by", "community")
Status = Literal["open", "claimed", "done"]
STATUSES: tuple[Status, ...] = ("open", "claimed", "done")
_WORDS: dict[str, Status] = {
    "open": "open",
    "claimed": "claimed",
    "done": "done",
    "待认领": "open",
    "未认领": "open",
    "已认领": "claimed",
    "认领中": "claimed",
    "已完成": "done",
    "已实现": "done",
    "完成": "done",
}


@dataclass(frozen=True, slots=True)
class Wish:
    """One micro-wish."""

    source: Location
    """Where it is written in wishes.yaml."""
    wish: str
    """What is wished for."""
    who: str
    """Who wished it, as written (masked on the public site)."""
    building: str | None
    """Building, as written."""
    date: dt.date
    """When it was posted."""
    status: Status
    """open, claimed or done."""
    claimed_by: str | None
    """Who took it on, as written."""
    community: str | None
    """Community id, or None."""


def load_wishes(content: Path, config: SiteConfig, diags: Diagnostics) -> tuple[Wish, ...]:
    """Load wishes.yaml: open first, then claimed, then done; newest first within each."""
    path = content / "wishes.yaml"
    if not path.is_file():
        path = content / "wishes.yml"  # Windows editors like the short extension
    if not path.is_file():
        return ()
    wishes = []
    for item in list_items(read_yaml(path, diags), diags, "wishes.not_list"):
        record = Record(item, item.loc, diags)
        text, who = record.text("wish", required=True), record.text("who", required=True)
        date = record.date("date", required=True)
        status = _status(record)
        claimed_by = record.text("claimed_by")
        building = record.text("building")
        community = read_community(record, config, required=False)
        record.finish(FIELDS)
        if text and who and date and status and record.valid:
            wishes.append(
                Wish(record.where, text, who, building, date, status, claimed_by, community)
            )
    order = {status: index for index, status in enumerate(STATUSES)}
    return tuple(sorted(wishes, key=lambda w: (order[w.status], -w.date.toordinal())))


def _status(record: Record) -> Status | None:
    written = record.text("status")
    if written is None:
        return "open"
    status = _WORDS.get(written.lower())
    if status is None:
        record.diags.error(record.loc("status"), "wishes.bad_status", value=written)
    return status


def counts(wishes: tuple[Wish, ...]) -> dict[Status, int]:
    """Return how many wishes are in each state."""
    return {status: sum(1 for w in wishes if w.status == status) for status in STATUSES}
