"""Whether a reference works from a page: followed as a browser would, then looked up.

A verdict is None (it works), `missing`, `outside`, `scheme` or `other_host`; each
distinct reference is read once, and each relative one followed once per folder.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


_ALWAYS_FINE = frozenset({"mailto", "tel", "sms"})


_HOSTS = frozenset({"http", "https", "ftp", "ws", "wss", "webcal"})


_OWN_SCHEMES = frozenset({"http", "https", "webcal"})
"""The site's own address may be written with any of these (webcal: for calendar.ics)."""


_SPACE = "".join(chr(c) for c in range(33))
"""What a browser strips from both ends of a URL: C0 controls and the space."""


_TABS = str.maketrans("", "", "\t\n\r")


CACHE_LIMIT = 65536


def own_address(base_url: str | None) -> tuple[str, str] | None:
    """Return the host and the path (ending in /) the site is published under, if known."""
    if not base_url:
        return None
    parts = urlsplit(base_url)
    path = unquote(parts.path)
    return parts.netloc.lower(), path if path.endswith("/") else path + "/"


class ReferenceJudge:
    """Judges the references of one target, reading each distinct reference once."""

    def __init__(
        self, existing: AbstractSet[str], other_hosts: bool, own: tuple[str, str] | None
    ) -> None:
        self.existing = existing
        self.other_hosts = other_hosts
        self.own = own
        self.parsed: dict[str, _Relative | str | None] = {}
        """Each reference read so far: a path relative to the page, or its verdict."""
        self.judged: dict[tuple[str, str], str | None] = {}
        """The verdict on each relative reference from each folder it was followed from.

        A link out of its page's top folder is followed from the root on every page as
        deep; a card's links are on some twenty pages. (`existing` never changes.)"""

    def reason(self, url: str, folders: list[str]) -> str | None:
        """Return why `url` would not work on a page in `folders[0]`, or None if it works."""
        parsed = self.parsed.get(url, _UNREAD)
        if parsed is _UNREAD:
            if len(self.parsed) >= CACHE_LIMIT:
                self.parsed.clear()
            parsed = self.parsed[url] = self._parse(url)
        if not isinstance(parsed, _Relative):
            return parsed
        if parsed.ups >= len(folders):
            return "outside"
        start = folders[parsed.ups]
        verdict = self.judged.get((url, start), UNJUDGED)
        if verdict is UNJUDGED:
            if len(self.judged) >= CACHE_LIMIT:
                self.judged.clear()
            verdict = self.judged[(url, start)] = self._look_up(start + parsed.path)
        return verdict

    def below_root(self, url: str, depth: int) -> bool:
        """Tell whether `url`, just judged, stops in a folder below the root from a page
        `depth` folders deep: then its verdict depends on which folder the page is in."""
        parsed = self.parsed.get(url)
        return isinstance(parsed, _Relative) and parsed.ups < depth

    def _parse(self, url: str) -> _Relative | str | None:
        """Return a verdict on `url` if the page does not matter, else where it points."""
        url = url.strip(_SPACE)
        if "\t" in url or "\n" in url or "\r" in url:
            url = url.translate(_TABS)
        url = url.replace("\\", "/")  # browsers read a backslash as a slash
        scheme = _SCHEME.match(url)
        if scheme:
            return self._parse_scheme(scheme.group(1).lower(), url)
        if url.startswith("//"):
            return self._parse_host(url)
        if url.startswith("/"):
            return "outside"
        path = url.partition("#")[0].partition("?")[0]
        if not path:
            return None  # the page itself: #anchor or ?query
        return _relative(unquote(path))

    def _parse_scheme(self, scheme: str, url: str) -> str | None:
        """Judge a URL with a scheme; the site's own address is checked like a relative link."""
        if scheme in _ALWAYS_FINE:
            return None
        if scheme in _HOSTS:
            rest = url[len(scheme) + 1 :]
            if scheme in _OWN_SCHEMES and rest.startswith("//"):
                return self._parse_host(rest)
            return None if self.other_hosts else "other_host"
        if scheme == "data":
            media = url[5:].partition(",")[0].partition(";")[0].strip().lower()
            return None if url[5:] == "," or media.startswith("image/") else "scheme"
        if scheme == "file" or (len(scheme) == 1 and url[2:3] == "/"):
            return "outside"  # a file: URL or a Windows drive letter (C:/…)
        return "scheme"  # javascript:, vbscript: and anything we do not know

    def _parse_host(self, url: str) -> str | None:
        """Judge `//host/path`: the site itself is checked, another host is a policy."""
        host, _, path = url[2:].partition("#")[0].partition("?")[0].partition("/")
        if self.own is not None and host.lower() == self.own[0]:
            path = "/" + unquote(path)
            own_path = self.own[1]
            if path.startswith(own_path) or path + "/" == own_path:
                target = _relative(path[len(own_path) :] or "./")
                return "outside" if target.ups else self._look_up(target.path)
        return None if self.other_hosts else "other_host"

    def _look_up(self, target: str) -> str | None:
        """Return None if output path `target` exists; a folder (`x/`, ``) needs its index.html."""
        if not target or target.endswith("/"):
            return None if target + "index.html" in self.existing else "missing"
        if target in self.existing or target + "/index.html" in self.existing:
            return None
        return "missing"


@dataclass(frozen=True, slots=True)
class _Relative:
    """A reference relative to its page: climb `ups` folders, then follow `path`."""

    ups: int
    path: str
    """Clean and decoded; ends in / when it names a folder."""


_UNREAD = _Relative(-1, "")


UNJUDGED = "not judged yet"


def _relative(path: str) -> _Relative:
    """Return the decoded relative `path` with its `.` and `..` segments worked out."""
    segments = path.split("/")
    ups = 0
    parts: list[str] = []
    for segment in segments:
        if segment == "..":
            if parts:
                parts.pop()
            else:
                ups += 1
        elif segment not in ("", "."):
            parts.append(segment)
    folder = bool(parts) and segments[-1] in ("", ".", "..")
    return _Relative(ups, "/".join(parts) + ("/" if folder else ""))
