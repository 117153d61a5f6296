"""The build recipe: load → validate → derive → plan → render → stage → swap.

Every check runs before anything is written; a build with errors raises
ContentErrors carrying all of them, and the output folder stays as it was.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from site_builder.assets import ContentFiles
from site_builder.config import SiteConfig, load_config
from site_builder.diagnostics import ContentErrors, Diagnostics, Location
from site_builder.kiosk import kiosk_files
from site_builder.output import check_output_folder, copy_file, staged, write_file
from site_builder.pages import Page, check_collisions, plan_site
from site_builder.privacy import find_leaks, public_view
from site_builder.progress import QUIET, Progress
from site_builder.render import SiteRenderer, TemplateProblem, theme_dirs
from site_builder.site import Site, load_site


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced."""

    site: Site
    """The validated site."""
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


def load(
    content: Path, today: dt.date | None, diags: Diagnostics, cache: Path | None = None
) -> Loaded:
    """Read and validate everything and plan the pages; raise ContentErrors on any error."""
    config = load_config(content, diags)
    if config is None:
        raise ContentErrors(diags)
    with _collector_paused():
        site = load_site(content, config, today or local_today(config), diags, cache)
    public = public_view(site)
    pages = plan_site(public)
    check_collisions(pages, diags)
    if diags.has_errors:
        raise ContentErrors(diags)
    return Loaded(site, public, pages)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while content loads.

    Loading makes millions of small tuples and no cycles; the collector's
    repeated scans over them made a 100,000-line ledger take three times as
    long. Reference counting still frees everything as usual.
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
) -> BuildResult:
    """Build the requested targets of the site in `content` into `output`."""
    templates = content.parent / "templates"
    check_output_folder(output, content, templates if templates.is_dir() else None)
    progress.stage("progress.loading")
    loaded = load(content, today, diags, cache_folder(output))
    renderer = SiteRenderer(loaded.public, theme_dirs(content))
    files: dict[str, int] = {}
    try:
        if "site" in targets:
            with staged(output, "site") as stage:
                files["site"] = write_site(
                    loaded.public, loaded.pages, renderer, stage, diags, progress
                )
                progress.stage("progress.guard")
                guard_privacy(stage, loaded.site, output / "site", diags)
        if "kiosk" in targets:
            progress.stage("progress.kiosk")
            lobby = SiteRenderer(loaded.site, theme_dirs(content))  # names and phones as written
            with staged(output, "kiosk") as stage:
                files["kiosk"] = write_kiosk(lobby, stage, cache_folder(output), diags)
    finally:
        progress.finish()
    return BuildResult(loaded.site, files)


def cache_folder(output: Path) -> Path:
    """Return the build cache: beside the output folder, or $SITE_BUILDER_CACHE if set."""
    chosen = os.environ.get("SITE_BUILDER_CACHE")
    return Path(chosen) if chosen else output.resolve().parent / ".site-builder-cache"


def write_kiosk(renderer: SiteRenderer, stage: Path, cache: Path, diags: Diagnostics) -> int:
    """Write every lobby board into `stage`; return the number of files."""
    try:
        files = kiosk_files(renderer.site, renderer, cache)
    except TemplateProblem as problem:
        diags.error(problem.location, "template.error", detail=problem.detail)
        raise ContentErrors(diags) from problem
    for relative, data in files.items():
        write_file(stage, relative, data)
    return len(files)


def guard_privacy(stage: Path, site: Site, shown_as: Path, diags: Diagnostics) -> None:
    """Fail the build if the staged public site shows a full name or mobile number."""
    for relative, kind, value in find_leaks(stage, site):
        diags.error(Location(shown_as / relative), f"privacy.leaked_{kind}", value=value)
    if diags.has_errors:
        raise ContentErrors(diags)


def write_site(
    site: Site,
    pages: list[Page],
    renderer: SiteRenderer,
    stage: Path,
    diags: Diagnostics,
    progress: Progress = QUIET,
) -> int:
    """Render every page and copy every asset into `stage`; return the number of files."""
    for done, page in enumerate(pages, start=1):
        progress.pages(done, len(pages))
        try:
            text = renderer.render(page)
        except TemplateProblem as problem:
            diags.error(problem.location, "template.error", detail=problem.detail)
            raise ContentErrors(diags) from problem
        write_file(stage, page.path, text)
    copies = [*renderer.static_files(), *_asset_files(site)]
    for relative, source in copies:
        copy_file(stage, relative, source)
    return len(pages) + len(copies)


def _asset_files(site: Site) -> list[tuple[str, Path]]:
    """Return content/assets/ plus other content files stories and notices link, as they are."""
    files = ContentFiles(site.content)
    wanted = set(files.walk("assets"))
    for story in site.stories:
        wanted.update(story.files)
    for notice in site.notices:
        wanted.update(notice.files)
    return [(relative, files.root / relative) for relative in sorted(wanted)]
