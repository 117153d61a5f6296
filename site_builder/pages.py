"""The URL plan: every page the public site will have, decided before anything renders.

Each `Page` names its output path, its template and the data it shows. Two
pages that would land on the same file are reported here (Zola's
find_path_collisions), so rendering never overwrites one page with another.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from site_builder.diagnostics import Diagnostics, Location
from site_builder.kinds.stories import Story, Term
from site_builder.site import Site
from site_builder.urls import collision_key

PER_PAGE = 12
"""Stories per list page."""
HOME_STORIES = 6
"""Stories on the home page."""
FEED_ENTRIES = 20
"""Entries in feed.xml."""


@dataclass(frozen=True, slots=True)
class Page:
    """One output file of the public site."""

    path: str
    """Output path with / separators, e.g. stories/xingfu-dianti/index.html."""
    template: str
    """Template file name in the theme."""
    context: dict[str, Any] = field(default_factory=dict)
    """What the template shows, beyond the site-wide globals."""
    source: Location | None = None
    """The content file the page comes from, for collision messages."""
    in_sitemap: bool = True
    """Whether sitemap.xml lists it."""


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a list page sits among its siblings."""

    number: int
    """1-based page number."""
    count: int
    """How many pages the list has."""
    paths: tuple[str, ...]
    """Output path of every page of the list, in order."""

    @property
    def previous(self) -> str | None:
        """Return the previous page's path, or None on the first."""
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """Return the next page's path, or None on the last."""
        return self.paths[self.number] if self.number < self.count else None


def plan_site(site: Site) -> list[Page]:
    """Return every page of the public site, in a stable order."""
    pages = [Page("index.html", "index.html", {"stories": site.stories[:HOME_STORIES]})]
    pages += paginate("stories/", site.stories, "story_list.html", {"heading": None})
    pages += [story_page(site, story) for story in site.stories]
    pages += term_pages("tags", site.tags)
    pages += term_pages("categories", site.categories)
    pages += [
        Page("404.html", "404.html", in_sitemap=False),
        Page("feed.xml", "feed.xml", {"stories": site.stories[:FEED_ENTRIES]}, in_sitemap=False),
        Page("robots.txt", "robots.txt", in_sitemap=False),
    ]
    if site.config.base_url:
        listed = tuple(p.path for p in pages if p.in_sitemap)
        pages.append(Page("sitemap.xml", "sitemap.xml", {"paths": listed}, in_sitemap=False))
    return pages


def story_page(site: Site, story: Story) -> Page:
    """Return a story's page, with its neighbours in date order for "previous / next" links."""
    index = site.stories.index(story)
    newer = site.stories[index - 1] if index > 0 else None
    older = site.stories[index + 1] if index + 1 < len(site.stories) else None
    context = {"story": story, "newer": newer, "older": older}
    return Page(story.url, "story.html", context, source=story.source)


def term_pages(kind: str, terms: tuple[Term, ...]) -> list[Page]:
    """Return the index of all tags (or categories) and one paginated list per term."""
    pages = [Page(f"{kind}/index.html", "terms.html", {"kind": kind, "terms": terms})]
    for term in terms:
        context = {"heading": term.name, "kind": kind}
        source = term.stories[0].source
        pages += paginate(f"{kind}/{term.key}/", term.stories, "story_list.html", context, source)
    return pages


def paginate(
    base: str,
    stories: Sequence[Story],
    template: str,
    context: dict[str, Any],
    source: Location | None = None,
) -> list[Page]:
    """Split `stories` into list pages: base/index.html, base/page/2/index.html, ..."""
    count = max(1, math.ceil(len(stories) / PER_PAGE))
    paths = tuple(
        f"{base}index.html" if n == 1 else f"{base}page/{n}/index.html" for n in range(1, count + 1)
    )
    return [
        Page(
            paths[n - 1],
            template,
            {
                **context,
                "stories": stories[(n - 1) * PER_PAGE : n * PER_PAGE],
                "pager": Pager(n, count, paths),
                "total": len(stories),
            },
            source=source,
        )
        for n in range(1, count + 1)
    ]


def check_collisions(pages: list[Page], diags: Diagnostics) -> None:
    """Report two pages that would be written to the same file (case and Unicode folded)."""
    seen: dict[str, Page] = {}
    for page in pages:
        key = collision_key(page.path)
        first = seen.setdefault(key, page)
        if first is page:
            continue
        where = page.source or first.source
        if where is None:
            raise AssertionError(f"two built-in pages share {page.path}")
        diags.error(
            where,
            "output.collision",
            path=page.path,
            first=_describe(first),
            second=_describe(page),
        )


def _describe(page: Page) -> str:
    return page.source.path.name if page.source else page.template
