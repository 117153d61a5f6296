"""Templates: site overrides, strictness, and template errors as located content errors."""

from __future__ import annotations

from pathlib import Path

from site_builder.render import default_theme, theme_dirs
from tests.conftest import TODAY_ARG, story


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
