"""`site-builder serve`: build, serve the output, rebuild on every edit, reload the browser.

The output is served by a small WSGI app under livereload, which injects its
reload script into every page. When an edit breaks the content, the terminal
lists the errors and every page shows them in an overlay above the last good
site, which stays served (a failed build never touches the output). The port
is bound before anything is built or announced: a busy or forbidden port is
said plainly, with a free one to use instead.
"""

from __future__ import annotations

import datetime as dt
import errno
import html
import logging
import mimetypes
import socket
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from site_builder.diagnostics import ContentErrors, Diagnostics, format_report
from site_builder.editor.requests import route_of
from site_builder.exit_codes import EXIT_OK, EXIT_USAGE
from site_builder.incremental import Rebuilt, rebuild
from site_builder.messages import message_hint, message_text
from site_builder.output import OutputFolderError
from site_builder.ui_text import EDITOR, UI

if TYPE_CHECKING:
    from site_builder.editor.access import Access
    from site_builder.editor.app import Editor

StartResponse = Callable[..., Any]
_HTML = [("Content-Type", "text/html; charset=utf-8")]
_EDIT_STYLE = (
    "position:fixed;right:16px;bottom:16px;z-index:99998;padding:10px 18px;min-height:44px;"
    "border-radius:22px;background:#8a1c12;color:#fff;font:600 16px/24px system-ui,sans-serif;"
    "text-decoration:none;box-shadow:0 2px 10px #0005"
)
_OVERLAY_STYLE = (
    "position:fixed;inset:0 0 auto 0;z-index:99999;max-height:70vh;overflow:auto;margin:0;"
    "padding:16px 20px;background:#2b0f0d;color:#ffe9e3;font:15px/1.6 ui-monospace,monospace;"
    "white-space:pre-wrap;box-shadow:0 4px 24px #0008"
)


class Preview:
    """The state of a preview: where things are, and the last build's errors."""

    def __init__(
        self, content: Path, output: Path, target: str, today: dt.date | None, language: str
    ) -> None:
        self.content, self.output, self.target = content, output, target
        self.today, self.language = today, language
        self.errors = ""
        """The last failed build's report, shown over every page until a build succeeds."""
        self.kept: Rebuilt | None = None
        """What the last build knew, kept in memory: the next edit patches from it."""
        self.editor: Editor | None = None
        """The editor at /_edit/, when it is on (serve.py's `serve` decides)."""

    @property
    def root(self) -> Path:
        """Return the folder being served."""
        return self.output / self.target

    def rebuild(self) -> bool:
        """Build the output being previewed; keep (and print) the errors if the content broke."""
        started = time.perf_counter()
        diags = Diagnostics()
        try:
            rebuilt = rebuild(
                self.content, self.output, (self.target,), self.today, diags, kept=self.kept
            )
        except ContentErrors:
            self.errors = format_report(diags, self.language)
            print(self.errors, file=sys.stderr, flush=True)
            return False
        except OutputFolderError as problem:
            self.errors = message_text(problem.code, self.language, problem.params)
            print(self.errors, file=sys.stderr, flush=True)
            return False
        self.errors, self.kept = "", rebuilt
        if diags.warnings:
            print(format_report(diags, self.language), file=sys.stderr, flush=True)
        seconds = f"{time.perf_counter() - started:.2f}"
        print(message_text("serve.rebuilt", self.language, {"seconds": seconds}), flush=True)
        return True

    def app(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Serve a file of the output (WSGI), with the error overlay on pages if need be;
        hand /_edit/ to the editor when it is on (a 404 like any missing page when not)."""
        url_path = _as_typed(environ.get("PATH_INFO", "/"))
        route = route_of(url_path)
        if route is not None and self.editor is not None:
            return self.editor(environ, start_response, route)
        path = self._file(url_path) if route is None else None
        if path is None:
            start_response("404 Not Found", [*_HTML, ("Cache-Control", "no-store")])
            return [self._with_overlay(self._not_found())]
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = self._with_edit_button(self._with_overlay(body), url_path)
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]

    def _file(self, url_path: str) -> Path | None:
        """Return the file a URL path names, never anything outside the served folder."""
        from urllib.parse import unquote

        root = self.root.resolve()
        try:
            candidate = (root / unquote(url_path).lstrip("/")).resolve()
            if not candidate.is_relative_to(root):
                return None
            if candidate.is_dir():
                candidate = candidate / "index.html"
            return candidate if candidate.is_file() else None
        except (OSError, ValueError):  # a NUL byte, a name too long: no such file
            return None

    def _not_found(self) -> bytes:
        """Return the site's own 404 page, or (the kiosk has none) a small one in its language."""
        page = self.root / "404.html"
        if page.is_file():
            return page.read_bytes()
        from urllib.parse import quote

        words = UI["en" if self.language == "en" else "zh-CN"]
        boards = sorted(p.parent.name for p in self.root.glob("*/index.html"))  # one a community
        links = "".join(
            f'<li><a href="/{html.escape(quote(name))}/index.html">{html.escape(name)}/</a></li>'
            for name in boards
        )
        return (
            f'<!DOCTYPE html>\n<html lang="{html.escape(self.language)}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{html.escape(words["not_found_title"])}</title>\n'
            f"</head>\n<body>\n<h1>{html.escape(words['not_found_title'])}</h1>\n"
            f"<p>{html.escape(words['not_found_text'])}</p>\n"
            + (f"<ul>{links}</ul>\n" if links else "")
            + "</body>\n</html>\n"
        ).encode()

    def _with_edit_button(self, page: bytes, url_path: str) -> bytes:
        """Add the small 编辑 button to a preview page of the site, when the editor is on."""
        if self.editor is None or self.target != "site":
            return page
        from urllib.parse import urlencode

        label = html.escape(EDITOR["en" if self.language == "en" else "zh-CN"]["edit_button"])
        button = (
            f'<a id="site-builder-edit" href="/_edit/?{html.escape(urlencode({"page": url_path}))}"'
            f' style="{_EDIT_STYLE}">{label}</a>'
        ).encode()
        end = page.rfind(b"</body>")
        return page[:end] + button + page[end:] if end >= 0 else page + button

    def _with_overlay(self, page: bytes) -> bytes:
        if not self.errors:
            return page
        overlay = (
            f'<div id="site-builder-errors" style="{_OVERLAY_STYLE}">'
            f"<strong>{html.escape(message_text('serve.overlay', self.language))}</strong>\n"
            f"{html.escape(self.errors)}</div>"
        ).encode()
        marker = page.find(b"<body")
        end = page.find(b">", marker) + 1 if marker >= 0 else 0
        return page[:end] + overlay + page[end:]


def _as_typed(path_info: str) -> str:
    """Return a WSGI path (UTF-8 bytes held as Latin-1, as PEP 3333 says) as text."""
    try:
        return path_info.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return path_info


def serve(preview: Preview, host: str, port: int, *, editor: bool = False) -> int:
    """Bind the port, build, then serve until interrupted, rebuilding on edits; return the
    exit status (2 when the port or address cannot be used, said in the site's language).

    The editor is on at /_edit/ on loopback; elsewhere only with `editor`, behind a token."""
    from livereload.handlers import LiveReloadHandler  # heavy: only this command needs tornado

    from site_builder import watch

    if not 0 < port < 65536:
        return _refuse(preview.language, "serve.port_range", port=str(port))
    problem = listen_problem(host, port)  # said before the build; the real bind comes next
    if problem is not None:
        return _bind_refused(problem, preview.language, host, port)

    access = _editor_for(preview, host, port, editor)

    def announce() -> None:  # the port is ours now: build, then give the address
        preview.rebuild()
        url = f"http://{host}:{port}/"
        print(message_text("serve.listening", preview.language, {"url": url}), flush=True)
        if access.enabled:
            code = "serve.editor" if access.loopback else "serve.editor_token"
            params = {"url": f"{url}_edit/", "token": access.login_token or ""}
        else:
            code, params = "serve.editor_off", {}
        print(message_text(code, preview.language, params), flush=True)

    # livereload drops reloads less than 3 s apart; ours come once per settled edit
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    logging.getLogger("livereload").addFilter(_warnings_only)
    # tornado's English line per missing page ("[W …] 404 GET /x"): the browser shows the
    # site's own 404 page instead; its errors (5xx) still reach the terminal
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    watcher = watch.InotifyWatcher() if watch.available() else None
    server = _bound_first(announce, app=preview.app, watcher=watcher)
    watched = [preview.content, preview.content.parent / "templates"]
    for folder in watched:
        if folder.is_dir():  # livereload walks a watched folder recursively
            server.watch(str(folder), preview.rebuild, delay=0)
    try:
        server.serve(host=host, port=port, debug=False, restart_delay=0)
    except OSError as lost:  # taken since we looked
        if server.bound:
            raise
        return _bind_refused(lost, preview.language, host, port)
    return EXIT_OK


def _editor_for(preview: Preview, host: str, port: int, editor: bool) -> Access:
    """Put the editor on the preview when `host` is loopback or `editor` asks; return its
    access rules either way."""
    from site_builder.editor.access import Access

    access = Access(host, port, editor)
    if access.enabled:
        from site_builder.editor.app import Editor

        preview.editor = Editor(
            preview.content, preview.today, preview.language, access, preview.rebuild
        )
    return access


def _warnings_only(record: logging.LogRecord) -> bool:
    """Keep livereload's warnings only: its other lines are English, and its "Serving on"
    came before it had the port."""
    return record.levelno >= logging.WARNING


def _bound_first(announce: Callable[[], None], **kwargs: Any) -> Any:
    """Return livereload's server, made to call `announce` once it has bound the port."""
    from livereload import Server

    class BoundFirst(Server):  # type: ignore[misc]
        bound = False

        def application(self, *args: Any, **kwargs: Any) -> None:
            super().application(*args, **kwargs)  # listens: raises OSError if it cannot
            self.bound = True
            announce()

    return BoundFirst(**kwargs)


def _bind_refused(problem: OSError, language: str, host: str, port: int) -> int:
    """Say why the port or address cannot be used, and what to type instead."""
    if isinstance(problem, socket.gaierror) or problem.errno == errno.EADDRNOTAVAIL:
        return _refuse(language, "serve.host_unknown", host=host)
    if problem.errno == errno.EADDRINUSE:
        code, start = "serve.port_busy", port + 1
    elif problem.errno in (errno.EACCES, errno.EPERM):
        code, start = "serve.port_denied", 8000
    else:
        raise problem
    return _refuse(language, code, port=str(port), free=str(free_port(host, start)))


FREE_PORT_TRIES = 10
"""How many ports after a busy one are tried before asking the system for any free one."""


def free_port(host: str, start: int) -> int:
    """Return a port that `host` can listen on now: the first free from `start`, or any."""
    for port in range(start, min(start + FREE_PORT_TRIES, 65536)):
        if listen_problem(host, port) is None:
            return port
    with socket.socket() as probe:  # let the system pick one
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listen_problem(host: str, port: int) -> OSError | None:
    """Return why the server could not listen on `host`:`port` now, or None if it could.

    Binds and closes a socket for each of the host's addresses, as the server will
    (tornado's bind_sockets: SO_REUSEADDR, IPv6 sockets for IPv6 only); an address
    the machine lacks is passed over while another one binds, like ::1 for localhost.
    """
    try:
        addresses = socket.getaddrinfo(
            host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE
        )
    except (OSError, UnicodeError) as unknown:  # socket.gaierror: a name nobody knows
        return unknown if isinstance(unknown, OSError) else socket.gaierror(str(unknown))
    problems: list[OSError] = []
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(address)
            except OSError as problem:
                problems.append(problem)
    lacking = [p for p in problems if p.errno == errno.EADDRNOTAVAIL]
    if len(lacking) < len(problems) or (problems and len(problems) == len(addresses)):
        return next((p for p in problems if p not in lacking), problems[0])
    return None


def _refuse(language: str, code: str, **params: str) -> int:
    print(message_text(code, language, params), file=sys.stderr)
    hint = message_hint(code, language, params)
    if hint:
        print(f"  {message_text('label.hint', language)}: {hint}", file=sys.stderr)
    return EXIT_USAGE
