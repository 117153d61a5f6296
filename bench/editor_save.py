"""How long the editor in `serve` takes to check one save, against `site-builder check`.

A save is checked by loading the whole site twice (as it is, which also gives the form
what it offers, and with the change in a linked copy of content/), so its cost follows
the site's size; this measures it on the
bench corpus (stories and a points ledger) beside the time `check` takes on the same
corpus, in the same run:

    python -m bench.editor_save --sizes 300 3000 10000 --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import make_ledger, make_stories
from site_builder.diagnostics import Diagnostics
from site_builder.editor.checking import problems_of
from site_builder.editor.facts import read_facts
from site_builder.loading import load
from site_builder.yaml_edits import append_entry

TODAY = dt.date(2026, 11, 22)


def _median(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(size: int, repeat: int) -> tuple[float, float, float]:
    """Return `check`'s load, the editor's facts for a form, and one save's check (s)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_stories(root, size)
        content = root / "ours" / "content"
        ledger = make_ledger(content, 200, 2000) / "points" / "ledger" / "11.yaml"
        appended = append_entry(
            ledger.read_text("utf-8"),
            {"date": TODAY, "resident": "R00001", "earn": "garbage-sorting"},
        ).encode()
        relative = ledger.relative_to(content).as_posix()
        check = _median(lambda: load(content, TODAY, Diagnostics()), repeat)
        facts = _median(lambda: read_facts(content, TODAY, "zh-CN"), repeat)
        save = _median(  # as a POST does: the site read once, then the change checked
            lambda: problems_of(
                content, TODAY, {relative: appended}, read_facts(content, TODAY, "zh-CN").errors
            ),
            repeat,
        )
    return check, facts, save


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| stories | check | form opens | save checked | save / check |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        check, facts, save = measure(size, args.repeat)
        print(f"| {size} | {check:.2f} s | {facts:.2f} s | {save:.2f} s | {save / check:.2f}× |")


if __name__ == "__main__":
    main()
