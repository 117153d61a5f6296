"""`publish:` in site.yaml and the destinations written on the command line: every mistake
named at its line or refused with what to type instead, no secret ever kept or echoed."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY_ARG
from tests.publish_tools import STORIES, publish_args, tree

SITE = "title: 测试小区\n"


def _errors(run) -> list[str]:
    return [line for line in run.err.splitlines() if ": 错误: " in line]


def test_a_named_destination_is_picked_by_its_name(make_site, cli, tmp_path) -> None:
    site = (
        SITE
        + f"publish:\n  网站:\n    to: {tmp_path / 'www'}\n  大厅:\n    to: {tmp_path / 'lobby'}\n    target: kiosk\n"
    )
    content = make_site(STORIES, site_yaml=site)
    run = cli("publish", "大厅", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 0, run.err
    assert run.out.startswith(f"已发布 kiosk → {tmp_path / 'lobby'}：")
    assert (tmp_path / "lobby" / "version.json").is_file() and not (tmp_path / "www").exists()
    run = cli("publish", "网站", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 0, run.err
    assert tree(tmp_path / "www") == tree(content.parent / "output" / "site")


def test_the_only_destination_needs_no_name(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES, site_yaml=SITE + f"publish:\n  u盘:\n    to: {tmp_path / 'usb'}\n")
    run = cli("publish", "--content", "content", "--today", TODAY_ARG, "-q", cwd=content.parent)
    assert (run.code, run.out, run.err) == (0, "", "")
    assert (tmp_path / "usb" / "index.html").is_file()


@pytest.mark.parametrize(
    ("site", "args", "expected"),
    [
        (SITE, ["--to", "/x", "www"], ["用法错误" if False else "名字 www 和 --to 只能写一个"]),
        (
            SITE + "publish:\n  a: {to: /x}\n  b: {to: /y}\n",
            [],
            [
                "site.yaml 的 publish: 里有好几个目标，要写明发布到哪一个：a, b",
                "  提示: 例如 site-builder publish 后面加上其中一个名字",
            ],
        ),
        (
            SITE + "publish:\n  a: {to: /x}\n",
            ["www"],
            ["site.yaml 的 publish: 里没有叫 “www” 的目标，有：a"],
        ),
        (
            SITE,
            ["www"],
            [
                "site.yaml 里没有 publish: 设置，找不到叫 “www” 的目标",
                "  提示: 用 --to 写出发布到哪里，或者在 site.yaml 里加上：publish: {www: {to: /media/usb/公示屏}}",
            ],
        ),
        (
            SITE,
            [],
            [
                "没有说发布到哪里",
                "  提示: 用 --to 写出发布到哪里（例如 --to /media/usb/公示屏），或者在 site.yaml 的 publish: 下面起个名字",
            ],
        ),
    ],
)
def test_which_destination(make_site, cli, site, args, expected) -> None:
    content = make_site(STORIES, site_yaml=site)
    run = cli("publish", *args, "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 2
    assert run.err.splitlines() == expected
    assert not (content.parent / "output").exists()  # refused before building


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "ftp://example.org/www",
            [
                "不支持发布到 “ftp://example.org/www”（ftp://）",
                "  提示: 可以发布到：文件夹（例如 /media/usb/公示屏 或 D:\\公示屏）、ssh://用户@主机[:端口]/路径、git+仓库地址[#分支]",
            ],
        ),
        (
            "board@192.168.1.10:/srv/www",
            [
                "“board@192.168.1.10:/srv/www” 是 scp 的写法，site-builder 看不懂",
                "  提示: 写成 ssh://用户@主机/路径，例如 ssh://board@192.168.1.10/srv/www/board",
            ],
        ),
        (
            "ssh://board:mima123@192.168.1.10/srv/www",
            [
                "发布地址 “ssh://board:***@192.168.1.10/srv/www” 里写了密码或令牌：密码不能写在命令里或 site.yaml 里",
                "  提示: SSH 用密钥或 ssh-agent（ssh-keygen 生成，公钥放到服务器的 ~/.ssh/authorized_keys）；git 走 https 时把令牌放在环境变量 SITE_BUILDER_GIT_TOKEN 里，地址里只写用户名",
            ],
        ),
        (
            "git+https://ghp_secret123@github.com/a/b.git",
            [
                "发布地址 “git+https://***@github.com/a/b.git” 里写了密码或令牌：密码不能写在命令里或 site.yaml 里",
                "  提示: SSH 用密钥或 ssh-agent（ssh-keygen 生成，公钥放到服务器的 ~/.ssh/authorized_keys）；git 走 https 时把令牌放在环境变量 SITE_BUILDER_GIT_TOKEN 里，地址里只写用户名",
            ],
        ),
        (
            "ssh://192.168.1.10",
            [
                "发布地址 “ssh://192.168.1.10” 没有写文件夹路径",
                "  提示: 在主机后面写上路径，例如 ssh://board@192.168.1.10/srv/www/board（登录文件夹下面的用 /~/board）",
            ],
        ),
        (
            "ssh:///srv/www",
            [
                "发布地址 “ssh:///srv/www” 没有写主机",
                "  提示: 写成 ssh://用户@主机[:端口]/路径，例如 ssh://board@192.168.1.10/srv/www/board",
            ],
        ),
        (
            "ssh://h:70000/srv",
            [
                "发布地址 “ssh://h:70000/srv” 的端口不对：端口是 1 到 65535 之间的数",
                "  提示: 例如 ssh://board@192.168.1.10:2222/srv/www/board；不写端口就是 22",
            ],
        ),
        (
            "git+#pages",
            [
                "“git+#pages” 的 git+ 后面没有仓库地址",
                "  提示: 例如 git+https://gitee.com/小区/公示栏.git#gh-pages 或 git+git@github.com:小区/board.git",
            ],
        ),
        (
            "git+/srv/board.git#..main",
            [
                "分支名 “..main” 不能用",
                "  提示: 用字母、数字、-、_、/ 和 . 组成，例如 #gh-pages；不写就是 gh-pages",
            ],
        ),
        (
            " ",
            [
                "没有写发布到哪里",
                "  提示: 写一个文件夹、ssh://用户@主机/路径 或 git+仓库地址，例如 --to /media/usb/公示屏",
            ],
        ),
    ],
)
def test_a_bad_destination_is_refused_plainly(make_site, cli, written, expected) -> None:
    content = make_site(STORIES)
    run = cli(*publish_args(written), cwd=content.parent)
    assert run.code == 2
    assert run.err.splitlines() == expected
    assert "mima123" not in run.err + run.out and "secret123" not in run.err + run.out


def test_a_windows_folder_is_refused_elsewhere(make_site, cli) -> None:
    content = make_site(STORIES)
    run = cli(*publish_args("D:\\公示屏"), cwd=content.parent)
    assert run.code == 2
    assert run.err.splitlines()[0].startswith("--to 的值 “D:\\公示屏” 是 Windows 的文件夹写法")
    assert "例如 --to /media/usb/公示屏" in run.err
    named = make_site(STORIES, site_yaml=SITE + "publish:\n  大厅:\n    to: E:\\公示屏\n")
    run = cli("publish", "--content", "content", "--today", TODAY_ARG, cwd=named.parent)
    assert run.code == 2
    assert run.err.splitlines()[0].startswith("to: 的值 “E:\\公示屏” 是 Windows 的文件夹写法")


def test_publish_settings_are_checked_at_their_lines(make_site, cli) -> None:
    site = (
        SITE
        + "publish:\n"
        + "  网站:\n    to: ftp://example.org/x\n    target: print\n"  # lines 3-5
        + "  大厅:\n    to: /media/usb/board\n    password: mima123\n    tagret: kiosk\n"  # 6-9
        + "  坏 名字:\n    to: /x\n"  # 10-11
        + "  空:\n    target: site\n"  # 12-13
        + "  下一个:\n    to: ssh://u:mima456@h/x\n"  # 14-15
        + "token: abc\n"  # 16
    )
    content = make_site(STORIES, site_yaml=site)
    run = cli("check", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    assert _errors(run) == [
        "content/site.yaml:4:9: 错误: 不支持发布到 “ftp://example.org/x”（ftp://）",
        "content/site.yaml:5:13: 错误: target 不能是 “print”",
        "content/site.yaml:8:5: 错误: site.yaml 里不能写 password：密码和令牌不放在 site.yaml 里（它会被复制、分享、存进 git）",
        "content/site.yaml:9:5: 错误: 不认识的设置 “tagret”",
        "content/site.yaml:10:3: 错误: 发布目标的名字 “坏 名字” 不能用：只能有字母、汉字、数字、- 和 _，不超过 40 个字",
        "content/site.yaml:13:5: 错误: 缺少必填项 to",
        "content/site.yaml:15:9: 错误: 发布地址 “ssh://u:***@h/x” 里写了密码或令牌：密码不能写在命令里或 site.yaml 里",
        "content/site.yaml:16:1: 错误: site.yaml 里不能写 token：密码和令牌不放在 site.yaml 里（它会被复制、分享、存进 git）",
    ]
    assert "mima123" not in run.err and "mima456" not in run.err
    hint = "  提示: 删掉这一行。SSH 用密钥或 ssh-agent（ssh-keygen 生成，公钥放到服务器的 ~/.ssh/authorized_keys）；git 走 https 时把令牌放在环境变量 SITE_BUILDER_GIT_TOKEN 里"
    assert hint in run.err.splitlines()


def test_publish_must_be_named_destinations(make_site, cli) -> None:
    content = make_site(STORIES, site_yaml=SITE + "publish: /media/usb\n")
    run = cli("publish", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 1
    lines = run.err.splitlines()
    assert "content/site.yaml:2:10: 错误: publish: 下面要写 “名字: 目标” 形式的设置" in lines
    assert not (content.parent / "output").exists()


def test_english_sites_publish_in_english(make_site, cli, tmp_path) -> None:
    content = make_site(STORIES, site_yaml="title: Test\nlanguage: en\n")
    run = cli(*publish_args(str(tmp_path / "www")), cwd=content.parent)
    assert run.code == 0, run.err
    assert run.out.startswith(f"Published site → {tmp_path / 'www'}: uploaded ")
    run = cli(*publish_args(str(tmp_path / "www")), cwd=content.parent)
    assert run.out.startswith(f"No change: {tmp_path / 'www'} already holds this build of site (")
