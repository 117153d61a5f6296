"""Incremental rendering: know which pages changed without rendering them.

A page's output is decided by its template (and the templates it pulls in),
its own context, and the site-wide values its templates read. Each page gets
two keys:

- the *page key*: the theme, the settings, the day, the page's path, template
  and context;
- the *full key*: the page key plus the value of every global the page read
  last time it rendered. A `Context` subclass writes down those names while
  Jinja renders, so a story page that never looks at the ledger does not
  change when the ledger does.

A page whose full key is the one recorded by the previous build is the same
file as before and is neither rendered nor written. Keys are digests of the
values themselves (dataclasses walked field by field, or pickled whole when
their pickle is their fields, like a story; each object digested once per
build), never of object identities, so they hold across processes.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import io
import pickle
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any

import jinja2
from jinja2.runtime import Context
from jinja2.utils import missing

from site_builder.cache import code_version
from site_builder.pages import Page
from site_builder.site import Site
from site_builder.workers import BY_FIELDS

_SHARED_FROM = 16
"""Tuples and lists longer than this are digested once per object, like dataclasses."""
_PLAIN = (str, int, float, bool, type(None), Decimal, dt.date, dt.datetime, dt.time, dt.timedelta)


class Digester:
    """Digest values for page keys, each dataclass object once per build."""

    def __init__(self) -> None:
        self._known: dict[int, str] = {}
        self._alive: list[object] = []  # keeps every digested object's id unique for the build
        self._fields: dict[type, tuple[str, ...]] = {}

    def stand_in(self, value: object, text: str) -> None:
        """Digest `value` as `text`: for big values whose inputs are known (the boards)."""
        self._known[id(value)] = "#" + _hash(text)
        self._alive.append(value)

    def digest(self, value: object) -> str:
        """Return a short hex digest of `value`'s contents."""
        return _hash(self._text(value))

    def _text(self, value: object) -> str:
        kind = type(value)
        if kind is str:  # its length, then itself: unambiguous, and cheaper than repr
            return f"{len(value)}'{value}"  # type: ignore[arg-type]
        if kind in _PLAIN or isinstance(value, PurePath):
            return repr(value)
        if kind is tuple or kind is list:
            if len(value) > _SHARED_FROM:  # type: ignore[arg-type]
                return self._object(value)  # long sequences are shared (a list's page paths)
            return "(" + ",".join(map(self._text, value)) + ")"  # type: ignore[call-overload]
        if kind is dict:
            pairs = value.items()  # type: ignore[attr-defined]
            return "{" + ",".join(f"{self._text(k)}:{self._text(v)}" for k, v in pairs) + "}"
        if kind is set or kind is frozenset:
            return "{" + ",".join(sorted(map(self._text, value))) + "}"  # type: ignore[call-overload]
        return self._object(value)

    def _object(self, value: object) -> str:
        known = self._known.get(id(value))
        if known is not None:
            return known
        kind = type(value)
        names = self._fields.get(kind)
        if names is None:
            if dataclasses.is_dataclass(value):
                names = tuple(f.name for f in dataclasses.fields(value))
            elif isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple
                names = tuple(value._fields)
            else:
                names = ()
            self._fields[kind] = names
        if kind in BY_FIELDS:  # a story: its fields' values pickled, in one C call
            buffer = io.BytesIO()
            pickler = pickle.Pickler(buffer, 5)
            pickler.fast = True  # no memo: equal values pickle alike, however shared
            pickler.dump(value)
            digest = "#" + hashlib.blake2b(buffer.getvalue(), digest_size=16).hexdigest()
            self._known[id(value)] = digest
            self._alive.append(value)
            return digest
        if kind is tuple or kind is list:
            items: list[object] = list(value)  # type: ignore[call-overload]
            done = map(self._known.get, map(id, items))  # objects digested before: no walk
            text = "(" + ",".join([d or self._text(v) for d, v in zip(done, items, strict=True)])
            text += ")"
        elif names:
            parts = ",".join(self._text(getattr(value, name)) for name in names)
            text = f"{kind.__qualname__}({parts})"
        elif isinstance(value, str):  # Markup and other str subclasses
            text = f"{kind.__qualname__}({str.__repr__(value)})"
        else:  # anything else (a dateutil rule): its pickle, which is stable
            text = kind.__qualname__ + pickle.dumps(value, 4).hex()
        digest = "#" + _hash(text)
        self._known[id(value)] = digest
        self._alive.append(value)
        return digest


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class RecordingContext(Context):
    """A Jinja context that writes down every name a template looks up."""

    def resolve_or_missing(self, key: str) -> Any:
        """Look `key` up as Jinja does, noting it if a page is being recorded.

        (Jinja's lookup written out here: a page looks up some forty names.)
        """
        if _reading is not None:
            _reading.add(key)
        found = self.vars.get(key, missing)
        if found is missing:
            found = self.parent.get(key, missing)
        return found


_reading: set[str] | None = None
"""Names looked up by the page being rendered (None when not recording)."""


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the names every template looks up while the block runs."""
    global _reading
    names: set[str] = set()
    outer, _reading = _reading, names
    try:
        yield names
    finally:
        _reading = outer


_DATA_OF: dict[str, Callable[[Site], object]] = {
    "json:stories": lambda site: site.stories,
    "json:notices": lambda site: site.notices,
    "json:honors": lambda site: site.honors,
    "json:buildings": lambda site: site.buildings,
    "json:wishes": lambda site: site.wishes,
    "json:leaderboards": lambda site: site.boards,
    "json:events": lambda site: site.calendar.events,
    "ics:calendar": lambda site: (site.calendar.events, site.calendar.occurrences),
}
"""What each data file written by Python (not a template) shows besides its context."""


class PageKeys:
    """Compute the page key and full key of the pages of one build."""

    def __init__(
        self,
        site: Site,
        env: jinja2.Environment,
        template_dirs: Iterable[Path],
        hidden: dict[str, Callable[[], object]],
    ) -> None:
        """`hidden` gives, for a global function, the site data its answers depend on."""
        self.site = site
        self.env = env
        self.hidden = hidden
        self.digester = Digester()
        # The ledger and its boards (100,000 entries, thousands of rows) follow from the
        # files under points/, the day and the settings, all cheap to digest.
        ledger = site.ledger.fingerprint
        if ledger:
            self.digester.stand_in(site.ledger, f"ledger:{ledger}")
            for board in site.boards:
                key = f"board:{ledger}:{board.period.key}:{board.scope}:{board.measure}"
                self.digester.stand_in(board, key)
        self._globals: dict[str, str] = {}
        self._reads: dict[tuple[str, ...], str] = {}
        theme = hashlib.blake2b(digest_size=16)
        for folder in template_dirs:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    theme.update(path.relative_to(folder).as_posix().encode() + b"\0")
                    theme.update(path.read_bytes())
        self.base = _hash(
            f"{code_version()}|{theme.hexdigest()}|{site.config!r}|{site.today}|{site.content}"
        )

    def edited(self, site: Site) -> PageKeys:
        """Return the keys of an edited version of the site, same theme, settings and day.

        Objects the two versions share keep their digests; globals are digested again.
        """
        keys = copy.copy(self)
        keys.site = site
        keys._globals = {}
        keys._reads = {}
        return keys

    def page_key(self, page: Page) -> str:
        """Return the key of everything the page is, except the globals it reads."""
        data = _DATA_OF.get(page.template)
        extra = self.digester.digest(data(self.site)) if data else ""
        context = self.digester.digest(page.context)
        return _hash(f"{self.base}|{page.path}|{page.template}|{context}|{extra}")

    def full_key(self, page_key: str, reads: tuple[str, ...]) -> str:
        """Return the page key together with the value of every global in `reads`."""
        values = self._reads.get(reads)
        if values is None:  # pages of a kind read the same globals: joined once
            values = ",".join(f"{n}={self.global_digest(n)}" for n in reads)
            self._reads[reads] = values
        return _hash(page_key + "|" + values)

    def global_digest(self, name: str) -> str:
        """Return the digest of one Jinja global (computed once per build)."""
        known = self._globals.get(name)
        if known is None:
            if name in self.hidden:
                known = self.digester.digest(self.hidden[name]())
            elif name not in self.env.globals:
                known = ""  # a page variable or an undefined name: covered by the page key
            else:
                value = self.env.globals[name]
                # other functions are pure, or depend only on settings (in the page key)
                known = "function" if callable(value) else self.digester.digest(value)
            self._globals[name] = known
        return known


def note_reads(names: Iterable[str]) -> None:
    """Note `names` as looked up by the page being recorded (what a remembered part read)."""
    if _reading is not None:
        _reading.update(names)


def relevant(reads: set[str], env: jinja2.Environment) -> tuple[str, ...]:
    """Return the globals among the names a page looked up, sorted (one tuple per set)."""
    names = tuple(sorted(name for name in reads if name in env.globals))
    return _READS.setdefault(names, names)


_READS: dict[tuple[str, ...], tuple[str, ...]] = {}
"""Pages of a kind read the same globals: one shared tuple keeps the build record small."""
