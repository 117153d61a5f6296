"""Find what the sanitiser will drop from converted HTML, so the volunteer can be told.

A cheap test says whether a body may hold anything unsafe at all; only then is it
parsed for dangerous tags, event handlers, unsafe links and paths on the writer's
computer.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from site_builder.html_allowlist import DANGEROUS_TAGS, SCHEME, URL_SCHEMES

_SUSPICIOUS_TAG = re.compile(
    r"<(?:script|style|iframe|frame|object|embed|meta|link|base|form|svg|math)", re.IGNORECASE
)


_SUSPICIOUS_ENTITY = re.compile(r"&#|&colon;", re.IGNORECASE)


_SUSPICIOUS_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=|\sstyle\s*=", re.IGNORECASE)


_SUSPICIOUS_SCHEME = re.compile(
    r"[a-z]script\s*:|data\s*:"
    r"|(?:href|src)\s*=\s*[\"']?\s*(?!https?:|mailto:|tel:)[a-z][a-z0-9+.-]*:",
    re.IGNORECASE,
)


def suspicious(raw: str) -> bool:
    """Tell whether converted HTML may hold something the sanitiser removes (find_unsafe).

    One expression per character the rest needs (`&`, `=`, `:`): most stories hold no
    `:` at all, and the one expression these were scanned every position of a story.
    """
    return bool(
        _SUSPICIOUS_TAG.search(raw)
        or ("&" in raw and _SUSPICIOUS_ENTITY.search(raw))
        or ("=" in raw and _SUSPICIOUS_ATTRIBUTE.search(raw))
        or (":" in raw and _SUSPICIOUS_SCHEME.search(raw))
    )


class _UnsafeFinder(HTMLParser):
    """List what the sanitiser will remove: dangerous tags, handlers, unsafe URLs, and
    (apart) the links and images it will drop for naming a file on the writer's computer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.local: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{name}=")
            elif name in ("href", "src", "action", "formaction", "xlink:href") and value:
                cleaned = "".join(ch for ch in value if ch > " ").lower()
                scheme = SCHEME.match(cleaned)
                if not scheme or scheme.group(1) in URL_SCHEMES:
                    continue
                if (tag, name) in _KEPT_LINKS and _LOCAL_SCHEME.match(scheme.group(1)):
                    self.local.append(value.strip())
                elif len(scheme.group(1)) > 1:
                    self.found.append(value.strip())

    def handle_comment(self, data: str) -> None:
        # Browsers (and nh3) end `<!-->` and `<!--->` at once; Python's parser reads on
        # to the next `-->`, so what follows must be looked at as markup, not comment.
        for opener in (">", "->"):
            if data.startswith(opener):
                unsafe, local = dropped(data[len(opener) :])
                self.found += unsafe
                self.local += local
                return


_KEPT_LINKS = frozenset({("a", "href"), ("img", "src")})
"""The links and sources the allowlist keeps, when their scheme is allowed."""


_LOCAL_SCHEME = re.compile(r"^(?:[a-z]|file)$")
"""What reads as the scheme of a path on a computer: a drive letter (C:), or file: itself."""


def find_unsafe(raw_html: str) -> list[str]:
    """Return the unsafe pieces of `raw_html` (tags, handlers, links), in order, once each."""
    return dropped(raw_html)[0]


def dropped(raw_html: str) -> tuple[list[str], list[str]]:
    """Return what the sanitiser will drop from `raw_html`, in order: the unsafe pieces (once
    each), and every link and image source naming a file on the writer's computer."""
    finder = _UnsafeFinder()
    finder.feed(raw_html)
    finder.close()
    return list(dict.fromkeys(finder.found)), finder.local
