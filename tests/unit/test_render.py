"""Templates: site overrides, strictness, and template errors as located content errors."""

from __future__ import annotations

import functools
import gc
from pathlib import Path

import jinja2
from hypothesis import given
from hypothesis import strategies as st
from jinja2.runtime import Context
from markupsafe import Markup, escape

from site_builder.diagnostics import Diagnostics
from site_builder.jinja_env import PageContext, _escape, default_theme, theme_dirs
from site_builder.link_references import filled
from site_builder.loading import load
from site_builder.pages import Page
from site_builder.render import SiteRenderer
from tests.conftest import TODAY, TODAY_ARG, story


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_default_theme_has_a_template_per_page_kind() -> None:
    names = {p.name for p in default_theme().iterdir()}
    assert {
        "base.html",
        "index.html",
        "story.html",
        "story_list.html",
        "terms.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
    } <= names


def test_site_templates_override_file_by_file(make_site, cli) -> None:
    content = make_site({"stories/a.md": story(title="电梯")})
    write(
        content.parent / "templates" / "story.html",
        '{% extends "base.html" %}{% block main %}<h1 class="mine">{{ story.title }}</h1>{% endblock %}',
    )
    write(content.parent / "templates" / "static" / "extra.css", "body{}")
    assert theme_dirs(content)[0] == (content.parent / "templates").resolve()
    run = cli(
        "build",
        "--content",
        "content",
        "--target",
        "site",
        "--today",
        TODAY_ARG,
        cwd=content.parent,
    )
    assert run.code == 0, run.err
    site = content.parent / "output" / "site"
    page = (site / "stories" / "a" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="mine">电梯</h1>' in page
    assert "static/style.css" in page  # base.html still comes from the default theme
    assert (site / "static" / "extra.css").is_file()
    assert (site / "static" / "style.css").is_file()


def test_autoescape_is_on(make_site, cli) -> None:
    content = make_site(
        {"stories/a.md": story(title="'<b>粗</b>'", summary="'<script>x()</script>'")}
    )
    cli(
        "build",
        "--content",
        "content",
        "--target",
        "site",
        "--today",
        TODAY_ARG,
        cwd=content.parent,
    )
    page = (content.parent / "output" / "site" / "stories" / "a" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "&lt;b&gt;粗&lt;/b&gt;" in page
    assert "<script>x()" not in page


def test_template_syntax_error_names_template_and_line(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    write(
        content.parent / "templates" / "story.html",
        "{% extends 'base.html' %}\n{% block main %}\n{% if %}\n",
    )
    run = cli(
        "build",
        "--content",
        "content",
        "--target",
        "site",
        "--today",
        TODAY_ARG,
        cwd=content.parent,
    )
    assert run.code == 1
    assert "templates/story.html:3: 错误: 模板出错：" in run.err
    assert "检查 templates/ 里这个文件的写法；删掉它就会用回默认模板" in run.err
    assert not (content.parent / "output" / "site").exists()


def test_undefined_name_in_a_template_fails_the_build(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    write(
        content.parent / "templates" / "story.html",
        "{% extends 'base.html' %}\n{% block main %}\n{{ story.titel }}\n{% endblock %}\n",
    )
    run = cli(
        "build",
        "--content",
        "content",
        "--target",
        "site",
        "--today",
        TODAY_ARG,
        cwd=content.parent,
    )
    assert run.code == 1
    assert "templates/story.html:3: 错误: 模板出错：" in run.err
    assert "titel" in run.err


class _Greeter:
    """A callable object that asks for the context through its __call__."""

    @jinja2.pass_context
    def __call__(self, context: Context, name: str) -> str:
        return f"{context['where']}:{name}"


class _Words:
    @jinja2.pass_context
    def where(self, context: Context, suffix: str = "") -> str:
        return context["where"] + suffix


def _stopping() -> str:
    raise StopIteration


CALLS = """\
{%- macro item(x) %}<{{ x }}>{% endmacro -%}
{% for _ in [1] %}{% set where = 'loop' %}{{ here() }} {{ env_name() }} {{ autoescaping() }}{% endfor %}
{% block body %}{% set where = 'block' %}{{ here() }} {{ words.where(suffix='!') }}{% endblock %}
{{ here() }} {{ greeter('李') }} {{ item('a') }} {{ '{}-{}'.format(1, 2) }} {{ plain(2) }}
{{ words.where() }} {{ shout('x') }} {{ stopping() is undefined }}
"""


def test_page_context_calls_every_kind_of_callable_as_jinja_does() -> None:
    """Jinja's own Context.call and ours give the same page, loop and block variables included."""
    pages = []
    for context_class in (Context, PageContext):
        env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": CALLS}), autoescape=True)
        env.context_class = context_class
        env.globals.update(
            where="page",
            here=jinja2.pass_context(lambda context: context["where"]),
            env_name=jinja2.pass_environment(lambda environment: type(environment).__name__),
            autoescaping=jinja2.pass_eval_context(lambda eval_ctx: eval_ctx.autoescape),
            greeter=_Greeter(),
            words=_Words(),
            plain=lambda n: n * 3,
            shout=functools.partial(str.upper),
            stopping=_stopping,
        )
        pages.append(env.get_template("page.html").render())
    assert pages[0] == pages[1]
    assert "loop Environment True" in pages[1]  # each kind was called, each with what it asks
    assert "block block!" in pages[1]
    assert "page page:李 &lt;a&gt;" not in pages[1] and "page page:李 <a> 1-2 6" in pages[1]
    assert "page X True" in pages[1]


def _renderer(content: Path) -> tuple[SiteRenderer, list[Page]]:
    loaded = load(content, TODAY, Diagnostics())
    return SiteRenderer(loaded.public, theme_dirs(content)), loaded.pages


def test_pages_hand_their_masthead_and_cards_to_the_link_checker_as_marks(make_site) -> None:
    stories = {f"stories/s{n}.md": story(title=f"第{n}件好事", tags="[助老]") for n in range(3)}
    renderer, pages = _renderer(make_site(stories))
    page = next(p for p in pages if p.path == "tags/助老/index.html")
    text, marked, parts = renderer.render_marked(page)
    masthead, *cards = parts
    assert masthead.startswith('<header class="masthead">') and "../../index.html" in masthead
    assert len(cards) == 3 and all("<article" in card for card in cards)
    assert text == renderer.render(page) == filled(str(marked), parts)
    assert str(marked).count("<\x01") == 4 and "<article" not in str(marked)
    assert "masthead" not in str(marked)
    story_page = next(p for p in pages if p.path == "stories/s0/index.html")
    text, marked, parts = renderer.render_marked(story_page)
    assert len(parts) == 1 and parts[0].startswith('<header class="masthead">')
    assert text == renderer.render(story_page) == filled(str(marked), parts)


def test_a_masthead_is_shared_only_by_pages_it_reads_the_same_on(make_site) -> None:
    """Same depth and top folder: one rendering. Elsewhere its links or its mark differ."""
    stories = {f"stories/s{n}.md": story(title=f"第{n}件好事", tags="[助老]") for n in range(2)}
    renderer, pages = _renderer(make_site(stories))
    by_path = {page.path: page for page in pages}

    def masthead(path: str) -> str:
        return renderer.render_marked(by_path[path])[2][0]  # the rendering itself

    assert masthead("stories/s0/index.html") is masthead("stories/s1/index.html")
    assert masthead("tags/助老/index.html") != masthead("stories/s0/index.html")  # its section
    assert masthead("stories/s0/index.html") != masthead("stories/index.html")  # its links
    home, about_stories = masthead("index.html"), masthead("stories/index.html")
    assert home.count('aria-current="page"') == about_stories.count('aria-current="page"') == 1
    assert 'href="index.html" aria-current="page"' in home
    alone = SiteRenderer(renderer.site, renderer.dirs)
    alone._masthead_shared = False  # every masthead rendered where it is
    for path, page in by_path.items():
        if page.template.endswith(".html"):
            assert renderer.render_marked(page)[0] == alone.render(page), path


def test_a_site_with_its_own_base_renders_its_masthead_on_every_page(make_site) -> None:
    content = make_site({"stories/a.md": story(title="好事")})
    default = (default_theme() / "base.html").read_text(encoding="utf-8")
    write(content.parent / "templates" / "base.html", default.replace("邻", "家"))
    renderer, pages = _renderer(content)
    page = next(p for p in pages if p.path == "stories/index.html")
    text, marked, parts = renderer.render_marked(page)
    assert '<span class="brand-mark" aria-hidden="true">家</span>' in str(text)
    assert all("masthead" not in part for part in parts)
    assert 'class="masthead"' in str(marked)


def test_a_theme_that_reorders_cards_gets_its_page_as_rendered(make_site) -> None:
    stories = {
        f"stories/s{n}.md": story(title=f"第{n}件好事", date=f"2025-05-2{n}") for n in range(3)
    }
    content = make_site(stories)
    write(
        content.parent / "templates" / "story_list.html",
        '{% from "macros.html" import story_card with context %}{% set shown = [] %}'
        "{% for s in stories %}{% set _ = shown.append(remembered_card(s, story_card)) %}"
        "{% endfor %}{{ shown|reverse|join }}",
    )
    renderer, pages = _renderer(content)
    page = next(p for p in pages if p.path == "stories/index.html")
    text, marked, cards = renderer.render_marked(page)
    assert (marked, cards) == (text, [])
    assert "<\x01" not in str(text)
    titles = [str(text).index(f"第{n}件好事") for n in range(3)]
    assert titles == sorted(titles)  # oldest first: reversed, as the theme asked


def test_a_theme_with_its_own_macros_gets_every_card_rendered(make_site) -> None:
    """remembered_cards shares cards only with the default macros.html; a theme's own
    card is rendered for every story on every page, in order."""
    stories = {
        f"stories/s{n}.md": story(title=f"第{n}件好事", date=f"2025-05-2{n}") for n in range(3)
    }
    content = make_site(stories)
    default = (default_theme() / "macros.html").read_text(encoding="utf-8")
    write(
        content.parent / "templates" / "macros.html",
        default.replace('<article class="card">', '<article class="card mine">'),
    )
    renderer, pages = _renderer(content)
    page = next(p for p in pages if p.path == "stories/index.html")
    text, marked, parts = renderer.render_marked(page)
    assert str(text).count('<article class="card mine">') == 3
    assert all("card mine" not in part for part in parts)
    assert str(marked).count('<article class="card mine">') == 3  # checked with the page
    titles = [str(text).index(f"第{n}件好事") for n in range(3)]
    assert titles == sorted(titles, reverse=True)  # newest first


def test_term_link_is_url_of_term_url_from_every_page(make_site) -> None:
    """term_link keeps links by page depth; from inside tags/ or categories/ they differ."""
    stories = {
        "stories/a.md": story(title="送餐", tags="[助老, Elder Care]", category="志愿服务"),
        "stories/b.md": story(title="修灯", tags="[elder care]"),
    }
    renderer, pages = _renderer(make_site(stories))
    both = renderer.env.from_string(
        "{% for kind, name in names %}{{ term_link(kind, name) }}|{{ url(term_url(kind, name)) }}\n"
        "{% endfor %}"
    )
    names = [("tags", "助老"), ("tags", "ELDER CARE"), ("categories", "志愿服务")]
    paths = [page.path for page in pages if page.path.endswith(".html")]
    paths += [
        "tags/助老/page/2/index.html",
        "categories/志愿服务/page/3/index.html",
        "a/b/c/d.html",
    ]
    for path in paths * 2:  # the second time from what was kept
        for line in both.render(names=names, page_path=path).splitlines():
            link, expected = line.split("|")
            assert link == expected, (path, line)


def test_rendered_pages_leave_nothing_for_the_cycle_collector(make_site) -> None:
    """A page's macros and its contexts hold each other; emptied, they go with the page."""
    stories = {f"stories/s{n}.md": story(title=f"第{n}件好事", tags="[助老]") for n in range(3)}
    renderer, pages = _renderer(make_site(stories))
    shown = [page for page in pages if page.template.endswith(".html")]
    assert {"story.html", "story_list.html", "index.html"} <= {p.template for p in shown}
    for page in shown:
        renderer.render(page)  # templates compiled, cards kept
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for page in shown:
            renderer.render_marked(page)
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


def test_includes_and_imports_render_on_every_page(make_site) -> None:
    """An include and a module imported without context render right on each page, not
    only the first, now that each page's contexts are emptied after it (PageTemplate)."""
    stories = {f"stories/s{n}.md": story(title=f"第{n}件好事") for n in range(2)}
    content = make_site(stories)
    templates = content.parent / "templates"
    write(
        templates / "parts.html",
        '{% set star = "★" %}{% macro sign(x) %}{{ star }}{{ x }}{% endmacro %}',
    )
    write(templates / "note.html", "<p>{{ story.title }}</p>")
    write(
        templates / "story.html",
        '{% extends "base.html" %}{% from "parts.html" import sign %}'
        '{% block main %}{% include "note.html" %}{{ sign(story.title) }}{% endblock %}',
    )
    renderer, pages = _renderer(content)
    for n in range(2):
        page = next(p for p in pages if p.path == f"stories/s{n}/index.html")
        assert f"<p>第{n}件好事</p>★第{n}件好事" in str(renderer.render(page))


@given(st.one_of(st.text(), st.text().map(Markup), st.integers(), st.none(), st.floats()))
def test_templates_escape_as_markupsafe_does(value: object) -> None:
    escaped = _escape(value)
    assert type(escaped) is Markup and escaped == escape(value)


def test_templates_are_escaped_by_the_quick_escape(make_site) -> None:
    renderer, _pages = _renderer(make_site({"stories/a.md": story(title="好事")}))
    template = renderer.env.from_string("{{ text }}|{{ safe }}|{{ number }}")
    assert template.root_render_func.__globals__["escape"] is _escape
    shown = template.render(text="<a href=\"x\">'&'</a>", safe=Markup("<b>"), number=3)
    assert shown == "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;|<b>|3"
