"""Writing the lobby boards: every community's board rendered, link-checked (offline: no
other host), and written into the kiosk target's staging folder.

The boards show names and phones as written (kiosk.py explains why and how they are
kept off the public site); a link only a board refuses is reported at the story or
notice line that wrote it.
"""

from __future__ import annotations

import html
from pathlib import Path

from site_builder.budget import Budget
from site_builder.cache import cache_folder, compiled_templates
from site_builder.diagnostics import ContentErrors, Diagnostics, Location
from site_builder.jinja_env import theme_dirs
from site_builder.links import LinkChecker
from site_builder.loading import Loaded
from site_builder.page_checks import size_of, spend
from site_builder.render import SiteRenderer, TemplateProblem
from site_builder.site import Site
from site_builder.staging import write_file


def write_boards(loaded: Loaded, output: Path, stage: Path, diags: Diagnostics) -> int:
    """Write every lobby board into `stage`; return the number of files."""
    from site_builder.kiosk import kiosk_files  # only kiosk builds need it (and its QR codes)

    site = loaded.site  # names and phones as written
    renderer = SiteRenderer(site, theme_dirs(site.content), compiled_templates(output))
    try:
        files = kiosk_files(site, renderer, cache_folder(output))
    except TemplateProblem as problem:
        diags.error(problem.location, "template.error", detail=problem.detail)
        raise ContentErrors(diags) from problem
    links = LinkChecker(files.keys(), other_hosts=False)  # the board runs offline, untouched
    shown_as = output / "kiosk"
    for relative, data in files.items():
        for broken in links.check(relative, data):
            where = board_source(site, broken.reference) or Location(shown_as / relative)
            page = (shown_as / relative).as_posix()
            diags.error(where, f"links.{broken.reason}", page=page, reference=broken.reference)
    if diags.has_errors:
        raise ContentErrors(diags)
    budget = Budget()
    for relative, data in files.items():
        spend(budget, f"kiosk/{relative}", size_of(data), Location(shown_as / relative), diags)
        write_file(stage, relative, data)
    return len(files)


def board_source(site: Site, reference: str) -> Location | None:
    """Return the line of a story or notice that wrote `reference`, or None if none did.

    A reference only the board refuses (another host, on a screen that must stay
    offline) came from the content when a story or notice holds it: the volunteer
    is sent to that line, not to the board's output file.
    """
    written = {reference, html.unescape(reference)}
    files = {story.source.path for story in site.stories}
    files.update(notice.source.path for notice in site.notices)
    for path in sorted(files):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for form in written:
                column = line.find(form)
                if column >= 0:
                    return Location(path, number, column + 1)
    return None
