"""What the leak guard costs: masking the public view, building the guard, scanning pages.

    python -m bench.guard_cost [--stories 2000] [--repeat 3] [--rounds 3]

Generates the bench corpus (bench/corpus.py) with `--stories` stories, builds it once,
then, best of `--repeat`, times in this one process: public_view over the loaded site,
LeakGuard built (no cache: every content file read for numbers) and every output file
and its path scanned `--rounds` times. Prints CPU seconds (this process's, so that
other work on the machine counts less) for each part and their sum.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import make_events, make_ledger, make_stories
from site_builder.diagnostics import Diagnostics
from site_builder.leak_guard import LeakGuard
from site_builder.loading import load
from site_builder.privacy import public_view

TODAY = dt.date(2026, 11, 20)


def make_corpus(root: Path, stories: int) -> Path:
    """Write the bench corpus with `stories` stories under `root`; return its content/."""
    make_stories(root, stories)
    content = root / "ours" / "content"
    notices = content / "notices"
    notices.mkdir()
    numbers = "、".join(f"13{n % 7 + 3}{n:04d}{n * 7 % 10000:04d}" for n in range(50))
    notice = f"---\ntitle: 通讯录\ndate: 2026-11-01\n---\n楼栋长电话：{numbers}。\n"
    (notices / "2026-11-tongxunlu.md").write_text(notice, encoding="utf-8")
    make_ledger(content, 2000, 100_000)
    make_events(content, 300)
    return content


def built_files(content: Path, output: Path) -> list[tuple[str, bytes]]:
    """Build the site once; return every file of output/site as (relative path, bytes)."""
    command = [sys.executable, "-m", "site_builder", "build", "--content", str(content)]
    command += ["--output", str(output), "--today", TODAY.isoformat()]
    subprocess.run(command, check=True, capture_output=True)
    site = output / "site"
    return [
        (path.relative_to(site).as_posix(), path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file()
    ]


def timed(content: Path, files: list[tuple[str, bytes]], rounds: int) -> tuple[float, ...]:
    """Return seconds for: the public view, building the guard, `rounds` scans of `files`."""
    loaded = load(content, TODAY, Diagnostics())
    start = time.process_time()
    public_view(loaded.site)
    viewed = time.process_time()
    guard = LeakGuard(loaded.site)
    guarded = time.process_time()
    found = 0
    for _ in range(rounds):
        for relative, data in files:
            found += len(guard.scan(relative, data)) + len(guard.scan_path(relative))
    scanned = time.process_time()
    assert found == 0, f"the clean corpus has {found} findings"
    return viewed - start, guarded - viewed, scanned - guarded


def main() -> None:
    """Generate, build once, and print the best of `--repeat` timings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        content = make_corpus(root, args.stories)
        files = built_files(content, root / "output")
        runs = [timed(content, files, args.rounds) for _ in range(args.repeat)]
    best = min(runs, key=sum)
    size = sum(len(data) for _, data in files) / 1e6
    print(f"{len(files)} files, {size:.0f} MB, {args.rounds} scans")
    print(
        "public_view {:.3f} s, guard {:.3f} s, scans {:.3f} s, total {:.3f} s".format(
            *best, sum(best)
        )
    )


if __name__ == "__main__":
    main()
