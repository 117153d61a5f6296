"""Benchmark: validate and rank a big ledger (2,000 residents, 100,000 entries by default).

    python bench/points_bench.py [--residents 2000] [--entries 100000] [--repeat 3]

The baseline, measured in the same run on the same files, is libyaml composing
them (yaml.compose with CSafeLoader): reading the text is the floor no
validation can go under. The issue's budget is 2 s for validating and ranking.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from bench.corpus import TODAY, make_ledger
from site_builder.config import load_config
from site_builder.diagnostics import Diagnostics
from site_builder.kinds.leaderboards import build_boards
from site_builder.kinds.points import load_ledger
from site_builder.loading import collector_paused


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        make_ledger(content, args.residents, args.entries)
        files = sorted((content / "points").rglob("*.yaml"))

        def baseline() -> None:
            with collector_paused():  # the same conditions as ours
                for path in files:
                    yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def validate_and_rank() -> None:
            diags = Diagnostics()
            config = load_config(content, diags)
            assert config is not None
            with collector_paused():  # as build.load() runs it
                ledger = load_ledger(content, config, TODAY, diags)
                assert not diags.has_errors, diags.errors[:3]
                build_boards(ledger, TODAY)

        def time_of(action) -> float:  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            action()
            return time.perf_counter() - started

        base = statistics.median(time_of(baseline) for _ in range(args.repeat))
        ours = statistics.median(time_of(validate_and_rank) for _ in range(args.repeat))
    print(f"{args.residents} residents, {args.entries} ledger entries, median of {args.repeat}")
    print(f"  baseline: libyaml compose only     {base:6.2f} s   1.00 × baseline")
    print(f"  load_ledger + build_boards         {ours:6.2f} s   {ours / base:4.2f} × baseline")


if __name__ == "__main__":
    main()
