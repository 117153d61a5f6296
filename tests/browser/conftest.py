"""Headless Chromium from Debian, driven by Playwright, against a built copy of content/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).parent / "screenshots"
AXE = REPO / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core as npm ships it, pinned in tests/tools/package-lock.json."""


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs it with apt-get")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def sample_site(sample_output: Path) -> Path:
    """The bundled content/ built into <tmp>/host/sub/path/output/site (a sub-path)."""
    return sample_output / "site"


@pytest.fixture(scope="session")
def server(sample_site: Path) -> Iterator[str]:
    """Serve the folder above the site root; yield the URL of the site under its sub-path."""
    with serving(sample_site.parents[3]) as root:
        yield root + "sub/path/output/site/"


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve `folder` over http on a free port; yield its URL."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-u",
            "-m",
            "http.server",
            "0",
            "--bind",
            "127.0.0.1",
            "--directory",
            str(folder),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        port = line.split(" port ")[1].split(" ")[0]
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot once fonts are ready; return its path (to look at)."""
    SHOTS.mkdir(exist_ok=True)
    page.evaluate("document.fonts.ready.then(() => true)")
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def copy_for_file_url(sample_site: Path, tmp_path: Path) -> Path:
    """Copy the built site somewhere new, as a USB stick would hold it."""
    target = tmp_path / "U盘" / "site"
    shutil.copytree(sample_site, target)
    return target


def axe_violations(page, context: object = None, options: object = None) -> list[tuple[str, list]]:  # type: ignore[no-untyped-def]
    """Run axe-core in the page as it is now; return (rule, first targets) per violation.

    `context` and `options` are axe.run's own (e.g. {"include": [[".masthead-search"]]},
    {"rules": {"color-contrast": {"enabled": False}}}).
    """
    if not AXE.is_file():
        install = "npm ci --prefix tests/tools installs it (README's test command)"
        if os.environ.get("CI"):
            pytest.fail(f"{AXE.relative_to(REPO)} is missing: {install}")
        pytest.skip(f"{AXE.relative_to(REPO)} is missing: {install}")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """([context, options]) => axe.run(context || document,
             Object.assign({}, options || {}, {resultTypes: ['violations']}))
           .then(r => r.violations.map(v => [v.id, v.nodes.slice(0, 3).map(n => n.target)]))""",
        [context, options],
    )
    return [(rule, targets) for rule, targets in found]
