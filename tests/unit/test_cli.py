"""The command line: exit statuses, languages, progress and internal errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

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
    assert run.out.splitlines() == [
        "检查通过，没有发现错误：1 篇故事、0 个活动、0 条积分记录。",
        "另有 1 篇草稿、0 篇定时发布，还不会出现在网站上：",
        "  草稿：content/stories/b.md（写好后把 draft: true 改成 false）",
    ]
    assert not (content.parent / "output").exists()


def test_check_names_drafts_and_scheduled_stories(make_site, cli) -> None:
    content = make_site(
        {
            "stories/a.md": story(),
            "stories/b.md": story(draft="true"),
            "stories/c.md": story(publish="2026-12-01"),
            "stories/d.md": story(publish=TODAY_ARG),
        }
    )
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "检查通过，没有发现错误：2 篇故事、0 个活动、0 条积分记录。",
        "另有 1 篇草稿、1 篇定时发布，还不会出现在网站上：",
        "  草稿：content/stories/b.md（写好后把 draft: true 改成 false）",
        "  定时发布：content/stories/c.md（2026-12-01 发布）",
    ]


def test_content_errors_exit_1(make_site, cli) -> None:
    content = make_site({"stories/a.md": story(date="2025-02-30")})
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert run.err.rstrip().endswith("构建失败：1 个错误。之前的输出保持不变。")


def test_usage_errors_exit_2_in_chinese(make_site, cli) -> None:
    content = make_site({})
    run = cli("build", "--content", "content", "--target", "poster", cwd=content.parent)
    assert run.code == 2
    assert "用法错误：参数 --target 不能是 “poster”，可以用：site, kiosk, print, all" in run.err


def test_bad_today_is_a_usage_error(make_site, cli) -> None:
    content = make_site({})
    run = cli("build", "--content", "content", "--today", "2025-13-01", cwd=content.parent)
    assert run.code == 2
    assert "--today 的值 “2025-13-01” 不是日期，应写成 YYYY-MM-DD" in run.err


def test_missing_content_folder_is_a_usage_error(tmp_path, cli) -> None:
    run = cli("build", "--content", "nowhere", cwd=tmp_path)
    assert run.code == 2
    assert "找不到内容文件夹 nowhere" in run.err


def test_an_empty_folder_says_how_to_start(tmp_path, cli) -> None:
    for command in (["build"], ["check"], ["serve"], ["new", "story", "好邻居"]):
        run = cli(*command, cwd=tmp_path)
        assert run.code == 2
        assert run.err.splitlines() == [
            "找不到内容文件夹 content",
            "  提示: 还没有网站：运行 site-builder init 新建一个能直接生成的示例网站；"
            "内容在别的地方：用 --content 写出它的位置，例如 --content 小区网站/content",
        ]
    assert list(tmp_path.iterdir()) == []


def test_version(cli) -> None:
    from site_builder import __version__

    run = cli("--version")
    assert (run.code, run.out) == (0, f"site-builder {__version__}\n")


def test_help_speaks_chinese_throughout(cli) -> None:
    run = cli("--help")
    assert run.code == 0
    assert run.out.startswith(
        "用法：site-builder [-h] [--version] {init,new,check,build,publish,serve}"
    )
    for english in ("usage:", "show this help", "options:", "positional arguments"):
        assert english not in run.out
    assert "显示这段说明后退出" in run.out and "显示版本号后退出" in run.out
    run = cli("build", "--help")
    assert run.out.startswith("用法：site-builder build [-h]")
    assert "生成哪一部分：site 网站、kiosk 大厅屏、print 海报、all 全部（默认 all）" in run.out
    run = cli("publish", "--help")
    assert run.out.startswith("用法：site-builder publish [-h] [--to DEST] [--target {site,kiosk}]")
    assert "发布到哪里：文件夹、ssh://用户@主机[:端口]/路径 或 git+仓库地址[#分支]" in run.out


def test_usage_lines_speak_chinese(tmp_path, cli) -> None:
    run = cli(cwd=tmp_path)
    assert run.code == 2
    assert (
        run.err.splitlines()[-1] == "用法错误：缺少命令，可以用：init,new,check,build,publish,serve"
    )
    assert run.err.startswith("用法：site-builder")
    run = cli("frob", cwd=tmp_path)
    assert run.err.splitlines()[-1] == (
        "用法错误：没有 “frob” 这个命令，可以用：init, new, check, build, publish, serve"
    )
    run = cli("serve", "--port", "八千", cwd=tmp_path)
    assert run.err.splitlines()[-1] == "用法错误：参数 --port 要写整数，这里写的是 “八千”"


def test_help_speaks_english_for_an_english_site(make_site, cli) -> None:
    content = make_site({}, site_yaml="title: Test\nlanguage: en\n")
    run = cli("build", "--help", "--content", str(content))
    assert run.out.startswith("usage: site-builder build [-h]")
    assert "show this help and exit" in run.out


@pytest.mark.skipif(os.name == "nt", reason="Windows reads these paths natively")
@pytest.mark.parametrize(
    "written",
    ["D:\\小区网站\\content", "D:/小区网站/content", "c:content", "\\\\server\\share\\content"],
)
def test_windows_paths_are_refused_plainly_elsewhere(tmp_path, cli, written: str) -> None:
    run = cli("check", "--content", written, cwd=tmp_path)
    assert run.code == 2
    assert run.err.splitlines() == [
        f"--content 的值 “{written}” 是 Windows 的路径写法（盘符或 \\\\ 开头），这台电脑不是 Windows，找不到它",
        "  提示: 写这台电脑上的路径，例如 --content 小区网站/content（在 Windows 上可以照原样写 D:\\小区网站\\content）",
    ]
    run = cli("build", "--output", written, cwd=tmp_path)
    assert run.code == 2 and "--output 的值" in run.err


@pytest.mark.skipif(os.name == "nt", reason="backslashes are separators on Windows")
def test_backslash_paths_mean_what_windows_means(make_site, cli) -> None:
    content = make_site({"stories/a.md": story()})
    site = content.parent
    run = cli(
        "build", "--content", ".\\content", "--output", "out\\web", "--target", "site", cwd=site
    )
    assert run.code == 0, run.err
    assert (site / "out" / "web" / "site" / "index.html").is_file()
    assert not any("\\" in p.name for p in site.iterdir())
    # cmd hands `"content\"` over as `content"`: the quote is not part of the folder
    assert cli("check", "--content", 'content"', cwd=site).code == 0


def test_a_console_that_cannot_show_a_character_degrades(make_site) -> None:
    """A GBK console (Windows) cannot encode 𠮷 or ✅: they print as ?, never a traceback."""
    content = make_site({"stories/𠮷祥✅.md": story(draft="true")})
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "check", "--content", str(content)],
        capture_output=True,
        cwd=REPO,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "gbk"},
    )
    out, err = result.stdout.decode("gbk"), result.stderr.decode("gbk")
    assert (result.returncode, err) == (0, "")
    assert "  草稿：" in out and "?祥?.md（写好后把 draft: true 改成 false）" in out


def test_usage_errors_speak_english_for_an_english_site(make_site, cli) -> None:
    content = make_site({}, site_yaml="title: Test\nlanguage: en\n")
    run = cli("build", "--content", "content", "--target", "poster", cwd=content.parent)
    assert run.code == 2
    assert "Usage error: argument --target: invalid choice: 'poster'" in run.err


def test_internal_error_is_reported_without_traceback(make_site, cli, monkeypatch) -> None:
    content = make_site({"stories/a.md": story()})

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("site_builder.loading.plan_site", broken)
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
