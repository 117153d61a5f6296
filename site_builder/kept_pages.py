"""Pages kept for a later patch: each page that shows a story or a term, pickled with
its stories and terms as references to their places in the site.

A full build of 10,000 stories plans 28,000 pages, most of them lists of stories.
What a later build needs of them is their context with every story replaced by a
reference it can resolve again: the story as it is then, read from the story memo,
or edited. `Keeper` makes those pickles (builtin values only, written without
calling back into Python) and notes which pages hold each story and term;
`kept_page` makes a page of one again.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from site_builder.diagnostics import Location
from site_builder.kinds.stories import Story
from site_builder.kinds.terms import Term
from site_builder.pages import Page
from site_builder.site import Site

Ref = tuple[str, int]
"""A story ("story", place) or a term ("tags" or "categories", place) of the public site."""
STORY_LIST, STORY_TUPLE = "story list", "story tuple"
"""How a kept page marks a context value that is a list (or tuple) of stories: their places."""


class Keeper:
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

        None if it holds none, itself or in a list (no page holds one deeper:
        tests/unit/test_patch.py checks it); raise KeyError for a story or term that
        is not the public site's.
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


def kept_page(form: tuple[Any, ...], resolve: Callable[[Ref], object]) -> Page:
    """Return the page `Keeper.keep` pickled, its references given by `resolve`."""
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


def refs_of(form: tuple[Any, ...]) -> Iterator[Ref]:
    """Yield the references a kept page's context holds."""
    context, where = form[2], form[3]
    for name, how in where:
        if how is None:
            yield context[name]
        elif how in (STORY_LIST, STORY_TUPLE):
            yield from (("story", place) for place in context[name])
        else:
            yield from (context[name][at] for at in how)
