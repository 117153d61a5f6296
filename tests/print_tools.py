"""Reading posters back: poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) and the
Pango that WeasyPrint needs. Where either is missing the print tests skip, saying why;
under CI (the CI variable set) they fail instead, as .ci/run installs both."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

POPPLER = ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm")


def _missing() -> str | None:
    """Return what the print tests lack on this machine, or None."""
    lacking = [tool for tool in POPPLER if shutil.which(tool) is None]
    if lacking:
        return f"poppler-utils is not installed ({', '.join(lacking)} missing)"
    from site_builder.pdf import PrintUnavailable, check_available

    try:
        check_available()
    except PrintUnavailable as missing:
        return f"WeasyPrint cannot load Pango: {missing.detail}"
    return None


def require_print_tools() -> None:
    """Skip the test (fail under CI) when Pango or poppler-utils is missing."""
    missing = _missing()
    if missing is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{missing}: .ci/run installs it with apt-get")
    pytest.skip(missing)


def needs_pango(test: Callable[..., None]) -> Callable[..., None]:
    """Mark a test that makes PDFs: it skips (fails under CI) without Pango or poppler."""

    @functools.wraps(test)
    def checked(*args: object, **kwargs: object) -> None:
        require_print_tools()
        test(*args, **kwargs)

    return checked


def pdf_text(
    path: Path, first: int | None = None, last: int | None = None, layout: bool = False
) -> str:
    """Return a PDF's text as pdftotext reads it (pages `first` to `last`, or all); with
    `layout`, a table's row is one line."""
    pages = ["-layout"] if layout else []
    if first is not None:
        pages += ["-f", str(first)]
    if last is not None:
        pages += ["-l", str(last)]
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        check=True,
        capture_output=True,
    )
    return done.stdout.decode("utf-8")


def pdf_info(path: Path) -> dict[str, str]:
    """Return pdfinfo's fields for a PDF (Pages, Page size, …)."""
    done = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    fields = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """Return pdffonts' table: name, type, embedded ("yes"/"no"), subset, unicode."""
    done = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    rows = []
    for line in done.stdout.splitlines()[2:]:
        parts = line.split()
        # name, type (one or more words), encoding, emb, sub, uni, object ID (two numbers)
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows
