"""Files that content refers to (covers, images, downloads), resolved inside content/ only."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from site_builder.packed import GZIPPED, ZIPPED

_ON_A_COMPUTER = re.compile(r"^(?:[a-zA-Z]:|\\|file:)", re.IGNORECASE)
# A drive letter (C:\Users, D:/照片, c:x), a leading backslash (a network share: Markdown
# reads \\server\share as \server\share) or a file: URL: a place on the writer's computer.


ASSETS = "assets"
"""The only content folder whose files are published as they are."""
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".js", ".mjs")
"""Files a browser runs: refused in assets/ unless site.yaml allows them, never on the board."""
DATA_SUFFIXES = (".yaml", ".yml", ".md", ".csv", ".json", ".env", ".db", *ZIPPED, *GZIPPED)
"""Files that usually hold lists of people: published from assets/ with a warning, guarded
(office documents and .svgz unpacked: packed.py)."""


def publish_problem(relative: str) -> str | None:
    """Return the catalogue code saying why the content file `relative` (as Resolved.path
    gives it) may not be linked or copied to the site, or None when it may."""
    parts = relative.split("/")
    if any(part.startswith(".") for part in parts):
        return "asset.hidden"
    if parts[0] != ASSETS or len(parts) < 2:
        source = relative.endswith((".md", ".yaml", ".yml"))
        return "asset.source_file" if source else "asset.not_in_assets"
    return None


def _stays_in(path: Path, real_base: Path) -> bool:
    """Tell whether `path`, its symlinks followed, is inside the (resolved) folder `real_base`."""
    try:
        return path.resolve().is_relative_to(real_base)
    except (OSError, RuntimeError):  # a symlink loop leads nowhere: skipped, not refused
        return True


def _is_file(path: Path) -> bool:
    try:
        return path.resolve().is_file()
    except (OSError, RuntimeError):
        return False


@dataclass(frozen=True, slots=True)
class Resolved:
    """A path a volunteer wrote, checked: either a file inside content/ or why not."""

    path: str | None
    """The file's path relative to content/, with / separators, when it is usable."""
    problem: str | None
    """The catalogue code saying why it is not (asset.missing, asset.outside, asset.bad_path,
    asset.computer_path)."""


def on_a_computer(written: str) -> bool:
    """Tell whether `written` names a place on the writer's computer, not a file in content/."""
    return _ON_A_COMPUTER.match(written.lstrip()) is not None


def problem_params(written: str) -> dict[str, str]:
    """Return what a Resolved.problem's message is filled with: the path as written, and
    what to write once the file is copied into content/assets/ (`fix`: assets/<its name>)."""
    path = unquote(written.split("#")[0].split("?")[0])
    name = re.split(r"[\\/:]", path.rstrip("\\/"))[-1]
    return {"value": written, "fix": "assets/" + (name or "…")}


class ContentFiles:
    """Resolve written paths against one content folder, following symlinks before judging."""

    def __init__(self, content: Path) -> None:
        self.root = content.resolve()

    def resolve(self, written: str, beside: Path | None = None) -> Resolved:
        """Resolve `written` (relative to the file `beside`, else to content/) to a content file."""
        text = unquote(written.split("#")[0].split("?")[0])
        if on_a_computer(text):
            return Resolved(None, "asset.computer_path")
        if "\\" in text:
            return Resolved(None, "asset.bad_path")
        if "\x00" in text:
            return Resolved(None, "asset.unusable")
        relative = PurePosixPath(text.lstrip("/"))
        candidates = [self.root / relative]
        if beside is not None and not text.startswith("/"):
            candidates.insert(0, beside.parent / relative)
        inside = outside = False
        for candidate in candidates:
            try:
                real = candidate.resolve(strict=False)
            except (OSError, RuntimeError):  # a symlink loop
                return Resolved(None, "asset.unusable")
            if not real.is_relative_to(self.root):
                outside = outside or real.exists()  # there, but through a link out of content/
                continue
            inside = True
            if real.is_file():
                return Resolved(real.relative_to(self.root).as_posix(), None)
        return Resolved(None, "asset.missing" if inside and not outside else "asset.outside")

    def assets(self) -> tuple[list[str], list[str]]:
        """Return the files under content/assets/ that may be published, and the symlinks there
        that lead out of assets/ (never published), both sorted.

        Dot-files and dot-folders are left out: .git/, .env and .DS_Store are never published.
        """
        base = self.root / ASSETS
        if not base.is_dir():
            return [], []
        real_base = base.resolve()
        kept, refused = [], []
        for folder_path, dirs, files in os.walk(base):
            folder = Path(folder_path)
            for name in [d for d in dirs if (folder / d).is_symlink() and not d.startswith(".")]:
                if not _stays_in(folder / name, real_base):
                    refused.append((folder / name).relative_to(self.root).as_posix())
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = folder / name
                if name.startswith("."):
                    continue
                relative = path.relative_to(self.root).as_posix()
                if not _stays_in(path, real_base):
                    refused.append(relative)
                elif _is_file(path):
                    kept.append(relative)
        return sorted(kept), sorted(refused)
