"""Good-person stories (好人好事): front matter schema, model, and derived groupings.

Loading runs in two passes: first every file's front matter (so every slug is
known), then every body, so a story may link another by its file name
(`[李奶奶的故事](xingfu-dianti.md)`) and get that story's page.
"""

from __future__ import annotations

import datetime as dt
import pickle
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from site_builder.assets import ContentFiles, Resolved, problem_params, publish_problem
from site_builder.bodies import StoryPages, affordable, render_body
from site_builder.cache import MarkdownCache, Stamp, file_digest, same_file, settled
from site_builder.cache import stamp as file_stamp
from site_builder.config import SiteConfig, read_community
from site_builder.diagnostics import Diagnostic, Diagnostics, Location
from site_builder.fields import Record
from site_builder.markup import CONVERTER_SETTINGS, MarkdownRenderer, convert, summary_of
from site_builder.phones import Noted, mobile_numbers
from site_builder.sources import (
    content_files,
    folder_unusable,
    prefetch,
    read_text,
    split_front_matter,
)
from site_builder.urls import collision_key, name_problem, normalise_name, tidy_name
from site_builder.workers import map_items, pickled_by_fields

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
    memo: StoryMemo | None = None,
) -> tuple[tuple[Story, ...], StoryPages]:
    """Load every published story (no drafts, nothing before its publish date), newest first.

    Return the stories and, for links, every story file's page (None while unpublished).
    `cache` is the build cache folder: bodies converted before are not converted again.
    `memo` remembers each file's result; a file that is unchanged, and whose links and
    pictures resolve as before, is not read again.
    """
    folder = content / "stories"
    if not folder.is_dir():
        folder_unusable(folder, diags)
        return (), {}
    memo = memo if memo is not None else StoryMemo("")
    files = ContentFiles(content)
    paths = content_files(folder, "*.md")
    memo.forget_all_but(paths)
    memo.numbers = {}
    read = _headers_of(paths, files, config, today, diags, memo)
    convertible = [h for h in read if h is not None and affordable(h.body, h.body_location, diags)]
    headers = _unique_slugs(convertible, diags)
    # Every story file, published or not, so a link to a draft is told apart from a typo.
    real = _real_paths(folder, paths)
    pages: dict[Path, str | None] = dict.fromkeys(real.values())
    pages.update({real[h.source.path]: f"stories/{h.slug}/index.html" for h in headers})
    done = {h.source.path: memo.story(h.source.path, files, pages, diags) for h in headers}
    todo = [h for h in headers if done[h.source.path] is None]
    if todo:
        bodies = [_with_body(h, files, config, today) for h in todo]
        made = _made(bodies, files, pages, cache, diags, memo)
        done.update((header.source.path, story) for header, story in zip(bodies, made, strict=True))
    stories = [story for story in done.values() if story is not None]
    memo.pages = pages
    return tuple(sorted(stories, key=lambda s: (-s.date.toordinal(), s.slug))), pages


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


def read_story(
    path: Path,
    content: Path,
    config: SiteConfig,
    today: dt.date,
    diags: Diagnostics,
    memo: StoryMemo,
    pages: StoryPages,
    cache: Path | None = None,
) -> Story | None:
    """Read one story file as `load_stories` would; None if unpublished or in error."""
    files = ContentFiles(content)
    start = len(diags.items)
    header = _headers_of([path], files, config, today, diags, memo)[0]
    if header is None or not affordable(header.body, header.body_location, diags):
        return None
    story = _made([header], files, pages, cache, diags, memo)[0]
    if any(note.severity == "error" for note in diags.items[start:]):
        return None
    return story


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


def _real_paths(folder: Path, paths: list[Path]) -> dict[Path, Path]:
    """Return each story file's real path (links followed), resolving the folder only once."""
    base = folder.resolve()
    real = {}
    for path in paths:
        try:
            real[path] = path.resolve() if path.is_symlink() else base / path.name
        except (OSError, RuntimeError):  # a link loop: reported as unreadable already
            real[path] = base / path.name
    return real


Read = tuple["_Header | None", list[Diagnostic], "Asked", frozenset[str] | None]
"""A story file's header as read, the diagnostics reading it gave, the paths it resolved,
and the mobile numbers it writes (None when unread, or when the site shows numbers in full)."""
PARALLEL_HEADERS = 400
"""Story files from which reading them in worker processes beats the cost of starting them."""
PARALLEL_BODIES = 200
"""Stories from which converting and rendering them in worker processes pays."""


def _headers_of(
    paths: list[Path],
    files: ContentFiles,
    config: SiteConfig,
    today: dt.date,
    diags: Diagnostics,
    memo: StoryMemo,
) -> list[_Header | None]:
    """Return each story file's header, in order: remembered if unchanged, else read.

    Front matter is YAML and costs about half a millisecond a file: a big site's
    changed files are read in worker processes, one per core.
    """
    taken = time.time_ns()
    stamps = [file_stamp(path) or (0, 0, 0) for path in paths]
    known = [memo.header(path, stamp, files) for path, stamp in zip(paths, stamps, strict=True)]
    missing = [path for path, k in zip(paths, known, strict=True) if k is None]
    reading = (missing, files, config, today)
    fresh = map_items(_read_some, reading, len(missing), chunk=100, parallel_from=PARALLEL_HEADERS)
    found = dict(zip(missing, fresh, strict=True))
    headers = []
    for path, stamp, k in zip(paths, stamps, known, strict=True):
        if k is not None:
            diags.items.extend(k.header_notes)
            headers.append(k.header)
            continue
        header, notes, asked, numbers = found[path]
        diags.items.extend(notes)
        memo.remember_header(path, stamp, header, notes, asked)
        if numbers is not None and stamp != (0, 0, 0):
            memo.numbers[str(path)] = (stamp, taken, numbers)
        headers.append(header)
    return headers


def _read_some(
    reading: tuple[list[Path], ContentFiles, SiteConfig, dt.date], indices: range
) -> list[Read]:
    paths, files, config, today = reading
    prefetch(paths[i] for i in indices)
    return [_read_asking(paths[i], files, config, today) for i in indices]


def _read_asking(path: Path, files: ContentFiles, config: SiteConfig, today: dt.date) -> Read:
    """Read one story file's header, noting its diagnostics, the paths it resolved and
    the mobile numbers it writes (for the leak guard, which then need not read it again).
    """
    diags = Diagnostics()
    asking = _AskedFiles(files)
    text = read_text(path, diags)
    if text is None:
        return None, diags.items, asking.asked, None
    header = _header_in(text, path, asking, config, today, diags)
    numbers = mobile_numbers(text) if config.privacy.phones != "full" else None
    return header, diags.items, asking.asked, numbers


def _with_body(header: _Header, files: ContentFiles, config: SiteConfig, today: dt.date) -> _Header:
    """Return `header` with its Markdown body, reading the file again if the memo left it out."""
    if header.body:
        return header
    again = _read_header(header.source.path, files, config, today, Diagnostics())
    return again if again is not None else header


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


Rendered = tuple[Story, list[Diagnostic], "Asked", list[tuple[Path, "str | None"]]]
"""A story, the diagnostics its body gave, the paths and the story pages it looked up."""


def _made(
    headers: list[_Header],
    files: ContentFiles,
    pages: StoryPages,
    cache: Path | None,
    diags: Diagnostics,
    memo: StoryMemo,
) -> list[Story]:
    """Return the story of each header, its body converted and rendered; note each in `memo`."""
    stories = []
    for header, (story, notes, asked, looked) in zip(
        headers, _render_all(headers, files, pages, cache), strict=True
    ):
        diags.items.extend(notes)
        memo.remember_story(header.source.path, story, notes, asked, looked)
        stories.append(story)
    return stories


def _render_all(
    headers: list[_Header], files: ContentFiles, pages: StoryPages, cache: Path | None
) -> list[Rendered]:
    """Convert and render each story's body (sanitise, resolve links), in workers if many.

    Bodies the build cache has converted before are not converted again; each worker
    converts the rest of its share and renders it in the same task (a pass of its own
    would hand every body to the build process and back once more), and the build
    process keeps the new conversions in the cache.
    """
    store = MarkdownCache(cache, CONVERTER_SETTINGS) if cache is not None else None
    if store is not None:
        keys, raws = store.look_up([header.body for header in headers])
    else:
        keys, raws = [], [None] * len(headers)
    work = (headers, raws, files, pages)
    done = map_items(_render_some, work, len(headers), chunk=64, parallel_from=PARALLEL_BODIES)
    if store is not None:
        fresh = [(key, raw) for key, (_, raw) in zip(keys, done, strict=True) if raw is not None]
        store.keep(fresh)
    return [rendered for rendered, _ in done]


def _render_some(
    work: tuple[list[_Header], list[str | None], ContentFiles, StoryPages], indices: range
) -> list[tuple[Rendered, str | None]]:
    """Render the stories at `indices`, each with the raw HTML it was converted to here."""
    headers, raws, files, pages = work
    renderer = MarkdownRenderer()
    done: list[tuple[Rendered, str | None]] = []
    for index in indices:
        header, raw = headers[index], raws[index]
        converted = None
        if raw is None:
            raw = converted = convert(header.body)
        done.append((_render_noting(header, raw, renderer, files, pages), converted))
    return done


def _render_noting(
    header: _Header, raw: str, renderer: MarkdownRenderer, files: ContentFiles, pages: StoryPages
) -> Rendered:
    """Render one story's body, noting its diagnostics and what it looked up."""
    diags = Diagnostics()
    asking, looking = _AskedFiles(files), _AskedPages(pages)
    story = _make_story(header, raw, renderer, asking, looking, diags)
    return story, diags.items, asking.asked, looking.asked


def _make_story(
    header: _Header,
    raw: str,
    renderer: MarkdownRenderer,
    asking: _AskedFiles,
    looking: _AskedPages,
    diags: Diagnostics,
) -> Story:
    body = render_body(
        renderer, header.body, header.source.path, header.body_line, asking, looking, diags, raw
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
        summary=header.summary or summary_of(body.html),
        html=body.html,
        files=tuple(dict.fromkeys(covers + body.files)),
    )


@lru_cache(maxsize=65536)
def term_fold(name: str) -> str:
    """Return what every spelling of one tag or category shares (its page is one).

    Kept per name: a story page links its twenty tags, and a site has a few hundred.
    """
    return collision_key(tidy_name(name))


def group_terms(stories: tuple[Story, ...], field: str) -> tuple[Term, ...]:
    """Group stories by "tags" or "category"; names equal after case folding share a page."""
    folds: dict[str, str] = {}  # each name written, to its folded URL name (names repeat a lot)
    names: dict[str, str] = {}
    members: dict[str, list[Story]] = {}
    for story in stories:
        values = story.tags if field == "tags" else (story.category,)
        for value in values:
            fold = folds.get(value)
            if fold is None:
                fold = folds[value] = term_fold(value)
            names.setdefault(fold, value)
            chosen = members.setdefault(fold, [])
            if not chosen or chosen[-1] is not story:
                chosen.append(story)
    terms = [Term(names[f], tidy_name(names[f]), tuple(members[f])) for f in names]
    return tuple(sorted(terms, key=lambda t: (-len(t.stories), t.key)))


_ABSENT = "\0absent"
"""The answer "no such story file" in a remembered page lookup (no page path looks like it)."""

Asked = list[tuple[str, "Path | None", Resolved]]
"""Paths a story resolved, where it stood, and what came back."""


class _AskedFiles(ContentFiles):
    """Content files that write down every path asked about, with the answer."""

    def __init__(self, files: ContentFiles) -> None:
        self.root = files.root
        self.asked: Asked = []

    def resolve(self, written: str, beside: Path | None = None) -> Resolved:
        """Resolve as usual, and remember the question and the answer."""
        answer = super().resolve(written, beside)
        self.asked.append((written, beside, answer))
        return answer


class _AskedPages(Mapping[Path, "str | None"]):
    """Story pages that write down every story file looked up, with the answer."""

    def __init__(self, pages: StoryPages) -> None:
        self.pages = pages
        self.asked: list[tuple[Path, str | None]] = []

    def __getitem__(self, key: Path) -> str | None:
        value = self.pages[key]
        self.asked.append((key, value))
        return value

    def __contains__(self, key: object) -> bool:
        found = key in self.pages
        if not found and isinstance(key, Path):
            self.asked.append((key, _ABSENT))
        return found

    def __iter__(self) -> Iterator[Path]:
        return iter(self.pages)

    def __len__(self) -> int:
        return len(self.pages)


@pickled_by_fields
@dataclass(slots=True)
class _Known:
    """What one story file gave the last time it was read."""

    stamp: Stamp
    """mtime, size and inode when read."""
    digest: bytes
    """Hash of the file's bytes, for files changed just before they were read."""
    read_at: int
    """When it was read (ns since the epoch)."""
    header: _Header | None
    """Its front matter (body left out: read again on the rare occasion it is needed)."""
    header_notes: list[Diagnostic]
    """Diagnostics reading the front matter gave."""
    header_asked: Asked
    """Paths the front matter resolved (the cover)."""
    story: Story | None = None
    """The story, once its body was rendered."""
    body_notes: list[Diagnostic] = field(default_factory=list)
    """Diagnostics rendering the body gave."""
    body_asked: Asked = field(default_factory=list)
    """Paths the body resolved."""
    body_pages: list[tuple[Path, str | None]] = field(default_factory=list)
    """Story files the body linked, and their pages then."""
    public: Story | None = None
    """The story as the public site shows it (privacy applied)."""


class StoryMemo:
    """What each story file gave last time, reused while nothing it depended on changed.

    A story depends on its file, on the settings and the day (part of `setting`),
    on the files its cover and links resolved to, and on the pages of the stories
    it links. `build` keeps the memo in the build cache; `serve` keeps it in memory.
    """

    def __init__(self, setting: str) -> None:
        self.setting = setting
        self.generation = ""
        """Changes with every write of the memo's file (a base of resume.py names it)."""
        self.known: dict[Path, _Known] = {}
        self.changed: set[Path] = set()
        self.dropped: set[Path] = set()
        self.pages: StoryPages = {}
        """Every story file's page, as the last load found them (not kept in the file)."""
        self.numbers: dict[str, Noted] = {}
        """The mobile numbers in each story file the last load read, with the file's stamp
        and when it was taken (leak_guard.LeakGuard's; not kept in the file)."""

    def forget_all_but(self, paths: list[Path]) -> None:
        """Drop what is remembered about story files that are gone."""
        gone = self.known.keys() - set(paths)
        for path in gone:
            del self.known[path]
        self.dropped |= gone

    def header(self, path: Path, stamp: Stamp, files: ContentFiles) -> _Known | None:
        """Return what `path` gave last time, if the file and its cover are as they were."""
        known = self.known.get(path)
        if known is None or stamp == (0, 0, 0):
            return None
        if not same_file(path, stamp, known.stamp, known.read_at, known.digest):
            return None
        if not _same_answers(known.header_asked, files):
            return None
        return known

    def unchanged(self, path: Path, stamp: Stamp | None) -> bool:
        """Tell whether `path` is the file read last time (its stamp, or its bytes if racy)."""
        known = self.known.get(path)
        return known is not None and same_file(
            path, stamp, known.stamp, known.read_at, known.digest
        )

    def remember_header(
        self,
        path: Path,
        stamp: Stamp,
        header: _Header | None,
        notes: list[Diagnostic],
        asked: Asked,
    ) -> None:
        """Remember a freshly read header (and forget the story made from the old one)."""
        kept = replace(header, body="") if header is not None else None
        now = time.time_ns()
        digest = b"" if settled(stamp, now) else (file_digest(path) or b"")
        self.known[path] = _Known(stamp, digest, now, kept, notes, asked)
        self.changed.add(path)

    def story(
        self, path: Path, files: ContentFiles, pages: StoryPages, diags: Diagnostics
    ) -> Story | None:
        """Return the story made last time from `path`, if its links resolve as before."""
        known = self.known.get(path)
        if known is None or known.story is None:
            return None
        if not _same_answers(known.body_asked, files):
            return None
        if any(pages.get(target, _ABSENT) != page for target, page in known.body_pages):
            return None
        diags.items.extend(known.body_notes)
        return known.story

    def remember_story(
        self,
        path: Path,
        story: Story,
        notes: list[Diagnostic],
        asked: Asked,
        pages: list[tuple[Path, str | None]],
    ) -> None:
        """Remember a freshly rendered story."""
        known = self.known[path]
        known.story, known.body_notes, known.body_asked, known.body_pages = (
            story,
            notes,
            asked,
            pages,
        )
        known.public = None
        self.changed.add(path)

    def public(self, story: Story, mask: Callable[[Story], Story]) -> Story:
        """Return `story` as the public site shows it, masking it only once."""
        known = self.known.get(story.source.path)
        if known is None or known.story is not story:
            return mask(story)
        if known.public is None:
            known.public = mask(story)
            self.changed.add(story.source.path)
        return known.public


def _same_answers(asked: Asked, files: ContentFiles) -> bool:
    return all(files.resolve(written, beside) == answer for written, beside, answer in asked)


_OPEN: dict[Path, StoryMemo] = {}
"""Memos this process has used, by file: `serve` rebuilds without reading them again."""


def open_memo(file: Path | None, setting: str) -> StoryMemo:
    """Return the story memo kept in `file` (an SQLite file in the build cache) for `setting`.

    A memo made under other settings, another day or another version of the code is
    not used; a damaged file is set aside. Without a file the memo lives in memory only.
    """
    if file is None:
        return StoryMemo(setting)
    memo = _OPEN.get(file)
    if memo is not None and memo.setting == setting:
        return memo
    memo = StoryMemo(setting)
    try:
        with closing(_connect(file)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'setting'").fetchone()
            if row is not None and row[0] == setting:
                memo.generation = memo_generation(db)
                for path, blob in db.execute("SELECT path, entry FROM known"):
                    memo.known[Path(path)] = pickle.loads(blob)
    except (sqlite3.DatabaseError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        file.replace(file.with_suffix(".damaged"))
        memo = StoryMemo(setting)
    _OPEN[file] = memo
    return memo


def save_memo(file: Path | None, memo: StoryMemo) -> None:
    """Write what changed in `memo` to `file`; a failure only costs the next build time."""
    if file is None or not (memo.changed or memo.dropped):
        return
    try:
        with closing(_connect(file)) as db, db:
            row = db.execute("SELECT value FROM meta WHERE key = 'setting'").fetchone()
            if row is None or row[0] != memo.setting:
                db.execute("DELETE FROM known")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('setting', ?)", (memo.setting,))
                memo.changed |= memo.known.keys()
            db.executemany("DELETE FROM known WHERE path = ?", [(str(p),) for p in memo.dropped])
            rows = [
                (str(p), pickle.dumps(memo.known[p], pickle.HIGHEST_PROTOCOL))
                for p in memo.changed
                if p in memo.known
            ]
            db.executemany("INSERT OR REPLACE INTO known VALUES (?, ?)", rows)
            generation = secrets.token_hex(8)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
    except (sqlite3.DatabaseError, OSError):
        return
    memo.generation = generation
    memo.changed.clear()
    memo.dropped.clear()


def memo_generation(db: sqlite3.Connection) -> str:
    """Return the generation of an open memo file ("" if never written)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return str(row[0]) if row is not None else ""


def _connect(file: Path) -> sqlite3.Connection:
    file.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(file)
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS known (path TEXT PRIMARY KEY, entry BLOB NOT NULL)")
    return db
