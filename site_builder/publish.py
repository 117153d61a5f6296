"""Publishing a built target: one order of work for every kind of destination.

A destination (a folder, an SSH server, a git branch) is a small class with the same
few operations (`Destination`); this module decides what they do and in which order,
once for all of them:

1. read the destination's manifest (publish_plan.py) and refuse a destination that
   holds files site-builder did not put there, unless forced;
2. compare it with the build: nothing to do is said as such, and nothing is written;
3. write the interim manifest (every path about to change is pending), then upload
   new and changed files (assets, then pages, then version.json, each one atomic at
   the destination), then delete the files no longer built, then write the final
   manifest, then let the destination finish (a git commit and push, an SSH symlink
   swap).

A failure anywhere leaves the manifest saying what is unknown, so the next publish
completes the work; the destination's `abandon` removes what only this attempt made.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

from site_builder.exit_codes import EXIT_INTERNAL, EXIT_USAGE
from site_builder.progress import QUIET, Progress
from site_builder.publish_plan import (
    BadManifest,
    Built,
    Manifest,
    Plan,
    final,
    interim,
    plan,
    read_manifest,
)

PAUSE = "SITE_BUILDER_PUBLISH_PAUSE"
"""Seconds to wait after each uploaded file: lets a test kill a publish half way through."""


class PublishProblem(Exception):
    """A publish that cannot go on; `code` names the catalogue message, `exit` the status."""

    def __init__(self, code: str, exit: int = EXIT_INTERNAL, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.exit = exit
        self.params = params


class Method(NamedTuple):
    """How a publish was made visible: a catalogue code and its words' values."""

    code: str
    """The message that says it."""
    params: dict[str, str]
    """Its values (a branch, a commit)."""


class Destination(Protocol):
    """One place a built target is published to."""

    label: str
    """The destination as shown to the volunteer (no secret in it)."""

    def read_manifest(self) -> bytes | None:
        """Return the manifest kept at the destination, or None when there is none."""

    def holds_anything(self) -> bool:
        """Tell whether the destination already holds files (or folders)."""

    def check_room(self, built: Built, work: Plan) -> None:
        """Refuse (PublishProblem) before writing anything when the work cannot fit."""

    def begin(self) -> None:
        """Make ready to write (create the folder, a new release, a work tree)."""

    def put(self, relative: str, source: Path) -> None:
        """Write one file under its path, atomically: whole, or not at all."""

    def keep(self, relative: str) -> None:
        """Keep one unchanged file in the published set (a new release links it)."""

    def delete(self, relative: str) -> None:
        """Delete one file (absent is fine) and the folders it leaves empty."""

    def write_manifest(self, data: bytes) -> None:
        """Write the manifest at the destination's root, atomically."""

    def finish(self, built: Built, work: Plan) -> Method:
        """Make the publish visible where that is a step of its own; say how it was."""

    def abandon(self) -> None:
        """Remove what only this unfinished attempt made (never what was published)."""

    def close(self) -> None:
        """Release connections and temporary files."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a publish did (or, with --dry-run, would do)."""

    work: Plan
    """The files uploaded, deleted and left alone."""
    method: Method | None
    """How it was published, or None when nothing was written."""


def publish(
    built: Built,
    destination: Destination,
    force: bool = False,
    dry_run: bool = False,
    progress: Progress = QUIET,
) -> Outcome:
    """Bring `destination` to exactly `built`, in the order that never shows half a site."""
    manifest = _manifest(destination, built, force)
    work = plan(built, manifest)
    if dry_run or work.nothing:
        return Outcome(work, None)
    destination.check_room(built, work)
    pause = float(os.environ.get(PAUSE) or 0)
    destination.begin()
    try:
        destination.write_manifest(interim(built, manifest, work).dump())
        for relative in work.unchanged:
            destination.keep(relative)
        sent = 0
        for done, relative in enumerate(work.upload, start=1):
            destination.put(relative, built.root / relative)
            sent += built.sizes[relative]
            progress.transfer(done, len(work.upload), sent, work.upload_bytes)
            if pause:
                time.sleep(pause)
        for relative in work.delete:
            destination.delete(relative)
        destination.write_manifest(final(built).dump())
        method = destination.finish(built, work)
    except BaseException:
        destination.abandon()
        raise
    finally:
        progress.finish()
    return Outcome(work, method)


def _manifest(destination: Destination, built: Built, force: bool) -> Manifest | None:
    """Return the destination's manifest; refuse one that is not ours, unless forced.

    Forced, a foreign destination or a damaged manifest is treated as knowing nothing:
    every file is uploaded and nothing already there is deleted.
    """
    data = destination.read_manifest()
    label = destination.label
    if data is None:
        if destination.holds_anything() and not force:
            raise PublishProblem("publish.not_ours", EXIT_USAGE, destination=label)
        return None
    try:
        manifest = read_manifest(data)
    except BadManifest:
        if force:
            return None
        raise PublishProblem("publish.bad_manifest", EXIT_USAGE, destination=label) from None
    if manifest.target and manifest.target != built.target and not force:
        raise PublishProblem(
            "publish.other_target",
            EXIT_USAGE,
            destination=label,
            held=manifest.target,
            target=built.target,
        )
    return manifest
