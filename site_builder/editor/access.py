"""Who may use the editor, and which requests it answers.

- On loopback (127.0.0.1, localhost, ::1) the editor is on: only this computer reaches it.
- On any other address it is off unless `serve --editor`; then a random token is printed
  in the terminal and asked for once, and the browser keeps a session cookie (HttpOnly,
  SameSite=Strict) for the rest of the run.
- Every request under /_edit/ must name this server in its `Host` header: a page of
  another site whose name was pointed at 127.0.0.1 (DNS rebinding) gets nothing.
- Every POST must come from one of the editor's own pages: its `Origin` (or, without
  one, its `Referer`) is this server, and it carries the page token the editor put in
  the form. A form on another site can do neither, so it gets 403 and writes nothing.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
ANY_ADDRESS = ("", "0.0.0.0", "::")


def is_loopback(host: str) -> bool:
    """Return whether serving on `host` is reachable from this computer alone."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Access:
    """The editor's door for one run of `serve` on `host`:`port`."""

    def __init__(self, host: str, port: int, editor: bool) -> None:
        self.host, self.port = host, port
        self.loopback = is_loopback(host)
        self.enabled = self.loopback or editor
        """Whether /_edit/ answers at all (otherwise it is a 404, like any missing page)."""
        self.login_token = None if self.loopback else secrets.token_urlsafe(24)
        """What the volunteer types once when the editor is served beyond this computer."""
        self._session = secrets.token_urlsafe(32)
        self.page_token = secrets.token_urlsafe(32)
        """Put in every form the editor serves; a POST without it is refused."""
        self.cookie = f"site_builder_editor_{port}"

    def host_allowed(self, environ: dict[str, Any]) -> bool:
        """Return whether the request's Host header names this server."""
        name, port = _host_and_port(environ.get("HTTP_HOST", ""))
        if port != self.port or name is None:
            return False
        if self.host in ANY_ADDRESS and not self.loopback:
            return True  # every address of the machine: the token guards it
        names = {self.host.lower().strip("[]")}
        if self.loopback:
            names.update(LOOPBACK_NAMES)
        return name in names

    def signed_in(self, environ: dict[str, Any]) -> bool:
        """Return whether the request may use the editor (always, on loopback)."""
        if self.loopback:
            return True
        try:
            jar = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        except CookieError:
            return False
        sent = jar.get(self.cookie)
        return sent is not None and hmac.compare_digest(sent.value, self._session)

    def token_matches(self, typed: str) -> bool:
        """Return whether `typed` is the printed login token."""
        return self.login_token is not None and hmac.compare_digest(
            typed.strip().encode(), self.login_token.encode()
        )

    def session_cookie(self) -> tuple[str, str]:
        """Return the Set-Cookie header that keeps this browser signed in for the run."""
        return (
            "Set-Cookie",
            f"{self.cookie}={self._session}; Path=/_edit/; HttpOnly; SameSite=Strict",
        )

    def same_origin(self, environ: dict[str, Any]) -> bool:
        """Return whether a POST came from a page of this server (Origin, else Referer)."""
        own = f"http://{environ.get('HTTP_HOST', '')}"
        origin: str | None = environ.get("HTTP_ORIGIN")
        if origin is not None:
            return origin == own
        referer: str | None = environ.get("HTTP_REFERER")
        return referer is not None and referer.startswith(own + "/")

    def page_token_matches(self, sent: str) -> bool:
        """Return whether a form carried the page token."""
        return hmac.compare_digest(sent.encode(), self.page_token.encode())


def _host_and_port(header: str) -> tuple[str | None, int | None]:
    """Return the name (lower case, IPv6 without brackets) and port of a Host header."""
    try:
        parts = urlsplit(f"//{header}")
        return (parts.hostname or None), (parts.port or 80)
    except ValueError:
        return None, None
