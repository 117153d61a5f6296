"""How fast a search answers in the browser (issue 24), on the benchmark corpus.

    python -m bench.search_browser [--size 10000] [--repeat 5]

Builds the stories of bench/corpus.py with the search index, serves output/site/ over
http (under a sub-path, as a community's site often is) and drives Debian's Chromium
with Playwright. Each query is timed in the page, from the form's submission to the
status line saying how many results were found, with the first page of results
listed:

1. opened with the words in its address (`search/index.html?q=…`, as the masthead box
   leads there): from the start of navigation, the index loaded from nothing;
2. typed on the search page once it has loaded (its script loads the index then):
   each query's median over `--repeat` rounds of the same queries.

Chromium's cache is emptied before each query of 1, and kept for 2.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.corpus import make_stories, set_search
from bench.speed import TODAY

CHROMIUM = "/usr/bin/chromium"
QUERIES = (
    "楼栋长",
    "独居老人",
    "周末义诊",
    "维修基金",
    "第4321个好人好事",
    "美丽阳台",
    "没有这个词",
)
"""Words of the corpus's phrases, one title, and a word found nowhere."""
TIMED = """(words) => new Promise((done) => {
  const status = document.getElementById('search-status');
  const start = performance.now();
  const seen = new MutationObserver(() => {
    if (/^(找到|没有找到)/.test(status.textContent)) {
      seen.disconnect();
      done(performance.now() - start);
    }
  });
  seen.observe(status, {childList: true, characterData: true, subtree: true});
  document.getElementById('search-q').value = words;
  document.querySelector('#search form').requestSubmit();
})"""
"""Submit `words` on the search page; resolve with the milliseconds until the answer."""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        make_stories(root, args.size)
        set_search(root / "ours" / "content", True)
        output = root / "host" / "longteng"
        command = [sys.executable, "-m", "site_builder", "build", "--target", "site"]
        command += ["--output", str(output), "--today", TODAY, "--quiet"]
        subprocess.run(command, cwd=root / "ours", check=True)
        _measure(root / "host", args.size, args.repeat)


def _measure(host: Path, size: int, repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen(
        [
            sys.executable,
            "-u",
            "-m",
            "http.server",
            "0",
            "--bind",
            "127.0.0.1",
            "--directory",
            str(host),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = server.stdout.readline() if server.stdout else ""
        site = f"http://127.0.0.1:{line.split(' port ')[1].split(' ')[0]}/longteng/site/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            session = page.context.new_cdp_session(page)
            cold, found = {}, {}
            for words in QUERIES:
                session.send("Network.clearBrowserCache")
                page.goto("about:blank")
                page.goto(site + "search/index.html?q=" + words)
                page.wait_for_function(
                    "() => /^(找到|没有找到)/.test(document.getElementById('search-status').textContent)"
                )
                cold[words] = page.evaluate(
                    "performance.now() - performance.getEntriesByType('navigation')[0].startTime"
                )
                found[words] = page.text_content("#search-status") or ""
            page.goto(site + "search/index.html")
            page.wait_for_load_state("networkidle")
            typed: dict[str, list[float]] = {words: [] for words in QUERIES}
            for _ in range(repeat):
                for words in QUERIES:
                    typed[words].append(page.evaluate(TIMED, words))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{size:,} stories; milliseconds; Chromium {CHROMIUM}")
    print("| words | found | opened with the words (from navigation) | typed (median) |")
    print("| --- | ---: | ---: | ---: |")
    for words in QUERIES:
        print(
            f"| {words} | {found[words]} | {cold[words]:.0f} "
            f"| {statistics.median(typed[words]):.0f} |"
        )
    everything = [t for times in typed.values() for t in times]
    print(f"\ntyped, all queries: median {statistics.median(everything):.0f} ms, "
          f"slowest {max(everything):.0f} ms")  # fmt: skip
    shutil.rmtree(host, ignore_errors=True)


if __name__ == "__main__":
    main()
