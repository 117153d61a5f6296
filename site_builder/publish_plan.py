"""What a publish has to do: the built files, the destination's manifest, and the plan between.

The manifest (`.site-builder-manifest.json`, at the destination's root) records every file
site-builder put there, by its SHA-256. Comparing it with the build decides what to upload
(new or changed files), what to delete (files no longer built) and what to leave alone.

A publish that is interrupted (a killed process, a dropped connection, a full disk) must
be completed by the next one, and must never leave a file it wrote unknown to the
manifest: otherwise a story deleted meanwhile would stay on the host forever. So the
manifest has two parts:

- `files`: paths whose content at the destination is known, with their hash;
- `pending`: paths a publish was about to write or delete when it started, whose
  content at the destination is therefore unknown (old, new, or absent).

Before a publish writes anything, it writes the manifest with every path it will
upload or delete moved to `pending` ("interim"); when every upload and deletion is
done, it writes the manifest of the new build with nothing pending ("final"). A
publish that finds paths pending uploads them again if they are still built and
deletes them if not: whatever the interrupted one got to, the next leaves exactly the
build. Hashing the destination's files instead would work for a folder but costs a
download of the whole site over SSH; the pending list costs nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MANIFEST = ".site-builder-manifest.json"
"""The manifest's name at the destination's root; never uploaded as a file, never deleted."""
FORMAT = 1
"""The manifest's format; a newer one is refused rather than misread."""
LAST = "version.json"
"""The lobby board's reload signal: uploaded after everything else, wherever it is."""


@dataclass(frozen=True, slots=True)
class Built:
    """The files of one built target, ready to publish."""

    root: Path
    """output/site or output/kiosk."""
    target: str
    """site or kiosk."""
    hashes: dict[str, str]
    """SHA-256 (hex) of each file, by its path under root (with /)."""
    sizes: dict[str, int]
    """Each file's size in bytes."""

    @property
    def build_id(self) -> str:
        """Return a short name for this build: a digest of every path and hash."""
        digest = hashlib.sha256()
        for path in sorted(self.hashes):
            digest.update(f"{path}\0{self.hashes[path]}\n".encode())
        return digest.hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Manifest:
    """What the destination holds, as the last publish recorded it."""

    files: dict[str, str]
    """Paths whose content is known, with their SHA-256."""
    pending: frozenset[str] = frozenset()
    """Paths an unfinished publish may have written or deleted: their content is unknown."""
    build: str = ""
    """The build the files belong to."""
    target: str = ""
    """site or kiosk."""

    def dump(self) -> bytes:
        """Return the manifest as the bytes kept at the destination."""
        data = {
            "format": FORMAT,
            "tool": "site-builder",
            "target": self.target,
            "build": self.build,
            "files": dict(sorted(self.files.items())),
            "pending": sorted(self.pending),
        }
        return (json.dumps(data, ensure_ascii=False, indent=0) + "\n").encode("utf-8")


class BadManifest(Exception):
    """The destination has a manifest this version cannot read (damaged, or newer)."""


def read_manifest(data: bytes) -> Manifest:
    """Read a manifest kept at a destination; raise BadManifest if it cannot be trusted."""
    try:
        value = json.loads(data.decode("utf-8"))
        files, pending = value["files"], value.get("pending", [])
        if value.get("format") != FORMAT or not isinstance(files, dict):
            raise BadManifest
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
            raise BadManifest
        if not isinstance(pending, list) or not all(isinstance(p, str) for p in pending):
            raise BadManifest
        paths = [*files, *pending]
        if not all(_is_relative(p) for p in paths):
            raise BadManifest  # it names a file outside the destination: never act on it
        build, target = str(value.get("build", "")), str(value.get("target", ""))
        return Manifest(dict(files), frozenset(pending), build, target)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BadManifest from None


def _is_relative(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not path.startswith("/") and ".." not in parts and "\\" not in path


def read_built(root: Path, target: str) -> Built:
    """Hash every file under `root` (a built target), in sorted order."""
    hashes: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            relative = Path(path).relative_to(root).as_posix()
            if relative == MANIFEST or not os.path.isfile(path):
                continue
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            hashes[relative] = digest.hexdigest()
            sizes[relative] = os.path.getsize(path)
    return Built(root, target, hashes, sizes)


@dataclass(frozen=True, slots=True)
class Plan:
    """What one publish does, in the order it does it."""

    upload: tuple[str, ...]
    """New and changed files: assets first, then pages, then every version.json."""
    delete: tuple[str, ...]
    """Files no longer built (and unfinished ones), deleted after every upload: pages first."""
    unchanged: tuple[str, ...]
    """Files already at the destination with the same content."""
    upload_bytes: int
    """Bytes to upload."""

    @property
    def nothing(self) -> bool:
        """Tell whether the destination already holds exactly this build."""
        return not self.upload and not self.delete


def plan(built: Built, manifest: Manifest | None) -> Plan:
    """Compare the build with the destination's manifest (None: a new destination)."""
    known = manifest.files if manifest else {}
    pending = manifest.pending if manifest else frozenset()
    upload = [p for p in built.hashes if p in pending or known.get(p) != built.hashes[p]]
    unchanged = [p for p in built.hashes if p not in pending and known.get(p) == built.hashes[p]]
    gone = (set(known) | pending) - set(built.hashes)
    return Plan(
        upload=tuple(sorted(upload, key=_upload_order)),
        delete=tuple(sorted(gone, key=_delete_order)),
        unchanged=tuple(sorted(unchanged)),
        upload_bytes=sum(built.sizes[p] for p in upload),
    )


def _upload_order(path: str) -> tuple[int, str]:
    """Assets and data before the pages that use them; a board's version.json after all."""
    name = path.rsplit("/", 1)[-1]
    return (2 if name == LAST else 1 if name.endswith(".html") else 0, path)


def _delete_order(path: str) -> tuple[int, str]:
    """Pages before the assets they used, so no page is left pointing at a deleted file."""
    return (0 if path.endswith(".html") else 1, path)


def interim(built: Built, manifest: Manifest | None, work: Plan) -> Manifest:
    """Return the manifest written before anything else: every path touched is pending."""
    known = manifest.files if manifest else {}
    files = {p: known[p] for p in work.unchanged}
    pending = frozenset(work.upload) | frozenset(work.delete)
    old_build = manifest.build if manifest else ""
    return Manifest(files, pending, old_build, built.target)


def final(built: Built) -> Manifest:
    """Return the manifest of a finished publish: the build, nothing pending."""
    return Manifest(dict(built.hashes), frozenset(), built.build_id, built.target)
