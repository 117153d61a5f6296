"""Packed files from content/assets/ read for the leak guard and the SVG checks (packed.py)."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from site_builder import packed
from site_builder.packed import Unpacked, gunzipped, packed_text


def zipped(**parts: str) -> bytes:
    """Return a zip holding `parts` (name → text)."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as document:
        for name, text in parts.items():
            document.writestr(name, text)
    return data.getvalue()


def test_an_office_document_is_read_by_its_xml_parts() -> None:
    data = zipped(**{"word/document.xml": "<w:t>刘大哥</w:t>", "word/media/a.png": "刘二哥"})
    for suffix in (".xlsx", ".docx", ".pptx", ".odt", ".ods", ".odp", ".DOCX"):
        text = packed_text(f"assets/a{suffix}", data)
        assert text is not None and "刘大哥" in text and "刘二哥" not in text


def test_a_gzipped_svg_is_read_unpacked() -> None:
    assert packed_text("assets/a.svgz", gzip.compress("<text>刘大哥</text>".encode())) == (
        "<text>刘大哥</text>"
    )


def test_what_cannot_be_unpacked_is_read_as_it_is() -> None:
    assert packed_text("assets/a.docx", "刘大哥 not a zip".encode()) == "刘大哥 not a zip"
    assert packed_text("assets/a.svgz", "刘大哥 not gzip".encode()) == "刘大哥 not gzip"
    assert packed_text("assets/a.csv", b"x") is None
    with pytest.raises(Unpacked):
        gunzipped(gzip.compress(b"<svg/>" * 100)[:30])


def test_unpacking_stops_at_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packed, "PACKED_TEXT", 1000)
    assert len(gunzipped(gzip.compress(b"0" * 100_000))) == 1000
    parts = {f"p{n}.xml": "1" * 600 for n in range(5)}
    text = packed_text("a.xlsx", zipped(**parts))
    assert text is not None and text.count("1") == 1000
