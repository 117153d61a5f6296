"""Residents' names in a text however they are written: how the leak guard reads a page.

A page is read as it is, then as a reader sees it (as_read: NFKC, invisible and bidi
controls, spaced Chinese characters) when it holds a character that may hide a name,
then with the gaps between Chinese characters closed (close_name_gaps) when a protected
name's start stands before one; Latin names are also looked for in lower case.
Every search is an Aho-Corasick automaton over all written names in one pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import ahocorasick

HIDING_CLASS = (
    "\u00a0\u2000-\u200f\u202a-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff"
    "\uff21-\uff3a\uff41-\uff5a"
)
"""What may hide a name from a plain search, inside its brackets: odd spaces, invisible
controls, full-width forms (the leak guard searches it with phones.ODD_CLASS in one class)."""
_HIDING = re.compile(f"[{HIDING_CLASS}]")
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


def names_in(names: Any, latin: Any | None, body: str, odd: bool) -> list[str]:
    """Return the protected names `body` shows, however spaced, joined, cased or turned.

    `names` is a name_automaton, `latin` a latin_automaton (None: no Latin names are
    written); `odd` is False when `body` holds none of the characters in HIDING_CLASS.
    """
    found, split = _found_in(names, body)
    if not found and odd and _HIDING.search(body):
        body = as_read(body)
        found, split_read = _found_in(names, body)
        split = split or split_read
    if not found and split:
        found, _split = _found_in(names, close_name_gaps(body))
    if not found and latin is not None:
        found, _split = _found_in(latin, body.lower())
    return found


def _found_in(automaton: Any, text: str) -> tuple[list[str], bool]:
    """Return the protected names a guard automaton (name_automaton, latin_automaton) finds
    in `text`, and whether it found a protected name's start before a gap (柳 燕)."""
    found, split = [], False
    for _end, (name, protected, gap) in automaton.iter_long(text):
        if protected:
            found.append(name)
        split = split or gap
    return found, split


def name_automaton(every: Iterable[str], protected: set[str]) -> Any:
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


def latin_automaton(every: Iterable[str], protected: set[str]) -> Any:
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


def automaton(names: Iterable[str]) -> Any:
    """Return an Aho-Corasick automaton finding any of `names` in one pass over a text.

    Thousands of residents' names against megabytes of pages: a regular expression
    tries every name at every character, this reads each character once.
    """
    return _automaton_of({name: name for name in names})
