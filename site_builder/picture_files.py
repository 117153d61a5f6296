"""The picture files themselves, with Pillow: what a picture is, and its published copies.

`inspect` reads a picture whole (a file that only starts like a picture is found out
here, not on a visitor's phone) and says what it is; `make_files` writes each file the
site publishes (pictures.Source): scaled with LANCZOS, turned upright by its EXIF
orientation, and without EXIF, XMP, GPS, comments or text chunks. Each is kept in the
build cache under a hash of the source bytes, its width and `SETTINGS`, so a rebuild
encodes nothing it made before. Encoding options are fixed, so the same picture gives
the same bytes on every build.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from PIL import __version__ as pillow_version

from site_builder.cache import write_atomically
from site_builder.pictures import Source
from site_builder.workers import map_items

MOST_PIXELS = 40_000_000
"""A picture with more pixels is refused: decoding it would take gigabytes (a
decompression bomb is a small file that claims to be huge)."""
Image.MAX_IMAGE_PIXELS = MOST_PIXELS  # Pillow's own check, at open, then agrees with ours
ENCODING = "1|lanczos|png-optimize|jpeg-82-progressive|webp-80-m6"
"""How we make a narrower copy: part of its published name, so a change here renames it."""
SETTINGS = f"{ENCODING}|pillow-{pillow_version}"
"""Everything that decides a made file's bytes besides its source and width: the build
cache's key, so a new Pillow encodes again. (Its version is not in the published name: a
patch release would rename every copy, and the copies it makes look the same.)"""
FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
"""What we read (and write: a GIF's narrower copies are PNGs)."""
SUFFIX = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp", "GIF": ".png"}
"""The suffix of a narrower copy, by the source's format."""
_SAFE_INFO = frozenset(
    {"dpi", "gamma", "srgb", "icc_profile", "transparency", "aspect", "interlace", "progressive"}
    | {"progression", "jfif", "jfif_version", "jfif_unit", "jfif_density", "adobe"}
    | {"adobe_transform", "duration", "loop", "background", "version", "lossless"}
    | {"chromaticity", "default_image"}
)
"""What Pillow reads from a file that says nothing of who took it, where, or with what."""
_SAFE_PNG_CHUNKS = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP"}
    | {b"sBIT", b"bKGD", b"pHYs"}
)
"""The PNG chunks a file published byte for byte may hold (no text, no eXIf, no private)."""
_KEPT_INFO = ("transparency", "icc_profile")
"""What a written file keeps of its source: its transparent colour and its colour profile."""


@dataclass(frozen=True, slots=True)
class Inspected:
    """What a file that should be a picture turned out to be."""

    problem: str | None
    """The catalogue code when it is no usable picture (picture.empty, picture.unreadable,
    picture.broken, picture.too_many_pixels), else None."""
    format: str = ""
    """PNG, JPEG, WEBP or GIF."""
    width: int = 0
    """Pixels across, upright (EXIF orientation applied); as the header says if broken
    (too many pixels and no header read: the number of pixels, `height` 1)."""
    height: int = 0
    """Pixels down, upright."""
    clean: bool = False
    """Whether the file holds no metadata and is upright: published byte for byte."""
    animated: bool = False
    """Whether it has several frames (published as it is, never scaled)."""


def inspect(data: bytes) -> Inspected:
    """Return what the file holding `data` is, decoding it whole."""
    if not data:
        return Inspected("picture.empty")
    try:
        with warnings.catch_warnings():
            # Pillow warns from MOST_PIXELS and refuses from twice as many: ours refuses both
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                if image.width * image.height > MOST_PIXELS:
                    return Inspected("picture.too_many_pixels", image.format or "", *image.size)
                return _inspect_open(image, data)
    except Image.DecompressionBombError as refused:
        pixels = re.search(r"\((\d+) pixels\)", str(refused))
        return Inspected("picture.too_many_pixels", "", int(pixels.group(1)) if pixels else 0, 1)
    except UnidentifiedImageError:
        return Inspected("picture.unreadable")
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError):
        return Inspected("picture.unreadable")  # the header itself is damaged


def _inspect_open(image: Image.Image, data: bytes) -> Inspected:
    """Return what the opened `image` is, decoding it whole (see inspect)."""
    width, height = image.size
    kind = image.format or ""
    try:
        image.load()
        turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        upright = image.getexif().get(0x0112, 1) in (0, 1)
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError):
        return Inspected("picture.broken", kind, width, height)
    if turned:
        width, height = height, width
    animated = bool(getattr(image, "is_animated", False))
    clean = upright and set(image.info) <= _SAFE_INFO and _no_hidden_segments(image, data)
    return Inspected(None, kind, width, height, clean, animated)


def _no_hidden_segments(image: Image.Image, data: bytes) -> bool:
    """Tell whether the file has no part Pillow does not describe that could hold metadata."""
    if image.format == "JPEG":
        applist = getattr(image, "applist", [])
        return all(marker in ("APP0", "APP2", "APP14") for marker, _ in applist)
    if image.format == "PNG":
        return _png_chunks(data) <= _SAFE_PNG_CHUNKS
    return True


def _png_chunks(data: bytes) -> set[bytes]:
    """Return the types of the chunks of a PNG file."""
    found, at = set(), 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        found.add(kind)
        at += 12 + length
    return found


def name_key(source: Source) -> str:
    """Return the hash in a published copy's name (its source bytes, width and ENCODING)."""
    return _hash(ENCODING, source)


def file_key(source: Source) -> str:
    """Return the hash naming a made file in the build cache (as name_key, with SETTINGS)."""
    return _hash(SETTINGS, source)


def _hash(settings: str, source: Source) -> str:
    text = f"{settings}|{source.digest}|{source.width}|{source.format}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def make_files(files: dict[str, Source], content: Path, cache: Path) -> dict[str, Path]:
    """Return the file to publish at each output path of `files`, writing those the build
    cache lacks (in worker processes when there are many)."""
    folder = cache / "pictures"
    made: dict[str, Path] = {}
    missing: list[tuple[Source, Path]] = []
    planned: set[Path] = set()
    for output in sorted(files):
        source = files[output]
        if source.copy:
            made[output] = content / source.asset
            continue
        path = made[output] = folder / (file_key(source) + SUFFIX[source.format])
        if path not in planned and not path.is_file():  # the same picture twice: made once
            missing.append((source, path))
        planned.add(path)
    work = (missing, content)
    for (_, path), data in zip(
        missing, map_items(_encode_some, work, len(missing), chunk=2, parallel_from=6), strict=True
    ):
        write_atomically(path, data)
    return made


def _encode_some(work: tuple[list[tuple[Source, Path]], Path], indices: range) -> list[bytes]:
    missing, content = work
    return [encode((content / missing[i][0].asset).read_bytes(), missing[i][0]) for i in indices]


def encode(data: bytes, source: Source) -> bytes:
    """Return the published file `source` describes, made from the picture `data`."""
    with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
        palette = opened.mode == "P"
        image = ImageOps.exif_transpose(opened)
    kept: dict[str | tuple[int, int], object] = {
        name: image.info[name] for name in _KEPT_INFO if name in image.info
    }
    if source.width is not None and source.width < image.width:
        image = _scaled(image, source.width, palette)
        kept.pop("transparency", None)  # now an alpha channel, or none
    image.info = kept  # nothing else of the source's is written
    kind = "PNG" if source.format == "GIF" and source.width is not None else source.format
    out = io.BytesIO()
    if kind == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
            image.info = {k: v for k, v in kept.items() if k == "icc_profile"}
        options = {"quality": 82, "progressive": True, "optimize": True, "subsampling": 2}
        image.save(out, "JPEG", **options)
    elif kind == "WEBP":
        image.save(out, "WEBP", quality=80, method=6)
    elif kind == "GIF":
        image.save(out, "GIF", optimize=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _scaled(image: Image.Image, width: int, palette: bool) -> Image.Image:
    """Return `image` scaled to `width` with LANCZOS (a palette picture keeps a palette)."""
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        alpha = image.mode in ("PA", "RGBa") or "transparency" in image.info
        image = image.convert("RGBA" if alpha else "RGB")
    height = max(1, round(image.height * width / image.width))
    scaled = image.resize((width, height), Image.Resampling.LANCZOS)
    if palette and scaled.mode == "RGB":
        return scaled.quantize(256, dither=Image.Dither.NONE)
    return scaled
