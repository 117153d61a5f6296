"""URL names and links: what may become a folder name, and how one page links another.

Pages are identified by their output path (`stories/xingfu-dianti/index.html`).
Links between pages are always relative and always name the file, so the site
works under any sub-path and straight from `file://` (where a folder link
would open a directory listing instead of its index.html).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from functools import lru_cache
from html import unescape
from urllib.parse import quote, unquote

MAX_NAME_BYTES = 120
"""File systems allow 255 bytes per name; a Chinese character takes 3."""
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|#%&+\[\]{}^`\'!$;=@,，。、；：？！]')
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"-{2,}")
SITE_FILES = frozenset({"index.html"})
"""Names a folder of its own may not take: every page folder holds an index.html, so a
folder named so would have to be a file too (index.html/index.html)."""
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(1, 10)]
    + [f"lpt{i}" for i in range(1, 10)]
)


def normalise_name(text: str) -> str:
    """Return `text` as a URL name: NFC, spaces turned into hyphens, trimmed."""
    return _SPACES.sub("-", unicodedata.normalize("NFC", text).strip())


@lru_cache(maxsize=65536)
def tidy_name(text: str) -> str:
    """Return `text` with characters that cannot appear in a URL name replaced by hyphens.

    Kept per text, as `name_problem` is: a big site's stories name a few hundred tags
    twenty thousand times.
    """
    name = _FORBIDDEN.sub("-", normalise_name(text))
    return _DASHES.sub("-", name).strip("-.")


@lru_cache(maxsize=65536)
def name_problem(name: str) -> str | None:
    """Return the catalogue code saying why `name` cannot be a folder name, or None if it can.

    Windows devices (CON, com1.txt: any extension) and index.html are reserved; a name
    longer than MAX_NAME_BYTES is refused (255 bytes is the limit of most file systems).
    """
    if not name:
        return "name.empty"
    if _FORBIDDEN.search(name):
        return "name.chars"
    if name.startswith(".") or name.endswith("."):
        return "name.dots"
    if name.split(".")[0].lower() in _WINDOWS_RESERVED or name.lower() in SITE_FILES:
        return "name.reserved"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return "name.too_long"
    return None


def folder_problem(text: str) -> str | None:
    """Return why free text (a building) cannot name its page's folder once tidied, or None.

    Unlike a slug, such text may hold any character (tidy_name replaces them) and may tidy
    to nothing (the folder is then `_`); a reserved or too-long name is still refused.
    """
    problem = name_problem(tidy_name(text))
    return problem if problem in ("name.reserved", "name.too_long") else None


def collision_key(name: str) -> str:
    """Return the form two names are compared in: NFKC (full-width folds) and case-folded."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def relative_url(target: str, page: str) -> str:
    """Return the link from output file `page` to output file `target`, percent-encoded."""
    target_path, hash_mark, fragment = target.partition("#")
    path = _relative_path(target_path, page) if target_path else posixpath.basename(page)
    return _quoted(path) + (hash_mark + quote(fragment, safe="") if hash_mark else "")


def _relative_path(target: str, page: str) -> str:
    """Return `target` relative to the folder of `page`; both are clean output paths.

    posixpath.relpath would do, but it makes both paths absolute first: on a
    site with tens of thousands of links this string arithmetic is much faster.
    A page makes some thirty links, most of them out of its top folder.
    """
    start = folders_of(page)
    if not start or not target.startswith(start[0] + "/"):
        return "../" * len(start) + target
    parts = target.split("/")
    common = 0
    for a, b in zip(start, parts[:-1], strict=False):
        if a != b:
            break
        common += 1
    return "../" * (len(start) - common) + "/".join(parts[common:])


@lru_cache(maxsize=1024)
def folders_of(page: str) -> tuple[str, ...]:
    """Return the folders output path `page` is in, from the top: `a/b/c.html` is in a, b.

    A link from the page to a path outside its top folder climbs them all.
    """
    return tuple(page.split("/")[:-1])


@lru_cache(maxsize=65536)
def _quoted(path: str) -> str:
    return quote(path, safe="/")


def pretty_path(target: str) -> str:
    """Return the public form of an output path: `stories/x/index.html` becomes `stories/x/`."""
    if target == "index.html":
        return ""
    return target[: -len("index.html")] if target.endswith("/index.html") else target


def absolute_url(base_url: str, target: str) -> str:
    """Return the absolute URL of output path `target` under `base_url` (which ends in /)."""
    path, hash_mark, fragment = target.partition("#")
    return base_url + quote(pretty_path(path), safe="/") + hash_mark + quote(fragment, safe="")


_ROOT_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)([^"]*)"')


def relativize_html(html: str, page: str) -> str:
    """Rewrite the site-root links (`/assets/x.jpg`) in sanitised HTML relative to `page`."""
    return _ROOT_LINK.sub(
        lambda m: f'{m.group(1)}{relative_url(_unquote(m.group(2)), page)}"', html
    )


def absolutize_html(html: str, base_url: str | None, page: str) -> str:
    """Rewrite site-root links for a feed: absolute under `base_url`, else relative to `page`."""
    if base_url is None:
        return relativize_html(html, page)
    return _ROOT_LINK.sub(
        lambda m: f'{m.group(1)}{absolute_url(base_url, _unquote(m.group(2)))}"', html
    )


def _unquote(path: str) -> str:
    return unquote(unescape(path))
