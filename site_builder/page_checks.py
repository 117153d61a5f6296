"""The checks every page and copied file of the public site passes before it is written.

A page is rendered with its globals recorded (page_keys.py), and it must be no bigger
than `MAX_PAGE_BYTES`, show no protected name or mobile number (leak_guard.LeakGuard), in
its text or in its path, and link only to what exists (links.LinkChecker). What a target
writes in all is counted against budget.MAX_OUTPUT_BYTES.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder.budget import Budget
from site_builder.diagnostics import ContentErrors, Diagnostics, Location
from site_builder.leak_guard import LeakGuard
from site_builder.links import LinkChecker
from site_builder.page_keys import recording, relevant
from site_builder.pages import Page
from site_builder.render import SiteRenderer, TemplateProblem

Reads = dict[str, tuple[str, ...]]
"""Each rendered page's output path: the globals it read."""


@dataclass(frozen=True, slots=True)
class PageChecker:
    """Renders the pages of one build of the public site, and checks them and its copies."""

    renderer: SiteRenderer
    guard: LeakGuard
    links: LinkChecker
    shown_as: Path
    """Where the output is published (output/site/), as messages name it."""

    def render(self, page: Page, diags: Diagnostics, reads: Reads) -> str | bytes:
        """Render one page, check its size, guard it and link-check it; return its text.

        The globals it read go in `reads`. Its story cards reach the link checker as
        marks, each card read once (SiteRenderer.render_marked). A problem is reported
        in `diags`, and stops the build (ContentErrors) when the page cannot be made.
        """
        try:
            with recording() as names:
                text, marked, cards = self.renderer.render_marked(page)
        except TemplateProblem as problem:
            diags.error(problem.location, "template.error", detail=problem.detail)
            raise ContentErrors(diags) from problem
        reads[page.path] = relevant(names, self.renderer.env)
        if len(text) * 3 > MAX_PAGE_BYTES and size_of(text) > MAX_PAGE_BYTES:  # 3 bytes a char
            where = page.source or Location(self.shown_as / page.path)
            size, limit = _megabytes(size_of(text)), _megabytes(MAX_PAGE_BYTES)
            diags.error(where, "output.page_too_big", page=page.path, size=size, limit=limit)
            raise ContentErrors(diags)
        guard_page(self.guard, page.path, text, self.shown_as, diags)
        source = page.source.path if page.source else None
        guard_path(self.guard, page.path, source, self.shown_as, diags)
        check_links(self.links, page.path, marked, page.source, self.shown_as, diags, cards)
        return text

    def copy(self, relative: str, data: bytes, source: Path, diags: Diagnostics) -> None:
        """Check a file copied as it is (a theme file, a file of content/assets/)."""
        check_links(self.links, relative, data, None, self.shown_as, diags)
        for _path, kind, value in self.guard.scan(relative, data):
            diags.error(Location(source), f"asset.leaked_{kind}", value=value)
        guard_path(self.guard, relative, source, self.shown_as, diags)


MAX_PAGE_BYTES = 64 * 2**20
"""No page may be bigger: the sample's biggest is 100 KB. A long text shown on many days or
cards would otherwise fill the disk (a 3 MB event title repeated daily wrote 3 GB)."""


def spend(budget: Budget, relative: str, size: int, where: Location, diags: Diagnostics) -> None:
    """Count an output file against the build's bound; past it, report it and stop."""
    if not budget.spend(size):
        total, limit = _megabytes(budget.spent), _megabytes(budget.limit)
        diags.error(where, "output.too_much", page=relative, size=total, limit=limit)
        raise ContentErrors(diags)


def size_of(text: str | bytes) -> int:
    """Return the bytes `text` makes in UTF-8."""
    return len(text.encode("utf-8") if isinstance(text, str) else text)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.2f}".rstrip("0").rstrip(".")


def guard_page(
    guard: LeakGuard, relative: str, data: str | bytes, shown_as: Path, diags: Diagnostics
) -> None:
    """Report a public file that shows a full name or a mobile number (the build stops)."""
    for path, kind, value in guard.scan(relative, data):
        diags.error(Location(shown_as / path), f"privacy.leaked_{kind}", value=value)


def guard_path(
    guard: LeakGuard, relative: str, source: Path | None, shown_as: Path, diags: Diagnostics
) -> None:
    """Report an output path (a URL) that carries a full name or a mobile number.

    The path comes from the content file's name (or a story's slug), so the error names
    that file, `source`; a page made from no one file is named by its output path.
    """
    for kind, value in guard.scan_path(relative):
        where = Location(source) if source else Location(shown_as / relative)
        diags.error(where, f"privacy.path_{kind}", value=value, path=relative)


def site_links(existing: Collection[str], base_url: str | None) -> LinkChecker:
    """Return the public site's link checker: `existing` are its pages and copied files."""
    return LinkChecker(existing, other_hosts=True, base_url=base_url)


def check_links(
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
