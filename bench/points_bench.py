"""Benchmark: validate and rank a big ledger (2,000 residents, 100,000 entries by default).

    python bench/points_bench.py [--residents 2000] [--entries 100000] [--repeat 3]

The baseline, measured in the same run on the same files, is libyaml composing
them (yaml.compose with CSafeLoader): reading the text is the floor no
validation can go under. The issue's budget is 2 s for validating and ranking.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from site_builder.build import _collector_paused
from site_builder.config import load_config
from site_builder.diagnostics import Diagnostics
from site_builder.kinds.leaderboards import build_boards
from site_builder.kinds.points import load_ledger

TODAY = dt.date(2026, 11, 22)
EARN = ["garbage-sorting", "repair", "visit-elder", "volunteer-hour"]


def make_site(root: Path, residents: int, entries: int) -> Path:
    rng = random.Random(7)
    content = root / "content"
    (content / "points" / "ledger").mkdir(parents=True)
    (content / "site.yaml").write_text(
        "title: 基准\ncommunities:\n  - {id: a, name: 甲小区}\n  - {id: b, name: 乙小区}\n",
        encoding="utf-8",
    )
    (content / "points" / "rules.yaml").write_text(
        "earn:\n  garbage-sorting: {name: 垃圾分类, points: 10}\n  repair: {name: 修家电, points: 20}\n"
        "  visit-elder: {name: 看望老人, points: 15}\n  volunteer-hour: {name: 志愿服务, points_per_hour: 10}\n"
        "redeem:\n  haircut: {name: 理发, cost: 50}\n",
        encoding="utf-8",
    )
    people = "".join(
        f"- id: R{n:05d}\n  name: 居民{n}\n  building: {n % 40 + 1}栋\n  community: {'ab'[n % 2]}\n"
        for n in range(residents)
    )
    (content / "points" / "residents.yaml").write_text(people, encoding="utf-8")
    per_month = entries // 12
    for month in range(12):
        lines = []
        for _ in range(per_month):
            day = dt.date(2025, 11, 1) + dt.timedelta(days=month * 30 + rng.randrange(28))
            rule = rng.choice(EARN)
            lines.append(
                f"- date: {day.isoformat()}\n  resident: R{rng.randrange(residents):05d}\n  earn: {rule}\n"
            )
            if rule == "volunteer-hour":
                lines.append(f"  hours: {rng.choice(['1', '1.5', '2', '2.5'])}\n")
        (content / "points" / "ledger" / f"{month:02d}.yaml").write_text(
            "".join(lines), encoding="utf-8"
        )
    return content


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        content = make_site(Path(scratch), args.residents, args.entries)
        files = sorted((content / "points").rglob("*.yaml"))

        def baseline() -> None:
            with _collector_paused():  # the same conditions as ours
                for path in files:
                    yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def validate_and_rank() -> None:
            diags = Diagnostics()
            config = load_config(content, diags)
            assert config is not None
            with _collector_paused():  # as build.load() runs it
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
