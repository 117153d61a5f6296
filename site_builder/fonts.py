"""A CJK font for the lobby board, cut down to the characters the board shows.

A full Chinese font is 15 MB or more; the board uses a few hundred characters,
so the build subsets Noto Sans CJK SC (SIL Open Font License) to exactly those
and ships two small WOFF2 files (regular, bold) inside each board folder.
Subsetting takes a second or two, so results are cached by font and text. On a
machine without the source font the board falls back to the screen's own
fonts (docs/kiosk.md says which to install); it never fetches one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

WEIGHTS = {400: "Regular", 700: "Bold"}
SEARCH = (
    Path("/usr/share/fonts/opentype/noto"),  # Debian, Ubuntu: fonts-noto-cjk
    Path("/usr/share/fonts/google-noto-cjk"),  # Fedora
    Path("/usr/share/fonts/noto-cjk"),  # Arch
    Path("/Library/Fonts"),
    Path.home() / ".fonts",
)
SC_INDEX = 2
"""Simplified Chinese is face 2 of the NotoSansCJK .ttc collections."""


def source_fonts() -> dict[int, Path]:
    """Return the Noto Sans CJK collection file for each weight found on this machine."""
    found: dict[int, Path] = {}
    for weight, style in WEIGHTS.items():
        for folder in SEARCH:
            candidate = folder / f"NotoSansCJK-{style}.ttc"
            if candidate.is_file():
                found[weight] = candidate
                break
    return found


def board_fonts(text: str, cache: Path) -> dict[str, bytes]:
    """Return {"fonts/board-400.woff2": …, "fonts/board-700.woff2": …} covering `text`."""
    sources = source_fonts()
    if len(sources) != len(WEIGHTS):
        return {}
    characters = "".join(sorted(set(text) | set("0123456789:–·")))
    files = {}
    for weight, path in sources.items():
        stat = path.stat()
        key = f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{characters}"
        cached = cache / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.woff2"
        if not cached.is_file():
            cache.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(".tmp")
            _subset(path, characters, temporary)
            temporary.replace(cached)
        files[f"fonts/board-{weight}.woff2"] = cached.read_bytes()
    return files


def _subset(source: Path, characters: str, target: Path) -> None:
    from fontTools import subset  # heavy; only builds that make a board load it
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.notdef_outline = True
    # recalcTimestamp=False: the same text gives the same bytes, so builds stay reproducible
    with TTFont(str(source), fontNumber=SC_INDEX, lazy=True, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(str(target))


FONT_CSS = """@font-face { font-family: "Board"; font-weight: 400; font-display: block;
  src: url("fonts/board-400.woff2") format("woff2"); }
@font-face { font-family: "Board"; font-weight: 700; font-display: block;
  src: url("fonts/board-700.woff2") format("woff2"); }
"""
"""Loaded only when the fonts were made, so a board without them asks for nothing missing."""
