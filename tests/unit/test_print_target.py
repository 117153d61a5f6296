"""The print target: `print:` settings and their located errors, the message when Pango is
missing, which targets `all` means, re-use of unchanged posters, and a failed build that
leaves output/print/ as it was.

Tests that make PDFs need WeasyPrint's Pango (tests/print_tools.py says when they skip).
"""

from __future__ import annotations

import builtins
import http.server
import threading
from pathlib import Path

import pytest

from site_builder import pdf
from tests.conftest import TODAY_ARG
from tests.print_tools import needs_pango, pdf_info, pdf_text

ONE = "title: 幸福里小区\nbase_url: https://example.org/xfl/\n"
NOTICE = "---\ntitle: {title}\ndate: 2026-11-20\nexpires: 2026-11-30\n---\n{body}\n"
WISHES = (
    "- {wish: 想要一副老花镜, who: 张德珍, building: 5栋, date: 2026-11-02, status: open}\n"
    "- {wish: 陪我去医院复查, who: 李桂兰, building: 3栋, date: 2026-11-05, status: open}\n"
)
BUILDINGS = (
    "- building: 3栋\n  roles:\n"
    '    - {role: 楼栋长, name: 万玉廷, room: "0502", phone: "13900001111"}\n'
)


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own build cache: the counts of posters made and kept are what it did."""
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "build-cache"))


def files(notice_body: str = "请大家相互转告。") -> dict[str, str | bytes]:
    return {
        "notices/tingshui.md": NOTICE.format(title="停水通知", body=notice_body),
        "notices/dianti.md": NOTICE.format(title="加装电梯意见征集", body="请到物业登记。"),
        "wishes.yaml": WISHES,
        "buildings.yaml": BUILDINGS,
    }


def build(cli, content: Path, *extra: str):
    return cli("build", "--content", "content", "--today", TODAY_ARG, *extra, cwd=content.parent)


# ---- print: settings, validated like every other setting ----------------------------------


@pytest.mark.parametrize(
    ("setting", "first", "hint"),
    [
        (
            "print:\n  paper: B5\n",
            "content/site.yaml:3:10: 错误: paper 不能是 “B5”",
            "可以写：A4 | A3",
        ),
        (
            "print:\n  orientation: 横版\n",
            "content/site.yaml:3:16: 错误: orientation 不能是 “横版”",
            "可以写：portrait | landscape",
        ),
        (
            "print:\n  privacy: mask\n",
            "content/site.yaml:3:12: 错误: privacy 不能是 “mask”",
            "可以写：written | public",
        ),
        (
            "print:\n  posters: [honors, calendar]\n",
            "content/site.yaml:3:12: 错误: posters 不能是 “calendar”",
            "可以写：honors, points, buildings, notices, events, wishes",
        ),
        ("print:\n  posters: []\n", "content/site.yaml:3:12: 错误: posters 至少要有一项", None),
        (
            "print:\n  papper: A3\n",
            "content/site.yaml:3:3: 错误: 不认识的设置 “papper”",
            "是不是想写 “paper”？",
        ),
        ("print: A4\n", "content/site.yaml:2:8: 错误: 这里应该是 “名字: 值” 形式的设置", None),
    ],
    ids=["paper", "orientation", "privacy", "poster", "no-posters", "misspelled", "not-a-section"],
)
def test_bad_print_settings_are_located(make_site, cli, setting, first, hint) -> None:
    content = make_site(site_yaml="title: 幸福里小区\n" + setting)
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    lines = run.err.splitlines()
    assert first in lines, run.err
    if hint is not None:
        assert f"  提示: {hint}" in lines[lines.index(first) + 1 : lines.index(first) + 3]
    assert "Traceback" not in run.err


def test_every_mistake_in_print_is_listed_at_once(make_site, cli) -> None:
    content = make_site(site_yaml="title: 幸福里小区\nprint:\n  paper: B5\n  privacy: mask\n")
    run = cli("build", "--content", "content", "--target", "print", cwd=content.parent)
    assert run.code == 1
    assert "paper 不能是 “B5”" in run.err and "privacy 不能是 “mask”" in run.err
    assert "构建失败：2 个错误。之前的输出保持不变。" in run.err
    assert not (content.parent / "output").exists()


def test_good_print_settings_check_clean(make_site, cli) -> None:
    written = (
        "print:\n  paper: A3\n  orientation: landscape\n  privacy: public\n  posters: wishes\n"
    )
    content = make_site(site_yaml="title: 幸福里小区\n" + written)
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 0, run.err


# ---- Pango missing: a clear message for print; site and kiosk unaffected -------------------


@pytest.fixture
def no_pango(monkeypatch: pytest.MonkeyPatch):
    """Make `import weasyprint` fail as it does where libpango is not installed."""
    real_import = builtins.__import__

    def failing(name: str, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError(
                "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared "
                "object file: No such file or directory"
            )
        return real_import(name, *args, **kwargs)

    pdf._weasyprint.cache_clear()
    monkeypatch.setattr(builtins, "__import__", failing)
    yield
    pdf._weasyprint.cache_clear()


def test_print_without_pango_says_what_to_install(make_site, cli, no_pango) -> None:
    content = make_site(files(), site_yaml=ONE)
    run = build(cli, content, "--target", "print")
    assert run.code == 3
    lines = run.err.splitlines()
    assert lines[0] == (
        "生成公示栏海报（--target print）需要 Pango 排版库，这台电脑上没有：cannot load library "
        "'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: No such file or "
        "directory。网站和大厅屏不受影响，海报没有生成，之前的输出保持不变"
    )
    hint = lines[1]
    assert "sudo apt install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk" in hint
    assert "pacman -S mingw-w64-x86_64-pango" in hint and "brew install pango" in hint
    assert "Traceback" not in run.err
    assert not (content.parent / "output").exists()


def test_print_without_pango_in_english(make_site, cli, no_pango) -> None:
    content = make_site(files(), site_yaml=ONE + "language: en\n")
    run = build(cli, content, "--target", "print")
    assert run.code == 3
    assert run.err.startswith("Posters (--target print) need the Pango text layout library")
    assert "macOS: brew install pango" in run.err


def test_site_and_kiosk_build_without_pango(make_site, cli, no_pango) -> None:
    content = make_site(files(), site_yaml=ONE + "print:\n")
    for target in ("site", "kiosk"):
        run = build(cli, content, "--target", target)
        assert run.code == 0, run.err
    assert (content.parent / "output" / "site" / "index.html").is_file()
    assert (content.parent / "output" / "kiosk" / "index.html").is_file()
    assert not (content.parent / "output" / "print").exists()


def test_all_with_print_section_and_no_pango_publishes_nothing(make_site, cli, no_pango) -> None:
    content = make_site(files(), site_yaml=ONE + "print:\n")
    run = build(cli, content)
    assert run.code == 3 and "Pango" in run.err
    assert not (content.parent / "output").exists()


# ---- which targets `all` means --------------------------------------------------------------


@needs_pango
def test_all_includes_print_only_with_a_print_section(make_site, cli) -> None:
    content = make_site(files(), site_yaml=ONE)
    run = build(cli, content)
    assert run.code == 0, run.err
    output = content.parent / "output"
    assert (output / "site").is_dir() and (output / "kiosk").is_dir()
    assert not (output / "print").exists()
    (content / "site.yaml").write_text(ONE + "print:\n  posters: [notices, wishes]\n", "utf-8")
    run = build(cli, content)
    assert run.code == 0, run.err
    assert sorted(p.name for p in (output / "print").iterdir()) == [
        "01-通知公告.pdf",
        "02-微心愿.pdf",
    ]
    assert "已生成 print：2 个文件" in run.out


# ---- made again only when its data or template changed --------------------------------------


def _posters(output: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((output / "print").iterdir())}


@needs_pango
def test_unchanged_posters_are_kept_and_one_edit_remakes_one(make_site, cli) -> None:
    content = make_site(files(), site_yaml=ONE)
    output = content.parent / "output"
    first = build(cli, content, "--target", "print")
    assert first.code == 0, first.err
    assert "海报：3 张重新排版，0 张内容和模板没变，沿用上次的" in first.out
    before = _posters(output)
    assert sorted(before) == ["01-两长四员公示牌-3栋.pdf", "02-通知公告.pdf", "03-微心愿.pdf"]

    again = build(cli, content, "--target", "print")
    assert "海报：0 张重新排版，3 张内容和模板没变，沿用上次的" in again.out
    assert _posters(output) == before

    notice = content / "notices" / "tingshui.md"
    notice.write_text(NOTICE.format(title="停水通知", body="周五全天停水。"), "utf-8")
    edited = build(cli, content, "--target", "print")
    assert "海报：1 张重新排版，2 张内容和模板没变，沿用上次的" in edited.out
    after = _posters(output)
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["02-通知公告.pdf"]
    assert "周五全天停水" in pdf_text(output / "print" / "02-通知公告.pdf")


@needs_pango
def test_a_template_edit_remakes_the_posters_that_use_it(make_site, cli) -> None:
    content = make_site(files(), site_yaml=ONE)
    build(cli, content, "--target", "print")
    own = content.parent / "templates" / "print"
    own.mkdir(parents=True)
    theme = Path(__file__).resolve().parents[2] / "templates" / "print" / "wishes.html"
    own.joinpath("wishes.html").write_text(
        theme.read_text("utf-8").replace("{{ t.wishes_note }}", "心愿请找网格员认领"), "utf-8"
    )
    run = build(cli, content, "--target", "print")
    assert run.code == 0, run.err
    # every poster's key holds the print templates: a site's own copy remakes them all
    assert "海报：3 张重新排版，0 张" in run.out
    assert "心愿请找网格员认领" in pdf_text(content.parent / "output" / "print" / "03-微心愿.pdf")


# ---- a failed build writes no poster ---------------------------------------------------------


@needs_pango
def test_a_failed_build_leaves_the_posters_as_they_were(make_site, cli) -> None:
    content = make_site(files(), site_yaml=ONE)
    output = content.parent / "output"
    assert build(cli, content, "--target", "print").code == 0
    before = _posters(output)
    own = content.parent / "templates" / "print"
    own.mkdir(parents=True)
    own.joinpath("notices.html").write_text(
        '{% extends "print/poster.html" %}{% block main %}{{ no_such_name }}{% endblock %}',
        "utf-8",
    )
    notice = content / "notices" / "tingshui.md"
    notice.write_text(NOTICE.format(title="停水通知", body="周五全天停水。"), "utf-8")
    run = build(cli, content, "--target", "print")
    assert run.code == 1
    assert "templates/print/notices.html" in run.err
    assert _posters(output) == before
    assert not [p for p in output.iterdir() if p.name.startswith(".staging-")]


@needs_pango
def test_no_base_url_means_no_qr_code_and_one_warning(make_site, cli) -> None:
    content = make_site(files(), site_yaml="title: 幸福里小区\n")
    run = build(cli, content, "--target", "print")
    assert run.code == 0
    assert run.err.count("site.yaml 没有写 base_url，公示栏海报上不印二维码") == 1
    assert "content/site.yaml: 警告:" in run.err
    text = pdf_text(content.parent / "output" / "print" / "03-微心愿.pdf")
    assert "扫码看网上公示" not in text


# ---- privacy: as written by default, masked and guarded with privacy: public ----------------


@needs_pango
def test_posters_show_names_and_phones_as_written_by_default(make_site, cli) -> None:
    content = make_site(files(), site_yaml=ONE + "print:\n")
    assert build(cli, content, "--target", "print").code == 0
    text = pdf_text(content.parent / "output" / "print" / "01-两长四员公示牌-3栋.pdf")
    assert "万玉廷" in text and "13900001111" in text and "0502" in text


@needs_pango
def test_public_posters_are_masked(make_site, cli) -> None:
    content = make_site(files(), site_yaml=ONE + "print:\n  privacy: public\n")
    run = build(cli, content, "--target", "print")
    assert run.code == 0, run.err
    text = pdf_text(content.parent / "output" / "print" / "01-两长四员公示牌-3栋.pdf")
    assert "万**" in text and "139****1111" in text
    assert "万玉廷" not in text and "13900001111" not in text
    wishes = pdf_text(content.parent / "output" / "print" / "03-微心愿.pdf")
    assert "张**" in wishes and "张德珍" not in wishes


@needs_pango
def test_the_leak_guard_reads_public_posters_only(make_site, cli) -> None:
    # a wish naming a building captain in its own words: masking leaves it whole
    leaky = WISHES + (
        "- {wish: 请万玉廷帮忙修门锁, who: 王阿姨, building: 3栋, date: 2026-11-06, status: open}\n"
    )
    written = make_site({**files(), "wishes.yaml": leaky}, site_yaml=ONE + "print:\n")
    run = build(cli, written, "--target", "print")
    assert run.code == 0, run.err  # as written: a poster inside the compound, like the kiosk
    (written / "site.yaml").write_text(ONE + "print:\n  privacy: public\n", "utf-8")
    before = _posters(written.parent / "output")
    run = build(cli, written, "--target", "print")
    assert run.code == 1
    assert "output/print/03-微心愿.pdf: 错误:" in run.err
    assert "万玉廷" in run.err
    assert _posters(written.parent / "output") == before


@needs_pango
def test_a_poster_is_kept_whichever_targets_built_it(make_site, cli) -> None:
    # a repeating event's rule caches what the site's calendar expanded: not part of the key
    weekly = (
        "- title: 太极拳晨练\n  start: 2026-11-07 07:00\n  end: 2026-11-07 08:00\n"
        "  location: 小区广场\n  repeat: FREQ=WEEKLY;BYDAY=SA;UNTIL=20261231\n"
    )
    content = make_site({**files(), "events/weekly.yaml": weekly}, site_yaml=ONE)
    first = build(cli, content, "--target", "print")
    assert first.code == 0, first.err
    assert "海报：4 张重新排版，0 张" in first.out
    (content / "site.yaml").write_text(ONE + "print:\n", "utf-8")  # the same defaults
    again = build(cli, content)
    assert "海报：0 张重新排版，4 张内容和模板没变，沿用上次的" in again.out
    assert "太极拳晨练" in pdf_text(content.parent / "output" / "print" / "03-本月活动.pdf")


@needs_pango
@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("  paper: A3\n", "841.89 x 1190.55 pts (A3)"),
        ("  orientation: landscape\n", "841.89 x 595.276 pts (A4)"),
        ("  paper: A3\n  orientation: landscape\n", "1190.55 x 841.89 pts (A3)"),
    ],
)
def test_paper_and_orientation_set_every_page(make_site, cli, written: str, size: str) -> None:
    content = make_site(files(), site_yaml=ONE + "print:\n" + written)
    run = build(cli, content, "--target", "print")
    assert run.code == 0, run.err
    posters = sorted((content.parent / "output" / "print").glob("*.pdf"))
    assert len(posters) == 3
    for poster in posters:
        assert pdf_info(poster)["Page size"] == size, poster.name


@needs_pango
def test_laying_out_a_poster_fetches_nothing(tmp_path: Path) -> None:
    asked: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for a poster")
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Record) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        where = f"http://127.0.0.1:{server.server_port}"
        page = (
            f'<p>纸上</p><img src="{where}/a.png"><img src="{secret.as_uri()}">'
            f'<div style="background: url({where}/b.png)"></div>'
            f'<link rel="stylesheet" href="{where}/c.css">'
        )
        made = pdf.html_to_pdf(page)
        server.shutdown()
    assert asked == []
    assert made.startswith(b"%PDF")


@needs_pango
def test_making_posters_leaves_the_picture_checks_strict() -> None:
    # WeasyPrint's import lets Pillow load cut-off pictures, process-wide; pdf.py undoes it
    from PIL import ImageFile

    from site_builder.picture_files import inspect
    from tests.unit.test_pictures import picture

    pdf.html_to_pdf("<p>纸上</p>")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    whole = picture(640, 480, "JPEG")
    assert inspect(whole[: len(whole) // 2]).problem == "picture.broken"
