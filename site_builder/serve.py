"""`site-builder serve`: build, serve the output, rebuild on every edit, reload the browser.

The output is served by a small WSGI app under livereload, which injects its
reload script into every page. When an edit breaks the content, the terminal
lists the errors and every page shows them in an overlay above the last good
site, which stays served (a failed build never touches the output).
"""

from __future__ import annotations

import datetime as dt
import html
import mimetypes
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from site_builder.build import build
from site_builder.diagnostics import ContentErrors, Diagnostics, format_report
from site_builder.messages import message_text
from site_builder.output import OutputFolderError

StartResponse = Callable[..., Any]
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

    @property
    def root(self) -> Path:
        """Return the folder being served."""
        return self.output / self.target

    def rebuild(self) -> bool:
        """Build the output being previewed; keep (and print) the errors if the content broke."""
        started = time.perf_counter()
        diags = Diagnostics()
        try:
            build(self.content, self.output, (self.target,), self.today, diags, hold=True)
        except ContentErrors:
            self.errors = format_report(diags, self.language)
            print(self.errors, file=sys.stderr, flush=True)
            return False
        except OutputFolderError as problem:
            self.errors = message_text(problem.code, self.language, problem.params)
            print(self.errors, file=sys.stderr, flush=True)
            return False
        self.errors = ""
        if diags.warnings:
            print(format_report(diags, self.language), file=sys.stderr, flush=True)
        seconds = f"{time.perf_counter() - started:.2f}"
        print(message_text("serve.rebuilt", self.language, {"seconds": seconds}), flush=True)
        return True

    def app(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Serve a file of the output (WSGI), with the error overlay on pages if need be."""
        path = self._file(environ.get("PATH_INFO", "/"))
        if path is None:
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"404"]
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = self._with_overlay(body)
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]

    def _file(self, url_path: str) -> Path | None:
        """Return the file a URL path names, never anything outside the served folder."""
        from urllib.parse import unquote

        root = self.root.resolve()
        candidate = (root / unquote(url_path).lstrip("/")).resolve()
        if not candidate.is_relative_to(root):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

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


def serve(preview: Preview, host: str, port: int) -> None:
    """Build, then serve until interrupted, rebuilding on edits under content/ and templates/."""
    from livereload import Server  # heavy: only this command needs tornado
    from livereload.handlers import LiveReloadHandler

    from site_builder import watch

    preview.rebuild()
    # livereload drops reloads less than 3 s apart; ours come once per settled edit
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server(app=preview.app, watcher=watch.InotifyWatcher() if watch.available() else None)
    watched = [preview.content, preview.content.parent / "templates"]
    for folder in watched:
        if folder.is_dir():  # livereload walks a watched folder recursively
            server.watch(str(folder), preview.rebuild, delay=0)
    print(
        message_text("serve.listening", preview.language, {"url": f"http://{host}:{port}/"}),
        flush=True,
    )
    server.serve(host=host, port=port, debug=False, restart_delay=0)
