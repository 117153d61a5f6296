"""`site-builder publish`: build exactly as `build` does, then publish one target.

The destination is picked (NAME from site.yaml's `publish:`, or `--to`) and checked
before the build; the build must succeed before anything is written there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import sys
import time
from pathlib import Path

from site_builder.console import foreign_path, usable_path
from site_builder.exit_codes import EXIT_CONTENT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from site_builder.messages import message_hint, message_text
from site_builder.progress import Progress, human_size
from site_builder.publish import Destination, Outcome, PublishProblem
from site_builder.publish_url import BadDestination, Where, parse_destination, redact

LISTED = 40
"""Paths a dry run lists for each of uploads and deletions; the rest are counted."""


def publish_command(
    args: argparse.Namespace, content: Path, today: dt.date | None, language: str
) -> int:
    """Build, then publish; return the exit status."""
    from site_builder.config import load_config
    from site_builder.diagnostics import ContentErrors, Diagnostics, format_report
    from site_builder.incremental import rebuild
    from site_builder.output import OutputFolderError
    from site_builder.publish import publish
    from site_builder.publish_plan import read_built

    started = time.perf_counter()
    diags = Diagnostics()
    config = load_config(content, diags)
    if config is None or diags.has_errors:
        say_error(format_report(diags, language))
        return EXIT_CONTENT
    try:
        where, target = _chosen(args, config.publish)
    except PublishProblem as problem:
        return _said(problem, language)
    except BadDestination as bad:
        return _said(PublishProblem(bad.code, EXIT_USAGE, **bad.params), language)
    output = Path(args.output)
    progress = Progress(language, enabled=not args.quiet)
    destination: Destination | None = None
    try:
        _check(where, content, output)
        rebuild(content, output, (target,), today, diags, progress)
        built = read_built(output / target, target)
        destination = _open(where, args)
        outcome = publish(built, destination, args.force, args.dry_run, progress)
    except ContentErrors:
        say_error(format_report(diags, language))
        say_error(message_text("publish.build_failed", language))
        return EXIT_CONTENT
    except OutputFolderError as problem:
        return _said(PublishProblem(problem.code, EXIT_USAGE, **problem.params), language)
    except PublishProblem as problem:
        return _said(problem, language)
    except OSError as failure:
        return _said(_io_problem(failure, where), language)
    finally:
        if destination is not None:
            destination.close()
    if diags.warnings:
        say_error(format_report(diags, language))
    if not args.quiet:
        seconds = f"{time.perf_counter() - started:.2f}"
        print(_summary(outcome, where, target, seconds, args.dry_run, language))
    return EXIT_OK


def _chosen(args: argparse.Namespace, named: tuple[object, ...]) -> tuple[Where, str]:
    """Return the destination NAME or --to names, and the target to publish there."""
    from site_builder.publish_config import Destination as Named

    destinations = [d for d in named if isinstance(d, Named)]
    names = ", ".join(d.name for d in destinations)
    if args.name and args.to:
        raise PublishProblem("publish.name_and_to", EXIT_USAGE, name=args.name)
    if args.to:
        if foreign_path(args.to):
            raise PublishProblem("publish.windows_folder", EXIT_USAGE, option="--to", path=args.to)
        return parse_destination(args.to), args.target or "site"
    if args.name:
        picked = next((d for d in destinations if d.name == args.name), None)
        if picked is None:
            code = "publish.unknown_name" if destinations else "publish.no_destinations"
            raise PublishProblem(code, EXIT_USAGE, name=args.name, names=names)
    elif len(destinations) == 1:
        picked = destinations[0]
    else:
        code = "publish.choose_name" if destinations else "publish.no_destination"
        raise PublishProblem(code, EXIT_USAGE, names=names)
    if picked.where.kind == "folder" and foreign_path(picked.where.path):
        where = picked.where.path
        raise PublishProblem("publish.windows_folder", EXIT_USAGE, option="to:", path=where)
    return picked.where, args.target or picked.target or "site"


def _check(where: Where, content: Path, output: Path) -> None:
    """Refuse what can be refused before building: a dangerous folder, a dangerous path."""
    if where.kind == "folder":
        from site_builder.publish_folder import check_folder

        check_folder(usable_path(where.path), content, output)
    elif where.kind == "ssh":
        from site_builder.publish_ssh import check_remote_path

        check_remote_path(where)


def _open(where: Where, args: argparse.Namespace) -> Destination:
    """Return the destination, connected where it is remote."""
    if where.kind == "folder":
        from site_builder.publish_folder import FolderDestination

        return FolderDestination(usable_path(where.path))
    if where.kind == "git":
        from site_builder.publish_git import GitDestination

        return GitDestination(where)
    from site_builder.publish_ssh import SshDestination

    return SshDestination.connect(where, args.accept_new_host_key)


def _io_problem(failure: OSError, where: Where) -> PublishProblem:
    """Name what went wrong while writing to the destination, in the volunteer's terms."""
    label = where.text
    detail = redact(failure.strerror or str(failure))
    if failure.errno in (errno.EACCES, errno.EPERM) or isinstance(failure, PermissionError):
        return PublishProblem("publish.no_permission", EXIT_INTERNAL, destination=label)
    if failure.errno == errno.ENOSPC:
        return PublishProblem("publish.disk_full", EXIT_INTERNAL, destination=label)
    return PublishProblem("publish.failed", EXIT_INTERNAL, destination=label, detail=detail)


def say_error(text: str) -> None:
    print(text, file=sys.stderr)


def _said(problem: PublishProblem, language: str) -> int:
    say_error(message_text(problem.code, language, problem.params))
    hint = message_hint(problem.code, language, problem.params)
    if hint:
        say_error(f"  {message_text('label.hint', language)}: {hint}")
    return problem.exit


def _summary(
    outcome: Outcome, where: Where, target: str, seconds: str, dry_run: bool, language: str
) -> str:
    """Say what the publish did: uploaded N, deleted M, unchanged K, and the time taken."""
    work = outcome.work
    params = {
        "target": target,
        "destination": where.text,
        "uploaded": str(len(work.upload)),
        "deleted": str(len(work.delete)),
        "unchanged": str(len(work.unchanged)),
        "size": human_size(work.upload_bytes),
        "seconds": seconds,
    }
    if dry_run:
        lines = [message_text("publish.dry_run", language, params)]
        for sign, paths in (("+", work.upload), ("-", work.delete)):
            lines += [f"  {sign} {path}" for path in paths[:LISTED]]
            if len(paths) > LISTED:
                more = {"count": str(len(paths) - LISTED)}
                lines.append("    " + message_text("publish.more", language, more))
        return "\n".join(lines)
    if outcome.method is None:
        return message_text("publish.no_change", language, params)
    method = message_text(outcome.method.code, language, {**params, **outcome.method.params})
    return message_text("publish.done", language, params) + "\n" + method
