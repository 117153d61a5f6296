"""Good-person stories (好人好事): front matter schema, the Story model, and reading a story file.

Loading every story (`story_loading.py`), the memo of each file's result (`story_memo.py`)
and the tags and categories (`terms.py`) sit beside this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from site_builder.assets import ContentFiles, problem_params, publish_problem
from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostic, Diagnostics, Location
from site_builder.fields import Record
from site_builder.sources import read_text, split_front_matter
from site_builder.urls import name_problem, normalise_name, tidy_name
from site_builder.workers import pickled_by_fields

DEFAULT_CATEGORY = "好人好事"
DEFAULT_CATEGORY_EN = "Good deeds"
FIELDS = (
    "title",
    "date",
    "category",
    "people",
    "building",
    "community",
    "tags",
    "cover",
    "summary",
    "publish",
    "draft",
    "slug",
)
RESERVED_SLUGS = frozenset({"page"})
"""stories/page/2/ holds the list's second page."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Story:
    """One published story, ready to render."""

    source: Location
    """The Markdown file."""
    slug: str
    """URL name: the page is stories/<slug>/index.html."""
    title: str
    """Headline."""
    date: dt.date
    """The day the story happened or was written; lists are sorted by it."""
    category: str
    """One category, e.g. 好邻居; 好人好事 when not given."""
    people: tuple[str, ...]
    """The people the story honours, as written."""
    building: str | None
    """Building, as written (3栋)."""
    community: str | None
    """Community id from site.yaml, or None on a single-community site."""
    tags: tuple[str, ...]
    """Tags, as written."""
    cover: str | None
    """Cover image path relative to content/ (and to the output root)."""
    summary: str
    """One line for lists: the `summary` field or the start of the text."""
    html: str
    """The sanitised body; internal links are site-root paths until rendered."""
    files: tuple[str, ...]
    """Content files the story shows or links (cover included), to copy into the output."""

    @property
    def url(self) -> str:
        """Return the output path of the story's page."""
        return f"stories/{self.slug}/index.html"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class _Header:
    source: Location
    slug: str
    slug_at: Location
    title: str
    date: dt.date
    category: str
    people: tuple[str, ...]
    building: str | None
    community: str | None
    tags: tuple[str, ...]
    cover: str | None
    summary: str | None
    body: str
    body_line: int

    @property
    def body_location(self) -> Location:
        """Return where the Markdown body starts."""
        return Location(self.source.path, self.body_line)


def waiting_stories(
    paths: list[Path], today: dt.date
) -> tuple[list[Path], list[tuple[Path, dt.date]]]:
    """Sort unpublished story files into drafts and those waiting for their `publish:` day.

    `check` names them, so a volunteer whose new story is missing from the site
    learns why. Files that are unpublished because they are broken are neither.
    """
    drafts: list[Path] = []
    scheduled: list[tuple[Path, dt.date]] = []
    for path in sorted(paths):
        scratch = Diagnostics()
        text = read_text(path, scratch)
        parts = split_front_matter(text, path, scratch) if text is not None else None
        if parts is None:
            continue
        record = Record(parts.header, Location(path, 1), scratch)
        publish = record.date("publish")
        if record.boolean("draft"):
            drafts.append(path)
        elif publish is not None and publish > today:
            scheduled.append((path, publish))
    return drafts, scheduled


SHAPE_FIELDS = ("slug", "date", "category", "tags", "files")
"""What places a story in the site (its page, its place in every list, its term pages)
and what it copies into the output: an edit that keeps them can be patched in."""


def failed_stories(content: Path, notes: Iterable[Diagnostic]) -> dict[Path, str]:
    """Return each story file that had errors in `notes`, in path order, with its slug.

    Such a story is not published, but it is not missing either: what links it (by
    file or, on honor rolls, by slug) is told so. Its front matter is read again (only
    these files) for a `slug:`; without one, or when it cannot be read, its file name
    gives the slug, as for every story.
    """
    folder = content / "stories"
    paths = {n.location.path for n in notes if n.severity == "error"}
    failed: dict[Path, str] = {}
    for path in sorted(p for p in paths if p.parent == folder and p.suffix == ".md"):
        quiet = Diagnostics()
        text = read_text(path, quiet)
        parts = split_front_matter(text, path, quiet) if text is not None else None
        record = Record(parts.header if parts else None, Location(path, 1), quiet)
        failed[path] = _slug(record, path, quiet)
    return failed


def shape(story: Story) -> tuple[object, ...]:
    """Return what places a story in the site and what it copies (SHAPE_FIELDS)."""
    return tuple(getattr(story, name) for name in SHAPE_FIELDS)


def _read_header(
    path: Path, files: ContentFiles, config: SiteConfig, today: dt.date, diags: Diagnostics
) -> _Header | None:
    text = read_text(path, diags)
    return _header_in(text, path, files, config, today, diags) if text is not None else None


def _header_in(
    text: str,
    path: Path,
    files: ContentFiles,
    config: SiteConfig,
    today: dt.date,
    diags: Diagnostics,
) -> _Header | None:
    """Return the header of story file `path` holding `text` (None: unpublished or broken)."""
    parts = split_front_matter(text, path, diags)
    if parts is None:
        return None
    record = Record(parts.header, Location(path, 1), diags)
    title = record.text("title", required=True)
    date = record.date("date", required=True)
    publish = record.date("publish")
    draft = record.boolean("draft")
    header = _Header(
        source=Location(path),
        slug=_slug(record, path, diags),
        slug_at=_slug_location(record, path),
        title=title or "",
        date=date or today,
        category=_terms(
            record, "category", (record.text("category") or _default_category(config),)
        )[0],
        people=record.texts("people"),
        building=record.text("building"),
        community=read_community(record, config),
        tags=_terms(record, "tags", record.texts("tags")),
        cover=_cover(record, path, files),
        summary=record.text("summary"),
        body=parts.body,
        body_line=parts.body_line,
    )
    record.finish(FIELDS)
    if draft or (publish is not None and publish > today) or title is None or date is None:
        return None
    return header


def _terms(record: Record, field: str, values: tuple[str, ...]) -> tuple[str, ...]:
    """Report tags or a category that cannot become a page name (tags/<name>/)."""
    for value in values:
        problem = name_problem(tidy_name(value))
        if problem:
            record.diags.error(record.loc(field), problem, field=field, value=value)
    return values


def _default_category(config: SiteConfig) -> str:
    return DEFAULT_CATEGORY_EN if config.language == "en" else DEFAULT_CATEGORY


def _slug(record: Record, path: Path, diags: Diagnostics) -> str:
    written = record.text("slug")
    slug = normalise_name(written) if written is not None else tidy_name(path.stem)
    problem = name_problem(slug) or ("name.reserved" if slug.lower() in RESERVED_SLUGS else None)
    if problem:
        diags.error(_slug_location(record, path), problem, field="slug", value=written or path.name)
    return slug


def _slug_location(record: Record, path: Path) -> Location:
    """Point at the slug: line when there is one, else at the file (its name is the slug)."""
    return record.loc("slug") if record.has("slug") else Location(path)


def _cover(record: Record, path: Path, files: ContentFiles) -> str | None:
    written = record.text("cover")
    if written is None:
        return None
    resolved = files.resolve(written)
    problem = resolved.problem or publish_problem(resolved.path or "")
    if problem:
        record.diags.error(record.loc("cover"), problem, **problem_params(written))
        return None
    return resolved.path
