"""The link and asset checker: references found in HTML and CSS, and judged against the output."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_builder.link_references import filled, mark, references
from site_builder.links import BrokenLink, LinkChecker, broken_links
from tests.conftest import REPO

BASE = "https://example.org/longteng/"
EXISTING = {
    "index.html",
    "feed.xml",
    "static/style.css",
    "assets/elevator.png",
    "assets/李奶奶.png",
    "assets/a b.pdf",
    "stories/index.html",
    "stories/xingfu-dianti/index.html",
    "stories/李奶奶/index.html",
    "tags/助老/index.html",
    "calendar.ics",
}
PAGE = "stories/xingfu-dianti/index.html"


def check(
    html: str,
    *,
    page: str = PAGE,
    other_hosts: bool = False,
    base_url: str | None = None,
    existing: set[str] = EXISTING,
) -> list[tuple[str, str]]:
    """Return (reference, reason) for each broken reference in one page holding `html`."""
    found = broken_links(
        {page: html.encode()}, existing | {page}, other_hosts=other_hosts, base_url=base_url
    )
    assert all(link.page == page for link in found)
    return [(link.reference, link.reason) for link in found]


# --- what is found ---------------------------------------------------------------------


def test_references_in_html_attributes_in_order() -> None:
    html = (
        '<link rel="stylesheet" href="../../static/style.css">'
        "<img src='a.png' srcset=\"b.png 1x, c.png 2x\">"
        '<video poster=poster.jpg src="v.mp4"></video>'
        '<form action="f.html"><button formaction="g.html">go</button></form>'
        '<svg><use xlink:href="#icon"/><image href="i.svg"/></svg>'
    )
    assert references("x.html", html.encode()) == [
        "../../static/style.css",
        "a.png",
        "b.png",
        "c.png",
        "poster.jpg",
        "v.mp4",
        "f.html",
        "g.html",
        "#icon",
        "i.svg",
    ]


def test_references_skip_text_comments_scripts_and_other_attributes() -> None:
    html = (
        "<!-- <a href='commented.html'> -->"
        '<script src="app.js">var s = "<a href=in-script.html>";</script>'
        '<p class="src" data-href="data.html" hreflang="zh">href="in-text.html"</p>'
        '<abbr title="a > b href=in-value.html">x</abbr><a title="x>y" href="after-gt.html">y</a>'
    )
    assert references("x.html", html.encode()) == ["app.js", "after-gt.html"]


def test_tags_are_read_in_ascii_as_browsers_read_them() -> None:
    """Only ASCII spaces part attributes and only ASCII letters fold case: a no-break or
    ideographic space does not start an attribute, and `ſcript` is no script."""
    html = (
        '<a\u00a0href="nbsp.html">x</a><a\u3000href="ideographic.html">y</a>'
        '<ſcript>"<a href=after-long-s.html>"</ſcript><A HREF="upper.html">z</A>'
    )
    assert references("x.html", html.encode()) == ["after-long-s.html", "upper.html"]


def test_references_keep_entities_as_written() -> None:
    html = '<a href="search.html?a=1&amp;b=2">x</a><a href="javascript&#58;alert(1)">y</a>'
    assert references("x.html", html.encode()) == [
        "search.html?a=1&amp;b=2",
        "javascript&#58;alert(1)",
    ]


def test_references_in_style_blocks_and_attributes() -> None:
    html = (
        "<style>/* url(comment.png) */ .a { background: url( 'q.png' ) }"
        ' .b { content: "url(string.png)" } .c { background: URL(bare.png) }</style>'
        '<div style="background-image: url(&quot;s.png&quot;)"></div>'
    )
    assert references("x.html", html.encode()) == ["q.png", "bare.png", "s.png"]


def test_references_in_css_files() -> None:
    css = (
        '@import "base.css";\n@import url(print.css) print;\n'
        '@font-face { src: url("fonts/board-400.woff2") format("woff2"); }\n'
        ".x { background: url(img/a\\20 b.png) }"
    )
    assert references("static/style.css", css.encode()) == [
        "base.css",
        "print.css",
        "fonts/board-400.woff2",
        "img/a\\20 b.png",
    ]


def test_references_in_meta_refresh_only() -> None:
    html = (
        '<meta http-equiv="refresh" content="0; url=../next.html">'
        "<meta content=\"5;URL='later.html'\" http-equiv=Refresh>"
        '<meta http-equiv="refresh" content="30">'
        '<meta name="description" content="url=not-a-link.html">'
    )
    assert references("x.html", html.encode()) == ["../next.html", "later.html"]


def test_srcset_splits_like_a_browser() -> None:
    html = '<img srcset="a.png 480w, b.png 2x,c.png, data:image/png;base64,AA== 3x">'
    assert references("x.html", html.encode()) == [
        "a.png",
        "b.png",
        "c.png",
        "data:image/png;base64,AA==",
    ]


@pytest.mark.parametrize(
    "path", ["data/stories.json", "feed.xml", "calendar.ics", "kiosk.js", "assets/a.png"]
)
def test_references_ignore_other_file_types(path: str) -> None:
    assert references(path, b'<a href="x.html">x</a> url(y.png)') == []


def test_an_unclosed_tag_does_not_hang() -> None:
    assert references("x.html", b'<a href="ok.html">' + b"<a x" * 20_000) == ["ok.html"]


# --- how references are judged -------------------------------------------------------


def test_existing_files_and_pages_are_fine() -> None:
    html = (
        '<a href="../../index.html">home</a><img src="../../assets/elevator.png">'
        '<a href="../index.html">list</a><a href="./index.html">self</a>'
    )
    assert check(html) == []


def test_missing_targets() -> None:
    html = '<a href="../nope/index.html">x</a><img src="../../assets/gone.png">'
    assert check(html) == [("../nope/index.html", "missing"), ("../../assets/gone.png", "missing")]


def test_unchanged_files_not_scanned_still_count_as_existing() -> None:
    files = {PAGE: b'<a href="../old/index.html">x</a>'}
    assert broken_links(files, {PAGE, "stories/old/index.html"}, other_hosts=False) == []
    assert broken_links(files, {PAGE}, other_hosts=False) == [
        BrokenLink(PAGE, "../old/index.html", "missing")
    ]


def test_chinese_names_percent_encoded_or_raw() -> None:
    html = (
        '<img src="../../assets/%E6%9D%8E%E5%A5%B6%E5%A5%B6.png">'
        '<img src="../../assets/李奶奶.png">'
        '<a href="../../tags/%E5%8A%A9%E8%80%81/index.html">t</a>'
        '<a href="../../assets/a%20b.pdf">pdf</a>'
        '<a href="../../tags/%E5%8A%A9%E8%80%82/index.html">wrong character</a>'
        '<a href="../../tags/助人/index.html">wrong raw</a>'
    )
    assert check(html) == [
        ("../../tags/%E5%8A%A9%E8%80%82/index.html", "missing"),
        ("../../tags/助人/index.html", "missing"),
    ]


def test_folders_resolve_to_their_index_html() -> None:
    html = (
        '<a href="../">list</a><a href="../../stories">no slash</a><a href="../李奶奶/">raw</a>'
        '<a href="..">up</a><a href="../../">root</a><a href="../../assets/">no index</a>'
    )
    assert check(html) == [("../../assets/", "missing")]


def test_fragments_and_queries_are_ignored_for_existence() -> None:
    html = (
        '<a href="#main">skip</a><a href="?page=2">q</a><a href="">empty</a>'
        '<a href="../../index.html#notices">a</a><a href="../../feed.xml?v=3#top">b</a>'
        '<a href="../../gone.html#top">c</a>'
    )
    assert check(html) == [("../../gone.html#top", "missing")]


def test_climbing_out_of_the_root_is_outside() -> None:
    html = (
        '<a href="../../../index.html">a</a><a href="../../../output/site/index.html">b</a>'
        '<a href="%2e%2e/%2e%2e/%2e%2e/secret.txt">c</a><a href="../../index.html">fine</a>'
    )
    assert check(html) == [
        ("../../../index.html", "outside"),
        ("../../../output/site/index.html", "outside"),
        ("%2e%2e/%2e%2e/%2e%2e/secret.txt", "outside"),
    ]
    assert check('<a href="../x.html">x</a>', page="index.html") == [("../x.html", "outside")]


def test_absolute_paths_drive_letters_and_file_urls_are_outside() -> None:
    html = (
        '<img src="/assets/elevator.png"><a href="file:///etc/passwd">f</a>'
        '<img src="C:\\Users\\me\\a.png"><img src="D:/b.png">'
    )
    assert check(html) == [
        ("/assets/elevator.png", "outside"),
        ("file:///etc/passwd", "outside"),
        ("C:\\Users\\me\\a.png", "outside"),
        ("D:/b.png", "outside"),
    ]


@pytest.mark.parametrize(
    "reference",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "  JavaScript:alert(1)",
        "java&#x09;script:alert(1)",
        "javascript&#58;alert(1)",
        "&#106;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:,hello",
        "about:blank",
        "chrome://settings",
    ],
)
def test_refused_schemes(reference: str) -> None:
    assert check(f'<a href="{reference}">x</a>', other_hosts=True) == [(reference, "scheme")]


@pytest.mark.parametrize(
    "reference",
    [
        "data:,",
        "data:image/png;base64,iVBORw0KGgo=",
        "DATA:image/svg+xml,%3Csvg%3E",
        "mailto:wuye@example.org",
        "tel:+8613812345678",
        "sms:10086",
    ],
)
def test_always_fine_schemes(reference: str) -> None:
    assert check(f'<link rel="icon" href="{reference}"><img src="{reference}">') == []


@pytest.mark.parametrize(
    "reference",
    [
        "https://example.net/a",
        "HTTP://example.net/",
        "ftp://example.net/f",
        "wss://example.net/s",
        "webcal://example.net/c.ics",
        "//evil.example/x.js",
        "\\\\evil.example/x.js",
        "https://example.org/other-site/",
        "https://example.org.evil.example/longteng/",
    ],
)
def test_other_hosts_refused_or_allowed(reference: str) -> None:
    html = f'<a href="{reference}">x</a>'
    assert check(html, base_url=BASE) == [(reference, "other_host")]
    assert check(html, base_url=BASE, other_hosts=True) == []


def test_base_url_self_links_are_checked_like_relative_ones() -> None:
    html = (
        '<a href="https://example.org/longteng/">home</a>'
        '<a href="https://example.org/longteng">home without slash</a>'
        '<a href="https://EXAMPLE.org/longteng/stories/xingfu-dianti/">story</a>'
        '<a href="webcal://example.org/longteng/calendar.ics">subscribe</a>'
        '<a href="//example.org/longteng/feed.xml">feed</a>'
        '<a href="https://example.org/longteng/tags/%E5%8A%A9%E8%80%81/#x">tag</a>'
        '<a href="https://example.org/longteng/stories/gone/">gone</a>'
        '<a href="https://example.org/longteng/../secret/">up</a>'
    )
    expected = [
        ("https://example.org/longteng/stories/gone/", "missing"),
        ("https://example.org/longteng/../secret/", "outside"),
    ]
    assert check(html, base_url=BASE) == expected
    assert check(html, base_url=BASE, other_hosts=True) == expected
    without_base = check(html)
    assert len(without_base) == 8
    assert {reason for _, reason in without_base} == {"other_host"}


def test_result_is_sorted_by_page_in_order_of_appearance_each_once() -> None:
    files = {
        "b/index.html": b'<a href="z.html">z</a><a href="a.html">a</a><a href="z.html">z</a>',
        "a/index.html": b'<img src="y.png"><a href="javascript:void(0)">x</a><img src="y.png">',
        "static/style.css": b".x { background: url(gone.png) }",
        "data/stories.json": b'{"url": "/nowhere"}',
    }
    assert broken_links(files, set(files), other_hosts=False) == [
        BrokenLink("a/index.html", "y.png", "missing"),
        BrokenLink("a/index.html", "javascript:void(0)", "scheme"),
        BrokenLink("b/index.html", "z.html", "missing"),
        BrokenLink("b/index.html", "a.html", "missing"),
        BrokenLink("static/style.css", "gone.png", "missing"),
    ]


def test_css_and_meta_refresh_references_are_judged() -> None:
    files = {
        "static/style.css": b'@import "base.css"; .a { background: url(../assets/elevator.png) }',
        "old/index.html": b'<meta http-equiv="refresh" content="0; url=../gone/">',
        "page.html": b"<div style=\"background: url('javascript:x')\"></div>",
    }
    assert broken_links(files, EXISTING | set(files), other_hosts=False) == [
        BrokenLink("old/index.html", "../gone/", "missing"),
        BrokenLink("page.html", "javascript:x", "scheme"),
        BrokenLink("static/style.css", "base.css", "missing"),
    ]


def test_existing_may_be_any_collection() -> None:
    files = {"index.html": b'<a href="feed.xml">f</a><a href="gone.xml">g</a>'}
    expected = [BrokenLink("index.html", "gone.xml", "missing")]
    for existing in (["index.html", "feed.xml"], ("index.html", "feed.xml"), {"feed.xml": 1}):
        assert broken_links(files, existing, other_hosts=False) == expected


# --- the bundled sample site ---------------------------------------------------------


def _read_tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_sample_output_has_no_broken_links(sample_output: Path) -> None:
    site_yaml = yaml.safe_load((REPO / "content" / "site.yaml").read_text(encoding="utf-8"))
    site = _read_tree(sample_output / "site")
    kiosk = _read_tree(sample_output / "kiosk")
    assert sum(name.endswith(".html") for name in site) > 100
    assert any(name.endswith(".css") for name in kiosk)
    found = broken_links(site, site.keys(), other_hosts=True, base_url=site_yaml["base_url"])
    found += broken_links(kiosk, kiosk.keys(), other_hosts=False)
    assert found == []


# --- pages handed over with marks: each fragment read once --------------------------------

CARD = '<article><a href="{up}stories/xingfu-dianti/index.html">电梯</a><img src="{up}gone.png"></article>'


def _marked_and_filled(page_html: str, cards: list[str]) -> tuple[str, str]:
    marked = page_html.format(*(mark(n) for n in range(len(cards))))
    whole = filled(marked, cards)
    assert whole == page_html.format(*cards)
    return marked, whole


@pytest.mark.parametrize(
    "page_html",
    [
        '<main><a href="../../index.html">首页</a>{}<p>中间</p>{}<a href="nope.html">x</a></main>',
        # a mark a browser would not read as markup: the page is read whole
        '<main><!-- {} --><a href="nope.html">x</a>{}</main>',
        '<main><script>var a = "{}";</script>{}<a href="nope.html">x</a></main>',
        '<main><div title="{}">{}</div><a href="nope.html">x</a></main>',
    ],
)
def test_a_marked_page_is_judged_as_the_page_itself(page_html: str) -> None:
    for page, up in (("stories/xingfu-dianti/index.html", "../../"), ("index.html", "")):
        cards = [CARD.format(up=up), CARD.format(up=up).replace("gone", "gone-too")]
        marked, whole = _marked_and_filled(page_html, cards)
        checker = LinkChecker(EXISTING | {page}, other_hosts=False)
        assert checker.check(page, marked, cards) == checker.check(page, whole)
        assert checker.check(page, marked, cards) == LinkChecker(EXISTING, other_hosts=False).check(
            page, whole
        )  # the same once the fragments are known


def test_a_mark_inside_a_tag_has_the_page_read_whole() -> None:
    """In an attribute, a card's quotes end the value: its image becomes a tag of the page."""
    cards = [CARD.format(up=""), CARD.format(up="").replace("gone", "gone-too")]
    marked, _whole = _marked_and_filled('<div title="{}">{}</div>', cards)
    checker = LinkChecker(EXISTING | {"index.html"}, other_hosts=False)
    found = [(b.reference, b.reason) for b in checker.check("index.html", marked, cards)]
    assert found == [("gone.png", "missing"), ("gone-too.png", "missing")]


def test_a_fragment_is_read_once_and_judged_from_each_page() -> None:
    checker = LinkChecker(EXISTING | {"tags/助老/page/2/index.html"}, other_hosts=False)
    card = '<a href="../xingfu-dianti/index.html">电梯</a>'  # right from stories/x/, not from tags/
    page = '<p>{}</p><a href="../../index.html">首页</a>'
    marked = page.format(mark(0))
    from_story = checker.check("stories/李奶奶/index.html", marked, [card])
    from_tag = checker.check("tags/助老/index.html", marked, [card])
    assert from_story == []
    assert [(b.page, b.reference, b.reason) for b in from_tag] == [
        ("tags/助老/index.html", "../xingfu-dianti/index.html", "missing")
    ]
    assert list(checker._fragments) == [card]  # read once


def test_marks_must_all_be_there_in_order_to_be_filled() -> None:
    cards = ["<i>a</i>", "<i>b</i>"]
    assert filled(f"x{mark(0)}y{mark(1)}z", cards) == "x<i>a</i>y<i>b</i>z"
    assert filled(f"x{mark(1)}y{mark(0)}z", cards) is None  # moved
    assert filled(f"x{mark(0)}y", cards) is None  # one left out
    assert filled(f"x{mark(0)}y{mark(0)}{mark(1)}", cards) is None  # one repeated
    assert filled(f"x{mark(0)[:-1]}y{mark(1)}", cards) is None  # one cut
    assert filled("plain", []) == "plain"


BOARD_OTHER_HOSTS = [
    "HTTPS://evil.example/x.png",
    "Http://evil.example/x.png",
    " https://evil.example/x.png",
    "\thttps://evil.example/x.png",
    "//evil.example/x.png",
    "/\\evil.example/x.png",
    "&#104;ttps://evil.example/x.png",
    "&#x48;TTPS://evil.example/x.png",
    "https:evil.example/x.png",
    "WEBCAL://evil.example/c.ics",
]


@pytest.mark.parametrize("reference", BOARD_OTHER_HOSTS)
def test_the_board_refuses_other_hosts_however_spelled(reference: str) -> None:
    """Issue 22: scheme and host are judged case-insensitively, after decoding and trimming."""
    assert check(f'<img src="{reference}">') == [(reference, "other_host")]
    assert check(f'<img src="{reference}">', other_hosts=True) == []


@pytest.mark.parametrize("reference", ["JAVASCRIPT:alert(1)", " javascript:x", "&#106;avascript:x"])
def test_scripts_are_refused_however_spelled(reference: str) -> None:
    assert check(f'<a href="{reference}">x</a>', other_hosts=True) == [(reference, "scheme")]
