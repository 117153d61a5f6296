"""HTML to PDF with WeasyPrint, imported only by the builds that print.

WeasyPrint lays pages out with Pango, a system library (Debian's libpango-1.0-0).
Where Pango is missing, importing WeasyPrint raises OSError; that becomes
`PrintUnavailable`, which the command line turns into a sentence saying what to
install. The site and kiosk targets never import this module's WeasyPrint.
"""

from __future__ import annotations

from functools import cache
from typing import Any


class PrintUnavailable(Exception):
    """WeasyPrint cannot run here: `detail` says why (a missing library, as the loader said)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@cache
def _weasyprint() -> Any:
    """Return the weasyprint module, or raise PrintUnavailable.

    Importing WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES, which would let
    a cut-off picture through picture_files.inspect in the same process (a `build --target
    all`, or `serve`); it is put back as it was.
    """
    from PIL import ImageFile

    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        import weasyprint
    except OSError as exc:  # cannot load library 'libpango-1.0-0' (or gobject, harfbuzz…)
        raise PrintUnavailable(str(exc).splitlines()[0] if str(exc) else repr(exc)) from exc
    except ImportError as exc:  # the package itself is not installed
        raise PrintUnavailable(str(exc)) from exc
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    return weasyprint


def check_available() -> None:
    """Raise PrintUnavailable unless WeasyPrint (and the Pango it needs) can be loaded."""
    _weasyprint()


def engine_version() -> str:
    """Return WeasyPrint's version: a poster made by another version is made again."""
    return str(_weasyprint().__version__)


def html_to_pdf(html: str) -> bytes:
    """Return the PDF of a self-contained page (styles inline, pictures as data: URLs).

    Nothing is fetched: a URL other than data: (http, file, ftp) is refused, whatever the
    page holds, so making a poster never reads the disk or the network for it.
    """
    weasyprint = _weasyprint()
    only_data = weasyprint.urls.URLFetcher(allowed_protocols=("data",))
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=only_data)
    data: bytes = document.write_pdf()
    return data
