"""A `site-builder serve` of a copy of the sample content, for the editor's browser tests."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import REPO

TODAY = "2026-12-07"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """A running `serve`: its project folder, its URL and what it printed."""

    def __init__(self, project: Path, port: int, process: subprocess.Popen[str]) -> None:
        self.project, self.port, self.process = project, port, process
        self.url = f"http://127.0.0.1:{port}/"
        self.printed: list[str] = []

    @property
    def content(self) -> Path:
        return self.project / "content"

    def snapshot(self) -> dict[str, bytes]:
        """Return every file of content/ by its path: to see that nothing was written."""
        return {
            p.relative_to(self.content).as_posix(): p.read_bytes()
            for p in sorted(self.content.rglob("*"))
            if p.is_file()
        }


def sample_copy(project: Path) -> Path:
    """Copy the sample content into `project`; return its content/ (to change before serving)."""
    content = project / "content"
    shutil.copytree(REPO / "content", content)
    return content


def png(size: tuple[int, int]) -> bytes:
    """Return a small PNG of `size`, for a cover to upload."""
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(picture, "PNG")
    return picture.getvalue()


@contextmanager
def serving_project(
    project: Path, *extra: str, host: str = "127.0.0.1", wait_for: str = "编辑器"
) -> Iterator[Served]:
    """Copy the sample content into `project` and serve it; yield once it is listening."""
    if not (project / "content").exists():
        sample_copy(project)
    port = free_port()
    command = [
        sys.executable,
        "-u",
        "-m",
        "site_builder",
        "serve",
        "--port",
        str(port),
        "--today",
        TODAY,
        "--host",
        host,
        *extra,
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    served = Served(project, port, process)
    try:
        deadline = time.monotonic() + 60
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                raise AssertionError("serve stopped:\n" + "".join(served.printed))
            served.printed.append(line)
            if wait_for in line:
                break
        # keep reading what it prints, so a full pipe never blocks it
        threading.Thread(
            target=lambda: served.printed.extend(process.stdout or ()), daemon=True
        ).start()
        yield served
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def repo_relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()
