"""The `site-builder` command: thin subcommands over the build recipe.

Exit status: 0 success, 1 content errors (all listed), 2 usage errors,
3 an internal error (a bug in site-builder; `--debug` shows the traceback).

The grammar is in cli_parser, each command's work in cli_commands and the exit
statuses in exit_codes.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from contextlib import suppress
from typing import NoReturn

from site_builder.cli_commands import run_command, say_error
from site_builder.cli_parser import command_parser, content_argument
from site_builder.console import tolerate_narrow_consoles
from site_builder.exit_codes import EXIT_INTERNAL, EXIT_USAGE
from site_builder.messages import message_hint, message_text


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
    language = peek_language(content_argument(args_list))
    try:
        args = command_parser(language).parse_args(args_list)
    except SystemExit as stop:  # --help, or a usage error already reported
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    try:
        return run_command(args, language)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # disk full, permissions: not a bug, not the content
        if args.debug:
            traceback.print_exc()
        say_error(message_text("io.failed", language, {"detail": str(exc)}))
        say_error(message_hint("io.failed", language) or "")
        return EXIT_INTERNAL
    except Exception as exc:  # a bug of ours: say so plainly, never a bare traceback
        if args.debug:
            traceback.print_exc()
        detail = f"{type(exc).__name__}: {exc}"
        say_error(message_text("internal.error", language, {"detail": detail}))
        say_error(message_hint("internal.error", language) or "")
        return EXIT_INTERNAL
