"""Find every link and asset reference in a built folder, and the ones that do not resolve."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def links_in(path: Path) -> list[str]:
    """Return every href and src value in an HTML file."""
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.links


def problems(root: Path) -> list[str]:
    """Return "page: link (why)" for each link under `root` that is an absolute path or broken."""
    found = []
    for page in sorted(root.rglob("*.html")):
        for link in links_in(page):
            if link == "data:,":
                continue  # the empty inline favicon: stops browsers asking for /favicon.ico
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "tel", "webcal"):
                continue  # another host (or base_url): allowed on the public site
            if parts.scheme:
                found.append(f"{page.relative_to(root)}: {link} (unexpected scheme)")
                continue
            if link.startswith("/"):
                found.append(f"{page.relative_to(root)}: {link} (absolute path)")
                continue
            if not parts.path:
                continue  # a same-page anchor
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_relative_to(root.resolve()):
                found.append(f"{page.relative_to(root)}: {link} (leaves the site)")
            elif not target.is_file():
                found.append(f"{page.relative_to(root)}: {link} (missing)")
    return found
