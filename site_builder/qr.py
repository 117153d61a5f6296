"""QR codes as inline SVG (segno: no image library, no network), for the board and posters."""

from __future__ import annotations

import io

import segno
from markupsafe import Markup


def qr_svg(url: str, dark: str = "#1f1a17", light: str = "#fffaf0") -> Markup:
    """Return an inline SVG QR code of `url` (error correction M, a quiet zone of two)."""
    code = segno.make(url, error="m")
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=1,
        border=2,
        dark=dark,
        light=light,
        omitsize=True,
        svgclass="qr",
    )
    return Markup(out.getvalue().decode("utf-8"))
