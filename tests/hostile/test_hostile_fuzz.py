"""A fuzzer over the YAML files and front matter: no content may make site-builder crash.

Hypothesis changes one field of one file of the small complete site (harness.BASE)
to a random value or structure, or writes random YAML-ish text in its place, builds
it with the real command line, and requires exit 0 (built) or 1 (content errors,
each located): never 3 ("site-builder 自身出了问题"), never a traceback. Inputs it
once found that crashed the build are kept as @example regression tests.

The suite's run is derandomized (the same inputs every time), so that a build of main
never fails on inputs no one has seen; `FUZZ_RANDOM=1 pytest tests/hostile/test_hostile_fuzz.py`
explores new ones, as a developer should before a release, and keeps what it finds here.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.hostile.harness import BASE, Cli, build, write

BUG = "site-builder 自身出了问题"
RAW = "RAWPLACEHOLDER"
"""Stands for raw text in a dumped file, replaced after dumping (it needs no quotes)."""

TOKENS = [
    *"ab1-:[]{},#&*!|>'\"%@`?\\ \n\t。，：；（）【】－０１年月日点",
    "2026-11-25", "2025-02-30", "09:00", "24:00", "FREQ=", "DAILY", "WEEKLY", ";", "BYDAY=MO",
    "BYWEEKNO=53", "BYSETPOS=-1", "COUNT=", "UNTIL=2026", "null", "~", "yes", "no", "0x1F", "1e9",
    ".inf", "<script>", "&amp;", "[x](y)", "![](assets/x.png)", "R001", "longteng", "---", "...",
    "!!python/object", "&anchor", "*anchor", "<<: ", "\ufeff", "\u200b", "\x85", "\u2028", "𠮷",
    "13900001111", "刘大哥", "../", "CON", "%2e%2e", "\r", "- ", ": ",
]  # fmt: skip
"""Pieces random texts are made of: YAML syntax, dates, rules, markup and traps."""

text = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)
scalar = st.one_of(
    text,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)
value = st.recursive(
    scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=10,
)
FILES = [*sorted(path for path in BASE if path != "site.yaml"), "site.yaml"]


def _parts(path: str) -> tuple[Any, str]:
    """Return the YAML of a BASE file (all scalars as strings) and a Markdown file's body."""
    source = BASE[path]
    assert isinstance(source, str)
    if path.endswith(".md"):
        _, header, body = source.split("---\n", 2)
        return yaml.load(header, Loader=yaml.BaseLoader), body
    return yaml.load(source, Loader=yaml.BaseLoader), ""


def _changed(path: str, key: str, new: Any, raw: str | None) -> str:
    """Return the file at `path` with `key` (of its first item, for a list) set to `new`."""
    data, body = _parts(path)
    target = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else data
    if isinstance(target, dict):
        target[key] = RAW if raw is not None else new
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if raw is not None:
        dumped = dumped.replace(RAW, raw)
    return f"---\n{dumped}---\n{body}" if path.endswith(".md") else dumped


def _key(path: str, pick: int, other: str) -> str:
    data, _ = _parts(path)
    target = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else data
    keys = list(target) if isinstance(target, dict) else []
    return keys[pick % len(keys)] if keys and pick >= 0 else other


def _build_is_clean(cli: Cli, files: dict[str, str | bytes | None]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        content.mkdir()
        write(content, BASE)
        write(content, files)
        run = build(cli, content.parent)  # also: within harness.SECONDS, no traceback
        assert run.code in (0, 1), run.err
        assert BUG not in run.out + run.err, run.err


FUZZ = settings(
    max_examples=75,
    deadline=None,
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(
    path=st.sampled_from(FILES),
    pick=st.integers(-1, 20),
    other=text,
    new=value,
    raw=st.none() | text,
)
@example(path="events/e.yaml", pick=-1, other="repeat", new=None, raw="FREQ=DAILY;BYWEEKNO=1;BYMONTH=7")  # fmt: skip
@example(path="site.yaml", pick=0, other="", new="a\na", raw=None)  # a title of two lines
def test_a_random_field_never_crashes_the_build(
    cli: Cli, path: str, pick: int, other: str, new: Any, raw: str | None
) -> None:
    key = _key(path, pick, other)
    _build_is_clean(cli, {path: _changed(path, key, new, raw)})


@FUZZ
@given(path=st.sampled_from(FILES), new=value, raw=st.none() | text)
# YAML counts \x85 as a line break: the composer's lines did not, and an index ran past them.
@example(path="buildings.yaml", new=None, raw="\x85a")
@example(path="buildings.yaml", new=[], raw="---")  # a document marker alone
@example(path="stories/a.md", new=None, raw="title: a\x85b: c\u2028d")
def test_a_random_file_never_crashes_the_build(
    cli: Cli, path: str, new: Any, raw: str | None
) -> None:
    dumped = raw if raw is not None else yaml.safe_dump(new, allow_unicode=True)
    _build_is_clean(
        cli, {path: f"---\n{dumped}\n---\n正文。\n" if path.endswith(".md") else dumped}
    )
