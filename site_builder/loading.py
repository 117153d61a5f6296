"""Loading a site: every content file read and validated, the public view made, the
pages planned. The first stages of the build (build.py), and all that `check` runs.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from site_builder.cache import code_version, content_cache
from site_builder.config import SiteConfig, load_config
from site_builder.diagnostics import ContentErrors, Diagnostics
from site_builder.kinds.story_memo import StoryMemo, open_memo, save_memo
from site_builder.pages import Page, check_collisions, plan_site
from site_builder.privacy import hidden_in_names, public_view
from site_builder.site import Site, load_site


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
    kept: StoryMemo | None = None,
    keep_going: bool = False,
) -> Loaded:
    """Read and validate everything and plan the pages; raise ContentErrors on any error
    (with `keep_going`, only when site.yaml cannot be read: the editor's forms offer what
    the rest of the content gives, and each file with an error is left out of it).

    What the stories gave is written to the build cache's story memo before this
    returns or raises; with `memo_later`, when it returns, the caller writes it
    (`keep_memo`: `build` does while its pages render). `kept` is the story memo an
    earlier build of this process left (see story_memo.open_memo).
    """
    config = load_config(content, diags)
    if config is None:
        raise ContentErrors(diags)
    day = today or local_today(config)
    setting = f"{code_version()}|{day}|{config!r}"
    memo = open_memo(_memo_file(cache, content), setting, kept)
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
    if diags.has_errors and not keep_going:
        raise ContentErrors(diags)
    return Loaded(site, public, pages, memo)


def keep_memo(cache: Path, loaded: Loaded) -> None:
    """Write what the stories gave to the build cache (see `load`); again, nothing is new."""
    save_memo(_memo_file(cache, loaded.site.content), loaded.memo)


def memo_file(cache: Path, content: Path) -> Path:
    """Return the story memo's file in the build cache (the patch reads stories from it)."""
    return content_cache(cache, "stories", content, ".sqlite")


def _memo_file(cache: Path | None, content: Path) -> Path | None:
    return memo_file(cache, content) if cache else None


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
