"""What each `site-builder` command does once its arguments are parsed, and what it says.

Heavy imports happen inside the command that needs them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.console import foreign_path, usable_path
from site_builder.messages import DEFAULT_LANGUAGE, message_hint, message_text
from site_builder.progress import Progress

if TYPE_CHECKING:
    from site_builder.diagnostics import Diagnostics
    from site_builder.loading import Loaded
from site_builder.exit_codes import EXIT_CONTENT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE


def run_command(args: argparse.Namespace, language: str) -> int:
    from site_builder.diagnostics import ContentErrors, Diagnostics, format_report
    from site_builder.incremental import rebuild
    from site_builder.loading import load
    from site_builder.output import OutputFolderError
    from site_builder.pdf import PrintUnavailable

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
    if args.command == "publish":
        from site_builder.cli_publish import publish_command

        return publish_command(args, content, today, language)
    if args.command == "serve":
        from site_builder.serve import Preview, serve

        target = "kiosk" if args.kiosk else "site"
        preview = Preview(content, Path(args.output), target, today, language)
        return serve(preview, args.host, args.port, editor=args.editor)
    try:
        if args.command == "check":
            summary = _checked_summary(load(content, today, diags), language)
        else:
            targets = _targets(args.target, content)
            progress = Progress(language, enabled=not args.quiet)
            result = rebuild(content, Path(args.output), targets, today, diags, progress)
            summary = _built_summary(result.files, Path(args.output), started, language)
            if result.posters is not None:
                made, kept = str(result.posters.made), str(result.posters.kept)
                summary += "\n" + message_text(
                    "summary.posters", language, {"made": made, "kept": kept}
                )
    except ContentErrors:
        say_error(format_report(diags, language, checking=args.command == "check"))
        return EXIT_CONTENT
    except OutputFolderError as problem:
        return _usage(language, problem.code, **problem.params)
    except PrintUnavailable as missing:
        say_error(message_text("print.unavailable", language, {"detail": missing.detail}))
        say_error(
            f"  {message_text('label.hint', language)}: "
            + (message_hint("print.unavailable", language) or "")
        )
        return EXIT_INTERNAL
    if diags.warnings:
        say_error(format_report(diags, language))
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
        say_error(format_report(diags, language, checking=True))
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


def _targets(target: str, content: Path) -> tuple[str, ...]:
    """Return the targets `--target` names: all is site and kiosk, and print when site.yaml
    has a `print:` section."""
    from site_builder.config import peek_print

    if target != "all":
        return (target,)
    return ("site", "kiosk", "print") if peek_print(content) else ("site", "kiosk")


def _parse_today(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _usage(language: str, code: str, **params: str) -> int:
    say_error(message_text(code, language, params))
    hint = message_hint(code, language, params)
    if hint:
        say_error(f"  {message_text('label.hint', language)}: {hint}")
    return EXIT_USAGE


def say_error(text: str) -> None:
    print(text, file=sys.stderr)
