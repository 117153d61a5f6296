"""Good-person stories (好人好事): front matter schema, model, and derived groupings.

Loading runs in two passes: first every file's front matter (so every slug is
known), then every body, so a story may link another by its file name
(`[李奶奶的故事](xingfu-dianti.md)`) and get that story's page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from site_builder.assets import ContentFiles
from site_builder.bodies import StoryPages, affordable, render_body
from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import Record
from site_builder.markup import (
    MarkdownRenderer,
    convert_all,
    plain_text,
    summarize,
)
from site_builder.sources import content_files, read_text, split_front_matter
from site_builder.urls import collision_key, name_problem, normalise_name, tidy_name

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


@dataclass(frozen=True, slots=True)
class Term:
    """A tag or category and the stories under it."""

    name: str
    """As first written."""
    key: str
    """URL name."""
    stories: tuple[Story, ...]
    """Newest first."""


def load_stories(
    content: Path,
    config: SiteConfig,
    today: dt.date,
    diags: Diagnostics,
    cache: Path | None = None,
) -> tuple[Story, ...]:
    """Load every published story (no drafts, nothing before its publish date), newest first.

    `cache` is the build cache folder: bodies converted before are not converted again.
    """
    folder = content / "stories"
    if not folder.is_dir():
        return ()
    files = ContentFiles(content)
    paths = content_files(folder, "*.md")
    read = [_read_header(path, files, config, today, diags) for path in paths]
    convertible = [h for h in read if h is not None and affordable(h.body, h.body_location, diags)]
    headers = _unique_slugs(convertible, diags)
    # Every story file, published or not, so a link to a draft is told apart from a typo.
    pages: StoryPages = {path.resolve(): None for path in paths}
    pages.update({h.source.path.resolve(): f"stories/{h.slug}/index.html" for h in headers})
    renderer = MarkdownRenderer()
    raws = convert_all([h.body for h in headers], cache)
    stories = [
        _render(h, raw, renderer, files, pages, diags) for h, raw in zip(headers, raws, strict=True)
    ]
    return tuple(sorted(stories, key=lambda s: (-s.date.toordinal(), s.slug)))


def _read_header(
    path: Path, files: ContentFiles, config: SiteConfig, today: dt.date, diags: Diagnostics
) -> _Header | None:
    text = read_text(path, diags)
    if text is None:
        return None
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
    if resolved.problem:
        record.diags.error(record.loc("cover"), resolved.problem, value=written)
    return resolved.path


def _unique_slugs(headers: list[_Header], diags: Diagnostics) -> list[_Header]:
    """Report stories whose URL collides with an earlier one's, and leave them out."""
    seen: dict[str, _Header] = {}
    for header in headers:
        key = collision_key(header.slug)
        if key in seen:
            other = seen[key].source.path.name
            diags.error(header.slug_at, "story.slug_collision", slug=header.slug, other=other)
        else:
            seen[key] = header
    return list(seen.values())


def _render(
    header: _Header,
    raw: str,
    renderer: MarkdownRenderer,
    files: ContentFiles,
    story_pages: StoryPages,
    diags: Diagnostics,
) -> Story:
    body = render_body(
        renderer, header.body, header.source.path, header.body_line, files, story_pages, diags, raw
    )
    covers = (header.cover,) if header.cover else ()
    return Story(
        source=header.source,
        slug=header.slug,
        title=header.title,
        date=header.date,
        category=header.category,
        people=header.people,
        building=header.building,
        community=header.community,
        tags=header.tags,
        cover=header.cover,
        summary=header.summary or summarize(plain_text(body.html)),
        html=body.html,
        files=tuple(dict.fromkeys(covers + body.files)),
    )


def story_pages(content: Path, stories: tuple[Story, ...]) -> StoryPages:
    """Map every story file to its page, or None when it is not published, for links."""
    pages: StoryPages = {p.resolve(): None for p in content_files(content / "stories", "*.md")}
    pages.update({story.source.path.resolve(): story.url for story in stories})
    return pages


def group_terms(stories: tuple[Story, ...], field: str) -> tuple[Term, ...]:
    """Group stories by "tags" or "category"; names equal after case folding share a page."""
    names: dict[str, str] = {}
    members: dict[str, list[Story]] = {}
    for story in stories:
        values = story.tags if field == "tags" else (story.category,)
        for value in values:
            key = tidy_name(value)
            fold = collision_key(key)
            names.setdefault(fold, value)
            members.setdefault(fold, [])
            if not members[fold] or members[fold][-1] is not story:
                members[fold].append(story)
    terms = [Term(names[f], tidy_name(names[f]), tuple(members[f])) for f in names]
    return tuple(sorted(terms, key=lambda t: (-len(t.stories), t.key)))
