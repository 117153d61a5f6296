"""Notices (通知公告): Markdown with a date, an optional expiry and a pin.

Whether a notice is current is judged against the build's today here, and
again in the lobby screen's browser from the dates in data/notices.json.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from site_builder.assets import ContentFiles
from site_builder.bodies import StoryPages, render_body
from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import Record
from site_builder.markup import MarkdownRenderer
from site_builder.sources import content_files, read_text, split_front_matter
from site_builder.urls import name_problem, tidy_name

FIELDS = ("title", "date", "expires", "pinned", "community")


@dataclass(frozen=True, slots=True)
class Notice:
    """One announcement."""

    source: Location
    """The Markdown file."""
    slug: str
    """URL name, from the file name: notices/<slug>/index.html."""
    title: str
    """Headline."""
    date: dt.date
    """When it was posted."""
    expires: dt.date | None
    """The last day it is current, or None."""
    pinned: bool
    """Pinned notices come first."""
    community: str | None
    """Community id, or None for the whole site."""
    html: str
    """The sanitised body."""
    files: tuple[str, ...]
    """Content files the body links, to copy into the output."""

    @property
    def url(self) -> str:
        """Return the output path of the notice's page."""
        return f"notices/{self.slug}/index.html"

    def current(self, today: dt.date) -> bool:
        """Tell whether the notice is still current on `today` (it expires after its day)."""
        return self.expires is None or today <= self.expires


def load_notices(
    content: Path, config: SiteConfig, story_pages: StoryPages, diags: Diagnostics
) -> tuple[Notice, ...]:
    """Load notices/*.md: pinned first, then newest first."""
    renderer = MarkdownRenderer()
    files = ContentFiles(content)
    notices = [
        notice
        for path in content_files(content / "notices", "*.md", diags)
        if (notice := _load(path, config, renderer, files, story_pages, diags)) is not None
    ]
    return tuple(sorted(notices, key=lambda n: (not n.pinned, -n.date.toordinal(), n.slug)))


def _load(
    path: Path,
    config: SiteConfig,
    renderer: MarkdownRenderer,
    files: ContentFiles,
    story_pages: StoryPages,
    diags: Diagnostics,
) -> Notice | None:
    text = read_text(path, diags)
    parts = split_front_matter(text, path, diags) if text is not None else None
    if parts is None:
        return None
    record = Record(parts.header, Location(path, 1), diags)
    title = record.text("title", required=True)
    date = record.date("date", required=True)
    expires = record.date("expires")
    if date and expires and expires < date:
        diags.error(record.loc("expires"), "notice.expires_before_date", value=expires.isoformat())
    pinned = record.boolean("pinned")
    community = read_community(record, config, required=False)
    record.finish(FIELDS)
    slug = tidy_name(path.stem)
    if name_problem(slug):
        diags.error(Location(path), name_problem(slug) or "", field="slug", value=path.name)
    body = render_body(renderer, parts.body, path, parts.body_line, files, story_pages, diags)
    if title is None or date is None:
        return None
    return Notice(
        Location(path), slug, title, date, expires, pinned, community, body.html, body.files
    )


def current(notices: tuple[Notice, ...], today: dt.date) -> list[Notice]:
    """Return the notices current on `today`, pinned first."""
    return [n for n in notices if n.current(today)]


def archived(notices: tuple[Notice, ...], today: dt.date) -> list[Notice]:
    """Return the expired notices, newest first."""
    expired = [n for n in notices if not n.current(today)]
    return sorted(expired, key=lambda n: (-n.date.toordinal(), n.slug))
