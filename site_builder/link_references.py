"""Find the link and asset references in an output file, as written and as a browser reads them.

HTML pages (href, src, srcset and the rest, meta refresh, style attributes and blocks)
and style sheets (url(), @import) are read with compiled expressions; a page may hold
marks, each standing for a fragment whose references were read once (mark, filled).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape

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
    return [written for written, _ in scan(path, data)]


def scan(path: str, data: bytes | str) -> list[tuple[str, str]]:
    """Return (as written, as the browser reads it) for each reference in one output file."""
    kind = path.rpartition(".")[2].lower()
    if kind not in ("html", "htm", "css"):
        return []
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    return _scan_css(text) if kind == "css" else scan_html(text)[0]


def scan_html(
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
