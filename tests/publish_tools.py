"""Helpers of the publish tests: a small site, a folder's files, the CLI in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, TODAY_ARG, story

MANIFEST = ".site-builder-manifest.json"
STORIES = {
    "stories/a.md": story(title="楼道灯修好了", slug="loudao-deng"),
    "stories/b.md": story(title="王师傅修电梯", date="2025-06-01", slug="dianti"),
    "stories/c.md": story(title="端午包粽子", date="2025-06-02", slug="zongzi", tags="[节日]"),
}


def tree(folder: Path, manifest: bool = False) -> dict[str, bytes]:
    """Return every file under `folder` by its path (with /), the manifest only if asked."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and (manifest or relative != MANIFEST):
            found[relative] = path.read_bytes()
    return found


def stamps(folder: Path) -> dict[str, int]:
    """Return every file's and folder's modification time (ns) under `folder`, itself too."""
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in [folder, *folder.rglob("*")]
    }


def publish_args(destination: str, *more: str) -> list[str]:
    """Return the arguments of a publish of content/ (run from its parent) to `destination`."""
    return ["publish", "--content", "content", "--to", destination, "--today", TODAY_ARG, *more]


def start_publish(cwd: Path, args: list[str], **env: str) -> subprocess.Popen[str]:
    """Start `site-builder ARGS` in a process of its own (to be killed half way)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **env}
    return subprocess.Popen(
        [sys.executable, "-m", "site_builder", *args],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
