"""Stories: what gets published, slugs, summaries, links, terms."""

from __future__ import annotations

import datetime as dt

from site_builder.config import load_config
from site_builder.diagnostics import Diagnostics
from site_builder.kinds.story_loading import load_stories
from site_builder.kinds.terms import group_terms
from tests.conftest import TODAY, picture, story


def load(content):
    diags = Diagnostics()
    config = load_config(content, diags)
    assert config is not None
    stories, _ = load_stories(content, config, TODAY, diags)
    return stories, diags


def test_drafts_and_future_publish_dates_are_left_out(make_site) -> None:
    content = make_site(
        {
            "stories/a.md": story(title="已发布"),
            "stories/b.md": story(title="草稿", draft="true"),
            "stories/c.md": story(
                title="明天发布", publish=(TODAY + dt.timedelta(days=1)).isoformat()
            ),
            "stories/d.md": story(title="今天发布", publish=TODAY.isoformat()),
        }
    )
    stories, diags = load(content)
    assert not diags.items
    assert [s.title for s in stories] == ["已发布", "今天发布"]


def test_newest_first_then_slug(make_site) -> None:
    content = make_site(
        {
            "stories/b.md": story(date="2025-05-01"),
            "stories/a.md": story(date="2025-05-01"),
            "stories/c.md": story(date="2025-06-01"),
        }
    )
    stories, _ = load(content)
    assert [s.slug for s in stories] == ["c", "a", "b"]


def test_slug_from_field_or_file_name(make_site) -> None:
    content = make_site(
        {"stories/李奶奶 的电梯.md": story(), "stories/x.md": story(slug="xingfu-dianti")}
    )
    stories, diags = load(content)
    assert not diags.items
    assert sorted(s.slug for s in stories) == ["xingfu-dianti", "李奶奶-的电梯"]


def test_summary_defaults_to_the_first_80_characters(make_site) -> None:
    body = "## 标题\n\n" + "邻" * 120
    content = make_site({"stories/a.md": story(body=body), "stories/b.md": story(summary="一句话")})
    stories, _ = load(content)
    by_slug = {s.slug: s for s in stories}
    assert by_slug["a"].summary == "标题 " + "邻" * 77 + "…"
    assert by_slug["b"].summary == "一句话"


def test_links_to_other_stories_and_assets_are_resolved(make_site) -> None:
    content = make_site(
        {
            "stories/a.md": story(
                body="见[电梯](b.md#after)，附件[表格](../assets/表.pdf)", cover="assets/c.png"
            ),
            "stories/b.md": story(slug="xingfu-dianti"),
            "assets/表.pdf": b"%PDF",
            "assets/c.png": picture(),
        }
    )
    stories, diags = load(content)
    assert not diags.items
    a = next(s for s in stories if s.slug == "a")
    assert 'href="/stories/xingfu-dianti/index.html#after"' in a.html
    assert 'href="/assets/表.pdf"' in a.html  # site-root form; made relative when rendered
    assert a.files == ("assets/c.png", "assets/表.pdf")


def test_symlink_out_of_content_is_refused(make_site, tmp_path) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"x")
    content = make_site({"stories/a.md": story(cover="assets/link.jpg")})
    (content / "assets").mkdir()
    (content / "assets" / "link.jpg").symlink_to(secret)
    _, diags = load(content)
    assert [d.code for d in diags.errors] == ["asset.outside"]


def test_terms_merge_case_and_keep_first_spelling(make_site) -> None:
    content = make_site(
        {
            "stories/a.md": story(tags="[COVID, 助老]", date="2025-05-02"),
            "stories/b.md": story(tags="[covid]", date="2025-05-01"),
        }
    )
    stories, _ = load(content)
    tags = group_terms(stories, "tags")
    assert [(t.name, t.key, len(t.stories)) for t in tags] == [
        ("COVID", "COVID", 2),
        ("助老", "助老", 1),
    ]
    categories = group_terms(stories, "category")
    assert [(c.name, len(c.stories)) for c in categories] == [("好人好事", 2)]


def test_stories_and_what_the_memo_keeps_of_them_pickle_as_they_were() -> None:
    """Workers send stories and headers back pickled, and the memo keeps them pickled:
    each comes back equal, field for field, by our quicker form (a call to the class)."""
    import pickle

    from site_builder.kinds.stories import _Header
    from site_builder.kinds.story_memo import StoryMemo, _Known
    from tests.conftest import REPO

    content = REPO / "content"
    diags = Diagnostics()
    config = load_config(content, diags)
    assert config is not None
    memo = StoryMemo("")
    stories, _ = load_stories(content, config, TODAY, diags, memo=memo)
    known = list(memo.known.values())
    headers = [k.header for k in known if k.header is not None]  # drafts have none
    assert stories and known and headers
    for value in [*stories, *known, *headers]:
        assert type(value).__reduce__(value)[0] is type(value)  # not the dataclass default
        assert pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) == value
    assert {type(h) for h in headers} == {_Header} and type(known[0]) is _Known
