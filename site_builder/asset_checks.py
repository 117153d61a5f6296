"""What content/assets/ may publish: nothing leading out of it, nothing that runs.

Every file under assets/ is copied to the site as it is, so each is judged here,
while the content is loaded (a refused file stops the build before anything is
written): a symlink leading out of assets/ is refused, a web page or script is
refused unless site.yaml allows them, an SVG that could run a script or fetch
something from elsewhere is refused, and a data file is published with a warning
(its text then passes the privacy guard like every page).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from pyexpat import errors

from site_builder.assets import ACTIVE_SUFFIXES, DATA_SUFFIXES, ContentFiles
from site_builder.config import SiteConfig
from site_builder.diagnostics import Diagnostics, Location
from site_builder.packed import GZIPPED, Unpacked, gunzipped

_SVG_TAGS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler"})
"""SVG elements that run code or embed a document."""
_DECLARATION = re.compile(rb"<!DOCTYPE|<!ENTITY|<\?xml-stylesheet", re.IGNORECASE)
"""A DTD (entities: a "billion laughs", or a file read in) or a style sheet from elsewhere."""
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.IGNORECASE)
"""A style that loads something (only url(#id), a reference inside the picture, is fine)."""
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp)[;,]", re.IGNORECASE)
"""The inline pictures an SVG may hold (not data:image/svg+xml: an SVG in an SVG)."""
_HREFS = frozenset({"href", "src"})


def check_assets(content: Path, config: SiteConfig, diags: Diagnostics) -> None:
    """Report every file under content/assets/ that must not be published as it is."""
    kept, refused = ContentFiles(content).assets()
    for relative in refused:
        diags.error(Location(content / relative), "asset.link_out", value=relative)
    for relative in kept:
        where = Location(content / relative)
        lower = relative.lower()
        if lower.endswith(ACTIVE_SUFFIXES):
            if not config.allow_active_assets:
                diags.error(where, "asset.active", value=relative)
        elif lower.endswith(DATA_SUFFIXES):
            diags.warning(where, "asset.data_file", value=relative)
        if lower.endswith((".svg", *GZIPPED)):
            _check_svg(content / relative, relative, where, diags)


def _check_svg(path: Path, relative: str, where: Location, diags: Diagnostics) -> None:
    """Report an SVG (or a gzipped one, .svgz) that cannot be read, or runs or loads something."""
    try:
        data = path.read_bytes()
        found = svg_problem(gunzipped(data) if path.name.lower().endswith(GZIPPED) else data)
    except ET.ParseError as error:
        line, column = error.position
        at = Location(where.path, line, column + 1)
        code = _PARSE_CODES.get(error.code, "asset.svg_broken")
        diags.error(at, code, value=relative, line=line, column=column + 1)
        return
    except OSError:
        diags.error(where, "asset.svg_unreadable", value=relative)
        return
    except Unpacked:
        diags.error(where, "asset.svgz_broken", value=relative)
        return
    if found is not None:
        diags.error(where, "asset.svg_unsafe", value=relative, found=found)


_PARSE_CODES = {
    **dict.fromkeys(
        (
            errors.codes[errors.XML_ERROR_NO_ELEMENTS],
            errors.codes[errors.XML_ERROR_UNCLOSED_TOKEN],
            errors.codes[errors.XML_ERROR_UNCLOSED_CDATA_SECTION],
            errors.codes[errors.XML_ERROR_PARTIAL_CHAR],
        ),
        "asset.svg_unfinished",
    ),
    errors.codes[errors.XML_ERROR_TAG_MISMATCH]: "asset.svg_mismatched",
}
"""The message for what the XML reader stopped at (its own words are English):
a file that ends too soon, a closing tag that does not match; anything else is svg_broken."""


def svg_problem(data: bytes) -> str | None:
    """Return the first thing in an SVG that runs or loads from elsewhere, or None if none.

    Raises ET.ParseError when the file is not well-formed XML.
    """
    declared = _DECLARATION.search(data)
    if declared:
        return declared.group(0).decode("ascii")
    for element in ET.fromstring(data).iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag.lower() in _SVG_TAGS:
            return f"<{tag}>"
        if tag.lower() == "style" and _CSS_URL.search(element.text or ""):
            return "<style> url()"
        for name, value in element.attrib.items():
            found = _attribute_problem(_local(name).lower(), value)
            if found is not None:
                return found
    return None


def _attribute_problem(name: str, value: str) -> str | None:
    """Return what is wrong with one SVG attribute (an event handler, a link out), or None."""
    if name.startswith("on"):
        return f"{name}="
    if name in _HREFS:
        target = "".join(ch for ch in value if ch > " ")
        if not target.startswith("#") and not _DATA_IMAGE.match(target):
            return f'{name}="{value.strip()[:60]}"'
    if name == "style" and _CSS_URL.search(value):
        return "style= url()"
    if name == "attributename" and _local(value.strip()).lower() in _HREFS:
        return f'attributeName="{value.strip()}"'  # <set>/<animate> would write a link
    return None


def _local(name: str) -> str:
    """Return an XML name without its {namespace} or prefix: (xlink:)href -> href."""
    return name.rpartition("}")[2].rpartition(":")[2]
