"""Link and asset checking: every reference in a built target, checked in memory.

Before a target is swapped in, each HTML and CSS file it wrote is scanned for
references (href, src, srcset, CSS url() and the rest) and each one is
resolved the way a browser would: HTML entities decoded, surrounding spaces
and tabs dropped, backslashes read as slashes, percent-encoding decoded, the
query and fragment ignored. A reference is fine when it names a file of the
target (or a folder with an index.html), a same-page anchor, mailto:, tel: or
sms:, an inline image or the empty favicon `data:,`, or another host where
other hosts are allowed.

The HTML is read with one compiled expression rather than html.parser: the
public site has tens of thousands of pages, and the markup we scan is ours
(Jinja templates and the nh3 sanitiser's output), so tags are well formed.
Comments and script bodies are skipped; quoted attribute values may hold `>`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """A reference in a built page that would not work once the target is published."""

    page: str
    """Output path of the page holding the reference, e.g. `stories/a/index.html`."""
    reference: str
    """The reference exactly as written in the page (an attribute value, a srcset item, a CSS
    url() or @import); inside style attributes and meta refresh, after HTML entities are decoded."""
    reason: str
    """`missing` (the target file is not in the output), `outside` (climbs out of the target
    root, or an absolute /path, drive letter or file: URL), `scheme` (javascript:, vbscript:,
    data: other than images and the empty favicon, or an unknown scheme) or `other_host`
    (another host, where other hosts are refused)."""


# One expression walks a page: comments (skipped), <script> and <style> with their bodies,
# and tags. A tag's attributes up to the first one that may hold a reference are skipped
# inside the expression, that one is captured, and the rest comes back as text: most tags
# hold one link or none, so Python looks at most attributes not at all. Possessive
# quantifiers keep an unclosed tag at the end of a file from backtracking. Tags are read
# in ASCII, as browsers read them: only ASCII spaces part attributes, only ASCII letters
# fold case (`<ſcript>` is no script), and matching so is a fifth faster.
# The names' first letters are looked at before the names: most attributes (class) fail there.
_NAMES = (
    r"(?=[hspafxc])(?:href|src|srcset|poster|action|formaction|xlink:href|style|content|http-equiv)"
)
_VALUE = r"""(?:"[^"]*+"|'[^']*+'|[^\s>]*+)"""
_ONE = rf"[^\s/>=][^\s/>=]*+(?:\s*+=\s*+{_VALUE})?+"
_REFERENCE = rf"(?P<name>{_NAMES})(?=[\s/>=])(?:\s*+=\s*+(?P<value>{_VALUE}))?+"
_ATTRS = rf"(?:[\s/]*+{_ONE})*+[\s/]*+"
_HTML = re.compile(
    r"<!--.*?(?:-->|\Z)"
    rf"|<(?P<raw>script|style)(?=[\s/>])(?P<raw_attrs>{_ATTRS})>(?P<body>.*?)(?:</(?P=raw)\s*>|\Z)"
    rf"|<(?P<tag>[a-zA-Z][^\s/>]*+)(?P<attrs>(?:[\s/]*+(?!{_NAMES}(?=[\s/>=])){_ONE})*+"
    rf"(?:[\s/]*+{_REFERENCE})?+(?P<rest>{_ATTRS}))>"
    r"|<\x01(?P<mark>\d+)>",  # a fragment's mark (see `mark`); text to a browser
    re.DOTALL | re.IGNORECASE | re.ASCII,
)
_ATTR = re.compile(r"""([^\s/>=][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""", re.ASCII)
_CANDIDATE = re.compile(rf"{_NAMES}\s*=", re.IGNORECASE | re.ASCII)
_URL_ATTRIBUTES = frozenset({"href", "src", "poster", "action", "formaction", "xlink:href"})
# srcset, as the HTML standard splits it: a URL is a run of non-spaces (trailing commas
# end the candidate), then descriptors up to a comma outside parentheses.
_SRCSET_ITEM = re.compile(r"[\s,]*+(\S*?)(?:,+(?!\S)|(?!\S)[^,(]*+(?:\([^)]*+\)?[^,(]*+)*+)")
_REFRESH_DELAY = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?", re.IGNORECASE)
_CSS_STRING = r"""(?:"((?:[^"\\]|\\.)*+)"|'((?:[^'\\]|\\.)*+)')"""
_CSS = re.compile(
    r"/\*.*?(?:\*/|\Z)"  # a comment: skipped
    rf"|\burl\(\s*(?:{_CSS_STRING}|((?:[^)\"'\s\\]|\\[0-9a-fA-F]{{1,6}}\s?|\\.)*+))\s*\)"
    rf"|@import\s*{_CSS_STRING}"
    r"""|"(?:[^"\\]|\\.)*+"|'(?:[^'\\]|\\.)*+'""",  # any other string: skipped
    re.DOTALL | re.IGNORECASE,
)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_ALWAYS_FINE = frozenset({"mailto", "tel", "sms"})
_HOSTS = frozenset({"http", "https", "ftp", "ws", "wss", "webcal"})
_OWN_SCHEMES = frozenset({"http", "https", "webcal"})
"""The site's own address may be written with any of these (webcal: for calendar.ics)."""
_SPACE = "".join(chr(c) for c in range(33))
"""What a browser strips from both ends of a URL: C0 controls and the space."""
_TABS = str.maketrans("", "", "\t\n\r")
_CACHE_LIMIT = 65536


def mark(number: int) -> str:
    """Return the mark that stands for fragment `number` in a page handed to `check`.

    A story card is on some twenty list pages. The renderer hands the checker each
    list page with its cards as marks, and the cards themselves: a card's references
    are read once, and each page checks them from where it is. A mark starts `<` and
    a control character, which neither templates nor escaped text hold.
    """
    return f"<\x01{number}>"


def filled(text: str, fragments: Sequence[str]) -> str | None:
    """Return `text` with each mark replaced by its fragment; None unless they are all there.

    The marks must come in order, each once: a template that moved, cut or repeated
    one gets None, and its page must be rendered again without marks.
    """
    parts = text.split("<\x01")
    if len(parts) != len(fragments) + 1:
        return None
    pieces = [parts[0]]
    for number, part in enumerate(parts[1:]):
        written, bracket, rest = part.partition(">")
        if written != str(number) or not bracket:
            return None
        pieces += (fragments[number], rest)
    return "".join(pieces)


def references(path: str, data: bytes) -> list[str]:
    """Return every link and asset reference in one output file, as written, in order.

    HTML: href, src, srcset, poster, action, formaction, xlink:href (inline SVG), the url=
    of <meta http-equiv=refresh>, and url() in style attributes and <style> blocks.
    CSS: url() and @import. Any other file type (JSON, XML, ICS, JS, images): nothing.
    """
    return [written for written, _ in _scan(path, data)]


def broken_links(
    files: Mapping[str, bytes],
    existing: Collection[str],
    *,
    other_hosts: bool,
    base_url: str | None = None,
) -> list[BrokenLink]:
    """Return the references in `files` that would not work, by page, in order of appearance.

    `files` maps the output paths to scan to their bytes; `existing` holds every output path
    of the target after this build (the scanned files and the unchanged ones). Relative
    references resolve against the page's folder, a folder resolves to its index.html, and
    links to `base_url` (absolute, when given) are checked like relative ones. Other hosts are
    fine only when `other_hosts` is True. Each (page, reference) is reported once.
    """
    checker = LinkChecker(existing, other_hosts=other_hosts, base_url=base_url)
    return [broken for page in sorted(files) for broken in checker.check(page, files[page])]


class LinkChecker:
    """Check the pages of one target one by one, as they are rendered."""

    def __init__(
        self, existing: Collection[str], *, other_hosts: bool, base_url: str | None = None
    ) -> None:
        """See broken_links for what `existing`, `other_hosts` and `base_url` mean."""
        paths = existing if isinstance(existing, AbstractSet) else frozenset(existing)
        self._checker = _Checker(paths, other_hosts, _own_address(base_url))
        self._fragments: dict[str, list[tuple[str, str]]] = {}
        """The references of each fragment read so far."""
        self._alike: dict[int, dict[str, str | None]] = {}
        """By page depth, the verdict on each reference that reads the same from every page
        as deep: one that climbs to the root (all a card's and most of a page's do), or
        whose verdict does not depend on the page at all. Looked up before judging."""

    def check(
        self, page: str, data: bytes | str, fragments: Sequence[str] = ()
    ) -> list[BrokenLink]:
        """Return the references in one output file that would not work, in order.

        An HTML page may hold marks (see `mark`), each standing for one of `fragments`:
        well-formed HTML whose references are read once however many pages show it.
        """
        folders = _folders(page)
        depth = len(folders) - 1
        alike = self._alike.get(depth)
        if alike is None or len(alike) >= _CACHE_LIMIT:
            alike = self._alike[depth] = {}
        seen = set()
        found = []
        scanned = self._scan_marked(page, data, fragments) if fragments else _scan(page, data)
        for written, url in scanned:
            if written in seen:
                continue
            seen.add(written)
            reason = alike.get(url, _UNJUDGED)
            if reason is _UNJUDGED:
                reason = self._checker.reason(url, folders)
                if not self._checker.below_root(url, depth):
                    alike[url] = reason
            if reason is not None:
                found.append(BrokenLink(page, written, reason))
        return found

    def _scan_marked(
        self, page: str, data: bytes | str, fragments: Sequence[str]
    ) -> list[tuple[str, str]]:
        """Return the references of a page holding marks, each fragment's read once."""
        text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
        known = self._fragments
        if len(known) >= _CACHE_LIMIT:
            known.clear()
        refs = []
        for fragment in fragments:
            ref = known.get(fragment)
            if ref is None:
                ref = known[fragment] = _scan_html(fragment)[0]
            refs.append(ref)
        found, marks = _scan_html(text, refs)
        if marks == len(fragments):
            return found
        # a mark inside a comment, a script or a tag: read the page as a browser gets it
        whole = filled(text, fragments)
        return _scan(page, whole if whole is not None else text)


def _folders(page: str) -> list[str]:
    """Return the folder of output path `page` and each one above it: `a/b/`, `a/`, ``."""
    folders = [""]
    for part in page.split("/")[:-1]:
        folders.insert(0, folders[0] + part + "/")
    return folders


def _scan(path: str, data: bytes | str) -> list[tuple[str, str]]:
    """Return (as written, as the browser reads it) for each reference in one output file."""
    kind = path.rpartition(".")[2].lower()
    if kind not in ("html", "htm", "css"):
        return []
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    return _scan_css(text) if kind == "css" else _scan_html(text)[0]


def _scan_html(
    text: str, marked: Sequence[list[tuple[str, str]]] = ()
) -> tuple[list[tuple[str, str]], int]:
    """Return the references of an HTML page, and how many of its marks were read as marks.

    See `references` for where references are found. `marked` holds the references of
    each fragment a mark stands for: they are added where their marks are.
    """
    # findall and a list rather than generators: this loop runs for every tag of every page.
    found: list[tuple[str, str]] = []
    marks = 0
    for raw, raw_attrs, body, tag, attrs, name, value, rest, number in _HTML.findall(text):
        if name:  # a tag holding a reference; inlined, as most tags here hold one URL
            name = name.lower()
            alone = not (rest and _CANDIDATE.search(rest))
            if name in _URL_ATTRIBUTES and alone:
                if value[:1] in ("'", '"'):
                    value = value[1:-1]
                if value:
                    found.append((value, unescape(value) if "&" in value else value))
            elif name == "content" and alone:
                pass  # <meta name=… content=…>: a URL only beside http-equiv=refresh, not here
            else:
                _scan_attributes(tag.lower(), attrs, found)
        elif raw:  # <script> or <style>: its own attributes, then its body
            if _CANDIDATE.search(raw_attrs):
                _scan_attributes(raw.lower(), raw_attrs, found)
            if raw.lower() == "style":
                found += _scan_css(body)
        elif number and int(number) < len(marked):
            found += marked[int(number)]
            marks += 1
    return found, marks


def _scan_attributes(tag: str, attrs: str, found: list[tuple[str, str]]) -> None:
    """Add the references in the attribute text of one `tag` to `found`."""
    meta: dict[str, str] = {}
    for name, value in _ATTR.findall(attrs):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        if not value:
            continue
        name = name.lower()
        if name in _URL_ATTRIBUTES:
            found.append((value, unescape(value) if "&" in value else value))
        elif name == "srcset":
            urls = (item for item in _SRCSET_ITEM.findall(value) if item)
            found += ((url, _decoded(url)) for url in urls)
        elif name == "style":
            found += _scan_css(_decoded(value))
        elif tag == "meta" and name in ("http-equiv", "content"):
            meta[name] = _decoded(value)
    if meta.get("http-equiv", "").strip().lower() == "refresh":
        url = _refresh_url(meta.get("content", ""))
        if url:
            found.append((url, url))


def _refresh_url(content: str) -> str:
    """Return the URL in `<meta http-equiv=refresh content="5; url='x'">`, or ""."""
    url = _REFRESH_DELAY.sub("", content, count=1).strip()
    if url[:1] in ("'", '"'):
        url = url[1:].partition(url[0])[0]
    return url


def _scan_css(text: str) -> list[tuple[str, str]]:
    """Return the url() and @import references of a style sheet, skipping comments."""
    found = []
    for groups in _CSS.findall(text):
        written = next((group for group in groups if group), "")
        if written:
            found.append((written, _css_unescaped(written)))
    return found


def _decoded(value: str) -> str:
    """Return an attribute value with its HTML entities (`&amp;`, `&#58;`) decoded."""
    return unescape(value) if "&" in value else value


def _css_unescaped(value: str) -> str:
    """Return a CSS string or url() with its backslash escapes (`\\66 oo`, `\\'`) decoded."""
    return _CSS_ESCAPE.sub(_css_character, value) if "\\" in value else value


def _css_character(match: re.Match[str]) -> str:
    hex_digits, character = match.groups()
    if hex_digits:
        return chr(min(int(hex_digits, 16), 0x10FFFF) or 0xFFFD)
    return "" if character == "\n" else character  # a backslash-newline continues the line


def _own_address(base_url: str | None) -> tuple[str, str] | None:
    """Return the host and the path (ending in /) the site is published under, if known."""
    if not base_url:
        return None
    parts = urlsplit(base_url)
    path = unquote(parts.path)
    return parts.netloc.lower(), path if path.endswith("/") else path + "/"


class _Checker:
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
            if len(self.parsed) >= _CACHE_LIMIT:
                self.parsed.clear()
            parsed = self.parsed[url] = self._parse(url)
        if not isinstance(parsed, _Relative):
            return parsed
        if parsed.ups >= len(folders):
            return "outside"
        start = folders[parsed.ups]
        verdict = self.judged.get((url, start), _UNJUDGED)
        if verdict is _UNJUDGED:
            if len(self.judged) >= _CACHE_LIMIT:
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
_UNJUDGED = "not judged yet"


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
