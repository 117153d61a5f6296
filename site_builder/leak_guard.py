"""The leak guard: no public page may show a protected resident's full name or a mobile
number written in the content (issue 22).

Pages are scanned as they are rendered, before anything is written; so are the data
files copied from assets/ (packed ones unpacked: packed.py) and every output path.
How names are found is name_search.py's; how numbers are, phones.py's.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import pickle
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from site_builder.cache import code_version, settled, stamps_under, write_atomically
from site_builder.name_search import (
    HIDING_CLASS,
    automaton,
    latin_automaton,
    name_automaton,
    names_in,
)
from site_builder.packed import GZIPPED, ZIPPED, packed_text
from site_builder.phones import (
    LOOSE_MOBILE,
    MOBILE,
    ODD_CHARS,
    ODD_CLASS,
    Noted,
    as_digits,
    digits_of,
    mobile_numbers,
)
from site_builder.privacy import people
from site_builder.workers import map_items

if TYPE_CHECKING:  # leak_guard.py sits below site.py; only the type checker needs these
    from site_builder.kinds.stories import Story
    from site_builder.site import Site


SCANNED = (".html", ".json", ".xml", ".ics", ".txt")
DATA_SCANNED = (".yaml", ".yml", ".md", ".csv", ".env", ".db", ".svg", *ZIPPED, *GZIPPED)
"""Files copied from assets/ that may hold a list of people (issue 22): scanned as well,
a packed one (an .xlsx, a .docx, an .svgz…) unpacked (packed.py)."""


class LeakGuard:
    """Scan public output for residents' full names and unmasked mobile numbers.

    A name the volunteers published in a story or honor roll is not a leak.
    Pages are scanned as they are rendered, before anything is written;
    `key` changes whenever what the guard looks for changes, so a rebuild
    knows when pages rendered earlier must be scanned again.
    """

    def __init__(
        self, site: Site, cache: Path | None = None, noted: Mapping[str, Noted] | None = None
    ) -> None:
        """`cache` is a file in the build cache that remembers each content file's numbers;
        `noted` holds those of the files this build has read already (StoryMemo.numbers)."""
        privacy = site.config.privacy
        self.written = _written_names(site) if privacy.names != "full" else None
        self.praised: dict[str, frozenset[str]] = {}
        """The written names each story file publishes as praise."""
        names = []
        if self.written is not None:
            self.praised = _praise_by_story(self.written, site.stories)
            names = _protected_names(site, self.written, self.praised)
        self.phones_guarded = privacy.phones != "full"
        """Whether mobile numbers must not be published whole."""
        self.by_file = (
            _content_mobiles(site.content, cache, noted or {}) if privacy.phones != "full" else {}
        )
        self.numbers: set[str] = set().union(*self.by_file.values())
        by_length = sorted(names, key=len, reverse=True)
        # every written name, so that the longest one found wins: a protected 王明 inside a
        # praised 王明华 is not a leak, nor is a praised 王明 inside a protected 王明华 missed
        protected = set(names)
        every = list(self.written.keys()) if names and self.written is not None else []
        self.names = name_automaton(every, protected) if names else None
        """Written names, and each protected Chinese name's start before a gap (柳 燕)."""
        latin = {name.lower() for name in every if name.isascii()}
        self.latin = latin_automaton(latin, {n.lower() for n in protected}) if latin else None
        """Written Latin names, lower case: JOHN SMITH is John Smith, and so is John·Smith."""
        # a cheap first pass: the middle or the last four digits of some number we look for
        self.tails = frozenset(part for n in self.numbers for part in (n[3:7], n[-4:])) or None
        """The middle and the last four digits of every number looked for."""
        # the praised names count too: one gone can make a protected name inside it a leak
        looked_for = f"{by_length}|{sorted(every)}|{sorted(self.numbers)}"
        self.key = hashlib.sha256(looked_for.encode()).hexdigest()

    def same_for(self, file: Path, after: Story) -> bool:
        """Tell whether editing story `file` into `after` leaves the guard as it is.

        It does when the edit publishes the same residents' names as praise, and
        the file writes the same mobile numbers, as the story did before.
        """
        if self.written is not None:
            was = self.praised.get(str(file), frozenset())
            if _praised(self.written, [after]) != was:
                return False
        if not self.by_file:
            return True
        try:
            text = file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        return self.by_file.get(str(file), frozenset()) == mobile_numbers(text)

    def scan(self, relative: str, data: str | bytes) -> list[tuple[str, str, str]]:
        """Return (output path, "name" or "phone", what was found) for one output file."""
        lower = relative.lower()
        if not lower.endswith(SCANNED + DATA_SCANNED):
            return []
        if isinstance(data, bytes):
            body = packed_text(lower, data)
            if body is None:
                body = data.decode("utf-8", "replace")
        else:
            body = data
        if relative.endswith(".ics"):
            body = body.replace("\r\n ", "")  # unfold lines before searching
        odd = _ODD.search(body) is not None
        found = [(relative, "name", name) for name in self._names_in(body, odd)[:1]]
        if self.tails is None:
            return found
        near = _any_four_of(body, self.tails)
        if near:
            for match in MOBILE.finditer(body):
                if "".join(match.groups()) in self.numbers:
                    found.append((relative, "phone", match.group(0)))
                    return found
        # a number written otherwise: still four of its digits together, or an odd character
        if near or (odd and ODD_CHARS.search(body)):
            # digits of other scripts are odd characters: a page without one has none
            for match in LOOSE_MOBILE.finditer(as_digits(body) if odd else body):
                if digits_of(match) in self.numbers:
                    found.append((relative, "phone", body[match.start() : match.end()]))
                    break
        return found

    def _names_in(self, body: str, odd: bool) -> list[str]:
        """Return the protected names `body` shows (none when no name is protected).

        `odd` is False when `body` holds none of the characters that hide a name (_ODD).
        """
        return [] if self.names is None else names_in(self.names, self.latin, body, odd)

    def scan_path(self, relative: str) -> list[tuple[str, str]]:
        """Return ("name" or "phone", what was found) for an output path that carries either.

        A path is checked for any mobile number, known or not: no page needs one in its URL.
        """
        found = [("name", name) for name in self._names_in(relative, odd=True)[:1]]
        if self.phones_guarded:
            found += [("phone", number) for number in sorted(mobile_numbers(relative))[:1]]
        return found


_ODD = re.compile(f"[{HIDING_CLASS}{ODD_CLASS}]")
"""What may hide a name or a number: one search over a page tells whether to look further
(name_search's HIDING_CLASS and ODD_CHARS searched apart cost a pass over the page each)."""
_DIGIT_RUN = re.compile(r"[0-9]{4,}")


def _any_four_of(body: str, fours: frozenset[str]) -> bool:
    """Tell whether four digits in a row in `body` are one of `fours`.

    Every window of every run of ASCII digits is looked up in a set: linear in the page,
    where one regular expression of thousands of alternatives tried each at every digit.
    """
    for run in _DIGIT_RUN.finditer(body):
        digits = run.group(0)
        if any(digits[i : i + 4] in fours for i in range(len(digits) - 3)):
            return True
    return False


def _written_names(site: Site) -> Any:
    """Return an automaton of resident, wish-maker and roster names (None if there are none)."""
    written = {name for name in people(site) if len(name) >= 2}
    return automaton(written) if written else None


def _protected_names(site: Site, written: Any, praised: dict[str, frozenset[str]]) -> list[str]:
    """Return the `written` names that were never published as praise (`praised`: by story)."""
    honours = "\n".join(f"{e.name}\n{e.citation or ''}" for h in site.honors for e in h.entries)
    published = set().union(*praised.values()) | {n for _end, n in written.iter_long(honours)}
    return sorted(set(written.keys()) - published)


def _praise_text(story: Story) -> str:
    """Return where a story publishes names: its title, its people, its text."""
    return story.title + "\n" + "\n".join(story.people) + "\n" + story.html


def _praised(written: Any, stories: Iterable[Story]) -> set[str]:
    """Return the `written` names that `stories` publish: in a title, as people, in the text."""
    return {name for _end, name in written.iter_long("\n".join(map(_praise_text, stories)))}


def _praise_by_story(written: Any, stories: Sequence[Story]) -> dict[str, frozenset[str]]:
    """Return, by story file, the `written` names each story publishes (one pass over all)."""
    texts = [_praise_text(story) for story in stories]
    ends = list(itertools.accumulate(len(text) + 1 for text in texts))  # each text and its \n
    found: dict[int, set[str]] = {}
    for end, name in written.iter_long("\n".join(texts)):
        found.setdefault(bisect.bisect_right(ends, end), set()).add(name)
    return {str(stories[index].source.path): frozenset(names) for index, names in found.items()}


PARALLEL_FILES = 400
"""Content files from which reading them for numbers in worker processes pays."""


def _numbers_in(names: list[str], indices: range) -> list[frozenset[str]]:
    """Return the mobile numbers in each file at `indices` (in worker processes if many)."""
    return [
        mobile_numbers(Path(names[i]).read_text(encoding="utf-8", errors="replace"))
        for i in indices
    ]


def _content_mobiles(
    content: Path, cache: Path | None, noted: Mapping[str, Noted]
) -> dict[str, frozenset[str]]:
    """Return the mobile numbers written in each content file, as 11 digits.

    A file is not read again when `noted` or the `cache` file of the last build holds
    its numbers, noted with the stamp (mtime, size and inode) it still has, more than
    two seconds after it last changed, by this very program (another may have read
    numbers otherwise).
    """
    known = _remembered(cache)
    known.update(noted)
    stamps = stamps_under(content, (".md", ".yaml", ".yml"))
    now = time.time_ns()
    unread = [
        name
        for name, stamp in stamps.items()
        if not (name in known and known[name][0] == stamp and settled(stamp, known[name][1]))
    ]
    found = map_items(_numbers_in, unread, len(unread), chunk=200, parallel_from=PARALLEL_FILES)
    read = dict(zip(unread, found, strict=True))
    fresh = {
        name: (stamp, now, read[name]) if name in read else known[name]
        for name, stamp in stamps.items()
    }
    numbers = {name: found for name, (_, _, found) in fresh.items() if found}
    if cache is not None and fresh != known:
        with suppress(OSError):
            write_atomically(cache, pickle.dumps((code_version(), fresh), pickle.HIGHEST_PROTOCOL))
    return numbers


def _remembered(cache: Path | None) -> dict[str, Noted]:
    """Return each content file's numbers as the `cache` file holds them, if this program
    (code_version) noted them; otherwise nothing."""
    if cache is None:
        return {}
    with suppress(OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        version, noted = pickle.loads(cache.read_bytes())
        if version == code_version():
            return dict(noted)
    return {}
