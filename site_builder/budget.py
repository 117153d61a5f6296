"""The bytes one build may write: a bound no community site comes near.

Each page has its own bound (build.MAX_PAGE_BYTES), and the texts shown on many
days or cards have theirs; this one bounds their sum, so that no content, however
it multiplies, fills the disk before the build stops. The count is shared with
the forked workers that write the pages (through fork, in shared memory).
"""

from __future__ import annotations

import multiprocessing

MAX_OUTPUT_BYTES = 4 * 2**30
"""Bytes one target of a build may write: 4 GB (the 10,000-story benchmark site makes 442 MB)."""


class Budget:
    """The bytes a target may still write, counted across this process and its workers."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = MAX_OUTPUT_BYTES if limit is None else limit
        self._spent = multiprocessing.get_context("fork").Value("q", 0)

    def spend(self, size: int) -> bool:
        """Count `size` more bytes; tell whether the total is still within the limit."""
        with self._spent.get_lock():
            self._spent.value += size
            spent: int = self._spent.value
        return spent <= self.limit

    @property
    def spent(self) -> int:
        """Return the bytes counted so far."""
        return int(self._spent.value)
