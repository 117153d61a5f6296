"""Forked workers: `meanwhile` work in the build process overlaps theirs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from site_builder.workers import forked_map, forking


def _waits_for(flag: Path, chunk: int) -> tuple[int, bool]:
    """Wait up to ten seconds for `flag`; say whether it came."""
    deadline = time.monotonic() + 10
    while not flag.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return chunk, flag.exists()


@pytest.mark.skipif(not forking(), reason="workers are forked on Linux with two cores")
def test_meanwhile_runs_while_the_workers_work(tmp_path: Path) -> None:
    """The workers' first chunks wait for a file that only `meanwhile` writes: had it
    been called after their results were awaited, they would have given up on it."""
    flag = tmp_path / "flag"
    results = list(forked_map(_waits_for, [1, 2, 3], flag, meanwhile=flag.touch))
    assert results == [(1, True), (2, True), (3, True)]
