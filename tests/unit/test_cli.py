"""The command line: exit statuses, languages, progress and internal errors."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO, TODAY, TODAY_ARG, story


def test_build_succeeds_and_reports_in_chinese(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
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
    assert run.code == 0
    assert run.out.startswith("已生成 site：")
    assert "→ output/site（用时" in run.out
    assert run.err == ""


def test_quiet_prints_nothing(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    run = cli("build", "--content", "content", "--quiet", "--target", "site", cwd=content.parent)
    assert (run.code, run.out, run.err) == (0, "", "")


def test_kiosk_target_builds_only_the_board(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    run = cli(
        "build",
        "--content",
        "content",
        "--target",
        "kiosk",
        "--today",
        TODAY_ARG,
        cwd=content.parent,
    )
    assert run.code == 0
    assert run.out.startswith("已生成 kiosk：")
    names = {p.name for p in (content.parent / "output" / "kiosk").iterdir()}
    board = {"data.js", "index.html", "kiosk.css", "kiosk.js", "version.json"}
    assert board <= names and names - board <= {"fonts", "fonts.css"}
    assert not (content.parent / "output" / "site").exists()


def test_check_writes_nothing(make_site, cli) -> None:
    content = make_site({"stories/a.md": story(), "stories/b.md": story(draft="true")})
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 0
    assert run.out.strip() == "检查通过，没有发现错误：1 篇故事、0 个活动、0 条积分记录。"
    assert not (content.parent / "output").exists()


def test_content_errors_exit_1(make_site, cli) -> None:
    content = make_site({"stories/a.md": story(date="2025-02-30")})
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert run.err.rstrip().endswith("构建失败：1 个错误。之前的输出保持不变。")


def test_usage_errors_exit_2_in_chinese(make_site, cli) -> None:
    content = make_site({})
    run = cli("build", "--content", "content", "--target", "poster", cwd=content.parent)
    assert run.code == 2
    assert "用法错误：参数 --target 不能是 “poster”，可以用：'site', 'kiosk', 'all'" in run.err


def test_bad_today_is_a_usage_error(make_site, cli) -> None:
    content = make_site({})
    run = cli("build", "--content", "content", "--today", "2025-13-01", cwd=content.parent)
    assert run.code == 2
    assert "--today 的值 “2025-13-01” 不是日期，应写成 YYYY-MM-DD" in run.err


def test_missing_content_folder_is_a_usage_error(tmp_path, cli) -> None:
    run = cli("build", "--content", "nowhere", cwd=tmp_path)
    assert run.code == 2
    assert "找不到内容文件夹 nowhere" in run.err


def test_usage_errors_speak_english_for_an_english_site(make_site, cli) -> None:
    content = make_site({}, site_yaml="title: Test\nlanguage: en\n")
    run = cli("build", "--content", "content", "--target", "poster", cwd=content.parent)
    assert run.code == 2
    assert "Usage error: argument --target: invalid choice: 'poster'" in run.err


def test_internal_error_is_reported_without_traceback(make_site, cli, monkeypatch) -> None:
    content = make_site({"stories/a.md": story()})

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("site_builder.build.plan_site", broken)
    run = cli("build", "--content", "content", cwd=content.parent)
    assert run.code == 3
    assert (
        "内部错误：site-builder 自身出了问题（不是内容的错）。ZeroDivisionError: division by zero"
        in run.err
    )
    assert "加 --debug 重新运行可看到详细信息" in run.err
    assert "Traceback" not in run.err
    run = cli("build", "--content", "content", "--debug", cwd=content.parent)
    assert "Traceback" in run.err


def test_python_dash_m_runs_the_cli(make_site) -> None:
    """It ends the process at once (cli.exit_now), its piped output flushed first."""
    content = make_site({"stories/a.md": story()})
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "site_builder",
            "check",
            "--content",
            str(content),
            "--today",
            TODAY_ARG,
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        env=buffered,
    )
    assert result.returncode == 0, result.stderr
    assert "检查通过" in result.stdout


def test_progress_shows_on_a_terminal_only(make_site) -> None:
    import io

    from site_builder.build import build
    from site_builder.diagnostics import Diagnostics
    from site_builder.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    content = make_site({f"stories/s{n}.md": story(title=f"故事{n}") for n in range(3)})
    shown = Terminal()
    build(
        content,
        content.parent / "output",
        ("site", "kiosk"),
        TODAY,
        Diagnostics(),
        Progress("zh-CN", shown),
    )
    text = shown.getvalue()
    for words in (
        "正在读取和检查内容……",
        "正在生成网站：",
        "页",
        "正在做最后的隐私检查……",
        "正在生成大厅屏……",
    ):
        assert words in text
    assert text.endswith("\r\x1b[K")  # the line is cleared before the summary
    piped = io.StringIO()
    build(
        content,
        content.parent / "output",
        ("site",),
        TODAY,
        Diagnostics(),
        Progress("zh-CN", piped),
    )
    assert piped.getvalue() == ""
