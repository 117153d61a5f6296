"""Publishing over SSH to a real OpenSSH server on 127.0.0.1 (tests/sshd.py): the files, the
deletions, the no-change run, a connection dropped half way, and the servers refused."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import story
from tests.publish_tools import MANIFEST, STORIES, publish_args, stamps, tree
from tests.sshd import Server, free_port, keygen, make_server, require_sshd


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """Start sshd with a throwaway host key; the client's HOME holds its key and known_hosts."""
    require_sshd()
    running = make_server(tmp_path)
    running.trust()
    running.start()
    monkeypatch.setenv("HOME", str(running.home))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    yield running
    running.drop()


def releases(www: Path) -> list[str]:
    return sorted(p.name for p in (www.parent / f".{www.name}.site-builder").iterdir())


def test_a_new_folder_is_published_by_swapping_a_link(make_site, cli, server, tmp_path) -> None:
    content = make_site(STORIES)
    www = tmp_path / "srv" / "www"
    www.parent.mkdir()
    run = cli(*publish_args(f"{server.url}{www}"), cwd=content.parent)
    assert run.code == 0, run.err
    first, method = run.out.splitlines()
    assert first.startswith(f"已发布 site → {server.url}{www}：上传 ")
    assert method.startswith(
        f"方式：在服务器上传到一个新的版本文件夹，再一次性把 {www} 这个链接换过去"
    )
    assert www.is_symlink() and tree(www) == tree(content.parent / "output" / "site")
    (first_release,) = releases(www)
    (content / "stories" / "b.md").unlink()
    run = cli(*publish_args(f"{server.url}{www}"), cwd=content.parent)
    assert run.code == 0, run.err
    assert not (www / "stories" / "dianti").exists()
    assert tree(www) == tree(content.parent / "output" / "site")
    assert releases(www) != [first_release] and len(releases(www)) == 1  # the old one is gone
    kept = int(run.out.split("未变 ")[1].split(" 个")[0])
    assert kept > 5  # the unchanged files were linked into the new release, not sent again
    unchanged = www / "static"
    assert unchanged.exists()
    before = stamps(www.parent)
    run = cli(*publish_args(f"{server.url}{www}"), cwd=content.parent)
    assert run.out.startswith(f"没有变化：{server.url}{www} 上的 site 已经是这次生成的样子")
    assert stamps(www.parent) == before


def test_an_existing_folder_is_published_in_order(make_site, cli, server, tmp_path) -> None:
    content = make_site(STORIES)
    www = tmp_path / "www"
    www.mkdir()
    run = cli(*publish_args(f"{server.url}{www}", "--target", "kiosk"), cwd=content.parent)
    assert run.code == 0, run.err
    assert run.out.splitlines()[1].startswith(
        f"方式：{www} 是服务器上已有的文件夹（或者服务器不支持链接）"
    )
    assert tree(www) == tree(content.parent / "output" / "kiosk")
    written = {
        p: p.stat().st_mtime_ns for p in www.rglob("*") if p.is_file() and p.name != MANIFEST
    }
    last = written.pop(www / "version.json")
    assert all(last >= other for other in written.values())
    before = stamps(www)
    assert cli(
        *publish_args(f"{server.url}{www}", "--target", "kiosk"), cwd=content.parent
    ).out.startswith("没有变化：")
    assert stamps(www) == before


def _drop_when(server: Server, ready: Callable[[], bool]) -> threading.Thread:
    def watch() -> None:
        deadline = time.monotonic() + 120
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.02)
        server.drop()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    return watcher


def _more_stories(content: Path) -> None:
    for n in range(4):
        text = story(title=f"新故事{n}", slug=f"xin-{n}")
        (content / "stories" / f"new{n}.md").write_text(text, encoding="utf-8")


def test_a_dropped_connection_leaves_the_old_site_and_the_next_publish_completes(
    make_site, cli, server, tmp_path, monkeypatch
) -> None:
    content = make_site(STORIES)
    www = tmp_path / "www-link"
    destination = f"{server.url}{www}"
    assert cli(*publish_args(destination), cwd=content.parent).code == 0
    old = tree(www)
    _more_stories(content)
    monkeypatch.setenv("SITE_BUILDER_PUBLISH_PAUSE", "0.2")
    folder = www.parent / f".{www.name}.site-builder"
    watcher = _drop_when(server, lambda: any(folder.glob("*/stories/xin-0/index.html")))
    run = cli(*publish_args(destination), cwd=content.parent)
    watcher.join()
    assert run.code == 3
    assert run.err.splitlines() == [
        f"和 {destination} 的连接断了，发布没有完成",
        "  提示: 网络好了再发布一次：网站上要么还是原来的样子，要么每个换上的文件都是完整的，下一次发布会接着做完",
    ]
    assert tree(www) == old  # readers still see the whole old site
    monkeypatch.delenv("SITE_BUILDER_PUBLISH_PAUSE")
    server.start()
    run = cli(*publish_args(destination), cwd=content.parent)
    assert run.code == 0, run.err
    assert tree(www) == tree(content.parent / "output" / "site")
    assert len(releases(www)) == 1  # the unfinished release was cleared


def test_a_dropped_connection_in_place_is_completed_by_the_next_publish(
    make_site, cli, server, tmp_path, monkeypatch
) -> None:
    content = make_site(STORIES)
    www = tmp_path / "www"
    www.mkdir()
    destination = f"{server.url}{www}"
    assert cli(*publish_args(destination), cwd=content.parent).code == 0
    _more_stories(content)
    monkeypatch.setenv("SITE_BUILDER_PUBLISH_PAUSE", "0.2")
    page = www / "stories" / "xin-0" / "index.html"
    watcher = _drop_when(server, page.exists)
    run = cli(*publish_args(destination), cwd=content.parent)
    watcher.join()
    assert run.code == 3, run.err
    pending = json.loads((www / MANIFEST).read_text(encoding="utf-8"))["pending"]
    assert "stories/xin-0/index.html" in pending
    (content / "stories" / "new0.md").unlink()  # withdrawn before the next publish
    monkeypatch.delenv("SITE_BUILDER_PUBLISH_PAUSE")
    server.start()
    run = cli(*publish_args(destination), cwd=content.parent)
    assert run.code == 0, run.err
    assert not (www / "stories" / "xin-0").exists()
    assert tree(www) == tree(content.parent / "output" / "site")
    assert not [p for p in www.rglob("*") if p.name.endswith(".site-builder-part")]


def test_an_unknown_server_is_refused_until_accepted(make_site, cli, server, tmp_path) -> None:
    content = make_site(STORIES)
    (server.home / ".ssh" / "known_hosts").write_text("", encoding="utf-8")
    www = tmp_path / "www"
    destination = f"{server.url}{www}"
    run = cli(*publish_args(destination), cwd=content.parent)
    assert run.code == 2
    first = run.err.splitlines()[0]
    assert first.startswith(
        f"不认识 {destination} 这台服务器：~/.ssh/known_hosts 里没有它的主机密钥（SHA256:"
    )
    assert (
        "  提示: 先问服务器管理员这个密钥对不对；对的话加 --accept-new-host-key 再发布一次，以后就记住它了"
        in run.err
    )
    assert not www.exists()
    run = cli(*publish_args(destination, "--accept-new-host-key"), cwd=content.parent)
    assert run.code == 0, run.err
    assert (
        f"[127.0.0.1]:{server.port} ssh-ed25519 "
        in (server.home / ".ssh" / "known_hosts").read_text()
    )


def test_a_changed_server_key_is_refused(make_site, cli, server, tmp_path) -> None:
    content = make_site(STORIES)
    other = keygen(tmp_path / "other_key").split()[1]
    known = f"[127.0.0.1]:{server.port} ssh-ed25519 {other}\n"
    (server.home / ".ssh" / "known_hosts").write_text(known, encoding="utf-8")
    run = cli(
        *publish_args(f"{server.url}{tmp_path / 'www'}", "--accept-new-host-key"),
        cwd=content.parent,
    )
    assert run.code == 2
    assert run.err.splitlines()[0].endswith(
        "的主机密钥和 ~/.ssh/known_hosts 里记下的不一样：可能有人冒充这台服务器。没有连接，什么都没有上传"
    )
    assert not (tmp_path / "www").exists()


def test_a_key_the_server_refuses_is_said(make_site, cli, server, tmp_path) -> None:
    content = make_site(STORIES)
    (server.folder / "authorized_keys").write_text("", encoding="utf-8")
    run = cli(*publish_args(f"{server.url}{tmp_path / 'www'}"), cwd=content.parent)
    assert run.code == 3
    assert (
        run.err.splitlines()[0]
        == f"登录 {server.url}{tmp_path / 'www'} 没有成功：服务器不接受这台电脑的密钥"
    )


def test_an_unreachable_server_is_said(make_site, cli, tmp_path, monkeypatch) -> None:
    require_sshd()
    monkeypatch.setenv("HOME", str(tmp_path))
    content = make_site(STORIES)
    destination = f"ssh://root@127.0.0.1:{free_port()}/srv/www"
    run = cli(*publish_args(destination), cwd=content.parent)
    assert run.code == 3
    first, hint = run.err.splitlines()
    assert first.startswith(f"连不上 {destination}：") and first.endswith("。什么都没有上传")
    assert hint == "  提示: 检查网络、主机名和端口（ssh://用户@主机:端口/路径），以及服务器是否开着"


def test_the_server_root_and_home_are_refused(make_site, cli, server) -> None:
    content = make_site(STORIES)
    run = cli(*publish_args(f"{server.url}/"), cwd=content.parent)
    assert (run.code, run.err.splitlines()[0]) == (
        2,
        f"不能发布到 {server.url}/：这是整个磁盘的根目录",
    )
    home = Path("~root").expanduser()
    run = cli(*publish_args(f"{server.url}{home}"), cwd=content.parent)
    assert (run.code, run.err.splitlines()[0]) == (
        2,
        f"不能发布到 {server.url}{home}：这是某个用户的主文件夹",
    )


def test_make_server_writes_a_config_sshd_accepts(tmp_path) -> None:
    """The harness itself: sshd -t checks the configuration it is given."""
    require_sshd()
    import subprocess

    from tests.sshd import SSHD

    made = make_server(tmp_path)
    checked = subprocess.run(
        [str(SSHD), "-t", "-f", str(made.folder / "sshd_config")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
