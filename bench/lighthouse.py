"""Lighthouse's four scores for five pages of the sample site, on a phone and a desktop.

    npm ci --prefix bench/lighthouse          # once: Lighthouse, pinned in its lockfile
    python -m bench.lighthouse [--runs 3] [--no-write]

Builds content/ (the site alone, on the tests' fixed day) into a temporary folder,
serves it over http on 127.0.0.1 and runs Lighthouse against Debian's Chromium on the
home page, a story, the calendar month, points and wishes, with the mobile preset
(Lighthouse's default: a mid-range phone on a slow 4G line, simulated) and the desktop
preset. Prints the performance, accessibility, best-practices and SEO scores of each,
with the audits that cost points, and writes them into docs/accessibility.md between
its lighthouse markers. A score is the median of `--runs` runs (performance moves from
run to run; the other three do not). This is a script, not a test (issue 25): a score
depends on the machine, and a run takes minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.speed import TODAY

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "bench" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic "
    "--no-first-run --disable-background-networking --disable-component-update --disable-sync"
)
"""The flags the browser tests use (root needs --no-sandbox; no network but loopback)."""
PAGES = {
    "home": "index.html",
    "story": "stories/hao-poxi/index.html",
    "calendar month": "calendar/2026-11/index.html",
    "points": "points/index.html",
    "wishes": "wishes/index.html",
}
PRESETS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
DOC = REPO / "docs" / "accessibility.md"
BEGIN, END = "<!-- lighthouse: begin -->", "<!-- lighthouse: end -->"


@dataclass(frozen=True)
class Result:
    """One page under one preset: its scores and what cost points."""

    page: str
    """A key of PAGES."""
    preset: str
    """mobile or desktop."""
    scores: dict[str, int]
    """Category id → score out of 100 (the median over the runs)."""
    failed: list[str]
    """The audits under full marks in a category under 100, as `id (score): title`."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page and preset")
    parser.add_argument("--no-write", action="store_true", help="leave docs/accessibility.md")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit(f"{LIGHTHOUSE.relative_to(REPO)} is missing: npm ci --prefix bench/lighthouse")
    if not Path(CHROMIUM).is_file():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "output"
        command = [sys.executable, "-m", "site_builder", "build", "--content", "content"]
        command += ["--output", str(output), "--target", "site", "--today", TODAY, "--quiet"]
        subprocess.run(command, cwd=REPO, check=True)
        with serving(output / "site") as root:
            results, versions = _measure(root, args.runs)
    table = _table(results)
    print(table)
    for result in results:
        for line in result.failed:
            print(f"{result.page} ({result.preset}): {line}")
    if not args.no_write:
        _write(table, results, versions, args.runs)
        print(f"written into {DOC.relative_to(REPO)}")


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve `folder` over http on a free loopback port; yield its URL."""
    command = [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--directory", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = server.stdout.readline() if server.stdout else ""
        yield f"http://127.0.0.1:{line.split(' port ')[1].split(' ')[0]}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout:
            server.stdout.close()


def _measure(root: str, runs: int) -> tuple[list[Result], str]:
    """Run Lighthouse on every page and preset; return the results and the versions."""
    results, versions = [], ""
    for preset in PRESETS:
        for name, path in PAGES.items():
            reports = [_lighthouse(root + path, preset) for _ in range(runs)]
            scores = {
                category: round(
                    statistics.median(r["categories"][category]["score"] for r in reports) * 100
                )
                for category in CATEGORIES
            }
            results.append(Result(name, preset, scores, _failed(reports[-1], scores)))
            versions = f"Lighthouse {reports[-1]['lighthouseVersion']}, {_chromium_version()}"
            print(f"{preset:8} {name:15} {scores}", file=sys.stderr)
    return results, versions


def _chromium_version() -> str:
    """Return e.g. "Chromium 156.0.8078.129" (the user agent Lighthouse records is reduced)."""
    run = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=True)
    return " ".join(run.stdout.split()[:2])


def _lighthouse(url: str, preset: str) -> dict[str, Any]:
    """Return Lighthouse's report (its JSON) for one URL under one preset."""
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--quiet"]
    command += [f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
    command += ["--preset=desktop"] if preset == "desktop" else ["--form-factor=mobile"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if run.returncode != 0:
        sys.exit(f"Lighthouse failed on {url} ({preset}):\n{run.stderr}")
    report: dict[str, Any] = json.loads(run.stdout)
    if report.get("runtimeError"):
        sys.exit(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return report


def _failed(report: dict[str, Any], scores: dict[str, int]) -> list[str]:
    """Return the scored audits under full marks in each category under 100."""
    failed = []
    for category in CATEGORIES:
        if scores[category] == 100:
            continue
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue", "")
                failed.append(
                    f"{category}: {ref['id']} ({audit['score']:.2f}{', ' + shown if shown else ''})"
                    f": {audit['title']}"
                )
    return failed


def _table(results: list[Result]) -> str:
    lines = ["| page | preset | " + " | ".join(CATEGORIES) + " |"]
    lines.append("| --- | --- |" + " ---: |" * len(CATEGORIES))
    for r in results:
        lines.append(
            f"| {r.page} | {r.preset} | " + " | ".join(str(r.scores[c]) for c in CATEGORIES) + " |"
        )
    return "\n".join(lines)


def _write(table: str, results: list[Result], versions: str, runs: int) -> None:
    """Replace the scores between the markers of docs/accessibility.md."""
    text = DOC.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        sys.exit(f"{DOC.relative_to(REPO)} has lost its markers {BEGIN} and {END}: put them back")
    failed = [f"- {r.page} ({r.preset}): {line}" for r in results for line in r.failed]
    block = [
        BEGIN,
        f"Measured {dt.date.today().isoformat()} by `python -m bench.lighthouse --runs {runs}` "
        f"({versions}; the median of {runs} run{'s' if runs > 1 else ''} per page and preset):",
        "",
        table,
        "",
        "Audits that cost points:" if failed else "No audit cost a point.",
        *(["", *failed] if failed else []),
        END,
    ]
    head, rest = text.split(BEGIN, 1)
    DOC.write_text(head + "\n".join(block) + rest.split(END, 1)[1], encoding="utf-8")


if __name__ == "__main__":
    main()
