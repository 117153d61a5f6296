"""Page keys: digests of values, equal for equal values and different otherwise."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from pathlib import Path

from site_builder.diagnostics import Location
from site_builder.kinds.stories import Story
from site_builder.page_keys import Digester

STORY = Story(
    source=Location(Path("content/stories/a.md")),
    slug="a",
    title="修好了楼道的灯",
    date=dt.date(2026, 11, 20),
    category="好邻居",
    people=("王师傅",),
    building="3栋",
    community=None,
    tags=("助老", "维修"),
    cover=None,
    summary="王师傅修好了楼道的灯。",
    html="<p>王师傅修好了楼道的灯。</p>",
    files=(),
)
OTHER_VALUES = {
    "source": Location(Path("content/stories/b.md")),
    "slug": "b",
    "title": "修好了楼道的门",
    "date": dt.date(2026, 11, 21),
    "category": "好人好事",
    "people": ("王师傅", "李阿姨"),
    "building": None,
    "community": "longteng",
    "tags": ("维修", "助老"),
    "cover": "assets/a.jpg",
    "summary": "王师傅修好了楼道的门。",
    "html": "<p>王师傅修好了楼道的门。</p>",
    "files": ("assets/a.jpg",),
}


def test_a_story_digest_follows_its_values_not_the_object() -> None:
    digest = Digester().digest(STORY)
    copies = [pickle.loads(pickle.dumps(STORY)), dataclasses.replace(STORY)]
    shared = dataclasses.replace(STORY, summary=STORY.title, html=STORY.title)
    unshared = dataclasses.replace(STORY, summary="".join(STORY.title), html="".join(STORY.title))
    assert all(Digester().digest(copy) == digest for copy in copies)
    assert Digester().digest(shared) == Digester().digest(unshared)
    assert [f.name for f in dataclasses.fields(Story)] == list(OTHER_VALUES)
    for name, value in OTHER_VALUES.items():
        changed = dataclasses.replace(STORY, **{name: value})
        assert Digester().digest(changed) != digest, name


def test_a_list_of_stories_digests_as_its_stories_do() -> None:
    digester = Digester()
    whole = digester.digest([STORY] * 20)
    assert whole == Digester().digest([dataclasses.replace(STORY) for _ in range(20)])
    assert whole != Digester().digest([STORY] * 19)
