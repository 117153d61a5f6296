"""The URL plan: the pages a site gets, pagination, collisions."""

from __future__ import annotations

from pathlib import Path

from site_builder.diagnostics import Diagnostics, Location
from site_builder.loading import load
from site_builder.pages import PER_PAGE, Page, check_collisions
from tests.conftest import TODAY, story


def test_plan_lists_every_page_kind(make_site) -> None:
    content = make_site({"stories/a.md": story(tags="[助老]", category="好邻居")})
    pages = load(content, TODAY, Diagnostics()).pages
    assert [p.path for p in pages] == [
        "index.html",
        "stories/index.html",
        "stories/a/index.html",
        "tags/index.html",
        "tags/助老/index.html",
        "categories/index.html",
        "categories/好邻居/index.html",
        "data/stories.json",
        "search/index.html",
        "404.html",
        "feed.xml",
        "robots.txt",
    ]


def test_sitemap_only_with_base_url(make_site) -> None:
    content = make_site(
        {"stories/a.md": story()}, site_yaml="title: x\nbase_url: https://example.org/\n"
    )
    pages = load(content, TODAY, Diagnostics()).pages
    sitemap = pages[-1]
    assert sitemap.path == "sitemap.xml"
    assert "404.html" not in sitemap.context["paths"] and "index.html" in sitemap.context["paths"]


def test_pagination_splits_and_links(make_site) -> None:
    files = {
        f"stories/s{n:02}.md": story(date=f"2025-01-{n + 1:02}") for n in range(PER_PAGE * 2 + 1)
    }
    pages = load(make_site(files), TODAY, Diagnostics()).pages
    lists = [p for p in pages if p.template == "story_list.html" and p.path.startswith("stories/")]
    assert [p.path for p in lists] == [
        "stories/index.html",
        "stories/page/2/index.html",
        "stories/page/3/index.html",
    ]
    middle = lists[1].context["pager"]
    assert (middle.previous, middle.next) == ("stories/index.html", "stories/page/3/index.html")
    assert [len(p.context["stories"]) for p in lists] == [PER_PAGE, PER_PAGE, 1]


def test_collisions_name_both_sources() -> None:
    a = Page("stories/x/index.html", "story.html", source=Location(Path("stories/a.md")))
    b = Page("stories/X/index.html", "story.html", source=Location(Path("stories/b.md")))
    diags = Diagnostics()
    check_collisions([a, b], diags)
    (error,) = diags.errors
    assert error.code == "output.collision"
    assert dict(error.params) == {"path": "stories/X/index.html", "first": "a.md", "second": "b.md"}


def test_collisions_in_one_file_name_both_lines() -> None:
    """Two boards of one buildings.yaml are told apart by their lines (issue 22)."""
    a = Page("buildings/3-栋/index.html", "building.html", source=Location(Path("b.yaml"), 1))
    b = Page("buildings/3-栋/index.html", "building.html", source=Location(Path("b.yaml"), 5))
    diags = Diagnostics()
    check_collisions([a, b], diags)
    (error,) = diags.errors
    params = dict(error.params)
    assert (error.location.line, params["first"], params["second"]) == (5, "b.yaml:1", "b.yaml:5")


def test_an_output_path_too_long_is_located() -> None:
    """A conservative bound on the whole path, at the page's source (issue 22)."""
    deep = "stories/" + "/".join(["楼" * 40] * 2) + "/index.html"
    page = Page(deep, "story.html", source=Location(Path("stories/a.md"), 3))
    diags = Diagnostics()
    check_collisions([page], diags)
    (error,) = diags.errors
    assert (error.code, error.location.line) == ("output.path_too_long", 3)
