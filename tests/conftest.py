"""Shared fixtures: small sites written inline, a fixed "today", the CLI as a function."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.cli import main

TODAY = dt.date(2026, 11, 22)
TODAY_ARG = TODAY.isoformat()
REPO = Path(__file__).resolve().parent.parent

MakeSite = Callable[..., Path]


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory, shared_build_cache: None) -> Path:
    """Build the bundled content/ once (site and kiosk) for every test that only reads it.

    It lands in host/sub/path/output so the browser tests can serve it under a sub-path.
    """
    out = tmp_path_factory.mktemp("host") / "sub" / "path" / "output"
    args = ["build", "--content", str(REPO / "content"), "--output", str(out), "--today", TODAY_ARG]
    assert main([*args, "--quiet"]) == 0
    return out


@pytest.fixture(scope="session", autouse=True)
def shared_build_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Let every test build share one cache, so the kiosk font is cut once per run."""
    os.environ["SITE_BUILDER_CACHE"] = str(tmp_path_factory.mktemp("build-cache"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite tests/e2e/golden/ from a fresh build of content/ instead of comparing",
    )


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """Return a function that writes a site under tmp_path and returns its content folder.

    `files` maps paths relative to content/ to text (written as UTF-8) or bytes.
    site.yaml defaults to a one-line title unless given.
    """

    def make(
        files: dict[str, str | bytes] | None = None, site_yaml: str | None = "title: 测试小区\n"
    ) -> Path:
        content = tmp_path / "site" / "content"
        content.mkdir(parents=True, exist_ok=True)
        if site_yaml is not None:
            (content / "site.yaml").write_text(site_yaml, encoding="utf-8")
        for relative, data in (files or {}).items():
            path = content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return content

    return make


@dataclass
class Run:
    """What one CLI run printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Return a function running `site-builder ARGS` in-process, from the folder `cwd`."""

    def run(*args: str, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def picture(width: int = 8, height: int = 6, kind: str = "PNG", **options: object) -> bytes:
    """Return a real picture file: `width`×`height`, red, as Pillow saves `kind` with `options`."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, kind, **options)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """Return the start of a PNG file that says it is `width`×`height` and holds no pixels
    (a decompression bomb's header, or a file cut short)."""
    import struct
    import zlib

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    empty = struct.pack(">I", 0) + b"IDAT" + struct.pack(">I", zlib.crc32(b"IDAT"))
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + header + crc + empty


def story(
    title: str = "好邻居", date: str = "2025-05-20", body: str = "正文。", **fields: str
) -> str:
    """Return the text of a story file with the given front matter fields."""
    lines = ["---", f"title: {title}", f"date: {date}"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    lines += ["---", body]
    return "\n".join(lines) + "\n"
