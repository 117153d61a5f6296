"""Patching the last build of the public site for a few edited stories (`serve`).

A volunteer previewing an edit changes one story among thousands. Loading the
whole site again, planning every page and keying every page costs seconds on a
big site, all to find the few dozen pages that show the story. `serve` keeps
its last build in memory instead (`Held`). When only story files changed, and
each edited story keeps its place in the site (the same slug, date, category
and tags, the same pictures and links out, the same names and numbers for the
privacy guard), the new site is the old one with those stories replaced:

- the stories are read again and replace the old ones in the site, its public
  view and the tag and category pages that list them;
- the pages that show them (found through an index of which page context
  holds which story or term) get the new ones in their context;
- those pages, the data files, and the pages that read a global whose value
  changed are keyed again, and the ones whose key changed are rendered,
  checked by the privacy guard and the link checker, and written in place.

Anything else (another file changed, a story added, removed, unpublished or
moved in the lists, an error) is left to a full build, which checks it all.
Either way the output is the same, byte for byte: the incremental tests build
through this path and compare with a clean build.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from site_builder.build import (
    Loaded,
    Written,
    _site_links,
    cache_folder,
    local_today,
)
from site_builder.cache import Stamp, file_digest, settled, stamp, stamps_in
from site_builder.diagnostics import Diagnostic, Diagnostics
from site_builder.kinds.stories import Story, Term, read_story, shape, term_fold
from site_builder.links import LinkChecker
from site_builder.live_update import JOURNAL, STATE, LiveFolderChanged, Published, update_in_place
from site_builder.output import claim
from site_builder.pages import Page
from site_builder.privacy import story_mask
from site_builder.render import SiteRenderer, theme_dirs
from site_builder.site import Site

MOST_EDITED = 8
"""More story files changed at once than this (a bulk copy, a git pull): build in full."""
HELD: dict[tuple[Path, Path], Held] = {}
"""The last build of each (content, output) a `serve` in this process made."""


@dataclass(frozen=True, slots=True)
class Inputs:
    """Every input file of a build except the story files: stamps, and when they were taken."""

    stamps: dict[str, Stamp | None]
    """Each file under content/ and the theme folders (stories/*.md aside)."""
    taken_at: int
    """When (ns): a file changed less than two seconds before may keep its stamp."""
    linked: bool
    """Whether a folder is a symbolic link (its files are not followed: never patch)."""
    stories: list[str]
    """The names of the story files, sorted."""
    digests: dict[str, bytes | None]
    """The bytes' hash of each file changed just before the stamps were taken."""

    @classmethod
    def take(cls, content: Path, theme: Iterable[Path]) -> Inputs:
        """Stamp the inputs now, before the build reads them."""
        taken_at = time.time_ns()
        stamps: dict[str, Stamp | None] = {}
        linked = False
        stories = os.path.join(content, "stories")
        story_files = []
        for root in (content, *theme):
            for folder, subfolders, names in os.walk(root):
                subfolders.sort()
                linked = linked or any(
                    os.path.islink(os.path.join(folder, sub)) for sub in subfolders
                )
                for name in names:
                    if folder == stories and name.endswith(".md"):
                        if not name.startswith((".", "~$")):  # as sources.content_files
                            story_files.append(name)
                        continue
                    path = os.path.join(folder, name)
                    stamps[path] = stamp(Path(path))
        racy = {
            path: file_digest(path)
            for path, seen in stamps.items()
            if seen is not None and not settled(seen, taken_at)
        }
        return cls(stamps, taken_at, linked, sorted(story_files), racy)

    def still(self, now: Inputs) -> bool:
        """Tell whether `now` shows the same files as these, with the same bytes."""
        if self.linked or now.linked or self.stamps != now.stamps:
            return False
        if any(seen is None for seen in self.stamps.values()):
            return False
        return all(
            digest is not None and file_digest(path) == digest
            for path, digest in self.digests.items()
        )


class Held:
    """The last good build of the public site, kept in memory to be patched."""

    def __init__(
        self,
        content: Path,
        output: Path,
        inputs: Inputs,
        loaded: Loaded,
        renderer: SiteRenderer,
        written: Written,
        notes: list[Diagnostic],
        base: str | None = None,
    ) -> None:
        """`base`: the token of the base the build left for CLI builds (resume.py)."""
        self.content, self.output, self.inputs = content, output, inputs
        self.base = base
        self.loaded, self.renderer, self.notes = loaded, renderer, notes
        self.writer = written.writer
        self.published = written.published
        self.state = stamp(output / (STATE + "site"))
        self.links: LinkChecker = _site_links(loaded, self.writer.planned, self.writer.copies)
        self.readers = _readers(written.published)
        self.shows = _shows(self.writer.planned)
        self.paths = {page.path: index for index, (page, _key) in enumerate(self.writer.planned)}
        self.story_files = {path.name: path for path in loaded.memo.known}
        self.patches = 0
        """How many edits were patched in (for tests and curious developers)."""
        renderer.remember(loaded.pages)
        for name in self.readers:  # digest the globals now (a cold build keyed pages in workers)
            self.writer.keys.global_digest(name)
        self.values = dict(renderer.env.globals)
        """The globals the pages were rendered with: one kept by identity kept its digest."""
        self.data_files = [
            index
            for index, (page, _key) in enumerate(self.writer.planned)
            if page.template.startswith(("json:", "ics:"))
        ]
        """Pages written by Python: their data is keyed, not their context."""

    @property
    def files(self) -> int:
        """Return how many files the site has."""
        return self.writer.files

    def apply(self, today: dt.date | None, diags: Diagnostics) -> int | None:
        """Bring output/site/ up to date by patching; None when a full build is needed.

        On success the build's warnings are added to `diags`; on None nothing was
        written, and `diags` is untouched.
        """
        site = self.loaded.site
        if (today or local_today(site.config)) != site.today or not self._output_untouched():
            return None
        now = Inputs.take(self.content, theme_dirs(self.content))
        if not self.inputs.still(now):
            return None
        edited = self._edited_stories(now.stories)
        if edited is None or len(edited) > MOST_EDITED:
            return None
        if not edited:
            self.patches += 1
            diags.items.extend(self.notes)
            return self.files
        scratch = Diagnostics()
        swaps = self._reload(edited, scratch)
        if swaps is None:
            return None
        if not self._rewrite(swaps, scratch):
            return None
        self.patches += 1
        edited_set = set(edited)
        kept = [n for n in self.notes if n.location.path not in edited_set]
        self.notes = kept + scratch.items
        diags.items.extend(self.notes)
        return self.files

    def _output_untouched(self) -> bool:
        """Tell whether output/site/ is still as this process left it."""
        live = self.output / "site"
        if (self.output / (JOURNAL + "site")).exists():
            return False
        try:
            folder = os.lstat(live).st_ino  # a link put in its place is not our folder
        except OSError:
            return False
        state = stamp(self.output / (STATE + "site"))
        return folder == self.published.folder and state == self.state

    def _edited_stories(self, names: list[str]) -> list[Path] | None:
        """Return the story files changed since the build; None if one came or went."""
        memo = self.loaded.memo
        if len(names) != len(memo.known) or not all(name in self.story_files for name in names):
            return None
        now = stamps_in(self.content / "stories", names)
        if now is None:
            return None
        paths = [self.story_files[name] for name in names]
        return [path for path in paths if not memo.unchanged(path, now[path.name])]

    def _reload(
        self, edited: list[Path], scratch: Diagnostics
    ) -> dict[int, tuple[Story, Story, Story, Story]] | None:
        """Read the edited stories again; by old story: (old, new, old public, new public)."""
        site, public, memo = self.loaded.site, self.loaded.public, self.loaded.memo
        where = {story.source.path: index for index, story in enumerate(site.stories)}
        mask = story_mask(site.config)
        swaps = {}
        for path in edited:
            index = where.get(path)
            if index is None:
                return None
            old, old_public = site.stories[index], public.stories[index]
            new = read_story(
                path,
                self.content,
                site.config,
                site.today,
                scratch,
                memo,
                memo.pages,
                cache_folder(self.output),
            )
            if new is None or shape(new) != shape(old) or not self.writer.guard.same_for(path, new):
                return None
            swaps[id(old)] = (old, new, old_public, memo.public(new, mask))
        return swaps

    def _rewrite(
        self, swaps: dict[int, tuple[Story, Story, Story, Story]], scratch: Diagnostics
    ) -> bool:
        """Replace the stories in the site and its pages, and write the pages that changed."""
        site, public = self.loaded.site, self.loaded.public
        private = {key: new for key, (_old, new, _p, _np) in swaps.items()}
        shown = {id(old_p): new_p for _old, _new, old_p, new_p in swaps.values()}
        touched = [new for _old, new, _p, _np in swaps.values()]
        site = _with_stories(site, private, touched)[0]
        public, term_swaps = _with_stories(public, shown, touched)
        objects: dict[int, object] = {**shown, **term_swaps}

        renderer = self.renderer
        renderer.use(public)
        keys = self.writer.keys.edited(public)
        planned = list(self.writer.planned)
        affected: set[int] = set()
        for key in objects:
            affected.update(self.shows.get(key, ()))
        for index in affected:
            page, _ = planned[index]
            planned[index] = (_swapped(page, objects), "")
        old_keys, values = self.writer.keys, renderer.env.globals
        changed_globals = [
            name
            for name in self.readers
            if (name in keys.hidden or values.get(name) is not self.values.get(name))
            and keys.global_digest(name) != old_keys.global_digest(name)
        ]
        self.values = dict(values)
        for name in changed_globals:
            affected.update(self.paths[path] for path in self.readers[name])
        affected.update(self.data_files)
        # data/stories.json lists every story without its text: an edit of the text alone
        # leaves it as it was (its key changes with the stories, its bytes do not)
        same_index = all(
            renderer.story_entry(old_p) == renderer.story_entry(new_p)
            for _old, _new, old_p, new_p in swaps.values()
        )

        before_record = self.published.pages
        record = dict(before_record)
        fresh = []
        for index in sorted(affected):
            page = planned[index][0]
            page_key = keys.page_key(page)
            planned[index] = (page, page_key)
            before = record.get(page.path)
            if before is not None and page.template == "json:stories" and same_index:
                record[page.path] = (page_key, before[1], keys.full_key(page_key, before[1]))
            elif (
                before is None
                or before[0] != page_key
                or keys.full_key(page_key, before[1]) != before[2]
            ):
                fresh.append((page, page_key))
        loaded = Loaded(site, public, [page for page, _key in planned], self.loaded.memo)
        writer = dataclasses.replace(
            self.writer, loaded=loaded, keys=keys, planned=planned, diags=scratch
        )
        writes = writer.render_checked(fresh, record, self.links)
        if scratch.has_errors:
            return False
        published = Published(
            self.published.folder, record, self.published.copies, writer.guard.key
        )
        if writes:
            claim(self.output)
            try:
                update_in_place(self.output, "site", writes, set(), published)
            except LiveFolderChanged:  # a link planted in output/site/: a full build replaces it
                return False
            self.published = published
            self.state = stamp(self.output / (STATE + "site"))
            if self.base is not None:
                from site_builder import resume  # (it builds on this module)

                resume.wrote(cache_folder(self.output), self.content, self.output, self.base)
        self.loaded, self.writer = loaded, writer
        for key, new in objects.items():
            self.shows[id(new)] = self.shows.pop(key, [])
        for page, _key in fresh:  # a page rendered again may read other globals now
            before = before_record.get(page.path)
            for name in before[1] if before is not None else ():
                self.readers[name].discard(page.path)
            for name in record[page.path][1]:
                self.readers.setdefault(name, set()).add(page.path)
        return True


def _readers(published: Published) -> dict[str, set[str]]:
    """Return, for each global any page read, the pages that read it."""
    readers: dict[str, set[str]] = {}
    for path, (_key, reads, _full) in published.pages.items():
        for name in reads:
            readers.setdefault(name, set()).add(path)
    return readers


def _shows(planned: list[tuple[Page, str]]) -> dict[int, list[int]]:
    """Return, for each story or term a page context holds (itself or in a list), the pages."""
    shows: dict[int, list[int]] = {}
    for index, (page, _key) in enumerate(planned):
        for shown in shown_in(page):
            shows.setdefault(id(shown), []).append(index)
    return shows


def shown_in(page: Page) -> Iterator[Story | Term]:
    """Yield each story and term the page's context holds, itself or in a list.

    Pages hold stories no deeper (tests/unit/test_patch.py checks it): an edited
    story's pages are the ones holding it, or holding a term that lists it.
    """
    for value in page.context.values():
        kind = type(value)
        if kind is Story or kind is Term:
            yield value
        elif kind is tuple or kind is list:
            for item in value:
                if type(item) is Story or type(item) is Term:
                    yield item


def _swapped(page: Page, objects: dict[int, object]) -> Page:
    """Return `page` with the replaced stories and terms in its context."""
    context = {}
    for name, value in page.context.items():
        kind = type(value)
        if id(value) in objects:
            value = objects[id(value)]
        elif kind is tuple or kind is list:
            value = kind(objects.get(id(item), item) for item in value)
        context[name] = value
    return dataclasses.replace(page, context=context)


def _with_stories(
    site: Site, swaps: dict[int, Story], touched: list[Story]
) -> tuple[Site, dict[int, object]]:
    """Return `site` with stories replaced, and the terms replaced along with them."""
    folds = {term_fold(tag) for story in touched for tag in story.tags}
    categories = {term_fold(story.category) for story in touched}
    replaced: dict[int, object] = {}

    def terms(all_terms: tuple[Term, ...], wanted: set[str]) -> tuple[Term, ...]:
        result = []
        for term in all_terms:
            if term_fold(term.name) in wanted:
                new = dataclasses.replace(term, stories=_replaced(term.stories, swaps))
                replaced[id(term)] = new
                term = new
            result.append(term)
        return tuple(result)

    edited = dataclasses.replace(
        site,
        stories=_replaced(site.stories, swaps),
        tags=terms(site.tags, folds),
        categories=terms(site.categories, categories),
    )
    return edited, replaced


def _replaced(stories: tuple[Story, ...], swaps: dict[int, Story]) -> tuple[Story, ...]:
    """Return `stories` (newest first, as every list is) with the swapped ones replaced.

    An edit that keeps a story's date and slug keeps its place, found by bisection.
    """
    result = stories
    for key, new in swaps.items():
        at = bisect.bisect_left(result, _order(new), key=_order)
        if at < len(result) and id(result[at]) == key:
            result = (*result[:at], new, *result[at + 1 :])
    return result


def _order(story: Story) -> tuple[int, str]:
    return (-story.date.toordinal(), story.slug)
