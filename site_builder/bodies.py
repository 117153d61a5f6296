"""Markdown bodies of content files: render, sanitise, and resolve their links in one place.

Stories and notices share this: a link to a file inside content/ becomes a
site path (and the file is copied), a link to a story's .md file becomes that
story's page, and every broken or unsafe link is reported at the body line it
is written on. A path on the writer's computer (C:\\…, \\\\server\\…, file://) is
reported the way `cover:` reports it, even where the sanitiser drops it unseen.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from site_builder.assets import ContentFiles, problem_params, publish_problem
from site_builder.diagnostics import Diagnostic, Diagnostics, Location, display_path
from site_builder.markup import MarkdownRenderer
from site_builder.markup_limits import too_costly

StoryPages = Mapping[Path, str | None]
"""Resolved story file to its page path (None while it is a draft or not yet published)."""


@dataclass(frozen=True, slots=True)
class Body:
    """A rendered body and the content files it shows or links."""

    html: str
    """Sanitised HTML; internal links are site-root paths (/assets/x.png) until rendered."""
    files: tuple[str, ...]
    """Content files to copy into the output, relative to content/."""


def render_body(
    renderer: MarkdownRenderer,
    text: str,
    source: Path,
    first_line: int,
    files: ContentFiles,
    story_pages: StoryPages,
    diags: Diagnostics,
    raw: str | None = None,
) -> Body:
    """Render `text` (which starts at line `first_line` of `source`) to a Body.

    `raw` is the text already converted (by markdown_parser.convert, in a worker), if it was.
    """
    links = _Links(text, source, first_line, files, story_pages, diags)
    if raw is None and not affordable(text, Location(source, first_line), diags):
        return Body("", ())
    if raw is None:
        html = renderer.render(text, links.resolve, links.unsafe)
    else:
        html = renderer.sanitize(raw, links.resolve, links.unsafe, text)
    return Body(html, tuple(dict.fromkeys(links.linked)))


def explain_failed_links(
    diags: Diagnostics, start: int, failed: Collection[Path], files: ContentFiles
) -> None:
    """Turn each link reported since `start` as going to an unpublished story into a note,
    when that story is one of the `failed` files: its own errors are the mistake to fix.

    Done after the bodies are rendered (here, not in them) so that what a story
    memo remembers of a body never depends on other files' errors.
    """
    real = {_real(path): path for path in failed}
    for index in range(start, len(diags.items)):
        found = diags.items[index]
        if found.code != "story.link_unpublished":
            continue
        written = dict(found.params)["value"]
        resolved = files.resolve(written, beside=found.location.path)
        target = real.get(_real(files.root / resolved.path)) if resolved.path else None
        if target is not None:
            params = (("value", written), ("path", display_path(target)))
            diags.items[index] = Diagnostic(found.location, "story.link_broken", params, "note")


def _real(path: Path) -> Path:
    """Return `path` with its links followed, or as it is when they go round in a loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop: reported where the file is read
        return path


def affordable(text: str, at: Location, diags: Diagnostics) -> bool:
    """Tell whether Markdown `text` may be converted; report it at `at` when it may not."""
    problem = too_costly(text)
    if problem:
        code, limit, line = problem
        where = at._replace(line=at.line + line, column=None) if line and at.line else at
        diags.error(where, code, limit=limit)
    return problem is None


class BodyLines:
    """Find the line of a body where a link target is written, for its diagnostics."""

    def __init__(
        self, text: str, source: Path, first_line: int, first_column: int | None = None
    ) -> None:
        self.lines = text.split("\n")
        self.source, self.first_line, self.first_column = source, first_line, first_column
        self.after: dict[str, int] = {}

    def where(self, written: str) -> Location:
        """Return where `written` next appears as a link target (or at all) in the body."""
        forms = [f"]({written}", f"]: {written}", f"<{written}>", f'="{written}"', f"='{written}'"]
        if not written:
            forms = ["]()", "]( )", '=""']
        start = self.after.get(written, 0)
        for form in [*forms, written]:
            for index in range(start, len(self.lines)):
                if form and form in self.lines[index]:
                    self.after[written] = index + 1
                    column = self.first_column if index == 0 else None
                    return Location(self.source, self.first_line + index, column)
        return Location(self.source, self.first_line, self.first_column)

    def as_written(self, found: str, at: Location) -> str:
        """Return `found` as the line `at` shows it: Markdown reads a leading \\\\ as \\."""
        line = (at.line or 0) - self.first_line
        shown = 0 <= line < len(self.lines) and "\\" + found in self.lines[line]
        return "\\" + found if found.startswith("\\") and shown else found

    def report(self, diags: Diagnostics, problem: str, written: str) -> None:
        """Report a path `written` in the body that is no usable file (Resolved.problem)."""
        at = self.where(written)
        diags.error(at, problem, **problem_params(self.as_written(written, at)))


class _Links:
    def __init__(
        self,
        text: str,
        source: Path,
        first_line: int,
        files: ContentFiles,
        story_pages: StoryPages,
        diags: Diagnostics,
    ) -> None:
        self.body = BodyLines(text, source, first_line)
        self.source = source
        self.files, self.story_pages, self.diags = files, story_pages, diags
        self.linked: list[str] = []

    def resolve(self, written: str) -> str | None:
        resolved = self.files.resolve(written, beside=self.source)
        if resolved.problem or resolved.path is None:
            problem = resolved.problem or "asset.missing"
            if problem == "asset.missing" and written.split("#")[0].endswith(".md"):
                problem = "story.link_missing"
            self.body.report(self.diags, problem, written)
            return None
        fragment = "#" + written.split("#", 1)[1] if "#" in written else ""
        target = (self.files.root / resolved.path).resolve()
        if target in self.story_pages:
            page = self.story_pages[target]
            if page is None:
                self.diags.error(self.where(written), "story.link_unpublished", value=written)
                return None
            return f"/{page}{fragment}"
        refused = publish_problem(resolved.path)
        if refused:
            self.body.report(self.diags, refused, written)
            return None
        self.linked.append(resolved.path)
        return "/" + resolved.path + fragment

    def unsafe(self, found: str) -> None:
        self.diags.warning(self.where(found), "markup.unsafe", value=found)

    def where(self, written: str) -> Location:
        """Return where `written` next appears as a link target (or at all) in the body."""
        return self.body.where(written)
