"""The story memo: what each story file gave last time, kept in the build cache (SQLite)."""

from __future__ import annotations

import pickle
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.assets import ContentFiles, Resolved
from site_builder.bodies import StoryPages
from site_builder.cache import Stamp, file_digest, same_file, settled
from site_builder.diagnostics import Diagnostic, Diagnostics
from site_builder.kinds.stories import Story, _Header
from site_builder.phones import Noted
from site_builder.workers import pickled_by_fields

_ABSENT = "\0absent"
"""The answer "no such story file" in a remembered page lookup (no page path looks like it)."""

Asked = list[tuple[str, "Path | None", Resolved]]
"""Paths a story resolved, where it stood, and what came back."""


class _AskedFiles(ContentFiles):
    """Content files that write down every path asked about, with the answer."""

    def __init__(self, files: ContentFiles) -> None:
        self.root = files.root
        self.asked: Asked = []

    def resolve(self, written: str, beside: Path | None = None) -> Resolved:
        """Resolve as usual, and remember the question and the answer."""
        answer = super().resolve(written, beside)
        self.asked.append((written, beside, answer))
        return answer


class _AskedPages(Mapping[Path, "str | None"]):
    """Story pages that write down every story file looked up, with the answer."""

    def __init__(self, pages: StoryPages) -> None:
        self.pages = pages
        self.asked: list[tuple[Path, str | None]] = []

    def __getitem__(self, key: Path) -> str | None:
        value = self.pages[key]
        self.asked.append((key, value))
        return value

    def __contains__(self, key: object) -> bool:
        found = key in self.pages
        if not found and isinstance(key, Path):
            self.asked.append((key, _ABSENT))
        return found

    def __iter__(self) -> Iterator[Path]:
        return iter(self.pages)

    def __len__(self) -> int:
        return len(self.pages)


@pickled_by_fields
@dataclass(slots=True)
class _Known:
    """What one story file gave the last time it was read."""

    stamp: Stamp
    """mtime, size and inode when read."""
    digest: bytes
    """Hash of the file's bytes, for files changed just before they were read."""
    read_at: int
    """When it was read (ns since the epoch)."""
    header: _Header | None
    """Its front matter (body left out: read again on the rare occasion it is needed)."""
    header_notes: list[Diagnostic]
    """Diagnostics reading the front matter gave."""
    header_asked: Asked
    """Paths the front matter resolved (the cover)."""
    story: Story | None = None
    """The story, once its body was rendered."""
    body_notes: list[Diagnostic] = field(default_factory=list)
    """Diagnostics rendering the body gave."""
    body_asked: Asked = field(default_factory=list)
    """Paths the body resolved."""
    body_pages: list[tuple[Path, str | None]] = field(default_factory=list)
    """Story files the body linked, and their pages then."""
    public: Story | None = None
    """The story as the public site shows it (privacy applied)."""


class StoryMemo:
    """What each story file gave last time, reused while nothing it depended on changed.

    A story depends on its file, on the settings and the day (part of `setting`),
    on the files its cover and links resolved to, and on the pages of the stories
    it links. `build` keeps the memo in the build cache; `serve` keeps it in memory.
    """

    def __init__(self, setting: str) -> None:
        self.setting = setting
        self.generation = ""
        """Changes with every write of the memo's file (a base of resume.py names it)."""
        self.known: dict[Path, _Known] = {}
        self.changed: set[Path] = set()
        self.dropped: set[Path] = set()
        self.pages: StoryPages = {}
        """Every story file's page, as the last load found them (not kept in the file)."""
        self.numbers: dict[str, Noted] = {}
        """The mobile numbers in each story file the last load read, with the file's stamp
        and when it was taken (leak_guard.LeakGuard's; not kept in the file)."""

    def forget_all_but(self, paths: list[Path]) -> None:
        """Drop what is remembered about story files that are gone."""
        gone = self.known.keys() - set(paths)
        for path in gone:
            del self.known[path]
        self.dropped |= gone

    def header(self, path: Path, stamp: Stamp, files: ContentFiles) -> _Known | None:
        """Return what `path` gave last time, if the file and its cover are as they were."""
        known = self.known.get(path)
        if known is None or stamp == (0, 0, 0):
            return None
        if not same_file(path, stamp, known.stamp, known.read_at, known.digest):
            return None
        if not _same_answers(known.header_asked, files):
            return None
        return known

    def unchanged(self, path: Path, stamp: Stamp | None) -> bool:
        """Tell whether `path` is the file read last time (its stamp, or its bytes if racy)."""
        known = self.known.get(path)
        return known is not None and same_file(
            path, stamp, known.stamp, known.read_at, known.digest
        )

    def remember_header(
        self,
        path: Path,
        stamp: Stamp,
        header: _Header | None,
        notes: list[Diagnostic],
        asked: Asked,
    ) -> None:
        """Remember a freshly read header (and forget the story made from the old one)."""
        kept = replace(header, body="") if header is not None else None
        now = time.time_ns()
        digest = b"" if settled(stamp, now) else (file_digest(path) or b"")
        self.known[path] = _Known(stamp, digest, now, kept, notes, asked)
        self.changed.add(path)

    def story(
        self, path: Path, files: ContentFiles, pages: StoryPages, diags: Diagnostics
    ) -> Story | None:
        """Return the story made last time from `path`, if its links resolve as before."""
        known = self.known.get(path)
        if known is None or known.story is None:
            return None
        if not _same_answers(known.body_asked, files):
            return None
        if any(pages.get(target, _ABSENT) != page for target, page in known.body_pages):
            return None
        diags.items.extend(known.body_notes)
        return known.story

    def remember_story(
        self,
        path: Path,
        story: Story,
        notes: list[Diagnostic],
        asked: Asked,
        pages: list[tuple[Path, str | None]],
    ) -> None:
        """Remember a freshly rendered story."""
        known = self.known[path]
        known.story, known.body_notes, known.body_asked, known.body_pages = (
            story,
            notes,
            asked,
            pages,
        )
        known.public = None
        self.changed.add(path)

    def public(self, story: Story, mask: Callable[[Story], Story]) -> Story:
        """Return `story` as the public site shows it, masking it only once."""
        known = self.known.get(story.source.path)
        if known is None or known.story is not story:
            return mask(story)
        if known.public is None:
            known.public = mask(story)
            self.changed.add(story.source.path)
        return known.public


def _same_answers(asked: Asked, files: ContentFiles) -> bool:
    return all(files.resolve(written, beside) == answer for written, beside, answer in asked)


def open_memo(file: Path | None, setting: str, kept: StoryMemo | None = None) -> StoryMemo:
    """Return the story memo kept in `file` (an SQLite file in the build cache) for `setting`.

    `kept` is the memo an earlier build of this process used (`serve` keeps it, and
    rebuilds without reading the file again). A memo made under other settings,
    another day or another version of the code is not used; a damaged file is set
    aside. Without a file the memo lives in memory only.
    """
    if kept is not None and kept.setting == setting:
        return kept
    if file is None:
        return StoryMemo(setting)
    memo = StoryMemo(setting)
    try:
        with closing(_connect(file)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'setting'").fetchone()
            if row is not None and row[0] == setting:
                memo.generation = memo_generation(db)
                for path, blob in db.execute("SELECT path, entry FROM known"):
                    memo.known[Path(path)] = pickle.loads(blob)
    except (sqlite3.DatabaseError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        file.replace(file.with_suffix(".damaged"))
        memo = StoryMemo(setting)
    return memo


def save_memo(file: Path | None, memo: StoryMemo) -> None:
    """Write what changed in `memo` to `file`; a failure only costs the next build time."""
    if file is None or not (memo.changed or memo.dropped):
        return
    try:
        with closing(_connect(file)) as db, db:
            row = db.execute("SELECT value FROM meta WHERE key = 'setting'").fetchone()
            if row is None or row[0] != memo.setting:
                db.execute("DELETE FROM known")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('setting', ?)", (memo.setting,))
                memo.changed |= memo.known.keys()
            db.executemany("DELETE FROM known WHERE path = ?", [(str(p),) for p in memo.dropped])
            rows = [
                (str(p), pickle.dumps(memo.known[p], pickle.HIGHEST_PROTOCOL))
                for p in memo.changed
                if p in memo.known
            ]
            db.executemany("INSERT OR REPLACE INTO known VALUES (?, ?)", rows)
            generation = secrets.token_hex(8)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
    except (sqlite3.DatabaseError, OSError):
        return
    memo.generation = generation
    memo.changed.clear()
    memo.dropped.clear()


def memo_generation(db: sqlite3.Connection) -> str:
    """Return the generation of an open memo file ("" if never written)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return str(row[0]) if row is not None else ""


def _connect(file: Path) -> sqlite3.Connection:
    file.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(file)
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS known (path TEXT PRIMARY KEY, entry BLOB NOT NULL)")
    return db
