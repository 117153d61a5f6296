"""Every built page has one h1, and its headings descend one level at a time (issue 25).

The Nu checker (test_html_validity.py) also refuses a skipped level, but it needs Java;
this reads the pages with Python alone, and adds what the Nu checker does not ask for:
exactly one h1. A lobby board is one page showing one slide at a time (the others are
`visibility: hidden`, out of the accessibility tree too), so each slide is read as a
page of its own; the slides its script fills in are empty here and checked in the
browser (tests/browser/test_accessibility.py).
"""

from __future__ import annotations

from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

HEADINGS = {f"h{level}": level for level in range(1, 7)}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}


class Headings(HTMLParser):
    """Collect (level, line) of each heading, grouped by the lobby board's slides."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: dict[str, list[tuple[int, int]]] = {"page": []}
        self.dynamic: set[str] = set()
        self._open: list[str] = []
        self._slide_depth: int | None = None
        self._slide = "page"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "section" and "slide" in classes and self._slide_depth is None:
            line = self.getpos()[0]
            self._slide = f"slide {found.get('data-slide')} (line {line})"
            self._slide_depth = len(self._open)
            self.groups[self._slide] = []
            if "data-dynamic" in found:
                self.dynamic.add(self._slide)
        if tag in HEADINGS:
            self.groups[self._slide].append((HEADINGS[tag], self.getpos()[0]))
        if tag not in VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self._open:
            return
        while self._open and self._open.pop() != tag:
            pass
        if self._slide_depth is not None and len(self._open) == self._slide_depth:
            self._slide_depth = None
            self._slide = "page"


def problems(name: str, headings: list[tuple[int, int]]) -> list[str]:
    """Return what is wrong with one page's (or slide's) headings, in order."""
    found = []
    ones = [line for level, line in headings if level == 1]
    if len(ones) != 1:
        found.append(f"{name}: {len(ones)} h1 (lines {ones}), not exactly one")
    if headings and headings[0][0] != 1:
        found.append(f"{name}:{headings[0][1]}: the first heading is h{headings[0][0]}, not h1")
    for (before, _), (level, line) in pairwise(headings):
        if level > before + 1:
            found.append(f"{name}:{line}: h{level} follows h{before}, skipping a level")
    return found


def read(page: Path) -> Headings:
    parser = Headings()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_every_site_page_has_one_h1_and_descends_one_level_at_a_time(
    sample_output: Path,
) -> None:
    pages = sorted((sample_output / "site").rglob("*.html"))
    assert len(pages) > 200
    found = []
    for page in pages:
        name = page.relative_to(sample_output).as_posix()
        headings = read(page)
        assert list(headings.groups) == ["page"], f"{name} has lobby board slides"
        found += problems(name, headings.groups["page"])
    assert found == [], "\n".join(found)


def test_every_lobby_board_slide_has_one_h1_and_descends_one_level_at_a_time(
    sample_output: Path,
) -> None:
    boards = sorted((sample_output / "kiosk").glob("*/index.html"))
    assert [b.parent.name for b in boards] == ["longteng", "xiangzhang"]
    found = []
    for board in boards:
        name = board.relative_to(sample_output).as_posix()
        headings = read(board)
        assert headings.groups["page"] == [], f"{name}: a heading outside the slides"
        slides = [s for s in headings.groups if s != "page"]
        assert len(slides) >= 10, (name, slides)
        for slide in slides:
            if slide in headings.dynamic:
                assert headings.groups[slide] == [], f"{name}: {slide} is filled in the browser"
            else:
                found += problems(f"{name} {slide}", headings.groups[slide])
    assert found == [], "\n".join(found)


def test_a_skipped_level_and_a_second_h1_are_found(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        "<!DOCTYPE html><html><body><h1>一</h1>\n<h3>三</h3>\n<br><h1>又一</h1></body></html>",
        encoding="utf-8",
    )
    assert problems("index.html", read(page).groups["page"]) == [
        "index.html: 2 h1 (lines [1, 3]), not exactly one",
        "index.html:2: h3 follows h1, skipping a level",
    ]
