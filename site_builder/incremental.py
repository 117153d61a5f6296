"""Rebuilding less: the one incremental layer, above the build recipe.

A build first asks what the last full build of the public site knew (a
`LastBuild`): `serve` keeps it in memory between its builds, with the story memo
that build used; a build from the command line reads both from the build cache.
That is the only difference. When only a few stories were edited, each keeping
its place, story_patch.py patches output/site/ from the record. Anything else runs
the whole recipe (build.py), which skips unchanged pages itself (site_writer.py,
by their keys), and the new record of it is kept.

The recipe does not know this layer exists: it is handed a function to run while
its pages render (`prepare`, most of a record's work) and the memo to start from,
and returns what it loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from site_builder import last_build
from site_builder.build import BuildResult, build, check_folders
from site_builder.cache import cache_folder
from site_builder.diagnostics import Diagnostics
from site_builder.jinja_env import theme_dirs
from site_builder.kinds.story_memo import StoryMemo
from site_builder.last_build import Inputs, LastBuild, Prepared, prepare
from site_builder.loading import Loaded
from site_builder.print_writer import Printed
from site_builder.progress import QUIET, Progress
from site_builder.story_patch import patch_site


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What a rebuild produced, and what the next one in this process may start from."""

    files: dict[str, int]
    """Files output has per target."""
    last: LastBuild | None = None
    """The record of the last full build of the public site (None: the next builds in full)."""
    memo: StoryMemo | None = None
    """The story memo the last full build used (None: the next reads it from the cache)."""
    posters: Printed | None = None
    """What writing the posters did, when print was a target."""


def rebuild(
    content: Path,
    output: Path,
    targets: tuple[str, ...],
    today: dt.date | None,
    diags: Diagnostics,
    progress: Progress = QUIET,
    kept: Rebuilt | None = None,
) -> Rebuilt:
    """Bring `output` up to date with `content`: patch when it can, build in full otherwise.

    `kept` is what the previous rebuild of this process returned (`serve` keeps it);
    without it, the record of the last full build is read from the build cache. Raise
    ContentErrors as `build` does.
    """
    check_folders(content, output)  # before a patch writes anything
    cache = cache_folder(output)
    kept = kept or Rebuilt({})
    if targets == ("site",):
        last = kept.last or last_build.read(cache, content)
        if last is not None:
            count = patch_site(last, content, output, today, diags)
            if count is not None:
                return Rebuilt({"site": count}, last, kept.memo)
    if "site" not in targets:  # only a build of the public site leaves a record
        built = build(content, output, targets, today, diags, progress, memo=kept.memo)
        return Rebuilt(built.files, None, built.loaded.memo, built.posters)
    inputs = Inputs.take(content, theme_dirs(content))  # before the build reads them
    prepared: list[Prepared | None] = []

    def keep_record(loaded: Loaded) -> None:
        prepared.append(prepare(content, inputs, loaded))

    built = build(content, output, targets, today, diags, progress, keep_record, kept.memo)
    last = _kept(built, cache, content, output, inputs, prepared, diags)
    return Rebuilt(built.files, last, built.loaded.memo, built.posters)


def _kept(
    built: BuildResult, cache: Path, content: Path, output: Path, inputs: Inputs,
    prepared: list[Prepared | None], diags: Diagnostics,
) -> LastBuild | None:  # fmt: skip
    """Keep the record of a full build that wrote output/site/ (now live)."""
    assert built.site is not None  # the public site was a target
    made = prepared[0] if prepared else None
    return last_build.keep(
        cache, content, output, inputs, built.loaded, made, built.site, diags.items
    )
