"""Link marks: the parts many pages share (story cards, the masthead), rendered once.

A page's shared parts reach the link checker as marks (links.mark), each part's
references read once per build rather than on every page that shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

import jinja2
from markupsafe import Markup

from site_builder.kinds.stories import Story
from site_builder.kinds.terms import term_fold
from site_builder.link_references import mark
from site_builder.page_keys import note_reads, recording
from site_builder.urls import folders_of, relative_url

Remembered = tuple[object, Markup, frozenset[str]]
"""A shared part as rendered: what it shows (a story), its HTML, and the globals it read."""


@lru_cache(maxsize=256)
def _mark(number: int) -> Markup:
    return Markup(mark(number))


class SharedParts:
    """The shared parts of a SiteRenderer's pages: each rendered once where it reads the same."""

    _cards: dict[tuple[object, ...], Remembered]
    """Story cards already rendered: by story and the links they hold (see _card)."""
    _marking: list[Markup] | None
    """The shared parts of the page being rendered by render_marked, marked in its text."""
    _linked: dict[int, tuple[Story, tuple[str, str, str], frozenset[str]]]
    """Each story's card links (page, cover, category) and their top folders (see _card)."""
    _mastheads: dict[tuple[object, ...], Remembered]
    """Mastheads already rendered, by where the page is (see _masthead)."""
    _place: tuple[str, int, str]
    """The page a shared part was last rendered for: its path, depth and top folder."""
    _cards_shared: bool
    """Whether the theme's story card is the default theme's (then cards are shared)."""
    _masthead_shared: bool
    """Whether the theme's masthead is the default theme's (then mastheads are shared)."""
    _term_paths: dict[tuple[str, str], str]
    """Each tag's and category's page, by kind and folded name (set by SiteRenderer.use)."""

    @jinja2.pass_context
    def _card(
        self, context: jinja2.runtime.Context, story: Story, card: Callable[[Story], Markup]
    ) -> Markup:
        """Return `card(story)`, rendered once for all the pages whose links in it read the same.

        A story's card is on some twenty list pages (its tags, its category, the story
        list). The default theme's card shows the story and links to its page, its cover
        and its category, all else being the same across the site; pages from where those
        links read alike share one rendering. The globals the card read are noted for the
        page as if it had rendered it. A site with its own macros.html renders every card.
        """
        if not self._cards_shared:
            return card(story)
        return self._card_on(context["page_path"], story, card)

    @jinja2.pass_context
    def _card_list(
        self,
        context: jinja2.runtime.Context,
        stories: Iterable[Story],
        card: Callable[[Story], Markup],
    ) -> Markup:
        """Return each story's card, one after another: `remembered_card` for a whole list.

        (One call from the template instead of one per card: a list page shows twelve.)
        """
        if not self._cards_shared:
            return Markup("").join(card(story) for story in stories)
        page = context["page_path"]
        return Markup("").join([self._card_on(page, story, card) for story in stories])

    def _card_on(self, page: str, story: Story, card: Callable[[Story], Markup]) -> Markup:
        """Return the card of `story` on output path `page`, shared where it reads the same."""
        depth, top = self._where(page)
        linked = self._linked.get(id(story))
        if linked is None or linked[0] is not story:
            targets = (story.url, story.cover or "", self._term_url("categories", story.category))
            tops = frozenset(target.split("/")[0] for target in targets if "/" in target)
            linked = self._linked[id(story)] = (story, targets, tops)
        kind = getattr(card, "name", "")  # the theme's macro: a list's card, or a section's
        if top not in linked[2]:  # each link: climb to the top, then the target
            key: tuple[object, ...] = (id(story), kind, depth)
        else:
            key = (id(story), kind, *(relative_url(t, page) if t else "" for t in linked[1]))
        return self._remember(self._cards, key, lambda: card(story), story)

    @jinja2.pass_context
    def _masthead(self, context: jinja2.runtime.Context, masthead: Callable[[], Markup]) -> Markup:
        """Return `masthead()`, rendered once for all the pages it reads the same on.

        The default theme's masthead links the home page and each section's index
        (`index.html`, `notices/index.html`...) and marks the page's own section: from
        pages as deep in the same top folder, the links read alike, and the home page
        is the only page at the top marked as home. A site with its own base.html
        renders its masthead on every page.
        """
        if not self._masthead_shared:
            return masthead()
        page = context["page_path"]
        key = (*self._where(page), page == "index.html")
        return self._remember(self._mastheads, key, masthead)

    def _remember(
        self,
        kept: dict[tuple[object, ...], Remembered],
        key: tuple[object, ...],
        render: Callable[[], Markup],
        shown: object = None,
    ) -> Markup:
        """Return the part kept under `key` (for `shown`), or render and keep it.

        The globals it read are noted for the page as if it had rendered it.
        """
        known = kept.get(key)
        if known is not None and known[0] is shown:
            note_reads(known[2])
            html = known[1]
        else:
            with recording() as names:
                html = render()
            note_reads(names)
            kept[key] = (shown, html, frozenset(names))
        return self._shared(html)

    def _where(self, page: str) -> tuple[int, str]:
        """Return the depth of output path `page` and its top folder ("" at the top)."""
        if page != self._place[0]:
            folders = folders_of(page)
            self._place = (page, len(folders), folders[0] if folders else "")
        return self._place[1], self._place[2]

    def _shared(self, html: Markup) -> Markup:
        """Return a shared part of the page, as a mark when render_marked asks for them."""
        if self._marking is None:
            return html
        self._marking.append(html)
        return _mark(len(self._marking) - 1)

    def _term_url(self, kind: str, name: str) -> str:
        return self._term_paths[(kind, term_fold(name))]
