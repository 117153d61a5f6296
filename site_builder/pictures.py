"""Pictures sized for the screen: the model, the names of the sized files, and their markup.

Every raster picture the site shows (a story's cover, an image in a story or notice
body) is published at its own path without its metadata (picture_files.py), and
beside it at 480 and 960 pixels wide where it is wider:

    assets/elevator.png                   the full size, metadata removed
    assets/elevator.480w.1c0ffee5.png     480 px wide (8 hex: the source bytes and settings)
    assets/elevator.960w.1c0ffee5.png     960 px wide

so a phone loads the small one (`srcset`, `sizes`) and every `<img>` carries its
width and height (no layout shift). picture_survey.py finds and checks the pictures
while the site loads; this module only describes them and writes their markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import PurePosixPath
from urllib.parse import unquote

from site_builder.urls import relative_url

WIDTHS = (480, 960)
"""The widths a picture is published at besides its own (when it is wider)."""
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
"""The files sized and stripped of metadata; others (SVG) are published as they are."""
BODY_SIZES = "(max-width: 640px) calc(100vw - 78px), (max-width: 800px) calc(100vw - 130px), 670px"
"""How wide a story's or notice's column is (style.css: .story), for `sizes`."""


@dataclass(frozen=True, slots=True)
class Size:
    """One published file of a picture."""

    path: str
    """Its output path (assets/x.480w.1c0ffee5.png), relative to the site root."""
    width: int
    """Pixels across."""
    height: int
    """Pixels down."""


@dataclass(frozen=True, slots=True)
class Picture:
    """A raster picture the site shows, and the sizes it is published at."""

    path: str
    """The content file (assets/x.png), published at the same path in full size."""
    width: int
    """Its width, upright (EXIF orientation applied)."""
    height: int
    """Its height, upright."""
    smaller: tuple[Size, ...]
    """The narrower copies (480, 960 px), narrowest first; none for an animated GIF."""

    @property
    def sizes(self) -> tuple[Size, ...]:
        """Return every published size, narrowest first, the full size last."""
        return (*self.smaller, Size(self.path, self.width, self.height))

    def at_most(self, width: int) -> Size:
        """Return the widest size no wider than `width` (the narrowest if none is)."""
        fitting = [size for size in self.sizes if size.width <= width]
        return fitting[-1] if fitting else self.sizes[0]

    @property
    def thumbnail(self) -> Size:
        """Return the size a story card loads first (480 px, or the full size if narrower)."""
        return self.at_most(WIDTHS[0])

    @property
    def screen(self) -> Size:
        """Return the size for a lobby board's screen (960 px, or the full size if narrower)."""
        return self.at_most(WIDTHS[-1])


@dataclass(frozen=True, slots=True)
class Source:
    """How one published picture file is made."""

    asset: str
    """The content file it comes from (relative to content/)."""
    digest: str
    """Hex hash of the content file's bytes."""
    width: int | None
    """The width it is scaled to; None for the full size."""
    copy: bool
    """Whether the content file is published byte for byte (no metadata, upright, full size)."""
    format: str
    """What Pillow writes: PNG, JPEG, WEBP or GIF."""


@dataclass(frozen=True, slots=True)
class Pictures:
    """Every raster picture of a site, as the survey found them."""

    shown: dict[str, Picture] = field(default_factory=dict)
    """The pictures content shows, by content path."""
    files: dict[str, Source] = field(default_factory=dict)
    """Every published picture file (full sizes included), by output path."""
    withheld: frozenset[str] = frozenset()
    """Files in assets/ that could not be read as the picture they claim to be: not
    published (their metadata cannot be removed); nothing shows them."""


def variant_path(asset: str, width: int, key: str, suffix: str) -> str:
    """Return where the copy of `asset` scaled to `width` goes: beside it, named
    <stem>.<width>w.<8 hex of `key`><suffix>."""
    path = PurePosixPath(asset)
    return str(path.with_name(f"{path.stem}.{width}w.{key[:8]}{suffix}"))


def srcset_of(picture: Picture, page: str, most: int | None = None) -> str:
    """Return the `srcset` of `picture` on output path `page` (sizes up to `most` wide)."""
    sizes = [s for s in picture.sizes if most is None or s.width <= most] or [picture.sizes[0]]
    # a comma may end a URL in a srcset: written as %2C, as a space is (relative_url)
    links = [relative_url(size.path, page).replace(",", "%2C") for size in sizes]
    return ", ".join(f"{link} {size.width}w" for link, size in zip(links, sizes, strict=True))


_IMG = re.compile(r"<img\s[^>]*>")
_SRC = re.compile(r'\ssrc="/(?!/)([^"]*)"')
_SIZE_ATTRIBUTE = re.compile(r'\s(width|height)="([^"]*)"')


def sized_images(html: str, picture: Callable[[str], Picture | None], page: str) -> str:
    """Return sanitised `html` with each image of a known picture given its sizes.

    The sanitiser has let no srcset, sizes, loading or decoding through, so these
    attributes are only ever ours, pointing at our files. A width and height the
    writer gave are kept (both: the display size they chose; one: the other follows
    from the picture's proportions); none given, the picture's own are written.
    """

    def sized(match: re.Match[str]) -> str:
        tag = match.group(0)
        source = _SRC.search(tag)
        found = picture(unquote(unescape(source.group(1)))) if source else None
        if found is None:
            return tag
        given = {
            n: int(v)
            for n, v in _SIZE_ATTRIBUTE.findall(tag)
            if v.isascii() and v.isdigit() and len(v) < 6
        }
        tag = _SIZE_ATTRIBUTE.sub("", tag)
        width, height = _display_size(found, given.get("width"), given.get("height"))
        extra = (
            f' srcset="{escape(srcset_of(found, page))}" sizes="{BODY_SIZES}"'
            f' width="{width}" height="{height}" loading="lazy" decoding="async"'
        )
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + extra + ">"

    return _IMG.sub(sized, html)


def _display_size(picture: Picture, width: int | None, height: int | None) -> tuple[int, int]:
    """Return the width and height an image is written with (see sized_images)."""
    if width and height:
        return width, height
    if width:
        return width, max(1, round(width * picture.height / picture.width))
    if height:
        return max(1, round(height * picture.width / picture.height)), height
    return picture.width, picture.height


def is_raster(relative: str) -> bool:
    """Tell whether the content file `relative` is a picture to size and strip."""
    return relative.lower().endswith(RASTER_SUFFIXES)
