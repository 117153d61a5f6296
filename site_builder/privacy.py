"""What the public site may show of residents: masking rules in one place.

`privacy.names` in site.yaml: mask (刘**, 欧阳*), initials (L.J.G.), or full.
`privacy.phones`: mask (138****5678), hide, or full. Mobile numbers are
recognised inside any free text (a signup line, a description), with or
without +86 and with spaces or hyphens between the groups.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import pickle
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ahocorasick

from site_builder.cache import settled, stamps_under, write_atomically
from site_builder.diagnostics import Location
from site_builder.kinds.stories import group_terms
from site_builder.packed import GZIPPED, ZIPPED, packed_text
from site_builder.phones import (
    LOOSE_MOBILE,
    MOBILE,
    ODD_CHARS,
    ODD_CLASS,
    Noted,
    as_digits,
    digits_of,
    mask_phones,
    mobile_numbers,
)
from site_builder.workers import map_items

if TYPE_CHECKING:  # privacy.py sits below site.py; only the type checker needs these
    from site_builder.config import SiteConfig
    from site_builder.kinds.buildings import BuildingBoard
    from site_builder.kinds.events import Event
    from site_builder.kinds.honors import HonorRoll
    from site_builder.kinds.stories import Story, Term
    from site_builder.site import Site

    Remember = Callable[[Story, Callable[[Story], Story]], Story]


def mask_phone_field(value: str, mode: str) -> str:
    """Return a phone field (any number, landlines too) as the public site may show it."""
    if mode == "full":
        return value
    if mode == "hide":
        return ""
    if MOBILE.fullmatch(value.strip()):
        return mask_phones(value.strip(), mode)
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if len(digits) < 7:
        return "*" * len(value)
    hidden = set(digits[3:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))


COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "百里",
        "呼延",
        "闻人",
        "澹台",
        "公羊",
        "申屠",
        "太史",
        "钟离",
        "濮阳",
        "万俟",
        "第五",
        "东郭",
        "司空",
    ]
)
"""Two-character surnames: 欧阳明 keeps 欧阳 when masked."""


SURNAME_INITIALS = {
    "单": "S",
    "曾": "Z",
    "解": "X",
    "仇": "Q",
    "区": "O",
    "朴": "P",
    "查": "Z",
    "盖": "G",
    "乐": "Y",
    "覃": "Q",
    "缪": "M",
    "翟": "Z",
    "黑": "H",
    "秘": "B",
    "种": "C",
    "繁": "P",
    "召": "S",
    "员": "Y",
    "尉迟": "YC",
    "万俟": "MQ",
    "长孙": "ZS",
}
"""Surnames read differently from the everyday character (单 is Shan, 曾 is Zeng)."""


def mask_name(name: str, mode: str) -> str:
    """Return a resident's name as the public site shows it."""
    name = name.strip()
    if mode == "full" or not name:
        return name
    if mode == "initials":
        return initials(name)
    if name.isascii():
        return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())
    keep = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    if len(name) == 1:
        return "*"
    return name[:keep] + "*" * (len(name) - keep)


def initials(name: str) -> str:
    """Return the initials of a name: 刘建国 → L.J.G., John Smith → J.S."""
    if name.isascii():
        return "".join(word[0].upper() + "." for word in name.split())
    compact = "".join(name.split())
    surname = 2 if compact[:2] in COMPOUND_SURNAMES else 1
    head = SURNAME_INITIALS.get(compact[:surname]) or "".join(
        _initial(c) for c in compact[:surname]
    )
    letters = list(head) + [_initial(ch) for ch in compact[surname:]]
    return "".join(letter + "." for letter in letters if letter)


@lru_cache(maxsize=4096)
def _initial(character: str) -> str:
    if character.isascii():
        return character.upper() if character.isalnum() else ""
    if not unicodedata.name(character, "").startswith("CJK UNIFIED IDEOGRAPH"):
        return ""
    from pypinyin import Style, lazy_pinyin  # only sites that ask for initials pay for it

    return str(lazy_pinyin(character, style=Style.FIRST_LETTER)[0]).upper()


def public_view(site: Site, remember: Remember | None = None) -> Site:
    """Return the site as the public website may show it: privacy.names and .phones applied.

    Every public page and JSON file renders from this view; the kiosk renders
    from the site as written. Stories and honor rolls are published praise:
    their names stay, only phone numbers inside them are masked. `remember`
    (StoryMemo.public) masks each unchanged story only once across builds.
    """
    names, phones = site.config.privacy.names, site.config.privacy.phones
    residents = {
        rid: replace(r, name=mask_name(r.name, names)) for rid, r in site.ledger.residents.items()
    }
    events = {e.uid: _public_event(e, phones) for e in site.calendar.events}
    occurrences = tuple(replace(o, event=events[o.event.uid]) for o in site.calendar.occurrences)
    mask = story_mask(site.config)
    stories = tuple(remember(s, mask) if remember else mask(s) for s in site.stories)
    people = _people(site) if names != "full" else set()
    return replace(
        site,
        stories=stories,
        tags=_public_terms(site.tags, site.stories, stories, "tags"),
        categories=_public_terms(site.categories, site.stories, stories, "category"),
        calendar=replace(site.calendar, events=tuple(events.values()), occurrences=occurrences),
        ledger=replace(site.ledger, residents=residents),
        boards=tuple(
            replace(b, rows=tuple(r._replace(resident=residents[r.resident.id]) for r in b.rows))
            for b in site.boards
        ),
        notices=tuple(
            replace(n, title=mask_phones(n.title, phones), html=mask_phones(n.html, phones))
            for n in site.notices
        ),
        honors=tuple(_public_roll(h, phones) for h in site.honors),
        buildings=tuple(_public_board(b, names, phones) for b in site.buildings),
        wishes=tuple(
            replace(
                w,
                wish=mask_phones(w.wish, phones),
                who=mask_name(w.who, names),
                # a team (志愿服务队) stays; a neighbour who is on a roster or a board is masked
                claimed_by=mask_name(w.claimed_by, names)
                if w.claimed_by in people
                else _opt(w.claimed_by, phones),
            )
            for w in site.wishes
        ),
    )


def hidden_in_names(site: Site) -> list[tuple[Location, str, str]]:
    """Return (where, the name with its hidden characters shown, which) for every masked
    name (residents, wish makers and takers, roster names) holding an invisible character.

    A zero-width joiner or a bidi override inside a name is never part of it: it comes from
    copying, or from someone hiding the name from the leak guard. No name needs one.
    """
    named = [
        (_line_of(site.content / "points" / "residents.yaml", r.name), r.name)
        for r in site.ledger.residents.values()
        if not r.name.isprintable()
    ]
    named += [(w.source, w.who) for w in site.wishes]
    named += [(w.source, w.claimed_by) for w in site.wishes if w.claimed_by]
    named += [(b.source, role.name) for b in site.buildings for role in b.roles]
    found = []
    for where, name in named:
        hidden = [ch for ch in name if unicodedata.category(ch) == "Cf"]
        if hidden:
            shown = "".join(f"<U+{ord(ch):04X}>" if ch in hidden else ch for ch in name)
            which = " ".join(sorted({f"U+{ord(ch):04X}" for ch in hidden}))
            found.append((where, shown, which))
    return found


def _line_of(path: Path, name: str) -> Location:
    """Return where `name` is first written in `path` (a resident keeps no line of its own)."""
    with suppress(OSError):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if name in line:
                return Location(path, number, line.index(name) + 1)
    return Location(path)


def _public_terms(
    terms: tuple[Term, ...], written: tuple[Story, ...], public: tuple[Story, ...], field: str
) -> tuple[Term, ...]:
    """Return the tags (or categories) of the public stories, `written` made `public`.

    Masking leaves tags and categories as they are, so the terms group as the
    written stories' do, with each story swapped for its public self. (Grouping
    10,000 stories' 200,000 tags again took a tenth of a second.) Should masking
    ever change them, the public stories are grouped afresh.
    """
    if any(
        p.tags is not w.tags or p.category is not w.category
        for w, p in zip(written, public, strict=True)
    ):
        return group_terms(public, field)
    public_of = {id(w): p for w, p in zip(written, public, strict=True)}
    return tuple(
        replace(term, stories=tuple([public_of[id(story)] for story in term.stories]))
        for term in terms
    )


def _people(site: Site) -> set[str]:
    """Return every name written in residents.yaml, wishes.yaml and buildings.yaml."""
    found = {r.name for r in site.ledger.residents.values()}
    found |= {w.who for w in site.wishes}
    found |= {role.name for board in site.buildings for role in board.roles}
    return found


def _opt(value: str | None, phones: str) -> str | None:
    """Mask phones in an optional text; a text that was only a number may become None."""
    return (mask_phones(value, phones) or None) if value else value


def story_mask(config: SiteConfig) -> Callable[[Story], Story]:
    """Return what makes a story public: phone numbers in it masked (its names are praise)."""
    return partial(_public_story, phones=config.privacy.phones)


def _public_story(story: Story, phones: str) -> Story:
    return replace(
        story,
        title=mask_phones(story.title, phones),
        summary=mask_phones(story.summary, phones),
        html=mask_phones(story.html, phones),
    )


def _public_event(event: Event, phones: str) -> Event:
    return replace(
        event,
        title=mask_phones(event.title, phones),
        location=_opt(event.location, phones),
        organizer=_opt(event.organizer, phones),
        signup=_opt(event.signup, phones),
        description=mask_phones(event.description, phones),
    )


def _public_roll(roll: HonorRoll, phones: str) -> HonorRoll:
    entries = tuple(replace(e, citation=_opt(e.citation, phones)) for e in roll.entries)
    return replace(roll, entries=entries)


def _public_board(board: BuildingBoard, names: str, phones: str) -> BuildingBoard:
    roles = tuple(
        replace(
            role,
            name=mask_name(role.name, names),
            phone=(mask_phone_field(role.phone, phones) or None) if role.phone else None,
        )
        for role in board.roles
    )
    return replace(board, roles=roles)


# The leak guard ---------------------------------------------------------------------------

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
        self.names = _name_automaton(every, protected) if names else None
        """Written names, and each protected Chinese name's start before a gap (柳 燕)."""
        latin = {name.lower() for name in every if name.isascii()}
        self.latin = _latin_automaton(latin, {n.lower() for n in protected}) if latin else None
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

    def _names_in(self, body: str, odd: bool = True) -> list[str]:
        """Return the protected names `body` shows, however spaced, joined, cased or turned.

        `odd` is False when `body` holds none of the characters that hide a name (_ODD).
        """
        if self.names is None:
            return []
        found, split = _found_in(self.names, body)
        if not found and odd and _HIDING.search(body):
            body = as_read(body)
            found, split_read = _found_in(self.names, body)
            split = split or split_read
        if not found and split:
            found, _split = _found_in(self.names, close_name_gaps(body))
        if not found and self.latin is not None:
            found, _split = _found_in(self.latin, body.lower())
        return found

    def scan_path(self, relative: str) -> list[tuple[str, str]]:
        """Return ("name" or "phone", what was found) for an output path that carries either.

        A path is checked for any mobile number, known or not: no page needs one in its URL.
        """
        found = [("name", name) for name in self._names_in(relative, odd=True)[:1]]
        if self.phones_guarded:
            found += [("phone", number) for number in sorted(mobile_numbers(relative))[:1]]
        return found


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


_HIDING_CLASS = (
    "\u00a0\u2000-\u200f\u202a-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff"
    "\uff21-\uff3a\uff41-\uff5a"
)
_HIDING = re.compile(f"[{_HIDING_CLASS}]")
"""What may hide a name from a plain search: odd spaces, invisible controls, full-width forms."""
_ODD = re.compile(f"[{_HIDING_CLASS}{ODD_CLASS}]")
"""What may hide a name or a number: one search over a page tells whether to look further
(_HIDING and ODD_CHARS searched apart cost a pass over the page each)."""
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202c\u2066-\u2069]")
_TURNED = re.compile("\u202e([^\u202a-\u202e]*)(?:\u202c|$)")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""Chinese characters (the CJK unified and compatibility ideographs)."""
_SPACED = re.compile(f"(?<=[{_HAN}])[\\s\u00a0\u3000]+(?=[{_HAN}])")
NAME_GAPS = " \t\u00a0\u3000\u00b7\u30fb\u2022\u2027\u2219\u22c5"
"""What may stand between the characters of a name: spaces and middle dots (· ・ • ‧ ∙ ⋅)."""
GAP_RUN = 3
"""How many NAME_GAPS characters in a row still join two Chinese characters (万 · 玉廷)."""
_GAP = re.compile(f"(?<=[{_HAN}])[{NAME_GAPS}]{{1,{GAP_RUN}}}(?=[{_HAN}])")
_LATIN_GAPS = ("  ", "   ", "\u00b7", " \u00b7 ", "\u30fb", "\u2022", "\u2027", "\u00a0")
"""What else may stand between the words of a Latin name instead of its one space."""


def close_name_gaps(text: str) -> str:
    """Return `text` with up to GAP_RUN spaces or middle dots between Chinese characters
    closed up: 柳 燕, 万·玉廷 and 万 · 玉 廷 read 柳燕, 万玉廷, 万玉廷."""
    return _GAP.sub("", text)


def as_read(text: str) -> str:
    """Return `text` as a reader sees it: NFKC, a right-to-left override's span turned round,
    zero-width and bidi controls dropped, spaces between Chinese characters closed."""
    text = _TURNED.sub(lambda m: m.group(1)[::-1], unicodedata.normalize("NFKC", text))
    return _SPACED.sub("", _INVISIBLE.sub("", text))


def _written_names(site: Site) -> Any:
    """Return an automaton of resident, wish-maker and roster names (None if there are none)."""
    written = {name for name in _people(site) if len(name) >= 2}
    return _automaton(written) if written else None


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


def _found_in(automaton: Any, text: str) -> tuple[list[str], bool]:
    """Return the protected names a guard automaton (_name_automaton, _latin_automaton) finds
    in `text`, and whether it found a protected name's start before a gap (柳 燕)."""
    found, split = [], False
    for _end, (name, protected, gap) in automaton.iter_long(text):
        if protected:
            found.append(name)
        split = split or gap
    return found, split


def _name_automaton(every: Iterable[str], protected: set[str]) -> Any:
    """Return an automaton of `every` written name, each found as (name, protected, False),
    and of every protected name's start before a gap, found as (the longest written name
    that start holds or "", protected, True).

    A start before a gap (柳 of 柳燕 followed by a space or a dot) tells the guard to read the
    page again with the gaps between Chinese characters closed (close_name_gaps). Holding a
    written name, a start reports it as the name would: the name itself stands there, only
    followed by a gap character.
    """
    every = set(every)
    words: dict[str, tuple[str, bool, bool]] = {}
    for name in protected:
        for end in range(1, len(name)):
            if _is_han(name[end - 1]) and _is_han(name[end]):
                start = name[:end]
                held = max((start[:n] for n in range(2, end + 1) if start[:n] in every), default="")
                words.update({start + gap: (held, held in protected, True) for gap in NAME_GAPS})
    words.update({name: (name, name in protected, False) for name in every})
    return _automaton_of(words)


def _latin_automaton(every: Iterable[str], protected: set[str]) -> Any:
    """Return an automaton of `every` written Latin name, lower case, each also with its
    spaces written as one of _LATIN_GAPS (JOHN  SMITH, John·Smith), found as the name."""
    words = {}
    for name in every:
        for gap in _LATIN_GAPS if " " in name else ():
            words[name.replace(" ", gap)] = (name, name in protected, False)
    words.update({name: (name, name in protected, False) for name in every})
    return _automaton_of(words)


def _is_han(character: str) -> bool:
    """Tell whether `character` is a Chinese character (_HAN)."""
    return _HAN_CHAR.fullmatch(character) is not None


_HAN_CHAR = re.compile(f"[{_HAN}]")


def _automaton_of(words: Mapping[str, object]) -> Any:
    """Return an Aho-Corasick automaton finding each of `words` (found as its value)."""
    automaton = ahocorasick.Automaton()
    for word, value in words.items():
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


def _automaton(names: Iterable[str]) -> Any:
    """Return an Aho-Corasick automaton finding any of `names` in one pass over a text.

    Thousands of residents' names against megabytes of pages: a regular expression
    tries every name at every character, this reads each character once.
    """
    return _automaton_of({name: name for name in names})


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
    two seconds after it last changed.
    """
    known: dict[str, Noted] = {}
    if cache is not None:
        with suppress(OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            known = pickle.loads(cache.read_bytes())
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
            write_atomically(cache, pickle.dumps(fresh, pickle.HIGHEST_PROTOCOL))
    return numbers
