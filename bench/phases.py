"""Where a rebuild's time goes: the stages of a `serve` patch, and of a CLI rebuild.

    python -m bench.phases [--size 10000] [--edits 4]

Generates the whole corpus (bench/corpus.py) in a scratch folder, builds it once
as `serve` does (keeping the record of the build in memory), then appends a
sentence to `--edits` stories one at a time and reports the mean time of each
stage of the patch that follows. Then, as a new process would, it builds from the
CLI in full (the record removed) and reports the stages, then edits `--edits` more
stories one at a time, each followed by a CLI build patching from the record it
reads from the build cache, and reports the mean time of each stage of those. Stages nest (a stage's time includes the stages it
calls), so the lines do not add up to the total.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import site_builder.build as build_module
from bench.corpus import make_events, make_ledger, make_stories
from site_builder import (
    incremental,
    last_build,
    live_update,
    loading,
    memo_stories,
    page_checks,
    render,
    site_writer,
    story_patch,
)
from site_builder import site as site_module
from site_builder.diagnostics import Diagnostics
from site_builder.incremental import rebuild
from site_builder.page_keys import PageKeys

TODAY = dt.date(2026, 11, 22)

Spent = dict[str, float]


def _timed(owner: Any, name: str, spent: Spent, label: str | None = None) -> None:
    """Replace `owner.name` by a wrapper adding its wall time to `spent[label or name]`."""
    original: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            key = label or name
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - started

    setattr(owner, name, wrapper)


def _instrument(spent: Spent) -> None:
    for owner, name in [
        (incremental, "patch_site"),
        (story_patch, "_edited"),
        (story_patch, "read_story"),
        (story_patch._Patch, "_render"),
        (story_patch._Patch, "_stories_json"),
        (memo_stories.MemoStories, "_load"),
        (last_build.Inputs, "take"),
        (last_build, "read"),
        (last_build, "keep"),
        (incremental, "prepare"),
        (PageKeys, "page_key"),
        (PageKeys, "global_digest"),
        (page_checks.PageChecker, "render"),
        (page_checks, "guard_page"),
        (page_checks, "guard_path"),
        (page_checks, "check_links"),
        (live_update, "write_published"),
        (build_module, "load"),
        (site_module, "load_stories"),
        (site_module, "_ledger_and_boards"),
        (loading, "public_view"),
        (loading, "plan_site"),
        (site_writer, "LeakGuard"),
        (build_module, "write_site"),
        (site_writer._SiteWriter, "update"),
    ]:
        _timed(owner, name, spent)
    for owner, name, label in [
        (story_patch, "update_in_place", "update_in_place (patch)"),
        (site_writer, "update_in_place", "update_in_place (site_writer)"),
    ]:
        _timed(owner, name, spent, label)
    original = render.SiteRenderer.render

    def by_template(self: render.SiteRenderer, page: Any, **extra: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(self, page, **extra)
        finally:
            key = "template " + page.template
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - started

    render.SiteRenderer.render = by_template  # type: ignore[method-assign]


def _append(path: Path, number: int) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n第{number}次修改：邻居们又补充了一句。\n")


def _report(title: str, spent: Spent, runs: int) -> None:
    print(f"\n{title} (mean of {runs}, ms)")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:32s} {seconds / runs * 1000:9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        make_stories(root, args.size)
        content = root / "ours" / "content"
        make_ledger(content, 2000, 100_000)
        make_events(content, 300)
        out = root / "ours" / "output"
        kept = rebuild(content, out, ("site",), TODAY, Diagnostics())
        time.sleep(2.1)  # the generated files settle: their stamps alone tell they did not change
        spent: Spent = {}
        _instrument(spent)
        for number in range(args.edits):
            _append(content / "stories" / f"s{(number * 7919 + 3) % args.size}.md", number)
            rebuild(content, out, ("site",), TODAY, Diagnostics(), kept=kept)
        _report(f"serve: patching one edited story, {args.size:,} stories", spent, args.edits)
        spent.clear()
        for record in (root / "ours" / ".site-builder-cache").glob("last-build-*"):
            record.unlink()  # (serve's record would do: build in full, as after any other change)
        rebuild(content, out, ("site",), TODAY, Diagnostics())
        _report(
            f"CLI: a full build keeping its record for the next, {args.size:,} stories", spent, 1
        )
        time.sleep(2.1)
        spent.clear()
        for number in range(args.edits):
            _append(content / "stories" / f"s{(number * 7919 + 5) % args.size}.md", 99)
            rebuild(content, out, ("site",), TODAY, Diagnostics())
        title = f"CLI: patching from the record after one more edited story, {args.size:,} stories"
        _report(title, spent, args.edits)


if __name__ == "__main__":
    main()
