"""The kept pages' index of which page shows which story must see every story a page shows."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from site_builder.diagnostics import Diagnostics
from site_builder.kept_pages import Keeper
from site_builder.kinds.stories import Story
from site_builder.kinds.terms import Term
from site_builder.loading import load
from tests.conftest import REPO, TODAY


def _deep_stories(value: object, seen: set[int]) -> set[int]:
    """Return the ids of every Story reachable from `value`."""
    if id(value) in seen or isinstance(value, (str, bytes, int, float)) or value is None:
        return set()
    seen.add(id(value))
    if isinstance(value, Story):
        return {id(value)}
    found: set[int] = set()
    if isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, (tuple, list, set, frozenset)):
        items = list(value)
    elif dataclasses.is_dataclass(value):
        items = [getattr(value, f.name) for f in dataclasses.fields(value)]
    else:
        return found
    for item in items:
        found |= _deep_stories(item, seen)
    return found


def test_every_story_a_page_shows_is_in_the_index(tmp_path: Path) -> None:
    loaded = load(REPO / "content", TODAY, Diagnostics(), tmp_path / "cache")
    public = loaded.public
    keeper = Keeper(public)
    for page in loaded.pages:
        keeper.keep(page)
    shows = keeper.shows()
    places = {id(story): place for place, story in enumerate(public.stories)}
    terms = [("tags", public.tags), ("categories", public.categories)]
    missing = []
    for page in loaded.pages:
        for story_id in _deep_stories(page.context, set()):
            direct = page.path in shows.get(("story", places[story_id]), ())
            # a story inside a term: the term is indexed, and made again with its stories
            through_term = any(
                page.path in shows.get((kind, place), ())
                and any(id(s) == story_id for s in term.stories)
                for kind, kind_terms in terms
                for place, term in enumerate(kind_terms)
            )
            if not (direct or through_term):
                missing.append(page.path)
    assert not missing
    assert any(
        isinstance(v, Term) or (isinstance(v, tuple) and v and isinstance(v[0], Term))
        for page in loaded.pages
        for v in page.context.values()
    )  # terms are exercised


def test_a_file_is_hashed_only_when_it_is_a_regular_file(tmp_path: Path) -> None:
    from site_builder.cache import file_digest

    regular = tmp_path / "story.md"
    regular.write_text("好人好事", encoding="utf-8")
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)  # reading it would wait for a writer forever
    device = tmp_path / "zero.md"
    device.symlink_to("/dev/zero")  # reading it would never end
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert file_digest(regular) == file_digest(tmp_path / "story.md") is not None
    assert file_digest(pipe) is None
    assert file_digest(device) is None
    assert file_digest(folder) is None
    assert file_digest(tmp_path / "missing.md") is None
