"""The command line's grammar: argparse speaking the site's language throughout.

The usage prefix, section titles, help and argparse's own error sentences are given
in the site's language (zh-CN or en); a usage error exits with EXIT_USAGE.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from site_builder.exit_codes import EXIT_USAGE
from site_builder.messages import LANGUAGES, message_text

_HELP = {
    "zh-CN": {
        "description": "把社区的好人好事、活动、积分和公示生成静态网站和大厅屏。",
        "usage": "用法：",
        "commands": "命令",
        "positionals": "参数",
        "options": "选项",
        "help": "显示这段说明后退出",
        "version": "显示版本号后退出",
        "init": "在一个空文件夹里新建一个能直接生成的示例网站",
        "init_folder": "放网站的文件夹（默认当前文件夹），内容会放在它下面的 content 里",
        "language": "网站的语言：zh-CN 中文（默认）或 en 英文",
        "build": "生成网站（和大厅屏）",
        "check": "只检查内容，不生成文件",
        "content": "内容文件夹（默认 content）",
        "output": "输出文件夹（默认 output）",
        "target": "生成哪一部分：site 网站、kiosk 大厅屏、print 海报、all 全部（默认 all）",
        "today": "把“今天”固定为这个日期（YYYY-MM-DD），便于重现构建",
        "quiet": "不显示进度",
        "debug": "出现内部错误时显示详细信息",
        "new": "新建一篇故事、一条通知或一个活动，文件格式已经写好",
        "serve": "生成并在本机预览网站；改动内容后自动重新生成并刷新浏览器",
        "host": "监听的地址（默认 127.0.0.1，只有本机能访问）",
        "port": "端口（默认 8000）",
        "kiosk": "预览大厅屏，而不是网站",
        "editor": "在非本机地址上也打开 /_edit/ 编辑器（会在终端里印出编辑口令）",
        "new_kind": "story 故事、notice 通知、event 活动",
        "new_title": '标题，例如 "李奶奶家门口的电梯"',
        "publish": "生成后发布到服务器、U 盘文件夹或 Git 仓库（只传有变化的文件，删掉多余的）",
        "publish_name": "site.yaml 里 publish: 下面起的名字",
        "publish_to": "发布到哪里：文件夹、ssh://用户@主机[:端口]/路径 或 git+仓库地址[#分支]",
        "publish_target": "发布哪一部分：site 网站（默认）或 kiosk 大厅屏",
        "dry_run": "只列出会上传和删除哪些文件，什么都不改",
        "force": "目标里已有不是 site-builder 发布的文件时也发布（那些文件不会被删除）",
        "accept_new_host_key": "第一次连这台服务器时记下它的主机密钥（写进 ~/.ssh/known_hosts）",
    },
    "en": {
        "description": "Build community bulletin boards and lobby screens from stories and YAML.",
        "usage": "usage: ",
        "commands": "commands",
        "positionals": "arguments",
        "options": "options",
        "help": "show this help and exit",
        "version": "show the version and exit",
        "init": "start a new site that builds as it is, in an empty folder",
        "init_folder": "the folder for the site (default: this one); content goes in its content/",
        "language": "the site's language: zh-CN (default) or en",
        "build": "build the website (and the kiosk board)",
        "check": "validate the content only; write nothing",
        "content": "content folder (default: content)",
        "output": "output folder (default: output)",
        "target": "what to build: site, kiosk, print (posters) or all (default: all)",
        "today": "pin “today” to this date (YYYY-MM-DD) for a reproducible build",
        "quiet": "do not show progress",
        "debug": "show details when an internal error happens",
        "new": "start a new story, notice or event, correctly formatted",
        "serve": "build, preview locally, rebuild and reload the browser on every edit",
        "host": "address to listen on (default 127.0.0.1: this computer only)",
        "port": "port (default 8000)",
        "kiosk": "preview the lobby board instead of the website",
        "editor": "open the /_edit/ editor on a non-loopback --host too (a token is printed here)",
        "new_kind": "story, notice or event",
        "new_title": "its title",
        "publish": "build, then publish to a server, a folder or a git branch (only what changed)",
        "publish_name": "a destination named under publish: in site.yaml",
        "publish_to": "where to: a folder, ssh://user@host[:port]/path or git+URL[#branch]",
        "publish_target": "what to publish: site (default) or kiosk",
        "dry_run": "list what would be uploaded and deleted; change nothing",
        "force": "publish even where files site-builder did not publish are (they are not deleted)",
        "accept_new_host_key": "trust a new server's host key (kept in ~/.ssh/known_hosts)",
    },
}


_ARGPARSE_ZH = [
    (
        r"argument \{[^}]*\}: invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
        r"没有 “\1” 这个命令，可以用：\2",
    ),
    (r"the following arguments are required: \{([^}]*)\}", r"缺少命令，可以用：\1"),
    (
        r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
        r"参数 \1 不能是 “\2”，可以用：\3",
    ),
    (r"argument (\S+): invalid int value: '?([^']*)'?", r"参数 \1 要写整数，这里写的是 “\2”"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面要跟一个值"),
    (r"argument (\S+): ignored explicit argument '?([^']*)'?", r"参数 \1 后面不能写值 “\2”"),
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"不认识的参数：\1"),
    (r"ambiguous option: (\S+) could match (.*)", r"参数 \1 不完整，可能是：\2"),
    (r"invalid choice: '?([^' ]*)'? \(choose from (.*)\)", r"没有 “\1” 这个命令，可以用：\2"),
]


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with the usage line's prefix in the site's language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(
            usage, actions, groups, _Parser.text["usage"] if prefix is None else prefix
        )


class _Parser(argparse.ArgumentParser):
    """argparse that speaks the site's language throughout: usage, help and errors (exit 2)."""

    language = "zh-CN"
    text = _HELP["zh-CN"]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = self.text["positionals"]
        self._optionals.title = self.text["options"]
        self.add_argument("-h", "--help", action="help", help=self.text["help"])

    def error(self, message: str) -> NoReturn:
        if self.language != "en":
            for pattern, replacement in _ARGPARSE_ZH:
                message = re.sub(pattern, replacement, message)
            message = message.replace("'", "")
        self.print_usage(sys.stderr)
        detail = message_text("usage.error", self.language, {"detail": message})
        self.exit(EXIT_USAGE, detail + "\n")


def command_parser(language: str) -> _Parser:
    from site_builder import __version__

    text = _HELP["en" if language == "en" else "zh-CN"]
    _Parser.language, _Parser.text = language, text
    parser = _Parser(prog="site-builder", description=text["description"])
    parser.add_argument(
        "--version", action="version", version=f"site-builder {__version__}", help=text["version"]
    )
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, title=text["commands"]
    )
    init = commands.add_parser("init", help=text["init"], description=text["init"])
    init.add_argument("folder", nargs="?", default=".", help=text["init_folder"])
    init.add_argument("--language", choices=LANGUAGES, help=text["language"])
    init.add_argument("--today", help=text["today"])
    init.add_argument("--debug", action="store_true", help=text["debug"])
    new = commands.add_parser("new", help=text["new"], description=text["new"])
    new.add_argument("kind", choices=("story", "notice", "event"), help=text["new_kind"])
    new.add_argument("title", help=text["new_title"])
    new.add_argument("--content", default="content", help=text["content"])
    new.add_argument("--today", help=text["today"])
    new.add_argument("--debug", action="store_true", help=text["debug"])
    for name in ("check", "build"):
        command = commands.add_parser(name, help=text[name], description=text[name])
        command.add_argument("--content", default="content", help=text["content"])
        command.add_argument("--today", help=text["today"])
        command.add_argument("--quiet", "-q", action="store_true", help=text["quiet"])
        command.add_argument("--debug", action="store_true", help=text["debug"])
        if name == "build":
            command.add_argument("--output", default="output", help=text["output"])
            command.add_argument(
                "--target",
                choices=("site", "kiosk", "print", "all"),
                default="all",
                help=text["target"],
            )
    _add_publish(commands.add_parser("publish", help=text["publish"], description=text["publish"]))
    serve = commands.add_parser("serve", help=text["serve"], description=text["serve"])
    serve.add_argument("--content", default="content", help=text["content"])
    serve.add_argument("--output", default="output", help=text["output"])
    serve.add_argument("--host", default="127.0.0.1", help=text["host"])
    serve.add_argument("--port", type=int, default=8000, help=text["port"])
    serve.add_argument("--kiosk", action="store_true", help=text["kiosk"])
    serve.add_argument("--today", help=text["today"])
    serve.add_argument("--debug", action="store_true", help=text["debug"])
    serve.add_argument("--editor", action="store_true", help=text["editor"])
    commands.metavar = "{" + ",".join(commands.choices) + "}"  # named so in usage errors too
    return parser


def _add_publish(publish: argparse.ArgumentParser) -> None:
    text = _Parser.text
    publish.add_argument("name", nargs="?", metavar="NAME", help=text["publish_name"])
    publish.add_argument("--to", metavar="DEST", help=text["publish_to"])
    publish.add_argument("--target", choices=("site", "kiosk"), help=text["publish_target"])
    publish.add_argument("--dry-run", action="store_true", help=text["dry_run"])
    publish.add_argument("--force", action="store_true", help=text["force"])
    publish.add_argument(
        "--accept-new-host-key", action="store_true", help=text["accept_new_host_key"]
    )
    publish.add_argument("--content", default="content", help=text["content"])
    publish.add_argument("--output", default="output", help=text["output"])
    publish.add_argument("--today", help=text["today"])
    publish.add_argument("--quiet", "-q", action="store_true", help=text["quiet"])
    publish.add_argument("--debug", action="store_true", help=text["debug"])


def content_argument(argv: Sequence[str]) -> Path:
    """Find --content before parsing, so even usage errors speak the site's language."""
    for index, arg in enumerate(argv):
        if arg == "--content" and index + 1 < len(argv):
            return Path(argv[index + 1])
        if arg.startswith("--content="):
            return Path(arg.split("=", 1)[1])
    return Path("content")
