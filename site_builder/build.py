"""The build recipe: load → derive → plan → render → guard and link-check → write → swap.

`build()` lists the stages; each is a function of its own module:

- loading.py: `load`: every content file read and validated (sources, kinds), the
  derived data made (boards, calendar), the public view (privacy) and the page plan
  (pages), with every error collected before the build stops;
- site_writer.py: `write_site`: the public site's pages rendered, guarded and
  link-checked (page_checks.py), written into a staging folder or, when few changed,
  in place;
- board_writer.py: `write_boards`: the lobby boards, staged alike;
- print_writer.py: `write_posters`: the posters for the notice board (PDF), staged alike,
  each made again only when its data or templates changed;
- output.py: the staged targets swapped in together, or none of them.

Every check runs before anything is written; a build with errors raises
ContentErrors carrying all of them, and the output folder stays as it was. Nothing
here knows about rebuilding less: incremental.py, above this recipe, patches the
last build when it can and calls `build` when it cannot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_builder.board_writer import write_boards
from site_builder.cache import cache_folder
from site_builder.diagnostics import Diagnostics
from site_builder.kinds.story_memo import StoryMemo
from site_builder.loading import Loaded, collector_paused, keep_memo, load
from site_builder.output import Publication, check_output_folder, staged
from site_builder.pdf import check_available
from site_builder.print_writer import Printed, write_posters
from site_builder.progress import QUIET, Progress
from site_builder.site_writer import Written, write_site


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced."""

    files: dict[str, int]
    """Files written per target."""
    loaded: Loaded
    """The site the build loaded."""
    site: Written | None = None
    """What writing the public site did, when it was a target."""
    posters: Printed | None = None
    """What writing the posters did, when print was a target."""


def build(
    content: Path,
    output: Path,
    targets: tuple[str, ...],
    today: dt.date | None,
    diags: Diagnostics,
    progress: Progress = QUIET,
    alongside: Callable[[Loaded], object] = lambda loaded: None,
    memo: StoryMemo | None = None,
) -> BuildResult:
    """Build the requested targets of the site in `content` into `output`.

    `alongside(loaded)` is called once while the public site's pages render, so that
    a caller's own work on the loaded site overlaps theirs. `memo` is the story memo
    an earlier build of this process left, if it kept it (else it is read from the
    build cache).
    """
    check_folders(content, output)
    if "print" in targets:
        check_available()  # before anything is read: say at once what to install
    cache = cache_folder(output)
    progress.stage("progress.loading")
    # every target is staged in full before any is swapped in: a board or poster that fails
    # (a content error only it sees, a full disk) leaves the other targets as they were
    together = Publication.of(output) if len(targets) > 1 else None
    with collector_paused():
        loaded = load(content, today, diags, cache, memo_later=True, kept=memo)
        files: dict[str, int] = {}
        site = posters = None
        try:
            if "site" in targets:

                def meanwhile() -> None:  # while the pages render
                    keep_memo(cache, loaded)
                    alongside(loaded)

                site = write_site(loaded, output, diags, progress, meanwhile, together)
                files["site"] = site.files
            if "kiosk" in targets:
                progress.stage("progress.kiosk")
                with staged(output, "kiosk", together) as stage:
                    files["kiosk"] = write_boards(loaded, output, stage, diags)
            if "print" in targets:
                with staged(output, "print", together) as stage:
                    posters = write_posters(loaded, output, stage, diags, progress)
                    files["print"] = posters.files
            if together is not None:
                together.publish()
        finally:
            if together is not None:
                together.discard()
            keep_memo(cache, loaded)  # unless it was
            progress.finish()
    return BuildResult(files, loaded, site, posters)


def check_folders(content: Path, output: Path) -> None:
    """Refuse an output folder that would overwrite the content, the site's templates, or a
    folder site-builder did not make (output.check_output_folder)."""
    templates = content.parent / "templates"
    check_output_folder(output, content, templates if templates.is_dir() else None)
