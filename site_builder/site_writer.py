"""Writing the public website: every page rendered, checked and written, or only those
whose inputs changed since the last build (their keys: page_keys.py).

When output/site/ was written by an earlier build, only pages whose keys changed are
rendered, and the live folder is updated in place; otherwise (or when most pages
changed) the site is rendered whole into a staging folder, by one forked worker per
core, and swapped in. Either way every page passes page_checks.py before anything is
written, and the result is the same file for file.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_builder.assets import ContentFiles
from site_builder.budget import Budget
from site_builder.cache import (
    Stamp,
    cache_folder,
    compiled_templates,
    content_cache,
    settled,
    stamp,
)
from site_builder.diagnostics import ContentErrors, Diagnostic, Diagnostics, Location
from site_builder.jinja_env import theme_dirs
from site_builder.leak_guard import LeakGuard
from site_builder.live_update import (
    JOURNAL,
    LiveFolderChanged,
    Published,
    check_real_folders,
    read_published,
    update_in_place,
    write_published,
)
from site_builder.loading import Loaded
from site_builder.output import Publication, claim, staged
from site_builder.page_checks import PageChecker, Reads, site_links, spend
from site_builder.page_keys import PageKeys
from site_builder.pages import Page
from site_builder.picture_files import make_files
from site_builder.progress import QUIET, Progress
from site_builder.render import SiteRenderer
from site_builder.search_index import SiteIndex, index_entry
from site_builder.search_records import SearchRecord
from site_builder.site import Site
from site_builder.staging import write_file
from site_builder.workers import forked_map, forking

PageRecord = dict[str, tuple[str, tuple[str, ...], str]]
"""Each page's output path: its page key, the globals it read, its full key."""


@dataclass(frozen=True, slots=True)
class Written:
    """What writing the public site did."""

    files: int
    """Files output/site/ has."""
    guard: LeakGuard
    """The privacy guard every page passed."""
    search: tuple[SearchRecord, ...]
    """What the search index holds (nothing without search)."""


def write_site(
    loaded: Loaded,
    output: Path,
    diags: Diagnostics,
    progress: Progress = QUIET,
    meanwhile: Callable[[], None] = lambda: None,
    together: Publication | None = None,
) -> Written:
    """Write the public website into output/site/; return how many files it has, and more.

    When output/site/ was written by an earlier build, only pages whose inputs
    changed are rendered, and the live folder is updated in place; otherwise (or
    when most pages changed) the site is rendered whole into a staging folder and
    swapped in. Either way every page is checked by the privacy guard before
    anything is written, and the result is the same file for file.

    `meanwhile` is called once, before anything is swapped in: while workers render
    the pages when they do, so that this process's own work overlaps theirs.

    With `together`, nothing is published yet: the staged folder or the update is
    left to it, to be published with the other targets of the build.
    """
    content = loaded.site.content
    renderer = SiteRenderer(loaded.public, theme_dirs(content), compiled_templates(output))
    keys = PageKeys(loaded.public, renderer.env, renderer.dirs, renderer.hidden_inputs())
    mobiles = content_cache(cache_folder(output), "mobiles", content, ".pickle")
    guard = LeakGuard(loaded.site, mobiles, loaded.memo.numbers)
    published = read_published(output, "site")
    comparable = published is not None and published.guard == guard.key
    # with nothing to compare against, each page is keyed by the worker that renders it
    planned = [(page, keys.page_key(page) if comparable else "") for page in loaded.pages]
    copies = {relative: source for relative, source in _copies(loaded.public, renderer, output)}
    existing = {page.path for page in loaded.pages} | copies.keys()
    links = site_links(existing, loaded.public.config.base_url)
    checker = PageChecker(renderer, guard, links, output / "site")
    index = SiteIndex()
    writer = _SiteWriter(output, diags, progress, keys, checker, planned, copies, index.files)

    def meanwhile_index() -> None:  # Pagefind indexes in processes of its own meanwhile
        meanwhile()
        index.make(loaded.public, guard, output, diags)

    if published is not None and comparable:
        fresh = [(page, key) for page, key in planned if not _unchanged(published, page, key, keys)]
        if len(fresh) <= len(planned) // 2:
            meanwhile_index()
            try:
                writer.update(fresh, published, together)
            except LiveFolderChanged:  # a link planted in output/site/: replace it all
                writer.rebuild(together=together)
            return Written(len(planned) + len(copies) + len(index.files), guard, index.records)
    writer.rebuild(meanwhile_index, together)
    return Written(len(planned) + len(copies) + len(index.files), guard, index.records)


def _unchanged(published: Published, page: Page, key: str, keys: PageKeys) -> bool:
    before = published.pages.get(page.path)
    return before is not None and before[0] == key and keys.full_key(key, before[1]) == before[2]


@dataclass(frozen=True, slots=True)
class _SiteWriter:
    """One build of the public site: what it renders, and the checks every page passes."""

    output: Path
    diags: Diagnostics
    progress: Progress
    keys: PageKeys
    checker: PageChecker
    planned: list[tuple[Page, str]]
    copies: dict[str, Path]
    search: dict[str, bytes]
    """The search index's files by output path (filled while the pages render)."""

    def rebuild(
        self, meanwhile: Callable[[], None] = lambda: None, together: Publication | None = None
    ) -> None:
        """Render every page into a staging folder, check everything, swap it in.

        `meanwhile` is called once, while the pages render; `together` publishes
        the staged folder with the other targets (see write_site).
        """
        with staged(self.output, "site", together) as stage:
            job = _Job(self.checker, self.keys, self.planned, stage, Budget())
            record = _render_all(job, self.diags, self.progress, meanwhile)
            self.progress.stage("progress.guard")
            stamps = {}
            for relative, source in self.copies.items():
                stamps[relative] = _stamp(source)  # before reading: a later edit is seen next time
                data = source.read_bytes()
                spend(job.budget, relative, len(data), Location(source), self.diags)
                self.checker.copy(relative, data, source, self.diags)
                write_file(stage, relative, data)
            for relative, data in self.search.items():
                spend(job.budget, relative, len(data), Location(self.checker.shown_as), self.diags)
                write_file(stage, relative, data)
                record[relative] = index_entry(data)
            if self.diags.has_errors:
                raise ContentErrors(self.diags)
            # recorded before the swap: a build killed right after it leaves a record of
            # this folder, one killed right before leaves a record that matches no folder
            published = Published(stage.stat().st_ino, record, stamps, self.checker.guard.key)
            write_published(self.output, "site", published)
        (self.output / (JOURNAL + "site")).unlink(missing_ok=True)

    def update(
        self, fresh: list[tuple[Page, str]], published: Published, together: Publication | None
    ) -> None:
        """Render the `fresh` pages in memory, check them, and update the live folder.

        With `together`, the update is left to it (after a check that it can be made).
        """
        record = dict(published.pages)
        budget = Budget()
        reads: Reads = {}
        writes: dict[str, bytes] = {}
        for done, (page, key) in enumerate(fresh, start=1):
            self.progress.pages(done, len(fresh))
            text = self.checker.render(page, self.diags, reads)
            record[page.path] = (key, reads[page.path], self.keys.full_key(key, reads[page.path]))
            data = writes[page.path] = text.encode("utf-8") if isinstance(text, str) else text
            where = page.source or Location(self.checker.shown_as / page.path)
            spend(budget, page.path, len(data), where, self.diags)
        stamps = {}
        for relative, source in self.copies.items():
            stamps[relative] = _stamp(source)
            now = stamps[relative][1]
            racy = now is None or not settled(now, published.written_at)
            if racy or published.copies.get(relative) != stamps[relative]:
                data = writes[relative] = source.read_bytes()
                spend(budget, relative, len(data), Location(source), self.diags)
                self.checker.copy(relative, data, source, self.diags)
        for relative, data in self.search.items():
            entry = index_entry(data)
            if published.pages.get(relative) != entry:
                writes[relative] = data
                spend(budget, relative, len(data), Location(self.checker.shown_as), self.diags)
            record[relative] = entry
        if self.diags.has_errors:
            raise ContentErrors(self.diags)
        paths = {page.path for page, _ in self.planned} | self.copies.keys() | self.search.keys()
        removed = (published.pages.keys() | published.copies.keys()) - paths
        for gone in removed:
            record.pop(gone, None)
        updated = Published(published.folder, record, stamps, self.checker.guard.key)
        if (writes or removed) and together is not None:
            # a link planted in output/site/ raises LiveFolderChanged here, not when published
            check_real_folders(self.checker.shown_as, [*writes, *removed])
            together.update = ("site", writes, removed, updated)
        elif writes or removed:
            claim(self.output)
            update_in_place(self.output, "site", writes, removed, updated)


@dataclass(frozen=True, slots=True)
class _Job:
    """Everything rendering the whole public site into a staging folder needs."""

    checker: PageChecker
    keys: PageKeys
    planned: list[tuple[Page, str]]
    stage: Path
    budget: Budget
    """The bytes the site may still write, shared with the workers."""


PARALLEL_PAGES = 400
"""Render in worker processes from this many pages on (forking costs ~50 ms)."""
CHUNK = 200
"""Pages per task handed to a worker."""


def _render_all(
    job: _Job, diags: Diagnostics, progress: Progress, meanwhile: Callable[[], None]
) -> PageRecord:
    """Render, check and write every planned page; return each page's keys and reads.

    Pages are independent, so a big site is split into chunks rendered by one forked
    worker per core (each writes its pages into the staging folder itself), and this
    process calls `meanwhile` while they do. Problems come back as diagnostics and
    stop the build once every chunk is done.

    The workers send back what each page read; the keys are worked out here, while
    they render: a page's key digests the stories it shows, and every worker would
    otherwise digest every story (a story's card is on list pages everywhere).
    """
    total = len(job.planned)
    chunks = [range(start, min(start + CHUNK, total)) for start in range(0, total, CHUNK)]
    reads: Reads = {}
    keys: list[str] = []

    def key_pages() -> None:  # planned without keys when there was no record to compare
        keys[:] = [key or job.keys.page_key(page) for page, key in job.planned]

    if total < PARALLEL_PAGES or not forking():
        for chunk in chunks:
            part, notes = _render_chunk(job, chunk, progress)
            reads.update(part)
            diags.items.extend(notes)
            gc.collect(1)  # collector paused: free the cycles a theme left, as workers do
            if len(part) < len(chunk):
                break  # a template error stopped the chunk: the other pages would meet it too
        key_pages()
        meanwhile()
    else:
        # The last chunk holds the site-wide files (data/stories.json, the sitemap), three
        # times a chunk's work: handed out first, no worker is left alone with it at the end.
        order = [len(chunks) - 1, *range(len(chunks) - 1)]
        done: dict[int, tuple[Reads, list[Diagnostic]]] = {}

        def while_rendering() -> None:
            meanwhile()
            key_pages()

        results = forked_map(_render_in_worker, [chunks[n] for n in order], job, while_rendering)
        for count, (n, result) in enumerate(zip(order, results, strict=True), start=1):
            done[n] = result
            progress.pages(min(count * CHUNK, total), total)
        for n in range(len(chunks)):  # in the plan's order, as the pages were listed
            part, notes = done[n]
            reads.update(part)
            diags.items.extend(notes)
    if diags.has_errors:
        raise ContentErrors(diags)
    full_key = job.keys.full_key
    return {
        page.path: (key, reads[page.path], full_key(key, reads[page.path]))
        for (page, _), key in zip(job.planned, keys, strict=True)
    }


def _render_in_worker(job: _Job, indices: range) -> tuple[Reads, list[Diagnostic]]:
    return _render_chunk(job, indices, QUIET)


def _render_chunk(job: _Job, indices: range, progress: Progress) -> tuple[Reads, list[Diagnostic]]:
    """Render, check and write the pages at `indices`; stop at a template error."""
    reads: Reads = {}
    diags = Diagnostics()
    try:
        for index in indices:
            progress.pages(index + 1, len(job.planned))
            page = job.planned[index][0]
            text = job.checker.render(page, diags, reads)
            data = text.encode("utf-8") if isinstance(text, str) else text
            where = page.source or Location(job.checker.shown_as / page.path)
            spend(job.budget, page.path, len(data), where, diags)
            write_file(job.stage, page.path, data)
    except ContentErrors:
        pass  # the template problem is in diags
    return reads, diags.items


def _stamp(source: Path) -> tuple[str, Stamp | None]:
    return (str(source), stamp(source))


def _copies(site: Site, renderer: SiteRenderer, output: Path) -> list[tuple[str, Path]]:
    """Return the theme's static files and the content files the site shows, by output path."""
    return [*renderer.static_files(), *_asset_files(site, cache_folder(output))]


def _asset_files(site: Site, cache: Path) -> list[tuple[str, Path]]:
    """Return content/assets/ plus the files stories and notices link (all in assets/: the
    loaders refuse any other), as they are; never a dot-file or a symlink out of assets/.

    Pictures are published as picture_files.make_files writes them (without metadata,
    and in their narrower sizes); a file that is no readable picture, not at all.
    """
    files = ContentFiles(site.content)
    wanted = set(files.assets()[0])
    for story in site.stories:
        wanted.update(story.files)
    for notice in site.notices:
        wanted.update(notice.files)
    pictures = make_files(site.pictures.files, files.root, cache)
    found = [(relative, pictures.get(relative, files.root / relative)) for relative in wanted]
    kept = [(relative, path) for relative, path in found if relative not in site.pictures.withheld]
    sized = [(relative, path) for relative, path in pictures.items() if relative not in wanted]
    return sorted(kept + sized)
