"""Two checkouts of site-builder timed against each other, alternating, in one run.

    python -m bench.compare BEFORE AFTER [--size 10000] [--repeat 3]

BEFORE and AFTER are folders holding a checkout (a `git worktree` of the commit to
compare, say). The corpus of bench/corpus.py is generated once and copied for each,
so that each keeps its own content, output and build cache; then every measurement
of bench/speed.py is taken round by round, the two checkouts alternating within each
round (and taking turns at going first), so that a machine that slows down or speeds up during the run weighs on both
alike:

1. a cold build of the stories alone, then of the whole corpus (stories, a ledger of
   100,000 entries, 300 events), with the peak RSS of the latter;
2. a rebuild with nothing changed, and one after a story is edited;
3. in `site-builder serve`, from writing an edited story to livereload's "reload".

It prints the medians of both and their ratio (AFTER / BEFORE) as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.corpus import make_events, make_ledger, make_stories, set_search
from bench.speed import _append, _cold, _ours, _serve_times

FIGURES = (
    "cold, stories alone",
    "cold, whole corpus",
    "nothing changed",
    "one edit",
    "serve: edit → reload",
    "peak RSS (MB)",
)


def _environment(checkout: Path, root: Path) -> dict[str, str]:
    """The environment a build of `checkout` runs in: its code first, its own build cache."""
    return {**os.environ, "PYTHONPATH": str(checkout), "SITE_BUILDER_CACHE": str(root / "cache")}


def measure(checkouts: dict[str, Path], size: int, repeat: int) -> dict[str, dict[str, float]]:
    """Return each checkout's median of each figure, the checkouts alternating in each round."""
    with tempfile.TemporaryDirectory() as scratch:
        roots = {name: Path(scratch) / name for name in checkouts}
        first = next(iter(roots.values()))
        make_stories(first, size)
        for root in roots.values():
            if root != first:
                shutil.copytree(first, root, symlinks=True)
        for name, root in roots.items():  # a checkout with search builds without it, as before
            if '"search"' in (checkouts[name] / "site_builder" / "config.py").read_text("utf-8"):
                set_search(root / "ours" / "content", False)
        envs = {name: _environment(checkouts[name], roots[name]) for name in checkouts}
        times: dict[str, dict[str, list[float]]] = {
            name: {figure: [] for figure in FIGURES} for name in checkouts
        }

        def rounds(figure: str, step: Callable[[str, int], float]) -> None:
            for number in range(repeat):
                order = list(checkouts) if number % 2 == 0 else list(reversed(checkouts))
                for name in order:  # who goes first changes every round
                    times[name][figure].append(step(name, number))

        rounds("cold, stories alone", lambda name, _n: _cold(roots[name], env=envs[name])[0])
        for root in roots.values():
            make_ledger(root / "ours" / "content", 2000, 100_000)
            make_events(root / "ours" / "content", 300)

        def cold_whole(name: str, _number: int) -> float:
            seconds, peak = _cold(roots[name], env=envs[name])
            times[name]["peak RSS (MB)"].append(peak)
            return seconds

        rounds("cold, whole corpus", cold_whole)
        rounds("nothing changed", lambda name, _n: _ours(roots[name], env=envs[name])[0])

        def edit(name: str, number: int) -> float:
            content = roots[name] / "ours" / "content"
            _append(content / "stories" / f"s{(number * 7919) % size}.md", number)
            return _ours(roots[name], env=envs[name])[0]

        rounds("one edit", edit)

        def serve(name: str, number: int) -> float:
            site = roots[name] / "ours"
            # one edit per server: the rounds alternate, and each server starts warm
            offset = number * 104729 + 1
            (seconds,) = _serve_times(site, site / "content", size, 1, envs[name], offset)
            return seconds

        rounds("serve: edit → reload", serve)
    return {
        name: {figure: statistics.median(values) for figure, values in figures.items()}
        for name, figures in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    checkouts = {"before": args.before.resolve(), "after": args.after.resolve()}
    medians = measure(checkouts, args.size, args.repeat)
    print(
        f"{args.size:,} stories; median of {args.repeat} alternating rounds; {os.cpu_count()} cores"
    )
    print("| figure | before | after | after / before |")
    print("| --- | ---: | ---: | ---: |")
    for figure in FIGURES:
        before, after = medians["before"][figure], medians["after"][figure]
        shown = (
            (f"{before:.0f}", f"{after:.0f}")
            if "MB" in figure
            else (f"{before:.2f}", f"{after:.2f}")
        )
        print(f"| {figure} | {shown[0]} | {shown[1]} | {after / before:.3f} |", flush=True)


if __name__ == "__main__":
    main()
