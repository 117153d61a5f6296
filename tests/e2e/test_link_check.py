"""The link and asset checker as part of the build: nothing broken is published.

Content links are checked where they are written (tests/unit/test_stories.py and
the hostile suite); what reaches this checker comes from templates, which a site
may override. Each test breaks one template and expects the build to stop with
the page named, the previous output untouched.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TODAY_ARG, MakeSite, story

STORY_TEMPLATE = (
    '{% extends "base.html" %}\n'
    "{% block main %}<h1>{{ story.title }}</h1>\n"
    "BROKEN\n"
    "{% endblock %}\n"
)


def _site_with_story_template(make_site: MakeSite, link: str) -> Path:
    content = make_site({"stories/a.md": story("好邻居")})
    templates = content.parent / "templates"
    templates.mkdir()
    (templates / "story.html").write_text(STORY_TEMPLATE.replace("BROKEN", link), "utf-8")
    return content


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_template_link_to_a_missing_page_stops_the_build(make_site: MakeSite, cli) -> None:
    content = _site_with_story_template(
        make_site, "<a href=\"{{ url('nowhere/index.html') }}\">x</a>"
    )
    run = cli("build", "--target", "site", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert "content/stories/a.md: 错误: output/site/stories/a/index.html 里的链接" in run.err
    assert "“../../nowhere/index.html” 指向的文件不在生成的网站里" in run.err
    assert not (content.parent / "output" / "site").exists()


def test_a_link_climbing_out_of_the_site_is_refused(make_site: MakeSite, cli) -> None:
    content = _site_with_story_template(make_site, '<img src="../../../secret.png">')
    run = cli("build", "--target", "site", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert "“../../../secret.png” 指向网站文件夹以外" in run.err


def test_a_javascript_link_in_a_template_is_refused(make_site: MakeSite, cli) -> None:
    content = _site_with_story_template(make_site, '<a href="JavaScript:alert(1)">x</a>')
    run = cli("build", "--target", "site", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert "“JavaScript:alert(1)” 用了不安全或不认识的协议" in run.err


def test_other_hosts_are_fine_on_the_public_site(make_site: MakeSite, cli) -> None:
    content = _site_with_story_template(make_site, '<a href="https://www.gov.cn/">政府网</a>')
    run = cli("build", "--target", "site", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 0, run.err
    page = content.parent / "output" / "site" / "stories" / "a" / "index.html"
    assert 'href="https://www.gov.cn/"' in page.read_text(encoding="utf-8")


def test_other_hosts_are_refused_on_the_lobby_board(make_site: MakeSite, cli) -> None:
    content = make_site({"stories/a.md": story("好邻居")})
    assert cli("build", "--today", TODAY_ARG, cwd=content.parent).code == 0
    before = _tree(content.parent / "output" / "kiosk")
    theme = Path(__file__).resolve().parents[2] / "templates" / "kiosk" / "index.html"
    board = theme.read_text(encoding="utf-8").replace(
        "</body>", '<img src="https://evil.example/fake-notice.png"></body>'
    )
    assert "evil.example" in board
    (content.parent / "templates" / "kiosk").mkdir(parents=True)
    (content.parent / "templates" / "kiosk" / "index.html").write_text(board, "utf-8")
    run = cli("build", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert "大厅屏的 output/kiosk/index.html 引用了其他网站的地址" in run.err
    assert "“https://evil.example/fake-notice.png”" in run.err
    assert _tree(content.parent / "output" / "kiosk") == before
