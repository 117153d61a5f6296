"""`site-builder serve` as a volunteer uses it: edit a file, see the change served."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.livereload_client import seconds_to_reload
from tests.conftest import REPO, story

STORY = "stories/a.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, predicate, seconds: float = 40) -> str:  # type: ignore[no-untyped-def]
    deadline, last = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never became right; last body starts: {last[:300]!r}")


def test_edit_rebuild_reload_and_error_overlay(make_site, tmp_path: Path) -> None:
    content = make_site({STORY: story(title="第一版标题")})
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "site_builder",
            "serve",
            "--content",
            str(content),
            "--output",
            str(content.parent / "output"),
            "--port",
            str(port),
            "--today",
            "2026-11-22",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    page = f"http://127.0.0.1:{port}/stories/a/index.html"
    try:
        first = wait_for(page, lambda body: "第一版标题" in body)
        assert "livereload.js" in first  # the browser is told to reload after each build
        assert "site-builder-errors" not in first

        def edit() -> None:
            (content / STORY).write_text(story(title="改好的标题"), encoding="utf-8")

        # the browser hears "reload" once the edit is rebuilt (raises if it never comes),
        # and then sees the change
        seconds_to_reload(port, edit, timeout=40)
        assert "改好的标题" in fetch(page)
        (content / STORY).write_text(story(title="改好的标题", date="2025-02-30"), encoding="utf-8")
        broken = wait_for(page, lambda body: "site-builder-errors" in body)
        assert "内容有错误，下面显示的是上一次成功生成的网站" in broken
        assert "date 的日期 “2025-02-30” 不存在" in broken
        assert "改好的标题" in broken  # the last good site stays served under the overlay
        (content / STORY).write_text(story(title="第三版"), encoding="utf-8")
        wait_for(page, lambda body: "第三版" in body and "site-builder-errors" not in body)
        for escape in ("/%2e%2e/kiosk/index.html", "/..%2Fkiosk%2Findex.html"):
            try:
                fetch(f"http://127.0.0.1:{port}{escape}")
                raise AssertionError(f"{escape} was served")  # nothing outside output/site/
            except urllib.error.HTTPError as refused:
                assert refused.code == 404
    finally:
        process.terminate()
        try:
            log, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            log, _ = process.communicate()
    assert f"预览地址：http://127.0.0.1:{port}/（按 Ctrl+C 停止）" in log
    assert "已重新生成（" in log and "浏览器会自动刷新" in log
    assert "Traceback" not in log
