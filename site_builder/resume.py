"""Patching the last build from a new process: `site-builder build` after a small edit.

`serve` patches the build it keeps in memory (patch.py). A new process has
nothing in memory: reading 10,000 stories back from the story memo, grouping
them into terms, planning 29,000 pages and keying them all takes seconds before
it finds the few dozen pages one edit changes. So every full build of the public
site also leaves a *base* in the build cache, which holds what such a patch
needs and nothing else:

- the stamps of every input file, the story files' apart, as `serve` takes them;
- each published story's place: its file, slug, date, category, tags and files;
- which stories each tag and category lists, by place;
- every page whose context holds a story or a term, pickled with the stories and
  terms as references to their places, and which pages hold each of them;
- the site's small parts (settings, notices, honours, buildings, wishes; no
  ledger, no boards, no calendar), the privacy guard, the build's warnings, and
  each story file's page (links between stories resolve through it).

A later build of the site alone uses the base when only story files changed
since it was written, at most `patch.MOST_EDITED` of them, each still in its
place and publishing the same names and numbers (patch.py's conditions). It
reads the edited stories, unpickles the pages that show them (and, when a term
changed, the pages that read the list of terms), takes the other stories those
pages show from the story memo, renders the pages, checks them with the guard
and the link checker, and writes in place those whose bytes changed. Rendered
pages are recorded with empty keys, so the next full build renders them again.

Edits chain: each patch starts from the same base and takes in every story
changed since, so the output never depends on what earlier patches did. Any
other change, another day, a page that reads the ledger or the calendar, or an
output folder some other build wrote since, leaves the work to a full build,
which writes a new base. The incremental tests build through this path and
compare the output with a clean build, byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import pickle
import secrets
import sqlite3
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from site_builder.build import (
    Loaded,
    _check_links,
    _guard,
    cache_folder,
    collector_paused,
    compiled_templates,
    local_today,
)
from site_builder.cache import (
    Stamp,
    code_version,
    content_cache,
    rows_in,
    same_file,
    stamp,
    stamps_in,
    write_atomically,
)
from site_builder.diagnostics import Diagnostic, Diagnostics, Location
from site_builder.incremental import recording, relevant
from site_builder.kinds.stories import (
    Story,
    StoryMemo,
    Term,
    memo_generation,
    read_story,
    shape,
)
from site_builder.leak_guard import LeakGuard
from site_builder.links import LinkChecker
from site_builder.output import (
    STATE,
    LiveFolderChanged,
    Published,
    claim,
    read_published,
    update_in_place,
)
from site_builder.pages import Page
from site_builder.patch import MOST_EDITED, Inputs
from site_builder.privacy import story_mask
from site_builder.render import SiteRenderer, TemplateProblem, sections, theme_dirs
from site_builder.site import Site

HEAVY_GLOBALS = frozenset(
    {"ledger", "board_scopes", "board_periods", "has_calendar", "months", "day_note"}
)
"""Globals made from what a base leaves out (ledger, boards, calendar, almanac): a page
reading one is not patched from the base. (The chart and board-link functions draw only
what they are given.)"""
STORIES_JSON = "data/stories.json"

Place = tuple[str, str, bytes]
"""A published story's file, its slug, and a hash of its shape (slug, date, category, tags)
and its files."""


Ref = tuple[str, int]
"""A story ("story", place) or a term ("tags" or "categories", place) of the public site."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the base of a full build takes from the loaded site alone (see `prepare`)."""

    stamps: dict[str, tuple[Stamp, int, bytes]]
    """Each story file's stamp, when it was read, and its bytes' hash, by name."""
    site: Site
    """The public site's small parts: no stories, terms, ledger, boards or calendar."""
    sections: tuple[str, ...]
    """The site's menu sections (they depend on the parts left out)."""
    places: tuple[Place, ...]
    """Each published story, newest first."""
    terms: dict[str, tuple[tuple[str, str, array[int]], ...]]
    """Each tag and category: its name, its URL name and its stories' places."""
    pages: dict[str, bytes]
    """Each page whose context holds a story or a term, pickled with references."""
    shows: dict[Ref, tuple[str, ...]]
    """The pages holding each story and term."""
    story_pages: dict[str, str | None]
    """Each story file's page, for links between stories."""


@dataclass(frozen=True, slots=True)
class Base(Prepared):
    """What a full build of the public site leaves for patching it from a new process:
    what was prepared from the loaded site, and what the build and its output tell."""

    token: str
    """Names this base (the tip file refers to it)."""
    code: str
    """The version of the code that wrote it."""
    setting: str
    """The story memo's setting (code, day, settings) the base was built under."""
    generation: str
    """The story memo's generation: a memo written since (by a failed build) is not used."""
    folder: int
    """Inode of output/site/ when written."""
    state: Stamp | None
    """Stamp of output/site/'s state file when written."""
    inputs: Inputs
    """Every input file but the stories, stamped before the build read them."""
    guard: LeakGuard
    """The privacy guard of the build."""
    notes: list[Diagnostic]
    """The build's warnings."""


def save(
    cache: Path, content: Path, output: Path, inputs: Inputs, loaded: Loaded,
    prepared: Prepared | None, guard: LeakGuard, notes: list[Diagnostic],
) -> str | None:  # fmt: skip
    """Write the base of the build that just wrote output/site/ (or remove a stale one).

    `prepared` is what `prepare` gave for the build. Return the base's token: a patch
    by `serve` names it with `wrote` (else the base is not used).
    """
    file = content_cache(cache, "patch-base", content, ".pickle")
    with suppress(OSError):
        file.unlink()
    if prepared is None:
        return None
    memo = loaded.memo
    base = Base(
        token=secrets.token_hex(8),
        code=code_version(),
        setting=memo.setting,
        generation=memo.generation,
        folder=os.stat(output / "site").st_ino,
        state=stamp(output / (STATE + "site")),
        inputs=inputs,
        guard=guard,
        notes=list(notes),
        **{field.name: getattr(prepared, field.name) for field in dataclasses.fields(Prepared)},
    )
    try:
        write_atomically(file, pickle.dumps(base, pickle.HIGHEST_PROTOCOL))
    except OSError:
        return None
    return base.token


def wrote(cache: Path, content: Path, output: Path, token: str) -> None:
    """Note that a patch from base `token` (by this module or by `serve`) wrote output/site/.

    Patches take in every story changed since the base, so output/site/ as a patch
    leaves it is still one a later patch from the base can start from.
    """
    tip = content_cache(cache, "patch-tip", content, ".pickle")
    with suppress(OSError):
        write_atomically(tip, pickle.dumps((token, stamp(output / (STATE + "site")))))


STORY_LIST, STORY_TUPLE = "story list", "story tuple"
"""How a kept page marks a context value that is a list (or tuple) of stories: their places."""


class _Keeper:
    """Keeps pages as builtin values, and which pages hold each story and term.

    The pickle module writes builtin values without calling back into Python, and
    a list of stories (most of 28,000 pages at 10,000 stories) becomes a list of
    places in one comprehension: this runs after every full build.
    """

    def __init__(self, public: Site) -> None:
        self.story_at = {id(story): place for place, story in enumerate(public.stories)}
        self.refs: dict[int, Ref] = {key: ("story", at) for key, at in self.story_at.items()}
        for kind, terms in (("tags", public.tags), ("categories", public.categories)):
            self.refs.update((id(term), (kind, place)) for place, term in enumerate(terms))
        self.holders: list[list[str]] = [[] for _ in public.stories]
        """The pages holding each story, by place."""
        self.term_holders: dict[Ref, list[str]] = {}

    def keep(self, page: Page) -> bytes | None:
        """Return the page pickled with its stories and terms as references.

        None if it holds none (directly or in a list: see patch.shown_in); raise
        KeyError for a story or term that is not the public site's.
        """
        context = dict(page.context)
        where: list[tuple[str, object]] = []
        for name, value in page.context.items():
            kind = type(value)
            if kind is Story or kind is Term:
                context[name] = self._ref(value, page.path)
                where.append((name, None))
            elif (kind is tuple or kind is list) and value:
                types = {type(item) for item in value}
                if types == {Story}:
                    places = [self.story_at[id(story)] for story in value]
                    for place in places:
                        self.holders[place].append(page.path)
                    context[name] = places
                    where.append((name, STORY_LIST if kind is list else STORY_TUPLE))
                elif Story in types or Term in types:
                    items, at = list(value), []
                    for position, item in enumerate(value):
                        if type(item) is Story or type(item) is Term:
                            items[position] = self._ref(item, page.path)
                            at.append(position)
                    context[name] = kind(items)
                    where.append((name, tuple(at)))
        if not where:
            return None
        source = (str(page.source.path), *page.source[1:]) if page.source else None
        form = (page.path, page.template, context, tuple(where), source, page.in_sitemap)
        return pickle.dumps(form, pickle.HIGHEST_PROTOCOL)

    def _ref(self, shown: Story | Term, path: str) -> Ref:
        ref = self.refs[id(shown)]
        if ref[0] == "story":
            self.holders[ref[1]].append(path)
        else:
            self.term_holders.setdefault(ref, []).append(path)
        return ref

    def shows(self) -> dict[Ref, tuple[str, ...]]:
        """Return the pages holding each story and term."""
        shows = {("story", place): tuple(paths) for place, paths in enumerate(self.holders)}
        shows.update((ref, tuple(paths)) for ref, paths in self.term_holders.items())
        return shows


def _page(form: tuple[Any, ...], resolve: Callable[[Ref], object]) -> Page:
    """Return the page `_Keeper.keep` pickled, its references given by `resolve`."""
    path, template, context, where, source, in_sitemap = form
    for name, how in where:
        if how is None:
            context[name] = resolve(context[name])
        elif how in (STORY_LIST, STORY_TUPLE):
            stories = [resolve(("story", place)) for place in context[name]]
            context[name] = stories if how == STORY_LIST else tuple(stories)
        else:
            items = list(context[name])
            for at in how:
                items[at] = resolve(items[at])
            context[name] = type(context[name])(items)
    location = Location(Path(source[0]), *source[1:]) if source else None
    return Page(path, template, context, location, in_sitemap)


def _refs_of(form: tuple[Any, ...]) -> Iterator[Ref]:
    """Yield the references a kept page's context holds."""
    context, where = form[2], form[3]
    for name, how in where:
        if how is None:
            yield context[name]
        elif how in (STORY_LIST, STORY_TUPLE):
            yield from (("story", place) for place in context[name])
        else:
            yield from (context[name][at] for at in how)


def prepare(content: Path, inputs: Inputs, loaded: Loaded) -> Prepared | None:
    """Return what the base of a full build of `loaded` takes from the loaded site alone.

    That is most of the work (each page's context kept: over a second at 10,000
    stories), and none of it waits for the pages to be rendered: `build` asks for it
    while workers render them, the cycle collector paused (hundreds of thousands of new
    objects, no cycles). None when no base can be written.
    """
    public, memo = loaded.public, loaded.memo
    if inputs.linked or len(public.stories) != len(loaded.site.stories):
        return None
    stories_folder = content / "stories"
    stamps = {}
    for name in inputs.stories:
        known = memo.known.get(stories_folder / name)
        if known is None:
            return None
        stamps[name] = (known.stamp, known.read_at, known.digest)
    keeper = _Keeper(public)
    terms = {
        kind: tuple(
            (term.name, term.key, array("I", [keeper.story_at[id(s)] for s in term.stories]))
            for term in kind_terms
        )
        for kind, kind_terms in (("tags", public.tags), ("categories", public.categories))
    }
    pages: dict[str, bytes] = {}
    try:
        for page in loaded.pages:
            kept = keeper.keep(page)
            if kept is not None:
                pages[page.path] = kept
    except (KeyError, pickle.PicklingError, TypeError, AttributeError):
        return None
    light = dataclasses.replace(
        public,
        stories=(),
        tags=(),
        categories=(),
        ledger=dataclasses.replace(public.ledger, residents={}, entries=()),
        boards=(),
        calendar=dataclasses.replace(public.calendar, events=(), occurrences=()),
        almanac={},
    )
    places = tuple(
        (str(story.source.path), story.slug, _shape_hash(story)) for story in loaded.site.stories
    )
    return Prepared(
        stamps=stamps,
        site=light,
        sections=sections(public),
        places=places,
        terms=terms,
        pages=pages,
        shows=keeper.shows(),
        story_pages={str(path): page for path, page in memo.pages.items()},
    )


def _shape_hash(story: Story) -> bytes:
    """Hash what places a story in the site and what it copies into the output (shape)."""
    return hashlib.blake2b(repr(shape(story)).encode(), digest_size=16).digest()


def apply(content: Path, output: Path, today: dt.date | None, diags: Diagnostics) -> int | None:
    """Patch output/site/ from the base; return its file count, or None for a full build.

    On None nothing was written and `diags` is untouched.
    """
    with collector_paused():  # (unpickling the base makes many objects and no cycles)
        return _apply(content, output, today, diags)


def _apply(content: Path, output: Path, today: dt.date | None, diags: Diagnostics) -> int | None:
    cache = cache_folder(output)
    base = _open(content_cache(cache, "patch-base", content, ".pickle"))
    if base is None:
        return None
    site = base.site
    if (today or local_today(site.config)) != site.today:
        return None
    published = read_published(output, "site")
    if published is None or published.folder != base.folder or published.guard != base.guard.key:
        return None
    tip = content_cache(cache, "patch-tip", content, ".pickle")
    state = stamp(output / (STATE + "site"))
    if state is None or state not in (base.state, _tip_state(tip, base.token)):
        return None
    now = Inputs.take(content, theme_dirs(content))
    if not base.inputs.still(now) or now.stories != sorted(base.stamps):
        return None
    edited = _edited(content / "stories", base.stamps)
    if edited is None or len(edited) > MOST_EDITED:
        return None
    files = len(published.pages) + len(published.copies)
    scratch = Diagnostics()
    if edited:
        memo = content_cache(cache, "stories", content, ".sqlite")
        patched = _Patch(base, content, output, memo, published, scratch)
        try:
            patched.source.open()
            writes = patched.run(edited)
        except _NotHere:
            return None
        finally:
            patched.source.close()
        if writes is None or scratch.has_errors:
            return None
        if writes:
            record = patched.record
            claim(output)
            updated = Published(published.folder, record, published.copies, base.guard.key)
            try:
                update_in_place(output, "site", writes, set(), updated)
            except LiveFolderChanged:  # a link planted in output/site/: a full build replaces it
                return None
            wrote(cache, content, output, base.token)
    edited_paths = {content / "stories" / name for name in edited}
    diags.items.extend(n for n in base.notes if n.location.path not in edited_paths)
    diags.items.extend(scratch.items)
    return files


def _open(file: Path) -> Base | None:
    try:
        base = pickle.loads(file.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        return None
    if not isinstance(base, Base) or base.code != code_version():
        return None
    return base


def _tip_state(tip: Path, token: str) -> Stamp | None:
    """Return the state stamp the last patch from base `token` left, if any."""
    try:
        written_by, state = pickle.loads(tip.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
        return None
    return state if written_by == token else None


def _edited(folder: Path, stamps: dict[str, tuple[Stamp, int, bytes]]) -> list[str] | None:
    """Return the names of the story files changed since the base (None if one is unseen)."""
    now = stamps_in(folder, stamps)
    if now is None:
        return None
    return [name for name, was in stamps.items() if not same_file(folder / name, now[name], *was)]


class _NotHere(Exception):
    """The patch cannot be made from the base: a full build is needed."""


class _Patch:
    """One patch of output/site/ from a base."""

    def __init__(
        self, base: Base, content: Path, output: Path, memo: Path, published: Published,
        scratch: Diagnostics,
    ) -> None:  # fmt: skip
        self.base, self.content, self.output, self.scratch = base, content, output, scratch
        self.published = published
        self.record = dict(published.pages)
        self.source = _MemoStories(memo, base)

    def run(self, edited: list[str]) -> dict[str, bytes] | None:
        """Read the edited stories and render the pages they change; None: build in full."""
        base, site = self.base, self.base.site
        places = {place[0]: index for index, place in enumerate(base.places)}
        pages = _PagesByFile(base.story_pages)
        memo = StoryMemo(base.setting)
        mask = story_mask(site.config)
        cache = cache_folder(self.output)
        for name in edited:
            path = self.content / "stories" / name
            index = places.get(str(path))
            if index is None:
                return None
            story = read_story(
                path, self.content, site.config, site.today, self.scratch, memo, pages, cache
            )
            if story is None or _shape_hash(story) != base.places[index][2]:
                return None
            if not base.guard.same_for(path, story):
                return None
            self.source.fresh[index] = mask(story)
        return self._render(set(self.source.fresh))

    def _render(self, edited: set[int]) -> dict[str, bytes] | None:
        base = self.base
        terms = {
            kind: tuple(
                Term(name, key, _Stories(self.source, members))  # type: ignore[arg-type]
                for name, key, members in base.terms[kind]
            )
            for kind in ("tags", "categories")
        }
        refs: set[Ref] = {("story", index) for index in edited}
        for kind, kind_terms in base.terms.items():
            for position, (_name, _key, members) in enumerate(kind_terms):
                if not edited.isdisjoint(members):
                    refs.add((kind, position))
        affected = {path for ref in refs for path in base.shows.get(ref, ())}
        # the globals `tags` and `categories` hold the terms of their kind
        changed_globals = {kind for kind, _position in refs if kind != "story"}
        if changed_globals:
            for path, (_key, reads, _full) in self.published.pages.items():
                if not changed_globals.isdisjoint(reads):
                    affected.add(path)
        every = _Stories(self.source, range(len(base.places)))
        site = dataclasses.replace(
            base.site,
            stories=every,  # type: ignore[arg-type]
            tags=terms["tags"],
            categories=terms["categories"],
        )
        renderer = SiteRenderer(site, theme_dirs(self.content), compiled_templates(self.output))
        renderer.env.globals["sections"] = base.sections

        def resolve(ref: Ref) -> object:
            kind, place = ref
            return every[place] if kind == "story" else terms[kind][place]

        live = self.output / "site"
        links = LinkChecker(
            self.published.pages.keys() | self.published.copies.keys(),
            other_hosts=True,
            base_url=site.config.base_url,
        )
        if not affected <= base.pages.keys():
            return None  # a page that reads the terms holds no story: it was not kept
        forms = [pickle.loads(base.pages[path]) for path in sorted(affected)]
        shown = {place for form in forms for kind, place in _refs_of(form) if kind == "story"}
        self.source.fetch(shown)  # the stories the pages show, in one query
        writes: dict[str, bytes] = {}
        for form in forms:
            page = _page(form, resolve)
            path = page.path
            try:
                with recording() as names:
                    text = renderer.render(page)
            except TemplateProblem:
                return None
            reads = relevant(names, renderer.env)
            if not HEAVY_GLOBALS.isdisjoint(reads) or not isinstance(text, str):
                return None
            _guard(base.guard, path, text, live, self.scratch)
            _check_links(links, path, text, page.source, live, self.scratch)
            self._compare(path, text.encode("utf-8"), reads, writes)
        if STORIES_JSON in self.published.pages and not self._stories_json(
            edited, renderer, writes
        ):
            return None
        return writes

    def _compare(
        self, path: str, data: bytes, reads: tuple[str, ...], writes: dict[str, bytes]
    ) -> None:
        """Write `data` when output/site/`path` holds other bytes; its keys become unknown."""
        try:
            current = (self.output / "site" / path).read_bytes()
        except OSError:
            current = None
        if current != data:
            writes[path] = data
            self.record[path] = ("", reads, "")

    def _stories_json(
        self, edited: set[int], renderer: SiteRenderer, writes: dict[str, bytes]
    ) -> bool:
        """Write the edited stories' entries into data/stories.json; False if it cannot be done.

        Only the new entries are given to the guard: the rest of the file was checked
        when it was written, by the same guard.
        """
        try:
            text = (self.output / "site" / STORIES_JSON).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        if not (text.startswith('{\n "stories": [\n') and text.endswith("\n ]\n}\n")):
            return False
        fresh = []
        for index in sorted(edited):
            slug = json.dumps(self.base.places[index][1], ensure_ascii=False)
            # entries are written with json.dumps(indent=1): no raw line break inside a value
            start = text.find('\n  {\n   "slug": ' + slug + ",\n") + 1
            end = text.find("\n  }", start)
            if start == 0 or end < 0:
                return False
            entry = renderer.story_entry(self.source.story(index))
            text = text[:start] + entry + text[end + len("\n  }") :]
            fresh.append(entry)
        _guard(self.base.guard, STORIES_JSON, "\n".join(fresh), self.output / "site", self.scratch)
        self._compare(STORIES_JSON, text.encode("utf-8"), (), writes)
        return True


class _MemoStories:
    """The public stories of a base, read one by one from the story memo when shown."""

    def __init__(self, memo: Path, base: Base) -> None:
        self.memo, self.base = memo, base
        self.fresh: dict[int, Story] = {}
        """Edited stories, as read now, by place."""
        self._read: dict[int, Story] = {}
        self._db: sqlite3.Connection | None = None

    def story(self, index: int) -> Story:
        """Return the public story at `index` (raise _NotHere if the memo does not have it)."""
        story = self.fresh.get(index) or self._read.get(index)
        if story is None:
            story = self._read[index] = self._load(index)
        return story

    def open(self) -> None:
        """Open the memo; raise _NotHere unless it is the one the base was built with."""
        try:
            self._db = sqlite3.connect(f"file:{self.memo}?mode=ro", uri=True)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'setting'").fetchone()
            same = row is not None and row[0] == self.base.setting
            if not same or memo_generation(self._db) != self.base.generation:
                raise _NotHere
        except sqlite3.DatabaseError as exc:
            raise _NotHere from exc

    def fetch(self, places: set[int]) -> None:
        """Read the stories at `places` now, a few hundred to a query."""
        wanted = sorted(places - self.fresh.keys() - self._read.keys())
        files = {self.base.places[index][0]: index for index in wanted}
        if self._db is None:
            return  # read one by one, and found missing, by _load
        query = "SELECT path, entry FROM known WHERE path IN ({})"
        try:
            rows = list(rows_in(self._db, query, list(files)))
        except sqlite3.DatabaseError as exc:
            raise _NotHere from exc
        for file, entry in rows:
            self._read[files[file]] = self._story(file, entry)

    def _load(self, index: int) -> Story:
        file = self.base.places[index][0]
        if self._db is None:
            raise _NotHere
        try:
            row = self._db.execute("SELECT entry FROM known WHERE path = ?", (file,)).fetchone()
        except sqlite3.DatabaseError as exc:
            raise _NotHere from exc
        if row is None:
            raise _NotHere
        return self._story(file, row[0])

    def _story(self, file: str, entry: bytes) -> Story:
        """Return the public story of a memo entry, if it is the one the base was built with."""
        try:
            known = pickle.loads(entry)
        except (pickle.UnpicklingError, EOFError, AttributeError, TypeError) as exc:
            raise _NotHere from exc
        was = self.base.stamps.get(Path(file).name)
        if known is None or known.public is None or was is None or known.stamp != was[0]:
            raise _NotHere
        public: Story = known.public
        return public

    def close(self) -> None:
        """Close the memo."""
        if self._db is not None:
            self._db.close()


class _Stories(Sequence[Story]):
    """Stories by place, read when a page shows them (a term lists thousands, a page ten)."""

    def __init__(self, source: _MemoStories, places: Sequence[int]) -> None:
        self.source, self.places = source, places

    def __len__(self) -> int:
        return len(self.places)

    @overload
    def __getitem__(self, index: int) -> Story: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Story, ...]: ...
    def __getitem__(self, index: int | slice) -> Story | tuple[Story, ...]:
        if isinstance(index, slice):
            return tuple(self.source.story(place) for place in self.places[index])
        return self.source.story(self.places[index])

    def __iter__(self) -> Iterator[Story]:
        return (self.source.story(place) for place in self.places)

    def __bool__(self) -> bool:
        return bool(self.places)


class _PagesByFile(Mapping[Path, "str | None"]):
    """Each story file's page, kept by file name as text (10,000 paths need not be made)."""

    def __init__(self, pages: dict[str, str | None]) -> None:
        self.pages = pages

    def __getitem__(self, path: Path) -> str | None:
        return self.pages[str(path)]

    def __contains__(self, path: object) -> bool:
        return str(path) in self.pages

    def __iter__(self) -> Iterator[Path]:
        return map(Path, self.pages)

    def __len__(self) -> int:
        return len(self.pages)
