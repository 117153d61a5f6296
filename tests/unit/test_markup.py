"""Markdown rendering and sanitising."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.markdown_parser import _convert_with, _new_parser, _Settled
from site_builder.markup import MarkdownRenderer, _already_clean
from site_builder.summaries import plain_text, summarize, summary_of
from site_builder.unsafe_html import find_unsafe
from tests.conftest import TODAY_ARG, picture
from tests.conftest import story as story_file


def render(text: str) -> tuple[str, list[str]]:
    unsafe: list[str] = []
    html = MarkdownRenderer().render(text, lambda written: "/" + written, unsafe.append)
    return html, unsafe


def test_structure_survives() -> None:
    html, unsafe = render(
        "## 小标题\n\n- 一\n- 二\n\n> 邻居说\n\n| 项目 | 金额 |\n|---|--:|\n| 防水 | 5,040 |\n\n"
        "![图](assets/a.png) [外链](https://example.org/)"
    )
    for piece in (
        "<h2>小标题</h2>",
        "<li>一</li>",
        "<blockquote>",
        "<table>",
        '<td align="right">5,040</td>',
        '<img alt="图" src="/assets/a.png">',
        'href="https://example.org/"',
    ):
        assert piece in html
    assert unsafe == []


def test_single_line_breaks_are_kept() -> None:
    html, _ = render("第一行\n第二行")
    assert "第一行<br>" in html


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "alert"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("[a](javascript:alert(1))", "javascript"),
        ("[a](JaVaScRiPt:alert(1))", "alert"),
        ('<a href="jav&#x09;ascript:alert(1)">a</a>', "alert"),
        ('<a href="&#106;avascript:alert(1)">a</a>', "alert"),
        ("[a](vbscript:msgbox(1))", "vbscript"),
        ("![a](data:image/svg+xml;base64,PHN2Zz4=)", "data:"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "refresh"),
        ('<iframe src="https://evil.example"></iframe>', "iframe"),
        ("<style>body{display:none}</style>", "display"),
        ('<p style="position:fixed">x</p>', "position"),
        ("<svg><circle onload=alert(1) /></svg>", "onload"),
        ('<form action="https://evil.example"><input name=q></form>', "form"),
        ("段落 {: onclick=alert(1) }", "<p onclick"),
    ],
)
def test_nothing_executable_reaches_the_page(source: str, forbidden: str) -> None:
    html, _ = render(source)
    assert forbidden.lower() not in html.lower()


@pytest.mark.parametrize(
    ("source", "reported"),
    [
        ("<script>x</script>", "<script"),
        ('<img src="a" onerror="x">', "onerror="),
        ("[a](javascript:alert(1))", "javascript:alert(1)"),
        ('<a href="&#106;avascript:x">a</a>', "javascript:x"),
    ],
)
def test_removed_pieces_are_reported(source: str, reported: str) -> None:
    _, unsafe = render(source)
    assert reported in unsafe


def test_find_unsafe_ignores_safe_html() -> None:
    assert find_unsafe('<p><a href="https://a.example">x</a><img src="a.png"></p>') == []


COMPUTER_PATHS = [
    ("![照片](C:\\Users\\lao\\Desktop\\p.jpg)", "C:\\Users\\lao\\Desktop\\p.jpg"),
    ("![照片](D:/照片/p.jpg)", "D:/照片/p.jpg"),
    ("![照片](c:foo.jpg)", "c:foo.jpg"),
    ("![照片](file:///C:/Users/lao/p.jpg)", "file:///C:/Users/lao/p.jpg"),
    ("[报名表](C:\\Users\\lao\\a.docx)", "C:\\Users\\lao\\a.docx"),
    ("![a][ref]\n\n[ref]: C:\\x.jpg", "C:\\x.jpg"),
    ('<img src="D:\\x.jpg" alt="阳台">', "D:\\x.jpg"),
    ("<img src='D:\\x.jpg'>", "D:\\x.jpg"),
    ("<IMG SRC = D:\\x.jpg>", "D:\\x.jpg"),
    ('<a href="file://nas/share/a.pdf">表</a>', "file://nas/share/a.pdf"),
]


@pytest.mark.parametrize(("source", "written"), COMPUTER_PATHS)
def test_paths_on_a_computer_go_to_the_resolver(source: str, written: str) -> None:
    """The sanitiser drops C:… and file: as unknown schemes before its filter sees them:
    they are handed to the resolver (which says why they cannot be used), not lost."""
    asked: list[str] = []
    unsafe: list[str] = []

    def resolve(value: str) -> str | None:
        asked.append(value)
        return None

    html = MarkdownRenderer().render(source, resolve, unsafe.append)
    assert asked == [written]
    assert unsafe == []
    assert "<img" not in html


NO_SOURCE = [
    '<img src="javascript:alert(1)" alt="脚本">',
    "![数据](data:image/png;base64,iVBORw0KGgo=)",
    '<img alt="没有地址">',
    "<img>",
    '<IMG SRC = "vbscript:x">',
    "<img src='jav&#x09;ascript:x' title=\"a > b\">",
    "![丢](assets/missing.jpg)",  # the resolver said no (and reported it)
    '<img src="" alt="空">',
]


@pytest.mark.parametrize("source", NO_SOURCE)
def test_no_image_is_left_without_a_source(source: str) -> None:
    html = MarkdownRenderer().render(
        source + "\n\n![留](assets/a.png)", lambda w: "/" + w if w == "assets/a.png" else None, list
    )
    assert html.count("<img") == 1
    assert '<img alt="留" src="/assets/a.png">' in html


def test_plain_text_and_summary_count_characters() -> None:
    text = plain_text("<p>李奶奶家门口&amp;电梯</p>\n<p>第二段</p>")
    assert text == "李奶奶家门口&电梯 第二段"
    long = "邻" * 100
    assert summarize(long) == "邻" * 80 + "…"
    assert summarize("短句。") == "短句。"
    sentence = "甲" * 50 + "。" + "乙" * 60
    assert summarize(sentence) == "甲" * 50 + "。"


def _standard_parser() -> markdown.Markdown:
    """Python-Markdown as configured by _new_parser, with its own inline and paragraph steps."""
    parser = _new_parser()
    parser.treeprocessors.register(markdown.treeprocessors.InlineProcessor(parser), "inline", 20)
    parser.parser.blockprocessors.deregister("plain paragraph")
    del parser.is_block_level  # Markdown's own, searching its list
    return parser


def test_plain_runs_of_text_skip_the_inline_patterns() -> None:
    """The shortcut is on for this Python-Markdown: if a new version renames what it
    relies on, this fails rather than the build silently losing half its speed."""
    inline = _new_parser().treeprocessors["inline"]
    assert type(inline).__name__ == "_PlainTextSkipped"
    assert inline.trigger is not None
    assert (
        type(_standard_parser().treeprocessors["inline"]) is markdown.treeprocessors.InlineProcessor
    )


def test_plain_paragraphs_skip_the_other_block_processors() -> None:
    """As above, for the paragraph shortcut: on for this Python-Markdown and its extensions."""
    blocks = _new_parser().parser.blockprocessors
    assert "plain paragraph" in blocks
    assert blocks.get_index_for_name("plain paragraph") == 0
    assert "plain paragraph" not in _standard_parser().parser.blockprocessors


def test_block_level_tags_are_looked_up_in_a_set_with_the_same_answers() -> None:
    fast, standard = _new_parser(), _standard_parser()
    assert "is_block_level" in vars(fast)
    assert "is_block_level" not in vars(standard)
    tags = [*standard.block_level_elements, "P", "Div/", "hr/", "span", "b", "", "/", None, 3]
    assert [fast.is_block_level(tag) for tag in tags] == [
        standard.is_block_level(tag) for tag in tags
    ]


MARKDOWN_PIECES = st.sampled_from(
    ["邻里", "互助", "好人", " ", "  ", "\n", "\n\n", "*", "**", "_", "`", "\\", "[", "]", "(",
     ")", "!", "<", ">", "&", "&amp;", "#", "- ", "1. ", "| a | b |\n|---|---|\n| 1 | 2 |\n",
     "```\n", "<b>", "</b>", "http://example.org", "a@b.cn", "x.md", ":", "\t", "、", "。",
     "=", "===\n", "-", "---\n", "***\n", "_", "+ ", "> ", "    ", "[x]: http://a\n", "１. ",
     "3) ", "|", "\n    ", "<div>\n", "</div>", "<P>", "<hr/>", "<span>"]
)  # fmt: skip


INLINE_EXAMPLES = [
    ("backtick", "甲 `代码` 乙"),
    ("escape", "甲 \\*乙\\* 丙"),
    ("reference", "[链接][1]\n\n[1]: http://example.org"),
    ("link", "[链接](http://example.org)"),
    ("image_link", "![图](p.png)"),
    ("image_reference", "![图][1]\n\n[1]: p.png"),
    ("short_reference", "[链接]\n\n[链接]: http://example.org"),
    ("short_image_ref", "![图]\n\n[图]: p.png"),
    ("autolink", "<http://example.org>"),
    ("automail", "<a@example.org>"),
    ("linebreak", "甲  \n乙"),
    ("html", "甲 <b>乙</b>"),
    ("entity", "甲 &copy; 乙"),
    ("em_strong", "甲 *乙* **丙**"),
    ("em_strong", "甲 _乙_ __丙__"),
    ("nl", "甲\n乙"),
]


@pytest.mark.parametrize(("name", "text"), INLINE_EXAMPLES)
def test_each_inline_pattern_still_applies(name: str, text: str) -> None:
    """For each inline pattern, texts that the pattern changes: the shortcut must try them."""
    without = _standard_parser()
    without.inlinePatterns.deregister(name)
    if name != "entity":  # the serialiser keeps entities as they are: nothing to tell apart
        assert _convert_with(without, text) != _convert_with(_standard_parser(), text)
    assert _convert_with(_new_parser(), text) == _convert_with(_standard_parser(), text)


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=40).map("".join))
def test_skipping_plain_text_changes_no_output(text: str) -> None:
    assert _convert_with(_new_parser(), text) == _convert_with(_standard_parser(), text)


def test_skipping_plain_text_changes_no_output_for_the_sample_stories() -> None:
    stories = sorted((Path(__file__).parents[2] / "content" / "stories").glob("*.md"))
    assert stories
    ours, standard = _new_parser(), _standard_parser()
    for story in stories:
        text = story.read_text(encoding="utf-8")
        assert _convert_with(ours, text) == _convert_with(standard, text), story.name


def _sanitized(text: str) -> tuple[str, str]:
    """Return the HTML of `text` with the sanitiser skipped where it may be, and always run."""
    raw = _convert_with(_new_parser(), text)
    renderer = MarkdownRenderer()
    keep: list[str] = []
    return (
        renderer.sanitize(raw, lambda written: "/" + written, keep.append, text),
        renderer.sanitize(raw, lambda written: "/" + written, keep.append),
    )


def test_plain_prose_skips_the_sanitiser() -> None:
    text = "## 经过\n\n王阿姨**每天**帮*邻居*取快递。\n第二行\n\n- 一\n- 二\n\n> 谢谢\n\n---\n\n| 项目 | 数量 |\n|---|---|\n| 服务 | 12 |\n"
    raw = _convert_with(_new_parser(), text)
    assert _already_clean(text, raw)
    assert _sanitized(text)[0] == raw


@pytest.mark.parametrize(
    "text",
    [
        "<table><tr><td>x</td></tr></table>",  # the sanitiser adds the <tbody>
        "甲\xa0乙",  # written back as &nbsp;
        "[链接](http://example.org)",
        "| 左 | 右 |\n|:--|--:|\n| 1 | 2 |\n",  # align attributes
        "A &amp; B",
        "```\n<b>\n```\n",
    ],
)
def test_html_the_sanitiser_may_change_goes_through_it(text: str) -> None:
    assert not _already_clean(text, _convert_with(_new_parser(), text))
    skipped, sanitized = _sanitized(text)
    assert skipped == sanitized


CLEAN_PIECES = st.sampled_from(
    ["邻里", "互助", "abc", " ", "  \n", "\n", "\n\n", "*", "**", "_", "`", "\\", "#", "## ",
     "- ", "* ", "1. ", "    - ", "> ", "---\n", "***", "| a | b |\n|---|---|\n| 1 | 2 |\n",
     "\t", "\"", "'", "=", "/", ":", "、", "。", "\xa0", "&", "\r", "\x0c", "\x00", "\x85",
     "\ufffe", "\u2028", "é", "😀", "[", "]", "(", ")", "!", "~~", "```\n", ">"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(CLEAN_PIECES, max_size=40).map("".join))
def test_skipping_the_sanitiser_changes_no_output(text: str) -> None:
    skipped, sanitized = _sanitized(text)
    assert skipped == sanitized


def test_skipping_the_sanitiser_changes_no_output_for_the_sample_stories() -> None:
    stories = sorted((Path(__file__).parents[2] / "content" / "stories").glob("*.md"))
    for story in stories:
        skipped, sanitized = _sanitized(story.read_text(encoding="utf-8"))
        assert skipped == sanitized, story.name


HTML_PIECES = st.sampled_from(
    ["邻里", "互助。", "好人！", "a", " ", "  ", "\n", "<p>", "</p>", "<h2>", "</h2>", "<br>",
     '<a href="/x?a=1&amp;b=2">', "</a>", '<img alt="a > b" src="p.png">', "&amp;", "&lt;",
     "&#20320;", "&nbsp;", "&copy", "&", "<", ">", "；", "?", "<!-- 注 -->"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(HTML_PIECES, max_size=80).map("".join), st.integers(min_value=1, max_value=12))
def test_a_summary_from_the_start_of_the_html_is_the_whole_texts(html: str, limit: int) -> None:
    assert summary_of(html, limit) == summarize(plain_text(html), limit)


def test_a_summary_reads_only_the_start_of_a_long_body(monkeypatch: pytest.MonkeyPatch) -> None:
    from site_builder import summaries

    body = "<p>" + "邻居们互相帮助。" * 20 + "</p>\n" + "<p>后来，楼道的灯修好了。</p>\n" * 500
    read: list[int] = []
    monkeypatch.setattr(
        summaries, "plain_text", lambda html: read.append(len(html)) or plain_text(html)
    )
    assert summary_of(body) == summarize(plain_text(body))
    assert read and max(read) < 1000 < len(body)


def test_parser_registries_keep_their_order_and_follow_changes() -> None:
    """The parser's registries keep their order between documents (_Settled),
    in Python-Markdown's order, and a processor registered later is walked too."""
    parser = _new_parser()
    blocks = parser.parser.blockprocessors
    before = list(blocks)
    assert type(blocks) is _Settled
    assert before == [blocks[index] for index in range(len(blocks))]
    extra = markdown.blockprocessors.EmptyBlockProcessor(parser.parser)
    blocks.register(extra, "extra", 1000)
    assert list(blocks) == [extra, *before]
    blocks.deregister("extra")
    assert list(blocks) == before


def test_built_pages_carry_no_image_without_a_source(make_site, cli) -> None:
    """Every case the sanitiser drops a source in, through a whole build: a story, a notice
    and an event description; the pages (site and lobby board) are searched afterwards."""
    import re

    dropped = [case for case in NO_SOURCE if "missing" not in case and 'src=""' not in case]
    body = "\n\n".join(dropped)
    png = picture(1, 1)
    event = "- title: 端午\n  start: 2026-11-25\n  description: |\n" + "".join(
        f"    {line}\n" for line in (body + "\n\n![留](assets/a.png)").splitlines()
    )
    content = make_site(
        {
            "assets/a.png": png,
            "stories/a.md": story_file(body=body + "\n\n![留](../assets/a.png)"),
            "notices/n.md": "---\ntitle: 通知\ndate: 2026-11-20\n---\n" + body + "\n",
            "events/e.yaml": event,
        }
    )
    run = cli(
        "build", "--content", "content", "--output", "out", "--today", TODAY_ARG,
        cwd=content.parent,
    )  # fmt: skip
    assert run.code == 0, run.err
    pages = [p for p in (content.parent / "out").rglob("*.htm*") if p.is_file()]
    images = [tag for page in pages for tag in re.findall(r"<img\b[^>]*>", page.read_text("utf-8"))]
    assert any('alt="留"' in tag for tag in images)  # the kept pictures are there
    assert [tag for tag in images if "src=" not in tag] == []
