"""Honor rolls (光荣榜): one roll per file; entries may link a story by its slug.

A slug that names a story file with errors of its own is not called missing: that
story's errors are the one mistake to fix, and the entry gets a note pointing at them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostics, Location, display_path
from site_builder.fields import Record
from site_builder.sources import content_files, read_yaml
from site_builder.urls import name_problem, tidy_name
from site_builder.yaml_values import Sequence, Value

ROLL_FIELDS = ("title", "awarded", "community", "entries")
ENTRY_FIELDS = ("name", "building", "citation", "story")


@dataclass(frozen=True, slots=True)
class Honoree:
    """One person, family or group on a roll; published praise, shown as written."""

    name: str
    """As written, e.g. 刘建国家庭."""
    building: str | None
    """Building, as written."""
    citation: str | None
    """Why they are honoured."""
    story: str | None
    """The page of their story, when the entry names one."""


@dataclass(frozen=True, slots=True)
class HonorRoll:
    """One roll, e.g. 2025年第二季度“十星级文明户”."""

    source: Location
    """The YAML file."""
    slug: str
    """URL name, from the file name: honors/<slug>/index.html."""
    title: str
    """The roll's title."""
    awarded: dt.date
    """When it was awarded."""
    community: str | None
    """Community id, or None for the whole site."""
    entries: tuple[Honoree, ...]
    """Who is on it, in the order written."""

    @property
    def url(self) -> str:
        """Return the output path of the roll's page."""
        return f"honors/{self.slug}/index.html"


@dataclass(frozen=True, slots=True)
class StoryLinks:
    """What an entry's `story:` may name."""

    published: dict[str, str]
    """Published story slugs, each to its page."""
    failed: Mapping[str, Path]
    """Slugs of story files that did not load because of their own errors, each to its file."""


def load_honors(
    content: Path,
    config: SiteConfig,
    story_urls: dict[str, str],
    diags: Diagnostics,
    failed: Mapping[Path, str] | None = None,
) -> tuple[HonorRoll, ...]:
    """Load honors/*.yaml, newest first; `story_urls` maps published story slugs to pages,
    `failed` each story file that had errors to its slug."""
    by_slug: dict[str, Path] = {}
    for path, slug in (failed or {}).items():
        by_slug.setdefault(slug, path)
    links = StoryLinks(story_urls, by_slug)
    rolls = [
        roll
        for path in content_files(content / "honors", "*.y*ml", diags)
        if (roll := _load(path, config, links, diags)) is not None
    ]
    return tuple(sorted(rolls, key=lambda r: (-r.awarded.toordinal(), r.slug)))


def _load(
    path: Path, config: SiteConfig, links: StoryLinks, diags: Diagnostics
) -> HonorRoll | None:
    value = read_yaml(path, diags)
    if value is None:
        return None
    record = Record(value, Location(path, 1), diags)
    title = record.text("title", required=True)
    awarded = record.date("awarded", required=True)
    community = read_community(record, config, required=False)
    entries = tuple(_entries(record, links))
    record.finish(ROLL_FIELDS)
    slug = tidy_name(path.stem)
    if name_problem(slug):
        diags.error(Location(path), name_problem(slug) or "", field="slug", value=path.name)
    if title is None or awarded is None or not record.valid:
        return None
    return HonorRoll(Location(path), slug, title, awarded, community, entries)


def _entries(record: Record, links: StoryLinks) -> list[Honoree]:
    if not record.valid:
        return []
    field = record.fields.get("entries")
    value: Value | None = field.value if field else None
    if value is None:
        record.missing("entries")
        return []
    if not isinstance(value, Sequence):
        record.diags.error(record.loc("entries"), "honor.entries_not_list", key="entries")
        return []
    found = []
    for item in value.items:
        entry = Record(item, item.loc, record.diags)
        name = entry.text("name", required=True)
        story = entry.text("story")
        if story is not None and story not in links.published:
            _unknown_story(entry, story, links)
        building, citation = entry.text("building"), entry.text("citation")
        entry.finish(ENTRY_FIELDS)
        if name is not None:
            found.append(Honoree(name, building, citation, links.published.get(story or "")))
    return found


def _unknown_story(entry: Record, story: str, links: StoryLinks) -> None:
    """Report a `story:` naming no published story: a note if that story's own errors are why."""
    if story in links.failed:
        path = display_path(links.failed[story])
        entry.diags.note(entry.loc("story"), "honor.story_broken", value=story, path=path)
        return
    guess = difflib.get_close_matches(story, list(links.published), n=1, cutoff=0.5)
    entry.diags.error(
        entry.loc("story"),
        "honor.unknown_story",
        value=story,
        guess=guess[0] if guess else "stories/ 里文件的 slug",
    )
