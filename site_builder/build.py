"""The build recipe: load → validate → derive → plan → render → stage → swap.

Every check runs before anything is written; a build with errors raises
ContentErrors carrying all of them, and the output folder stays as it was.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from site_builder.assets import ContentFiles
from site_builder.cache import Stamp, code_version, content_cache, settled, stamp
from site_builder.config import SiteConfig, load_config
from site_builder.diagnostics import ContentErrors, Diagnostic, Diagnostics, Location
from site_builder.incremental import PageKeys, recording, relevant
from site_builder.kinds.stories import StoryMemo, open_memo, save_memo
from site_builder.leak_guard import LeakGuard
from site_builder.links import LinkChecker
from site_builder.output import (
    JOURNAL,
    LiveFolderChanged,
    Publication,
    Published,
    check_output_folder,
    check_real_folders,
    claim,
    read_published,
    staged,
    update_in_place,
    write_file,
    write_published,
)
from site_builder.pages import Page, check_collisions, plan_site
from site_builder.privacy import hidden_in_names, public_view
from site_builder.progress import QUIET, Progress
from site_builder.render import SiteRenderer, TemplateProblem, theme_dirs
from site_builder.site import Site, load_site
from site_builder.workers import forked_map, forking

PageRecord = dict[str, tuple[str, tuple[str, ...], str]]
"""Each page's output path: its page key, the globals it read, its full key."""
Reads = dict[str, tuple[str, ...]]
"""Each rendered page's output path: the globals it read."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced."""

    files: dict[str, int]
    """Files written per target."""


def local_today(config: SiteConfig) -> dt.date:
    """Return today's date in the site's time zone."""
    return dt.datetime.now(config.zone).date()


@dataclass(frozen=True, slots=True)
class Loaded:
    """A validated site, its public view and the public site's page plan."""

    site: Site
    """Everything as written (the kiosk shows this)."""
    public: Site
    """The same with privacy applied (the public website shows this)."""
    pages: list[Page]
    """The public website's pages."""
    memo: StoryMemo
    """What each story file gave (kept in memory between the builds of one process)."""


def load(
    content: Path,
    today: dt.date | None,
    diags: Diagnostics,
    cache: Path | None = None,
    *,
    memo_later: bool = False,
) -> Loaded:
    """Read and validate everything and plan the pages; raise ContentErrors on any error.

    What the stories gave is written to the build cache's story memo before this
    returns or raises; with `memo_later`, when it returns, the caller writes it
    (`keep_memo`: `build` does while its pages render).
    """
    config = load_config(content, diags)
    if config is None:
        raise ContentErrors(diags)
    day = today or local_today(config)
    memo = open_memo(_memo_file(cache, content), f"{code_version()}|{day}|{config!r}")
    with collector_paused():
        site = load_site(content, config, day, diags, cache, memo)
        public = public_view(site, memo.public)
    if config.privacy.names != "full":
        for where, name, hidden in hidden_in_names(site):
            diags.error(where, "privacy.hidden_in_name", value=name, hidden=hidden)
    pages = plan_site(public)
    check_collisions(pages, diags)
    if diags.has_errors or not memo_later:
        save_memo(_memo_file(cache, content), memo)
    if diags.has_errors:
        raise ContentErrors(diags)
    return Loaded(site, public, pages, memo)


def keep_memo(cache: Path, loaded: Loaded) -> None:
    """Write what the stories gave to the build cache (see `load`); again, nothing is new."""
    save_memo(_memo_file(cache, loaded.site.content), loaded.memo)


def _memo_file(cache: Path | None, content: Path) -> Path | None:
    return content_cache(cache, "stories", content, ".sqlite") if cache else None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while content loads, or a whole build runs.

    Loading makes millions of small tuples and no cycles; the collector's
    repeated scans over them made a 100,000-line ledger take three times as
    long. Once a big site is loaded, each full pass over it costs a fifth of a
    second, and planning the pages alone set off one. Reference counting still
    frees everything as usual; the cycles a build leaves are collected after it,
    and pages rendered here (not in workers) free theirs after each chunk.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(
    content: Path,
    output: Path,
    targets: tuple[str, ...],
    today: dt.date | None,
    diags: Diagnostics,
    progress: Progress = QUIET,
    hold: bool = False,
) -> BuildResult:
    """Build the requested targets of the site in `content` into `output`.

    With `hold` (serve), the public site's build is kept in memory, and the next
    build of the site alone patches it when only a few stories were edited. Without
    it, a build of the site alone patches from the base the last full build left in
    the build cache (resume.py), under the same conditions.
    """
    from site_builder import patch, resume

    templates = content.parent / "templates"
    check_output_folder(output, content, templates if templates.is_dir() else None)
    held = patch.HELD.pop((content, output), None)
    if held is not None and targets == ("site",):
        count = held.apply(today, diags)
        if count is not None:
            patch.HELD[(content, output)] = held
            return BuildResult({"site": count})
    elif not hold and targets == ("site",):
        count = resume.apply(content, output, today, diags)
        if count is not None:
            return BuildResult({"site": count})
    progress.stage("progress.loading")
    # both targets are staged in full before either is swapped in: a board that fails
    # (a content error only it sees, a full disk) leaves the public site as it was
    together = Publication.of(output) if len(targets) > 1 else None
    with collector_paused():
        inputs = patch.Inputs.take(content, theme_dirs(content)) if "site" in targets else None
        loaded = load(content, today, diags, cache_folder(output), memo_later=True)
        files: dict[str, int] = {}
        written: Written | None = None
        try:
            renderer = SiteRenderer(loaded.public, theme_dirs(content), compiled_templates(output))
            if "site" in targets and inputs is not None:
                # while the pages render: the story memo is written, and the base of
                # later CLI builds prepared
                prepared: list[resume.Prepared | None] = []
                site_inputs = inputs  # (not None, for the closure)

                def meanwhile() -> None:
                    keep_memo(cache_folder(output), loaded)
                    prepared.append(resume.prepare(content, site_inputs, loaded))

                written = write_site(loaded, renderer, output, diags, progress, meanwhile, together)
                files["site"] = written.files
            if "kiosk" in targets:
                progress.stage("progress.kiosk")
                # names and phones as written
                lobby = SiteRenderer(loaded.site, theme_dirs(content), compiled_templates(output))
                with staged(output, "kiosk", together) as stage:
                    files["kiosk"] = write_kiosk(lobby, stage, cache_folder(output), diags)
            if together is not None:
                together.publish()
            if written is not None and inputs is not None:  # output/site/ is live: note it
                base = resume.save(
                    cache_folder(output), content, output, inputs, loaded, prepared[0],
                    written.writer.guard, diags.items,
                )  # fmt: skip
                if hold:
                    patch.HELD[(content, output)] = patch.Held(
                        content, output, inputs, loaded, renderer, written, diags.items.copy(), base
                    )
        finally:
            if together is not None:
                together.discard()
            keep_memo(cache_folder(output), loaded)  # unless it was
            progress.finish()
        return BuildResult(files)


def cache_folder(output: Path) -> Path:
    """Return the build cache: beside the output folder, or $SITE_BUILDER_CACHE if set."""
    chosen = os.environ.get("SITE_BUILDER_CACHE")
    return Path(chosen) if chosen else output.resolve().parent / ".site-builder-cache"


def compiled_templates(output: Path) -> Path:
    """Return where the build cache keeps compiled templates."""
    return cache_folder(output) / "templates"


def write_kiosk(renderer: SiteRenderer, stage: Path, cache: Path, diags: Diagnostics) -> int:
    """Write every lobby board into `stage`; return the number of files."""
    from site_builder.kiosk import kiosk_files  # only kiosk builds need it (and its QR codes)

    try:
        files = kiosk_files(renderer.site, renderer, cache)
    except TemplateProblem as problem:
        diags.error(problem.location, "template.error", detail=problem.detail)
        raise ContentErrors(diags) from problem
    links = LinkChecker(files.keys(), other_hosts=False)  # the board runs offline, untouched
    shown_as = stage.parent / "kiosk"
    for relative, data in files.items():
        for broken in links.check(relative, data):
            where = board_source(renderer.site, broken.reference) or Location(shown_as / relative)
            page = (shown_as / relative).as_posix()
            diags.error(where, f"links.{broken.reason}", page=page, reference=broken.reference)
    if diags.has_errors:
        raise ContentErrors(diags)
    for relative, data in files.items():
        write_file(stage, relative, data)
    return len(files)


def board_source(site: Site, reference: str) -> Location | None:
    """Return the line of a story or notice that wrote `reference`, or None if none did.

    A reference only the board refuses (another host, on a screen that must stay
    offline) came from the content when a story or notice holds it: the volunteer
    is sent to that line, not to the board's output file.
    """
    written = {reference, html.unescape(reference)}
    files = {story.source.path for story in site.stories}
    files.update(notice.source.path for notice in site.notices)
    for path in sorted(files):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for form in written:
                column = line.find(form)
                if column >= 0:
                    return Location(path, number, column + 1)
    return None


@dataclass(frozen=True, slots=True)
class Written:
    """What writing the public site did, and what a patch of it starts from."""

    files: int
    """Files output/site/ has."""
    writer: _SiteWriter
    """The pages, keys, guard and copies of the build."""
    published: Published
    """The record of output/site/ the build left."""


def write_site(
    loaded: Loaded,
    renderer: SiteRenderer,
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
    keys = PageKeys(loaded.public, renderer.env, renderer.dirs, renderer.hidden_inputs())
    mobiles = content_cache(cache_folder(output), "mobiles", loaded.site.content, ".pickle")
    guard = LeakGuard(loaded.site, mobiles, loaded.memo.numbers)
    published = read_published(output, "site")
    comparable = published is not None and published.guard == guard.key
    # with nothing to compare against, each page is keyed by the worker that renders it
    planned = [(page, keys.page_key(page) if comparable else "") for page in loaded.pages]
    copies = {relative: source for relative, source in _copies(loaded.public, renderer)}
    writer = _SiteWriter(loaded, renderer, output, diags, progress, keys, guard, planned, copies)
    if published is not None and comparable:
        fresh = [(page, key) for page, key in planned if not _unchanged(published, page, key, keys)]
        if len(fresh) <= len(planned) // 2:
            meanwhile()
            try:
                return Written(writer.files, writer, writer.update(fresh, published, together))
            except LiveFolderChanged:  # a link planted in output/site/: replace it all
                return Written(writer.files, writer, writer.rebuild(together=together))
    return Written(writer.files, writer, writer.rebuild(meanwhile, together))


def _unchanged(published: Published, page: Page, key: str, keys: PageKeys) -> bool:
    before = published.pages.get(page.path)
    return before is not None and before[0] == key and keys.full_key(key, before[1]) == before[2]


@dataclass(frozen=True, slots=True)
class _SiteWriter:
    """One build of the public site: what it renders, and the checks every page passes."""

    loaded: Loaded
    renderer: SiteRenderer
    output: Path
    diags: Diagnostics
    progress: Progress
    keys: PageKeys
    guard: LeakGuard
    planned: list[tuple[Page, str]]
    copies: dict[str, Path]

    @property
    def live(self) -> Path:
        """Return output/site/, where the pages are published (and named in messages)."""
        return self.output / "site"

    @property
    def files(self) -> int:
        """Return how many files the site has."""
        return len(self.planned) + len(self.copies)

    def rebuild(
        self, meanwhile: Callable[[], None] = lambda: None, together: Publication | None = None
    ) -> Published:
        """Render every page into a staging folder, check everything, swap it in.

        `meanwhile` is called once, while the pages render; `together` publishes
        the staged folder with the other targets (see write_site).
        """
        links = _site_links(self.loaded, self.planned, self.copies)
        with staged(self.output, "site", together) as stage:
            job = _Job(
                self.renderer,
                self.keys,
                self.guard,
                links,
                self.planned,
                stage,
                self.live,
            )
            record = _render_all(job, self.diags, self.progress, meanwhile)
            self.planned[:] = [(page, record[page.path][0]) for page, _key in self.planned]
            self.progress.stage("progress.guard")
            stamps = {}
            for relative, source in self.copies.items():
                stamps[relative] = _stamp(source)  # before reading: a later edit is seen next time
                data = source.read_bytes()
                _check_links(links, relative, data, None, self.live, self.diags)
                _guard_copy(self.guard, relative, data, source, self.diags)
                _guard_path(self.guard, relative, source, self.live, self.diags)
                write_file(stage, relative, data)
            if self.diags.has_errors:
                raise ContentErrors(self.diags)
            # recorded before the swap: a build killed right after it leaves a record of
            # this folder, one killed right before leaves a record that matches no folder
            published = Published(stage.stat().st_ino, record, stamps, self.guard.key)
            write_published(self.output, "site", published)
        (self.output / (JOURNAL + "site")).unlink(missing_ok=True)
        return published

    def render_checked(
        self, fresh: list[tuple[Page, str]], record: PageRecord, links: LinkChecker
    ) -> dict[str, bytes]:
        """Render the `fresh` pages in memory, noting their keys in `record`, and check them."""
        writes: dict[str, bytes] = {}
        reads: Reads = {}
        for done, (page, key) in enumerate(fresh, start=1):
            self.progress.pages(done, len(fresh))
            text = _render_checked(self, links, page, self.live, self.diags, reads)
            record[page.path] = (key, reads[page.path], self.keys.full_key(key, reads[page.path]))
            data = text.encode("utf-8") if isinstance(text, str) else text
            writes[page.path] = data
        return writes

    def update(
        self, fresh: list[tuple[Page, str]], published: Published, together: Publication | None
    ) -> Published:
        """Render the `fresh` pages in memory, check them, and update the live folder.

        With `together`, the update is left to it (after a check that it can be made).
        """
        links = _site_links(self.loaded, self.planned, self.copies)
        record = dict(published.pages)
        writes = self.render_checked(fresh, record, links)
        stamps = {}
        for relative, source in self.copies.items():
            stamps[relative] = _stamp(source)
            now = stamps[relative][1]
            racy = now is None or not settled(now, published.written_at)
            if racy or published.copies.get(relative) != stamps[relative]:
                writes[relative] = source.read_bytes()
                _check_links(links, relative, writes[relative], None, self.live, self.diags)
                _guard_copy(self.guard, relative, writes[relative], source, self.diags)
                _guard_path(self.guard, relative, source, self.live, self.diags)
        if self.diags.has_errors:
            raise ContentErrors(self.diags)
        paths = {page.path for page, _ in self.planned} | self.copies.keys()
        removed = (published.pages.keys() | published.copies.keys()) - paths
        for gone in removed:
            record.pop(gone, None)
        updated = Published(published.folder, record, stamps, self.guard.key)
        if (writes or removed) and together is not None:
            check_real_folders(self.live, [*writes, *removed])  # else: LiveFolderChanged now
            together.update = ("site", writes, removed, updated)
            return updated
        if writes or removed:
            claim(self.output)
            update_in_place(self.output, "site", writes, removed, updated)
            return updated
        return published


@dataclass(frozen=True, slots=True)
class _Job:
    """Everything rendering the whole public site into a staging folder needs."""

    renderer: SiteRenderer
    keys: PageKeys
    guard: LeakGuard
    links: LinkChecker
    planned: list[tuple[Page, str]]
    stage: Path
    shown_as: Path


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
            text = _render_checked(job, job.links, page, job.shown_as, diags, reads)
            write_file(job.stage, page.path, text)
    except ContentErrors:
        pass  # the template problem is in diags
    return reads, diags.items


def _render_checked(
    by: _SiteWriter | _Job,
    links: LinkChecker,
    page: Page,
    shown_as: Path,
    diags: Diagnostics,
    reads: Reads,
) -> str | bytes:
    """Render one page with `by`'s renderer, guard and link-check it; return its text.

    The globals it read go in `reads`. Its story cards reach the link checker as
    marks, each card read once (SiteRenderer.render_marked).
    """
    try:
        with recording() as names:
            text, marked, cards = by.renderer.render_marked(page)
    except TemplateProblem as problem:
        diags.error(problem.location, "template.error", detail=problem.detail)
        raise ContentErrors(diags) from problem
    reads[page.path] = relevant(names, by.renderer.env)
    if len(text) * 3 > MAX_PAGE_BYTES and _size(text) > MAX_PAGE_BYTES:  # 3 bytes per character
        where = page.source or Location(shown_as / page.path)
        size, limit = _megabytes(_size(text)), _megabytes(MAX_PAGE_BYTES)
        diags.error(where, "output.page_too_big", page=page.path, size=size, limit=limit)
        raise ContentErrors(diags)
    _guard(by.guard, page.path, text, shown_as, diags)
    _guard_path(by.guard, page.path, page.source.path if page.source else None, shown_as, diags)
    _check_links(links, page.path, marked, page.source, shown_as, diags, cards)
    return text


MAX_PAGE_BYTES = 64 * 2**20
"""No page may be bigger: the sample's biggest is 100 KB. A long text shown on many days or
cards would otherwise fill the disk (a 3 MB event title repeated daily wrote 3 GB)."""


def _size(text: str | bytes) -> int:
    return len(text.encode("utf-8") if isinstance(text, str) else text)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.2f}".rstrip("0").rstrip(".")


def _guard(
    guard: LeakGuard, relative: str, data: str | bytes, shown_as: Path, diags: Diagnostics
) -> None:
    """Report a public file that shows a full name or a mobile number (the build stops)."""
    for path, kind, value in guard.scan(relative, data):
        diags.error(Location(shown_as / path), f"privacy.leaked_{kind}", value=value)


def _guard_copy(
    guard: LeakGuard, relative: str, data: bytes, source: Path, diags: Diagnostics
) -> None:
    """Report a file copied as it is that shows a full name or a mobile number, at its source
    (a data file in content/assets/, or a theme file)."""
    for _path, kind, value in guard.scan(relative, data):
        diags.error(Location(source), f"asset.leaked_{kind}", value=value)


def _guard_path(
    guard: LeakGuard, relative: str, source: Path | None, shown_as: Path, diags: Diagnostics
) -> None:
    """Report an output path (a URL) that carries a full name or a mobile number.

    The path comes from the content file's name (or a story's slug), so the error names
    that file, `source`; a page made from no one file is named by its output path.
    """
    for kind, value in guard.scan_path(relative):
        where = Location(source) if source else Location(shown_as / relative)
        diags.error(where, f"privacy.path_{kind}", value=value, path=relative)


def _site_links(
    loaded: Loaded, planned: list[tuple[Page, str]], copies: dict[str, Path]
) -> LinkChecker:
    """Return the public site's link checker: every page and copied file of this build."""
    existing = {page.path for page, _ in planned} | copies.keys()
    return LinkChecker(existing, other_hosts=True, base_url=loaded.public.config.base_url)


def _check_links(
    links: LinkChecker,
    relative: str,
    data: str | bytes,
    source: Location | None,
    shown_as: Path,
    diags: Diagnostics,
    cards: Sequence[str] = (),
) -> None:
    """Report each link or asset reference of one output file that would not work.

    Links written in content were checked at their line while loading; what is left
    here comes from templates, and is reported at the content file the page shows
    (when it has one) or at the output file. `data` may hold marks for `cards`.
    """
    for broken in links.check(relative, data, cards):
        where = source or Location(shown_as / relative)
        page = (shown_as / relative).as_posix()
        diags.error(where, f"links.{broken.reason}", page=page, reference=broken.reference)


def _stamp(source: Path) -> tuple[str, Stamp | None]:
    return (str(source), stamp(source))


def _copies(site: Site, renderer: SiteRenderer) -> list[tuple[str, Path]]:
    """Return the theme's static files and the content files the site shows, by output path."""
    return [*renderer.static_files(), *_asset_files(site)]


def _asset_files(site: Site) -> list[tuple[str, Path]]:
    """Return content/assets/ plus the files stories and notices link (all in assets/: the
    loaders refuse any other), as they are; never a dot-file or a symlink out of assets/."""
    files = ContentFiles(site.content)
    wanted = set(files.assets()[0])
    for story in site.stories:
        wanted.update(story.files)
    for notice in site.notices:
        wanted.update(notice.files)
    return [(relative, files.root / relative) for relative in sorted(wanted)]
