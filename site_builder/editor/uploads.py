"""A picture sent with a form: judged by its bytes, stored under assets/ with a name we make.

The name on the volunteer's computer is only a suggestion for a readable file name: it
is turned into pinyin and ASCII like a story's file name, and the extension comes from
what the bytes are (a PNG named photo.jpg is stored as .png), never from the name.
A browser cannot fill a file field again, so a picture sent with a save that was refused
for another reason is held (`Held`) and sent again by a token the page carries.
A raster picture must decode whole with Pillow (picture_files.inspect, as the build
reads it); an SVG must be one the build would publish, so one with a script, an event
handler or a link out is refused. Nothing else is taken.
"""

from __future__ import annotations

import re
import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from site_builder.asset_checks import svg_problem
from site_builder.editor.requests import MAX_UPLOAD, Upload
from site_builder.scaffold import slug_for

_EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp", "GIF": ".gif"}
_MEDIA = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True, slots=True)
class Accepted:
    """An upload fit to store: where, and its bytes."""

    relative: str
    """assets/<safe name>, a file that does not exist yet."""
    data: bytes


@dataclass(frozen=True, slots=True)
class Rejected:
    """Why an upload was refused: a message code and its parameters."""

    code: str
    params: dict[str, str]


def accept(upload: Upload, assets: PurePosixPath, existing: set[str]) -> Accepted | Rejected:
    """Return where `upload` would be stored under `assets` (a folder of content/), or why not.

    `existing` holds the names already in the folder: a new name never replaces one.
    """
    data = upload.data
    if len(data) > MAX_UPLOAD:
        return Rejected("upload.too_big", {"limit": str(MAX_UPLOAD // 2**20)})
    kind = _kind(data)
    if isinstance(kind, Rejected):
        return kind
    stem = slug_for(_stem(upload.filename))
    name = _free_name(stem, kind, existing)
    return Accepted(str(assets / name), data)


def media_type(data: bytes) -> str | None:
    """Return the media type of a picture we would take, None for anything else."""
    kind = _kind(data)
    return None if isinstance(kind, Rejected) else _MEDIA[kind]


def _kind(data: bytes) -> str | Rejected:
    """Return the extension the bytes call for, or why they are no picture we publish."""
    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!doctype svg")):
        try:
            problem = svg_problem(data)
        except ET.ParseError:
            return Rejected("upload.svg_broken", {})
        if problem is not None:
            return Rejected("upload.svg_active", {"found": problem})
        return ".svg"
    from site_builder.picture_files import inspect  # Pillow: only for a raster upload

    found = inspect(data)
    if found.problem is not None or found.format not in _EXTENSIONS:
        return Rejected("upload.not_picture", {})
    return _EXTENSIONS[found.format]


def _stem(filename: str) -> str:
    """Return the file name's stem, whichever system's separators it came with."""
    name = PureWindowsPath(filename).name  # takes both \\ and /
    return PurePosixPath(name).stem or "picture"


def _free_name(stem: str, suffix: str, existing: set[str]) -> str:
    folded = {name.lower() for name in existing}
    candidate, number = f"{stem}{suffix}", 2
    while candidate.lower() in folded:
        candidate = f"{stem}-{number}{suffix}"
        number += 1
    return candidate


class Held:
    """Pictures sent with a refused save, kept for the next try, in a folder of this run.

    Each is found again by a random token the form carries; a token of any other shape,
    or one this run did not give, finds nothing.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keep(self, upload: Upload) -> str:
        """Hold `upload`; return the token that finds it."""
        token = secrets.token_hex(16)
        place = self.folder / token
        place.mkdir(parents=True)
        (place / "data").write_bytes(upload.data)
        (place / "name").write_text(upload.filename, "utf-8")
        return token

    def get(self, token: str) -> Upload | None:
        """Return the upload held under `token`, if there is one."""
        if not re.fullmatch("[0-9a-f]{32}", token):
            return None
        place = self.folder / token
        try:
            return Upload((place / "name").read_text("utf-8"), (place / "data").read_bytes())
        except OSError:
            return None
