"""The `site-builder` command: thin subcommands over the build recipe.

Exit status: 0 success, 1 content errors (all listed), 2 usage errors,
3 an internal error (a bug in site-builder; `--debug` shows the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import time
import traceback
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from site_builder.console import foreign_path, tolerate_narrow_consoles, usable_path
from site_builder.messages import DEFAULT_LANGUAGE, LANGUAGES, message_hint, message_text

if TYPE_CHECKING:
    from site_builder.diagnostics import Diagnostics
    from site_builder.loading import Loaded

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

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
        "target": "生成哪一部分：site 网站、kiosk 大厅屏、all 全部（默认 all）",
        "today": "把“今天”固定为这个日期（YYYY-MM-DD），便于重现构建",
        "quiet": "不显示进度",
        "debug": "出现内部错误时显示详细信息",
        "new": "新建一篇故事、一条通知或一个活动，文件格式已经写好",
        "serve": "生成并在本机预览网站；改动内容后自动重新生成并刷新浏览器",
        "host": "监听的地址（默认 127.0.0.1，只有本机能访问）",
        "port": "端口（默认 8000）",
        "kiosk": "预览大厅屏，而不是网站",
        "new_kind": "story 故事、notice 通知、event 活动",
        "new_title": '标题，例如 "李奶奶家门口的电梯"',
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
        "target": "what to build: site, kiosk or all (default: all)",
        "today": "pin “today” to this date (YYYY-MM-DD) for a reproducible build",
        "quiet": "do not show progress",
        "debug": "show details when an internal error happens",
        "new": "start a new story, notice or event, correctly formatted",
        "serve": "build, preview locally, rebuild and reload the browser on every edit",
        "host": "address to listen on (default 127.0.0.1: this computer only)",
        "port": "port (default 8000)",
        "kiosk": "preview the lobby board instead of the website",
        "new_kind": "story, notice or event",
        "new_title": "its title",
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


def _parser(language: str) -> _Parser:
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
                "--target", choices=("site", "kiosk", "all"), default="all", help=text["target"]
            )
    serve = commands.add_parser("serve", help=text["serve"], description=text["serve"])
    serve.add_argument("--content", default="content", help=text["content"])
    serve.add_argument("--output", default="output", help=text["output"])
    serve.add_argument("--host", default="127.0.0.1", help=text["host"])
    serve.add_argument("--port", type=int, default=8000, help=text["port"])
    serve.add_argument("--kiosk", action="store_true", help=text["kiosk"])
    serve.add_argument("--today", help=text["today"])
    serve.add_argument("--debug", action="store_true", help=text["debug"])
    commands.metavar = "{" + ",".join(commands.choices) + "}"  # named so in usage errors too
    return parser


def _content_argument(argv: Sequence[str]) -> Path:
    """Find --content before parsing, so even usage errors speak the site's language."""
    for index, arg in enumerate(argv):
        if arg == "--content" and index + 1 < len(argv):
            return Path(argv[index + 1])
        if arg.startswith("--content="):
            return Path(arg.split("=", 1)[1])
    return Path("content")


def run() -> NoReturn:
    """Be the `site-builder` command: run `main`, then end the process at once."""
    exit_now(main())


def exit_now(code: int) -> NoReturn:
    """End the process with `code` once its output is flushed, leaving its heap as it is.

    A big build leaves millions of objects behind (a 10,000-story site: half a
    gigabyte), and Python's own exit frees them one by one, for half a second.
    Every file is written and closed by the time a command returns: nothing is lost.
    """
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe: nothing more can be said
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from site_builder.config import peek_language

    args_list = list(sys.argv[1:] if argv is None else argv)
    tolerate_narrow_consoles()
    language = peek_language(_content_argument(args_list))
    try:
        args = _parser(language).parse_args(args_list)
    except SystemExit as stop:  # --help, or a usage error already reported
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    try:
        return _run(args, language)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # disk full, permissions: not a bug, not the content
        if args.debug:
            traceback.print_exc()
        _say_error(message_text("io.failed", language, {"detail": str(exc)}))
        _say_error(message_hint("io.failed", language) or "")
        return EXIT_INTERNAL
    except Exception as exc:  # a bug of ours: say so plainly, never a bare traceback
        if args.debug:
            traceback.print_exc()
        detail = f"{type(exc).__name__}: {exc}"
        _say_error(message_text("internal.error", language, {"detail": detail}))
        _say_error(message_hint("internal.error", language) or "")
        return EXIT_INTERNAL


def _run(args: argparse.Namespace, language: str) -> int:
    from site_builder.diagnostics import ContentErrors, Diagnostics, format_report
    from site_builder.incremental import rebuild
    from site_builder.loading import load
    from site_builder.output import OutputFolderError

    today = _parse_today(args.today)
    if args.today and today is None:
        return _usage(language, "usage.bad_today", value=args.today)
    if args.command == "init":
        return _init(args, today)
    for option in ("content", "output"):
        written: str | None = getattr(args, option, None)
        problem = foreign_path(written) if written else None
        if written and problem:
            return _usage(language, problem, option=f"--{option}", path=written)
    content = usable_path(args.content)
    if not content.is_dir():
        return _usage(language, "usage.no_content", path=str(content))
    if hasattr(args, "output"):
        args.output = str(usable_path(args.output))
    diags = Diagnostics()
    started = time.perf_counter()
    if args.command == "new":
        return _new(args, content, today, language, diags)
    if args.command == "serve":
        from site_builder.serve import Preview, serve

        target = "kiosk" if args.kiosk else "site"
        preview = Preview(content, Path(args.output), target, today, language)
        return serve(preview, args.host, args.port)
    try:
        if args.command == "check":
            summary = _checked_summary(load(content, today, diags), language)
        else:
            targets = ("site", "kiosk") if args.target == "all" else (args.target,)
            progress = Progress(language, enabled=not args.quiet)
            result = rebuild(content, Path(args.output), targets, today, diags, progress)
            summary = _built_summary(result.files, Path(args.output), started, language)
    except ContentErrors:
        _say_error(format_report(diags, language, checking=args.command == "check"))
        return EXIT_CONTENT
    except OutputFolderError as problem:
        return _usage(language, problem.code, **problem.params)
    if diags.warnings:
        _say_error(format_report(diags, language))
    if not args.quiet:
        print(summary)
    return EXIT_OK


def _new(
    args: argparse.Namespace,
    content: Path,
    today: dt.date | None,
    language: str,
    diags: Diagnostics,
) -> int:
    """Create a new story, notice or event file and say where it is."""
    from site_builder.config import load_config
    from site_builder.diagnostics import display_path, format_report
    from site_builder.fields import MOST_CHARS
    from site_builder.loading import local_today
    from site_builder.scaffold import scaffold

    length = len(args.title.strip())
    if not length:  # the build would refuse the file it makes, as below
        return _usage(language, "new.title_empty")
    if length > MOST_CHARS:
        return _usage(language, "new.title_too_long", length=str(length), most=str(MOST_CHARS))
    config = load_config(content, diags)
    if config is None or diags.has_errors:
        _say_error(format_report(diags, language, checking=True))
        return EXIT_CONTENT
    path = scaffold(args.kind, args.title, content, config, today or local_today(config))
    print(message_text("new.created", language, {"path": display_path(path)}))
    print(message_hint("new.created", language) or "")
    return EXIT_OK


def _init(args: argparse.Namespace, today: dt.date | None) -> int:
    """Make a working site from nothing in args.folder, or refuse if one is there."""
    from site_builder.starter import SiteExists, init_site, starter_today

    language = args.language or DEFAULT_LANGUAGE
    problem = foreign_path(args.folder)
    if problem:
        return _usage(language, problem, option="FOLDER", path=args.folder)
    folder = usable_path(args.folder)
    if folder.exists() and not folder.is_dir():
        return _usage(language, "init.not_a_folder", path=str(folder))
    try:
        content = init_site(folder, language, today or starter_today())
    except SiteExists as exists:
        return _usage(language, "init.exists", path=str(exists.content))
    print(message_text("init.created", language, {"path": str(content)}))
    step = "init.next_here" if folder.resolve() == Path.cwd().resolve() else "init.next"
    print(message_text(step, language, {"folder": str(folder)}))
    return EXIT_OK


def _checked_summary(loaded: Loaded, language: str) -> str:
    """Say what `check` found, and name every story that is not published yet, and why."""
    from site_builder.diagnostics import display_path
    from site_builder.kinds.stories import waiting_stories

    site = loaded.site
    counts = {
        "stories": str(len(site.stories)),
        "events": str(len(site.calendar.events)),
        "entries": str(len(site.ledger.entries)),
    }
    lines = [message_text("summary.check_ok", language, counts)]
    unpublished = [path for path, page in loaded.memo.pages.items() if page is None]
    drafts, scheduled = waiting_stories(unpublished, site.today)
    if drafts or scheduled:
        numbers = {"drafts": str(len(drafts)), "scheduled": str(len(scheduled))}
        lines.append(message_text("summary.waiting", language, numbers))
        for path in drafts:
            lines.append(message_text("summary.draft", language, {"path": display_path(path)}))
        for path, day in scheduled:
            params = {"path": display_path(path), "date": day.isoformat()}
            lines.append(message_text("summary.scheduled", language, params))
    return "\n".join(lines)


from site_builder.progress import Progress  # noqa: E402 - light, and only after the parser


def _built_summary(files: dict[str, int], output: Path, started: float, language: str) -> str:
    seconds = f"{time.perf_counter() - started:.2f}"
    lines = [
        message_text(
            "summary.built",
            language,
            {
                "target": target,
                "files": str(count),
                "path": str(output / target),
                "seconds": seconds,
            },
        )
        for target, count in files.items()
    ]
    return "\n".join(lines)


def _parse_today(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _usage(language: str, code: str, **params: str) -> int:
    _say_error(message_text(code, language, params))
    hint = message_hint(code, language, params)
    if hint:
        _say_error(f"  {message_text('label.hint', language)}: {hint}")
    return EXIT_USAGE


def _say_error(text: str) -> None:
    print(text, file=sys.stderr)
