"""Loading good-person stories: every story file read, converted and rendered, reusing the memo.

Loading runs in two passes: first every file's front matter (so every slug is
known), then every body, so a story may link another by its file name
(`[李奶奶的故事](xingfu-dianti.md)`) and get that story's page.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from site_builder.assets import ContentFiles
from site_builder.bodies import StoryPages, affordable, render_body
from site_builder.cache import MarkdownCache
from site_builder.cache import stamp as file_stamp
from site_builder.config import SiteConfig
from site_builder.diagnostics import Diagnostic, Diagnostics
from site_builder.kinds.stories import Story, _Header, _header_in, _read_header
from site_builder.kinds.story_memo import Asked, StoryMemo, _AskedFiles, _AskedPages
from site_builder.markdown_parser import CONVERTER_SETTINGS, convert
from site_builder.markup import MarkdownRenderer
from site_builder.phones import mobile_numbers
from site_builder.sources import content_files, folder_unusable, prefetch, read_text
from site_builder.summaries import summary_of
from site_builder.urls import collision_key
from site_builder.workers import map_items


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
    if folder_unusable(folder, diags) or not folder.is_dir():
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
