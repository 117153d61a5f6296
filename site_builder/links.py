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

This module holds the checker; link_references finds the references and
link_verdicts judges each one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from site_builder.link_references import filled, scan, scan_html
from site_builder.link_verdicts import CACHE_LIMIT, UNJUDGED, ReferenceJudge, own_address


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
        self._checker = ReferenceJudge(paths, other_hosts, own_address(base_url))
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
        if alike is None or len(alike) >= CACHE_LIMIT:
            alike = self._alike[depth] = {}
        seen = set()
        found = []
        scanned = self._scan_marked(page, data, fragments) if fragments else scan(page, data)
        for written, url in scanned:
            if written in seen:
                continue
            seen.add(written)
            reason = alike.get(url, UNJUDGED)
            if reason is UNJUDGED:
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
        if len(known) >= CACHE_LIMIT:
            known.clear()
        refs = []
        for fragment in fragments:
            ref = known.get(fragment)
            if ref is None:
                ref = known[fragment] = scan_html(fragment)[0]
            refs.append(ref)
        found, marks = scan_html(text, refs)
        if marks == len(fragments):
            return found
        # a mark inside a comment, a script or a tag: read the page as a browser gets it
        whole = filled(text, fragments)
        return scan(page, whole if whole is not None else text)


def _folders(page: str) -> list[str]:
    """Return the folder of output path `page` and each one above it: `a/b/`, `a/`, ``."""
    folders = [""]
    for part in page.split("/")[:-1]:
        folders.insert(0, folders[0] + part + "/")
    return folders
