"""Rebuilding less: the one incremental layer, above the build recipe.

A build first asks what the last full build of the public site knew (a
`LastBuild`): `serve` keeps it in memory between its builds, a build from the
command line reads it from the build cache. When only a few stories were edited,
each keeping its place, story_patch.py patches output/site/ from it. Anything else
runs the whole recipe (build.py), which skips unchanged pages itself
(site_writer.py, by their keys), and the new record of it is kept.

The recipe does not know this layer exists: it is handed a function to run while
its pages render (`prepare`, most of a record's work), and returns what it loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from site_builder import last_build
from site_builder.build import BuildResult, build
from site_builder.cache import cache_folder
from site_builder.diagnostics import Diagnostics
from site_builder.jinja_env import theme_dirs
from site_builder.last_build import Inputs, LastBuild, Prepared, prepare
from site_builder.loading import Loaded
from site_builder.output import check_output_folder
from site_builder.progress import QUIET, Progress
from site_builder.story_patch import patch_site


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What a rebuild produced, and what the next one starts from."""

    files: dict[str, int]
    """Files output has per target."""
    last: LastBuild | None
    """The record of the last full build of the public site (None: the next builds in full)."""


def rebuild(
    content: Path,
    output: Path,
    targets: tuple[str, ...],
    today: dt.date | None,
    diags: Diagnostics,
    progress: Progress = QUIET,
    last: LastBuild | None = None,
) -> Rebuilt:
    """Bring `output` up to date with `content`: patch when it can, build in full otherwise.

    `last` is what an earlier build of this process returned (`serve`); without it,
    the record is read from the build cache. Raise ContentErrors as `build` does.
    """
    templates = content.parent / "templates"
    check_output_folder(output, content, templates if templates.is_dir() else None)
    cache = cache_folder(output)
    if targets == ("site",):
        last = last or last_build.read(cache, content)
        if last is not None:
            count = patch_site(last, content, output, today, diags)
            if count is not None:
                return Rebuilt({"site": count}, last)
    if "site" not in targets:
        return Rebuilt(build(content, output, targets, today, diags, progress).files, last)
    inputs = Inputs.take(content, theme_dirs(content))  # before the build reads them
    prepared: list[Prepared | None] = []

    def keep_record(loaded: Loaded) -> None:
        prepared.append(prepare(content, inputs, loaded))

    built = build(content, output, targets, today, diags, progress, alongside=keep_record)
    return Rebuilt(built.files, _kept(built, cache, content, output, inputs, prepared, diags))


def _kept(
    built: BuildResult, cache: Path, content: Path, output: Path, inputs: Inputs,
    prepared: list[Prepared | None], diags: Diagnostics,
) -> LastBuild | None:  # fmt: skip
    """Keep the record of a full build that wrote output/site/ (now live)."""
    if built.loaded is None or built.site is None:
        return None
    made = prepared[0] if prepared else None
    return last_build.keep(
        cache, content, output, inputs, built.loaded, made, built.site.guard, diags.items
    )
