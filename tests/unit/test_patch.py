"""The patch path's index of which page shows which story must see every story a page shows."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from site_builder.build import load
from site_builder.diagnostics import Diagnostics
from site_builder.kinds.stories import Story
from site_builder.kinds.terms import Term
from site_builder.patch import _replaced, _shows
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
    planned = [(page, "") for page in loaded.pages]
    shows = _shows(planned)
    terms = {id(t): t for t in (*loaded.public.tags, *loaded.public.categories)}
    missing = []
    for index, (page, _key) in enumerate(planned):
        for story_id in _deep_stories(page.context, set()):
            direct = index in shows.get(story_id, ())
            # a story inside a term: the term is indexed, and swapped with its stories
            through_term = any(
                index in shows.get(term_id, ()) and any(id(s) == story_id for s in term.stories)
                for term_id, term in terms.items()
            )
            if not (direct or through_term):
                missing.append(page.path)
    assert not missing
    assert any(
        isinstance(v, Term) or (isinstance(v, tuple) and v and isinstance(v[0], Term))
        for page in loaded.pages
        for v in page.context.values()
    )  # terms are exercised


def test_a_swapped_story_keeps_its_place_in_every_list(tmp_path: Path) -> None:
    loaded = load(REPO / "content", TODAY, Diagnostics(), tmp_path / "cache")
    stories = loaded.site.stories
    for at in (0, len(stories) // 2, len(stories) - 1):
        new = dataclasses.replace(stories[at], title="新标题")
        swapped = _replaced(stories, {id(stories[at]): new})
        assert swapped[at] is new
        assert [s for i, s in enumerate(swapped) if i != at] == [
            s for i, s in enumerate(stories) if i != at
        ]


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
