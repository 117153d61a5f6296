"""Worker processes: forked for big jobs, sharing the parent's data, never outliving it."""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import multiprocessing
import operator
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

Shared = TypeVar("Shared")
Class = TypeVar("Class", bound=type)
Chunk = TypeVar("Chunk")
Result = TypeVar("Result")
Item = TypeVar("Item")

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (a build killed with SIGKILL).

    Without it, the workers of a killed build would go on rendering into a staging
    folder nobody owns. Elsewhere this does nothing: workers there are spawned and
    end when their pipe to the parent closes.
    """
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the cycle collector off every object that exists now, while workers are forked.

    Forked workers share the parent's memory until they write to it, and a collector
    pass writes to every object it looks at: each worker would copy the whole site
    (hundreds of megabytes) page by page. Frozen objects are never looked at.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def forking() -> bool:
    """Tell whether work may go to forked workers: Linux, two cores, and one thread here.

    fork() copies only the calling thread, so it is safe only while this process runs
    one (a test harness or a browser driver may run more: then work stays here).
    """
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return False
    return threading.active_count() == 1


_shared: Any = None
"""What the workers being forked share with the parent (inherited, never pickled)."""


def forked_map(
    function: Callable[[Shared, Chunk], Result],
    chunks: Iterable[Chunk],
    shared: Shared,
    meanwhile: Callable[[], None] = lambda: None,
) -> Iterator[Result]:
    """Yield `function(shared, chunk)` for each chunk, in order, from one worker per core.

    `shared` (the site, the pages, the texts) reaches the workers through fork(), at
    no cost; only the chunks (ranges of indices, say) and the results are pickled.
    Once the workers have the chunks, `meanwhile` is called here, before the first
    result is waited for. Call it only when `forking()`.
    """
    global _shared
    _shared = shared
    try:
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(os.cpu_count(), mp_context=context, initializer=_start_worker)
        with frozen_heap(), pool:
            results = pool.map(_call, [(function, chunk) for chunk in chunks])
            meanwhile()
            yield from results
    finally:
        _shared = None


def map_items(
    function: Callable[[Shared, range], list[Item]],
    shared: Shared,
    count: int,
    *,
    chunk: int,
    parallel_from: int,
) -> list[Item]:
    """Return `function(shared, indices)` over the items 0..count-1, as one list in order.

    From `parallel_from` items on (and when `forking()`), the indices go to forked
    workers `chunk` at a time; below that, forking would cost more than it saves and
    the items are done here, in one call.
    """
    if count < parallel_from or not forking():
        return function(shared, range(count))
    chunks = [range(start, min(start + chunk, count)) for start in range(0, count, chunk)]
    return [item for part in forked_map(function, chunks, shared) for item in part]


def _start_worker() -> None:
    """Set up a forked worker: it dies with its parent, and collects cycles between tasks.

    The collector's automatic passes over what Markdown and Jinja allocate cost about
    a tenth of a worker's time; one pass after each task (a chunk of pages or stories)
    looks only at what the task left alive, and frees what cycles it left (the default
    theme's pages leave none: jinja_env._empty; a theme's own code may).
    """
    die_with_parent()
    gc.disable()


def _call(task: tuple[Callable[[Any, Any], Any], Any]) -> Any:
    function, chunk = task
    try:
        return function(_shared, chunk)
    finally:
        gc.collect(1)


def pickled_by_fields(cls: Class) -> Class:
    """Pickle a slotted dataclass as a call to its class with its fields, in order.

    Workers send every story and header back to the parent pickled, and the story memo
    keeps them pickled. The dataclass default looks its fields up again for every
    object, both ways: this form is four times faster to load. The class must take
    its fields as __init__ arguments in order, and check nothing there.
    """
    names = tuple(field.name for field in dataclasses.fields(cls))
    fields_of = operator.attrgetter(*names)

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, fields_of(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment]
    BY_FIELDS.add(cls)
    return cls


BY_FIELDS: set[type] = set()
"""The classes pickled_by_fields was applied to: their pickle is their fields' values."""
