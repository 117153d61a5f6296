"""The text inside packed files from content/assets/: office documents (zips of XML
parts) and gzipped SVG pictures, unpacked up to PACKED_TEXT bytes (a zip bomb stops there).

The leak guard reads a packed data file through here (leak_guard.LeakGuard.scan), and the
asset checks read a .svgz picture's SVG (asset_checks).
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib

PACKED_TEXT = 64 * 1024 * 1024
"""How much text a packed file may unpack to before reading it stops (a zip bomb)."""
ZIPPED = (".xlsx", ".docx", ".pptx", ".odt", ".ods", ".odp")
"""Office documents: zips whose text is in XML parts."""
GZIPPED = (".svgz",)
"""Pictures gzipped whole (an SVG)."""


class Unpacked(Exception):
    """A gzipped file that cannot be unpacked (not gzip, cut short, or corrupt)."""


def packed_text(relative: str, data: bytes) -> str | None:
    """Return the text inside the packed file `relative` holding `data`, or None if it is
    no packed kind (ZIPPED, GZIPPED). One that cannot be unpacked is read as it is (what
    a browser would download)."""
    lower = relative.lower()
    if lower.endswith(ZIPPED):
        return zipped_text(data)
    if lower.endswith(GZIPPED):
        try:
            return gunzipped(data).decode("utf-8", "replace")
        except Unpacked:
            return data.decode("utf-8", "replace")
    return None


def zipped_text(data: bytes) -> str:
    """Return the XML parts of a zip (an .xlsx, a .docx…), up to PACKED_TEXT bytes, joined.

    A file that cannot be unpacked is read as it is.
    """
    parts = []
    left = PACKED_TEXT
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            for member in book.infolist():
                if not member.filename.endswith(".xml") or left <= 0:
                    continue
                with book.open(member) as part:
                    text = part.read(left)
                left -= len(text)
                parts.append(text.decode("utf-8", "replace"))
    # RuntimeError covers zipfile's refusals of encrypted members and unknown compression
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        return data.decode("utf-8", "replace")
    return "\n".join(parts)


def gunzipped(data: bytes) -> bytes:
    """Return gzipped `data` unpacked, up to PACKED_TEXT bytes; raise Unpacked if it is not
    gzip or is cut short or corrupt."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacking:
            return unpacking.read(PACKED_TEXT)
    except (OSError, EOFError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
        raise Unpacked from error
