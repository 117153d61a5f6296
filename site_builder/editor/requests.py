"""A request to the editor, read from WSGI: its route, query, form fields and uploaded files.

Forms are posted as `multipart/form-data` (they may carry a picture) or urlencoded; the
multipart body is parsed with the standard library's e-mail parser, the format being
the same MIME. A body over the upload limit is refused before it is parsed.
"""

from __future__ import annotations

import email.parser
import email.policy
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote

MAX_UPLOAD = 10 * 1024 * 1024
"""The largest picture the editor takes (10 MB: a phone's photo is 2–6 MB)."""
MAX_BODY = MAX_UPLOAD + 1024 * 1024
"""The largest form: one picture and the text fields beside it."""


class BodyTooBig(Exception):
    """The posted form is larger than MAX_BODY; nothing of it was read."""


@dataclass(frozen=True, slots=True)
class Upload:
    """A file sent with a form."""

    filename: str
    """Its name on the volunteer's computer, as the browser gave it (never used as a path)."""
    data: bytes
    """Its bytes."""


@dataclass(slots=True)
class Request:
    """One request under /_edit/."""

    method: str
    route: str
    """The path after /_edit/, e.g. "story" or "" for the index."""
    query: dict[str, str]
    environ: dict[str, Any]
    form: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, Upload] = field(default_factory=dict)

    def value(self, name: str) -> str:
        """Return a form field's text (the first, if sent more than once), stripped of \\r."""
        values = self.form.get(name)
        return values[0].replace("\r\n", "\n") if values else ""

    def values(self, name: str) -> list[str]:
        """Return every value a form field was sent with (ticked boxes of one name)."""
        return [value.replace("\r\n", "\n") for value in self.form.get(name, [])]


def read_request(environ: dict[str, Any], route: str) -> Request:
    """Return the request; a POST's body is read and parsed (BodyTooBig over MAX_BODY)."""
    query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    request = Request(environ.get("REQUEST_METHOD", "GET").upper(), route, query, environ)
    if request.method != "POST":
        return request
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        raise BodyTooBig
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    kind = environ.get("CONTENT_TYPE", "")
    if kind.startswith("multipart/form-data"):
        request.form, request.files = _multipart(kind, body)
    else:
        request.form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return request


def route_of(path_info: str) -> str | None:
    """Return the editor route a URL path names ("" for /_edit/), or None outside it."""
    path = unquote(path_info)
    if path in ("/_edit", "/_edit/"):
        return ""
    if path.startswith("/_edit/"):
        return path[len("/_edit/") :].strip("/")
    return None


def _multipart(kind: str, body: bytes) -> tuple[dict[str, list[str]], dict[str, Upload]]:
    head = f"Content-Type: {kind}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    form: dict[str, list[str]] = {}
    files: dict[str, Upload] = {}
    for part in message.iter_parts() if message.is_multipart() else ():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            if data:  # a file input left empty sends a part with no bytes
                files[name] = Upload(filename, data)
            continue
        form.setdefault(name, []).append(data.decode("utf-8", errors="replace"))
    return form, files
