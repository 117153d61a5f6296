"""URL names and relative links."""

from __future__ import annotations

import pytest

from site_builder.urls import (
    absolute_url,
    collision_key,
    name_problem,
    relative_url,
    relativize_html,
    tidy_name,
)


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("static/style.css", "index.html", "static/style.css"),
        ("static/style.css", "stories/a/index.html", "../../static/style.css"),
        ("index.html", "stories/page/2/index.html", "../../../index.html"),
        (
            "stories/李奶奶/index.html",
            "index.html",
            "stories/%E6%9D%8E%E5%A5%B6%E5%A5%B6/index.html",
        ),
        ("tags/x/index.html", "tags/x/index.html", "index.html"),
        ("stories/a/index.html#part", "index.html", "stories/a/index.html#part"),
    ],
)
def test_relative_url(target: str, page: str, expected: str) -> None:
    assert relative_url(target, page) == expected


def test_relative_urls_never_start_with_a_slash() -> None:
    for page in ("index.html", "a/index.html", "a/b/c/index.html"):
        assert not relative_url("feed.xml", page).startswith("/")


def test_absolute_url_uses_pretty_paths() -> None:
    base = "https://example.org/longteng/"
    assert absolute_url(base, "stories/a/index.html") == "https://example.org/longteng/stories/a/"
    assert absolute_url(base, "index.html") == base
    assert absolute_url(base, "feed.xml") == base + "feed.xml"


def test_relativize_html_rewrites_site_root_links_only() -> None:
    html = (
        '<a href="/assets/a.pdf">a</a><img src="/assets/x%20y.jpg"><a href="//cdn.example/x">c</a>'
    )
    out = relativize_html(html, "stories/a/index.html")
    assert 'href="../../assets/a.pdf"' in out
    assert 'src="../../assets/x%20y.jpg"' in out
    assert 'href="//cdn.example/x"' in out


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("xingfu-dianti", None),
        ("李奶奶的电梯", None),
        ("", "name.empty"),
        ("a/b", "name.chars"),
        ("a?b", "name.chars"),
        (".git", "name.dots"),
        ("end.", "name.dots"),
        ("CON", "name.reserved"),
        ("lpt1.txt", "name.reserved"),
        ("长" * 41, "name.too_long"),
        ("长" * 40, None),
    ],
)
def test_name_problem(name: str, problem: str | None) -> None:
    assert name_problem(name) == problem


def test_tidy_name_replaces_what_cannot_be_in_a_url() -> None:
    assert tidy_name("  C++ 与 #编程 ") == "C-与-编程"
    assert tidy_name("好人/好事") == "好人-好事"


def test_collision_key_folds_case_and_unicode_forms() -> None:
    assert collision_key("Hao-Linju") == collision_key("hao-linju")
    assert collision_key("Cafe\u0301") == collision_key("café")
    assert collision_key("ＡＢＣ") == collision_key("abc")


def test_relative_paths_agree_with_posixpath() -> None:
    import posixpath

    from site_builder.urls import _relative_path

    paths = [
        "index.html",
        "stories/a/index.html",
        "stories/page/2/index.html",
        "tags/x/index.html",
        "tags/x/page/2/index.html",
        "static/style.css",
        "calendar/longteng/2026-01/index.html",
        "points/all-time/longteng/3栋/index.html",
        "feed.xml",
        "assets/a.png",
        "stories/ab/index.html",
    ]
    for target in paths:
        for page in paths:
            assert _relative_path(target, page) == posixpath.relpath(
                target, posixpath.dirname(page) or "."
            )
