"""Patching output/site/ for a few edited stories, from what the last full build knew.

When only story files changed since the last full build (`LastBuild`), at most
`MOST_EDITED` of them, each still in its place (same slug, date, category, tags
and files) and publishing the same names and numbers to the privacy guard, the
new site is the old one with those stories replaced. The patch reads the edited
stories, makes again the kept pages that show them (and, when a term changed,
the pages that read the list of terms), takes the other stories those pages show
from the story memo, renders the pages, checks them with the guard and the link
checker, and writes in place those whose bytes changed. Rendered pages are
recorded with empty keys, so the next full build renders them again.

Edits chain: each patch starts from the same record and takes in every story
changed since, so the output never depends on what earlier patches did. Any
other change, another day, a page that reads the ledger or the calendar, or an
output folder some other build wrote since, leaves the work to a full build.
The incremental tests patch through `serve` and the command line alike and
compare the output with a clean build, byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
from pathlib import Path

from site_builder.cache import (
    Stamp,
    cache_folder,
    compiled_templates,
    same_file,
    stamp,
    stamps_in,
)
from site_builder.diagnostics import Diagnostics
from site_builder.jinja_env import theme_dirs
from site_builder.kept_pages import Ref, kept_page, refs_of
from site_builder.kinds.story_loading import read_story
from site_builder.kinds.story_memo import StoryMemo
from site_builder.kinds.terms import Term
from site_builder.last_build import (
    MOST_EDITED,
    Inputs,
    LastBuild,
    patched_state,
    shape_hash,
    wrote,
)
from site_builder.links import LinkChecker
from site_builder.live_update import (
    STATE,
    LiveFolderChanged,
    Published,
    read_published,
    update_in_place,
)
from site_builder.loading import collector_paused, local_today, memo_file
from site_builder.memo_stories import MemoStories, NotInMemo, PagesByFile, Stories
from site_builder.output import claim
from site_builder.page_checks import check_links, guard_page
from site_builder.page_keys import recording, relevant
from site_builder.privacy import story_mask
from site_builder.render import SiteRenderer, TemplateProblem
from site_builder.search_index import FOLDER, index_entry, search_files
from site_builder.search_records import guard_records, replaced, story_records

HEAVY_GLOBALS = frozenset(
    {"ledger", "board_scopes", "board_periods", "has_calendar", "months", "day_note"}
)
"""Globals made from what a LastBuild leaves out (ledger, boards, calendar, almanac): a
page reading one is not patched. (The chart and board-link functions draw only what they
are given.)"""
STORIES_JSON = "data/stories.json"


def patch_site(
    last: LastBuild, content: Path, output: Path, today: dt.date | None, diags: Diagnostics
) -> int | None:
    """Patch output/site/ from `last`; return its file count, or None for a full build.

    On None nothing was written and `diags` is untouched.
    """
    with collector_paused():  # (the kept pages make many objects and no cycles)
        return _patch(last, content, output, today, diags)


def _patch(
    last: LastBuild, content: Path, output: Path, today: dt.date | None, diags: Diagnostics
) -> int | None:
    cache = cache_folder(output)
    site = last.site
    if (today or local_today(site.config)) != site.today:
        return None
    published = read_published(output, "site")
    if published is None or published.folder != last.folder or published.guard != last.guard.key:
        return None
    state = stamp(output / (STATE + "site"))
    if state is None or state not in (last.state, patched_state(cache, content, last)):
        return None
    now = Inputs.take(content, theme_dirs(content))
    if not last.inputs.still(now) or now.stories != sorted(last.stamps):
        return None
    edited = _edited(content / "stories", last.stamps)
    if edited is None or len(edited) > MOST_EDITED:
        return None
    files = len(published.pages) + len(published.copies)
    scratch = Diagnostics()
    if edited:
        memo = memo_file(cache, content)
        patched = _Patch(last, content, output, memo, published, scratch)
        try:
            patched.source.open()
            writes = patched.run(edited)
        except NotInMemo:
            return None
        finally:
            patched.source.close()
        if writes is None or scratch.has_errors:
            return None
        removed = patched.reindex(writes)
        if removed is None:
            return None
        if writes or removed:
            claim(output)
            updated = Published(published.folder, patched.record, published.copies, last.guard.key)
            try:
                update_in_place(output, "site", writes, removed, updated)
            except LiveFolderChanged:  # a link planted in output/site/: a full build replaces it
                return None
            wrote(cache, content, output, last)
    edited_paths = {content / "stories" / name for name in edited}
    diags.items.extend(n for n in last.notes if n.location.path not in edited_paths)
    diags.items.extend(scratch.items)
    return files


def _edited(folder: Path, stamps: dict[str, tuple[Stamp, int, bytes]]) -> list[str] | None:
    """Return the names of the story files changed since the last full build (None: one is
    unseen)."""
    now = stamps_in(folder, stamps)
    if now is None:
        return None
    return [name for name, was in stamps.items() if not same_file(folder / name, now[name], *was)]


class _Patch:
    """One patch of output/site/ from the last full build's record."""

    def __init__(
        self, last: LastBuild, content: Path, output: Path, memo: Path, published: Published,
        scratch: Diagnostics,
    ) -> None:  # fmt: skip
        self.last, self.content, self.output, self.scratch = last, content, output, scratch
        self.published = published
        self.record = dict(published.pages)
        self.source = MemoStories(memo, last)

    def run(self, edited: list[str]) -> dict[str, bytes] | None:
        """Read the edited stories and render the pages they change; None: build in full."""
        last, site = self.last, self.last.site
        places = {place[0]: index for index, place in enumerate(last.places)}
        pages = PagesByFile(last.story_pages)
        memo = StoryMemo(last.setting)
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
            if story is None or shape_hash(story) != last.places[index][2]:
                return None
            if not last.guard.same_for(path, story):
                return None
            self.source.fresh[index] = mask(story)
        return self._render(set(self.source.fresh))

    def reindex(self, writes: dict[str, bytes]) -> set[str] | None:
        """Index the edited stories again (their shards only: search_index.py); add the
        index files that changed to `writes`. Return those to remove, or None when it
        cannot be done (a full build then decides)."""
        before = {path for path in self.published.pages if path.startswith(FOLDER)}
        if not before:
            return set()  # the last build made no index (search off, or no Pagefind)
        site, live = self.last.site, self.output / "site"
        fresh = story_records(self.source.fresh.values(), site)
        guard_records(self.last.guard, fresh, live, self.scratch)
        records = replaced(self.last.search, fresh)
        notes = Diagnostics()
        cache = cache_folder(self.output)
        files = search_files(records, site.config.language, cache, self.content, live, notes)
        if self.scratch.has_errors or not files:
            return None
        for path, data in files.items():
            entry = index_entry(data)
            if self.published.pages.get(path) != entry:
                writes[path] = data
                self.record[path] = entry
        removed = before - files.keys()
        for path in removed:
            del self.record[path]
        return removed

    def _render(self, edited: set[int]) -> dict[str, bytes] | None:
        last = self.last
        terms = {
            kind: tuple(
                Term(name, key, Stories(self.source, members))  # type: ignore[arg-type]
                for name, key, members in last.terms[kind]
            )
            for kind in ("tags", "categories")
        }
        refs: set[Ref] = {("story", index) for index in edited}
        for kind, kind_terms in last.terms.items():
            for position, (_name, _key, members) in enumerate(kind_terms):
                if not edited.isdisjoint(members):
                    refs.add((kind, position))
        affected = {path for ref in refs for path in last.shows.get(ref, ())}
        # the globals `tags` and `categories` hold the terms of their kind
        changed_globals = {kind for kind, _position in refs if kind != "story"}
        if changed_globals:
            for path, (_key, reads, _full) in self.published.pages.items():
                if not changed_globals.isdisjoint(reads):
                    affected.add(path)
        every = Stories(self.source, range(len(last.places)))
        site = dataclasses.replace(
            last.site,
            stories=every,  # type: ignore[arg-type]
            tags=terms["tags"],
            categories=terms["categories"],
        )
        renderer = SiteRenderer(site, theme_dirs(self.content), compiled_templates(self.output))
        renderer.env.globals["sections"] = last.sections

        def resolve(ref: Ref) -> object:
            kind, place = ref
            return every[place] if kind == "story" else terms[kind][place]

        live = self.output / "site"
        links = LinkChecker(
            self.published.pages.keys() | self.published.copies.keys(),
            other_hosts=True,
            base_url=site.config.base_url,
        )
        if not affected <= last.pages.keys():
            return None  # a page that reads the terms holds no story: it was not kept
        forms = [pickle.loads(last.pages[path]) for path in sorted(affected)]
        shown = {place for form in forms for kind, place in refs_of(form) if kind == "story"}
        self.source.fetch(shown)  # the stories the pages show, in one query
        writes: dict[str, bytes] = {}
        for form in forms:
            page = kept_page(form, resolve)
            path = page.path
            try:
                with recording() as names:
                    text = renderer.render(page)
            except TemplateProblem:
                return None
            reads = relevant(names, renderer.env)
            if not HEAVY_GLOBALS.isdisjoint(reads) or not isinstance(text, str):
                return None
            guard_page(last.guard, path, text, live, self.scratch)
            check_links(links, path, text, page.source, live, self.scratch)
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
            slug = json.dumps(self.last.places[index][1], ensure_ascii=False)
            # entries are written with json.dumps(indent=1): no raw line break inside a value
            start = text.find('\n  {\n   "slug": ' + slug + ",\n") + 1
            end = text.find("\n  }", start)
            if start == 0 or end < 0:
                return False
            entry = renderer.story_entry(self.source.story(index))
            text = text[:start] + entry + text[end + len("\n  }") :]
            fresh.append(entry)
        live = self.output / "site"
        guard_page(self.last.guard, STORIES_JSON, "\n".join(fresh), live, self.scratch)
        self._compare(STORIES_JSON, text.encode("utf-8"), (), writes)
        return True
