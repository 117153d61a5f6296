"""The pictures of a site, found and checked while it loads (see pictures.py).

Every raster file published from assets/ is read whole once (picture_files.inspect);
what it was is remembered in the build cache by the file's stamp and hash, so a
rebuild reads only the pictures that changed. A picture content shows that is
broken (empty, not a picture, cut short, too many pixels) is an error where it is
shown, as a missing cover is: at the `cover:` line or the body line of the image.
A broken file in assets/ that nothing shows is not published, with a warning: its
metadata could not be removed.
"""

from __future__ import annotations

import hashlib
import pickle
import time
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path, PurePosixPath

from site_builder.assets import ContentFiles
from site_builder.bodies import BodyLines
from site_builder.cache import (
    Stamp,
    content_cache,
    same_file,
    stamp,
    write_atomically,
)
from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import Record
from site_builder.kinds.notices import Notice
from site_builder.kinds.stories import Story
from site_builder.picture_files import (
    MOST_PIXELS,
    SETTINGS,
    SUFFIX,
    Inspected,
    inspect,
    name_key,
)
from site_builder.pictures import WIDTHS, Picture, Pictures, Size, Source, is_raster, variant_path
from site_builder.sources import read_text, split_front_matter

LARGE_PIXELS = 20_000_000
"""A picture with more pixels than this is published, with a warning (big for a web page)."""
LARGE_BYTES = 10_000_000
"""A picture file bigger than this is published, with a warning."""
Shown = dict[str, list[tuple[Path, str]]]
"""Each content file content shows: the files showing it, and how (cover or body)."""
Remembered = dict[str, tuple[Stamp, int, bytes, Inspected]]
"""Each picture file: its stamp, when it was read, its bytes' hash and what it was."""


def survey_pictures(
    content: Path,
    stories: Iterable[Story],
    notices: Iterable[Notice],
    diags: Diagnostics,
    cache: Path | None = None,
) -> Pictures:
    """Find and check every raster picture the site publishes, reporting the broken ones."""
    shown = _shown(stories, notices)
    published = set(ContentFiles(content).assets()[0]) | shown.keys()
    rasters = sorted(relative for relative in published if is_raster(relative))
    if not rasters:
        return Pictures()
    memory = content_cache(cache, "pictures", content, ".pickle") if cache else None
    remembered = _read(memory)
    known: Remembered = {}
    pictures: dict[str, Picture] = {}
    files: dict[str, Source] = {}
    withheld = []
    alike: dict[bytes, Inspected] = {}  # the same bytes under several names: decoded once
    for relative in rasters:
        before = remembered.get(relative)
        found = known[relative] = _looked_at(content / relative, before, alike)
        digest, inspected = found[2].hex(), found[3]
        if inspected.problem is not None:
            _report(content, relative, inspected, shown.get(relative, []), diags)
            withheld.append(relative)
            continue
        _warn_if_large(content, relative, inspected, shown.get(relative, []), diags)
        # an animated picture is published as it is: re-encoding would keep one frame
        copy = inspected.clean or inspected.animated
        full = Source(relative, digest, None, copy, inspected.format)
        files[relative] = full
        if relative in shown:
            picture = _picture(relative, digest, inspected)
            pictures[relative] = picture
            for size in picture.smaller:
                files[size.path] = Source(relative, digest, size.width, False, inspected.format)
    if memory is not None and known != remembered:
        with suppress(OSError):
            kept = {"settings": SETTINGS, "files": known}
            write_atomically(memory, pickle.dumps(kept, pickle.HIGHEST_PROTOCOL))
    return Pictures(pictures, files, frozenset(withheld))


def _shown(stories: Iterable[Story], notices: Iterable[Notice]) -> Shown:
    shown: Shown = {}
    for story in stories:
        for relative in story.files:
            how = "cover" if relative == story.cover else "body"
            shown.setdefault(relative, []).append((story.source.path, how))
    for notice in notices:
        for relative in notice.files:
            shown.setdefault(relative, []).append((notice.source.path, "body"))
    return shown


def _read(memory: Path | None) -> Remembered:
    if memory is None:
        return {}
    with suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        found = pickle.loads(memory.read_bytes())
        if isinstance(found, dict) and found.get("settings") == SETTINGS:
            return found["files"]  # type: ignore[no-any-return]
    return {}


def _looked_at(
    path: Path, before: tuple[Stamp, int, bytes, Inspected] | None, alike: dict[bytes, Inspected]
) -> tuple[Stamp, int, bytes, Inspected]:
    """Return what the picture at `path` is: remembered while the file is unchanged, and
    taken from `alike` (what each hash read so far was) when another file had its bytes."""
    now = stamp(path) or (0, 0, 0)
    if before is not None and same_file(path, now, *before[:3]):
        alike.setdefault(before[2], before[3])
        return before
    read_at = time.time_ns()
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    digest = hashlib.blake2b(data).digest()  # as cache.file_digest
    if digest not in alike:
        alike[digest] = inspect(data)
    return now, read_at, digest, alike[digest]


def _picture(relative: str, digest: str, inspected: Inspected) -> Picture:
    """Return the picture `relative` and the narrower sizes it is published at."""
    width, height = inspected.width, inspected.height
    smaller = []
    if not inspected.animated:
        for narrower in WIDTHS:
            if narrower < width:
                key = _key(digest, narrower, inspected.format)
                path = variant_path(relative, narrower, key, SUFFIX[inspected.format])
                smaller.append(Size(path, narrower, max(1, round(height * narrower / width))))
    return Picture(relative, width, height, tuple(smaller))


def _key(digest: str, width: int, kind: str) -> str:
    return name_key(Source("", digest, width, False, kind))


def _report(
    content: Path, relative: str, inspected: Inspected, shown: list[tuple[Path, str]],
    diags: Diagnostics,
) -> None:  # fmt: skip
    """Report a broken picture where it is shown (an error), or at itself (a warning)."""
    params = _params(relative, inspected)
    if not shown:
        diags.warning(Location(content / relative), "picture.withheld", **params)
        return
    for source, how in shown:
        diags.error(_where(source, how, relative), inspected.problem or "", **params)


def _warn_if_large(
    content: Path, relative: str, inspected: Inspected, shown: list[tuple[Path, str]],
    diags: Diagnostics,
) -> None:  # fmt: skip
    size = (stamp(content / relative) or (0, 0, 0))[1]
    if inspected.width * inspected.height <= LARGE_PIXELS and size <= LARGE_BYTES:
        return
    at = _where(*shown[0], relative) if shown else Location(content / relative)
    diags.warning(
        at, "picture.large", megabytes=f"{size / 1_000_000:.1f}", **_params(relative, inspected)
    )


def _params(relative: str, inspected: Inspected) -> dict[str, object]:
    pixels = inspected.width * inspected.height
    return {
        "value": relative,
        "width": inspected.width,
        "height": inspected.height,
        "megapixels": f"{pixels / 1_000_000:.1f}",
        "limit": MOST_PIXELS // 1_000_000,
    }


def _where(source: Path, how: str, relative: str) -> Location:
    """Return the line of `source` that shows `relative`: its `cover:` line, or the body
    line naming the file (read again: only for a picture that is reported)."""
    quiet = Diagnostics()
    text = read_text(source, quiet)
    parts = split_front_matter(text, source, quiet) if text is not None else None
    if parts is None:
        return Location(source)
    if how == "cover":
        return Record(parts.header, Location(source, 1), quiet).loc("cover")
    return BodyLines(parts.body, source, parts.body_line).where(PurePosixPath(relative).name)
