"""`site-builder serve` as a volunteer uses it: edit a file, see the change served."""

from __future__ import annotations

import contextlib
import errno
import gzip
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

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
        # the search index is current by the time the browser reloads
        index = content.parent / "output" / "site" / "pagefind" / "fragment"
        words = "".join(gzip.decompress(f.read_bytes()).decode() for f in index.iterdir())
        words = words.replace("\u200b", "")
        assert "改好的标题" in words and "第一版标题" not in words
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


# ---- a port or address that cannot be used (issue 21) ------------------------------------


@pytest.fixture
def serve_in_process() -> Iterator[None]:
    """Fail, not hang, should serve start serving; give back the log handlers it adds."""

    def too_long(*_: object) -> None:
        raise TimeoutError("serve kept running instead of refusing")

    loggers = [logging.getLogger(name) for name in ("livereload", "tornado")]
    handlers = [list(logger.handlers) for logger in loggers]
    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)
    for logger, kept in zip(loggers, handlers, strict=True):
        logger.handlers[:] = kept


def occupied(*ports: int) -> list[socket.socket]:
    """Return listening sockets holding `ports` on 127.0.0.1."""
    held = []
    for port in ports:
        holder = socket.socket()
        holder.bind(("127.0.0.1", port))
        holder.listen()
        held.append(holder)
    return held


def two_free_ports() -> int:
    """Return a port p such that p and p + 1 are both free now."""
    for _ in range(50):
        port = free_port()
        try:
            occupied(port + 1)[0].close()
            return port
        except OSError:
            continue
    raise AssertionError("no two free ports in a row")


def serve_args(content: Path, *extra: str) -> list[str]:
    output = str(content.parent / "output")
    return ["serve", "--content", str(content), "--output", output, "--today", "2026-11-22", *extra]


def suggested(line: str, prefix: str) -> int:
    assert line.startswith(prefix), line
    return int(line.removeprefix(prefix))


def usable(port: int) -> bool:
    try:
        occupied(port)[0].close()
        return True
    except OSError:
        return False


def test_a_busy_port_names_a_free_one_and_no_address(make_site, cli, serve_in_process) -> None:  # type: ignore[no-untyped-def]
    content = make_site({STORY: story()})
    port = two_free_ports()
    held = occupied(port, port + 1)  # the next one too: the suggestion must skip it
    try:
        run = cli(*serve_args(content, "--port", str(port)))
        lines = run.err.splitlines()
        free = suggested(lines[0], f"端口 {port} 已被占用，换一个：--port ")
    finally:
        for holder in held:
            holder.close()
    assert run.code == 2
    assert free not in (port, port + 1) and usable(free)
    assert lines[1:] == [
        "  提示: 也可能是上次的 site-builder serve 还开着：到它的窗口按 Ctrl+C 关掉它"
    ]
    assert run.out == ""  # no preview address: nothing listens there
    assert not (content.parent / "output").exists()  # refused before building anything
    assert "Serving on" not in run.err and "Traceback" not in run.err


def test_a_busy_port_in_english(make_site, cli, serve_in_process) -> None:  # type: ignore[no-untyped-def]
    content = make_site({STORY: story()}, site_yaml="title: Test\nlanguage: en\n")
    port = free_port()
    (holder,) = occupied(port)
    with holder:
        run = cli(*serve_args(content, "--port", str(port)))
    lines = run.err.splitlines()
    assert suggested(lines[0], f"Port {port} is already in use; pick another: --port ") != port
    assert (
        lines[1]
        == "  hint: Or an earlier site-builder serve is still running: press Ctrl+C in its window"
    )
    assert (run.code, run.out) == (2, "")


def test_a_port_not_allowed(make_site, cli, serve_in_process, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The kernel refuses ports below 1024 to a volunteer's account (root may use them)."""
    import tornado.tcpserver

    real = tornado.tcpserver.bind_sockets

    def as_a_volunteer(port: int, *args: object, **kwargs: object) -> object:
        if 0 < port < 1024:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tornado.tcpserver, "bind_sockets", as_a_volunteer)
    content = make_site({STORY: story()})
    run = cli(*serve_args(content, "--port", "80"))
    lines = run.err.splitlines()
    assert usable(suggested(lines[0], "没有权限使用端口 80，换一个：--port "))
    assert lines[1] == "  提示: 1024 以下的端口要管理员权限；预览用 8000 这样的端口就可以"
    assert (run.code, run.out) == (2, "")


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv"
)
def test_a_port_not_allowed_for_real(make_site) -> None:  # type: ignore[no-untyped-def]
    """Without the capability to bind low ports, root is refused like anyone."""
    content = make_site({STORY: story()})
    drop = ["setpriv", "--inh-caps=-net_bind_service", "--bounding-set=-net_bind_service"]
    command = [*drop, sys.executable, "-m", "site_builder", *serve_args(content, "--port", "80")]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)
    lines = done.stderr.splitlines()
    assert usable(suggested(lines[0], "没有权限使用端口 80，换一个：--port "))
    assert (done.returncode, done.stdout) == (2, "")


@pytest.mark.parametrize("host", ["192.0.2.1", "nosuch.invalid"])  # TEST-NET-1; a reserved name
def test_an_address_not_on_this_machine(make_site, cli, serve_in_process, host: str) -> None:  # type: ignore[no-untyped-def]
    content = make_site({STORY: story()})
    run = cli(*serve_args(content, "--host", host, "--port", str(free_port())))
    assert run.err.splitlines() == [
        f"这台电脑没有 {host} 这个地址，换一个：--host 127.0.0.1",
        "  提示: 127.0.0.1 只有本机能打开；要让同一网络里的手机也能打开，用 --host 0.0.0.0",
    ]
    assert (run.code, run.out) == (2, "")


@pytest.mark.parametrize("port", ["0", "70000", "-1"])
def test_a_port_that_does_not_exist(make_site, cli, serve_in_process, port: str) -> None:  # type: ignore[no-untyped-def]
    content = make_site({STORY: story()})
    run = cli(*serve_args(content, "--port", port))
    assert run.err == f"没有端口 {port}：端口是 1 到 65535 之间的数，例如 --port 8000\n"
    assert (run.code, run.out) == (2, "")


# ---- a page that is not there (issue 21) ----------------------------------------------------


@contextlib.contextmanager
def serving(content: Path, *extra: str, log: Path | None = None) -> Iterator[str]:
    """Run `site-builder serve` on a free port; yield its address once it says it listens.

    What it says on stderr goes to the file `log`, when one is given.
    """
    port = free_port()
    command = [sys.executable, "-m", "site_builder", *serve_args(content, "--port", str(port))]
    stderr = open(log, "w", encoding="utf-8") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [*command, *extra],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("预览地址："):
                break
        else:
            raise AssertionError("serve ended without giving its address")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.communicate(timeout=10)
        if log:
            stderr.close()  # type: ignore[union-attr]


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers["Content-Type"], refused.read()


def without_reload_script(served: bytes) -> bytes:
    """Return a served page as written: without the script livereload puts before </head>."""
    end = served.index(b"</head>")
    start = served.rindex(b"<script", 0, end)
    assert b"livereload.js" in served[start:end]
    return served[:start] + served[end:]


def test_a_missing_page_is_the_sites_404(make_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    content = make_site({STORY: story(), "assets/a.txt": "x"})
    log = tmp_path / "stderr.txt"
    with serving(content, log=log) as address:
        status = get(address + "/")[0]  # answered at once: the address came after the bind
        assert status == 200
        not_found = (content.parent / "output" / "site" / "404.html").read_bytes()
        for path in [
            "/no-such-page.html",
            "/stories/no-such/",  # a folder that is not there
            "/assets/",  # a folder without index.html
            "/%2e%2e/kiosk/index.html",  # outside the site
            "/stories/../../kiosk/index.html",
            "/a%00b",  # not a file name at all
        ]:
            status, kind, body = get(address + path)
            assert (status, kind) == (404, "text/html; charset=utf-8"), path
            assert without_reload_script(body) == not_found, path
    assert "页面找不到了".encode() in not_found
    assert "404 GET" not in log.read_text(encoding="utf-8")  # no English line per miss


def test_a_missing_kiosk_page_is_a_small_page_in_the_sites_language(make_site) -> None:  # type: ignore[no-untyped-def]
    two = "title: 两个小区\ncommunities:\n  - {id: longteng, name: 龙腾}\n  - {id: xiangzhang, name: 香樟}\n"
    content = make_site({STORY: story(community="longteng")}, site_yaml=two)
    with serving(content, "--kiosk") as address:
        assert get(address + "/longteng/index.html")[0] == 200
        for path in ["/", "/no-such-page.html", "/longteng/nothing/"]:
            status, kind, body = get(address + path)
            assert (status, kind) == (404, "text/html; charset=utf-8"), path
            page = without_reload_script(body).decode()
            assert '<html lang="zh-CN">' in page and "<h1>页面找不到了</h1>" in page
            assert "<p>这个页面可能已经移走或删除。</p>" in page
            # the way to the boards that are there
            assert '<a href="/longteng/index.html">longteng/</a>' in page
            assert '<a href="/xiangzhang/index.html">xiangzhang/</a>' in page


def test_a_missing_kiosk_page_in_english(tmp_path: Path) -> None:
    from site_builder.serve import Preview

    (tmp_path / "output" / "kiosk").mkdir(parents=True)
    (tmp_path / "output" / "kiosk" / "index.html").write_text("<p>board</p>", encoding="utf-8")
    preview = Preview(tmp_path / "content", tmp_path / "output", "kiosk", None, "en")
    answers: list[str] = []
    body = b"".join(
        preview.app({"PATH_INFO": "/nothing"}, lambda status, _: answers.append(status))
    )
    assert answers == ["404 Not Found"]
    page = body.decode()
    assert '<html lang="en">' in page and "<h1>Page not found</h1>" in page
    assert "<p>This page may have moved or been removed.</p>" in page and "<ul>" not in page
