"""Tags and categories: the stories under each; names equal after case folding share a page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from site_builder.kinds.stories import Story
from site_builder.urls import collision_key, tidy_name


@dataclass(frozen=True, slots=True)
class Term:
    """A tag or category and the stories under it."""

    name: str
    """As first written."""
    key: str
    """URL name."""
    stories: tuple[Story, ...]
    """Newest first."""


@lru_cache(maxsize=65536)
def term_fold(name: str) -> str:
    """Return what every spelling of one tag or category shares (its page is one).

    Kept per name: a story page links its twenty tags, and a site has a few hundred.
    """
    return collision_key(tidy_name(name))


def group_terms(stories: tuple[Story, ...], field: str) -> tuple[Term, ...]:
    """Group stories by "tags" or "category"; names equal after case folding share a page."""
    folds: dict[str, str] = {}  # each name written, to its folded URL name (names repeat a lot)
    names: dict[str, str] = {}
    members: dict[str, list[Story]] = {}
    for story in stories:
        values = story.tags if field == "tags" else (story.category,)
        for value in values:
            fold = folds.get(value)
            if fold is None:
                fold = folds[value] = term_fold(value)
            names.setdefault(fold, value)
            chosen = members.setdefault(fold, [])
            if not chosen or chosen[-1] is not story:
                chosen.append(story)
    terms = [Term(names[f], tidy_name(names[f]), tuple(members[f])) for f in names]
    return tuple(sorted(terms, key=lambda t: (-len(t.stories), t.key)))
