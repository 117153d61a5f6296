"""What the search index holds (issue 24): one record per published story, current
notice, honor roll and event, made from the public view, so that masked names and
phones are masked in the index too, and drafts, future stories and expired notices
are not in it. Every record passes the leak guard before it is indexed, as pages do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from site_builder.diagnostics import Diagnostics
from site_builder.kinds import calendar, notices
from site_builder.kinds.events import Event
from site_builder.kinds.honors import HonorRoll
from site_builder.kinds.notices import Notice
from site_builder.kinds.stories import Story
from site_builder.leak_guard import LeakGuard
from site_builder.page_checks import guard_page
from site_builder.pages import month_path
from site_builder.site import Site
from site_builder.summaries import plain_text
from site_builder.ui_text import UI


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """What the index holds of one page (or one event's entry on a month page)."""

    url: str
    """The result's link, relative to the site's root (so the site works under any path)."""
    title: str
    """The result's title."""
    date: str
    """Its date, ISO (sorts newest first)."""
    kind: str
    """故事, 通知, 活动 or 光荣榜, in the site's language (shown with the result)."""
    community: str
    """The community's name, or "" for the whole site (shown with the result)."""
    text: str
    """The words searched: title and plain text."""


def search_records(public: Site) -> tuple[SearchRecord, ...]:
    """Return the records of the public site, in a stable order (stories, notices,
    honors, events)."""
    words = UI[public.config.language]
    names = community_names(public)
    records = [story_record(story, words, names) for story in public.stories]
    current = notices.current(public.notices, public.today)
    records += [_notice_record(notice, words, names) for notice in current]
    records += [_honor_record(roll, words, names) for roll in public.honors]
    records += _event_records(public, words, names)
    return tuple(records)


def story_records(stories: Iterable[Story], site: Site) -> list[SearchRecord]:
    """Return the records of (public) `stories`."""
    words, names = UI[site.config.language], community_names(site)
    return [story_record(story, words, names) for story in stories]


def replaced(
    records: Iterable[SearchRecord], fresh: Iterable[SearchRecord]
) -> tuple[SearchRecord, ...]:
    """Return `records`, each with the same link in `fresh` in its place."""
    by_url = {record.url: record for record in fresh}
    return tuple(by_url.get(record.url, record) for record in records)


def story_record(story: Story, words: dict[str, str], names: dict[str, str]) -> SearchRecord:
    """Return a (public) story's record."""
    return SearchRecord(
        story.url,
        story.title,
        story.date.isoformat(),
        words["kind_story"],
        names.get(story.community or "", ""),
        f"{story.title}\n{' '.join(story.people)}\n{plain_text(story.html)}",
    )


def _notice_record(notice: Notice, words: dict[str, str], names: dict[str, str]) -> SearchRecord:
    """Return a current notice's record."""
    return SearchRecord(
        notice.url,
        notice.title,
        notice.date.isoformat(),
        words["kind_notice"],
        names.get(notice.community or "", ""),
        f"{notice.title}\n{plain_text(notice.html)}",
    )


def _honor_record(roll: HonorRoll, words: dict[str, str], names: dict[str, str]) -> SearchRecord:
    """Return an honor roll's record: its title and every entry's name, building and citation
    (the public view's: names as privacy.names shows them)."""
    entries = " ".join(
        " ".join(part for part in (e.name, e.building, e.citation) if part) for e in roll.entries
    )
    return SearchRecord(
        roll.url,
        roll.title,
        roll.awarded.isoformat(),
        words["kind_honor"],
        names.get(roll.community or "", ""),
        f"{roll.title}\n{entries}",
    )


def _event_records(
    public: Site, words: dict[str, str], names: dict[str, str]
) -> list[SearchRecord]:
    """Return a record for each event shown on a month page: its entry on the month of
    its next occurrence (or its last, when all are past)."""
    shown: dict[str, calendar.Occurrence] = {}
    for occ in public.calendar.occurrences:
        known = shown.get(occ.event.uid)
        if known is None or known.first_day < public.today:
            shown[occ.event.uid] = occ
    records = []
    for event in public.calendar.events:
        chosen = shown.get(event.uid)
        if chosen is not None:
            day = chosen.first_day
            url = f"{month_path(day.year, day.month)}#{event.anchor}"
            records.append(_event_record(event, url, day.isoformat(), words, names))
    return records


def _event_record(
    event: Event, url: str, date: str, words: dict[str, str], names: dict[str, str]
) -> SearchRecord:
    """Return an event's record, linking its entry at `url` (a month page's anchor)."""
    facts = " ".join(part for part in (event.location, event.organizer) if part)
    return SearchRecord(
        url,
        event.title,
        date,
        words["kind_event"],
        names.get(event.community or "", ""),
        f"{event.title}\n{facts}\n{event.description_text}",
    )


def guard_records(
    guard: LeakGuard, records: Iterable[SearchRecord], shown_as: Path, diags: Diagnostics
) -> None:
    """Report a record that would put a protected name or a mobile number in the index."""
    for record in records:
        page = record.url.split("#")[0]
        guard_page(guard, page, f"{record.title}\n{record.text}", shown_as, diags)


def community_names(site: Site) -> dict[str, str]:
    """Return each community's name by id."""
    return {c.id: c.name for c in site.config.communities}
