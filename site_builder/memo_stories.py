"""The public stories of the last full build, read from the story memo when a patch shows
them (story_patch.py): a term lists thousands of stories, the pages a patch renders show
a few hundred, and reading each from the memo's SQLite file costs far less than loading
them all.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import overload

from site_builder.cache import rows_in
from site_builder.kinds.stories import Story
from site_builder.kinds.story_memo import memo_generation
from site_builder.last_build import LastBuild


class NotInMemo(Exception):
    """The story memo is not the one the last full build wrote: a full build is needed."""


class MemoStories:
    """The public stories of the last full build, read one by one from the story memo when shown."""

    def __init__(self, memo: Path, last: LastBuild) -> None:
        self.memo, self.last = memo, last
        self.fresh: dict[int, Story] = {}
        """Edited stories, as read now, by place."""
        self._read: dict[int, Story] = {}
        self._db: sqlite3.Connection | None = None

    def story(self, index: int) -> Story:
        """Return the public story at `index` (raise NotInMemo if the memo does not have it)."""
        story = self.fresh.get(index) or self._read.get(index)
        if story is None:
            story = self._read[index] = self._load(index)
        return story

    def open(self) -> None:
        """Open the memo; raise NotInMemo unless it is the one the last full build wrote."""
        try:
            self._db = sqlite3.connect(f"file:{self.memo}?mode=ro", uri=True)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'setting'").fetchone()
            same = row is not None and row[0] == self.last.setting
            if not same or memo_generation(self._db) != self.last.generation:
                raise NotInMemo
        except sqlite3.DatabaseError as exc:
            raise NotInMemo from exc

    def fetch(self, places: set[int]) -> None:
        """Read the stories at `places` now, a few hundred to a query."""
        wanted = sorted(places - self.fresh.keys() - self._read.keys())
        files = {self.last.places[index][0]: index for index in wanted}
        if self._db is None:
            return  # read one by one, and found missing, by _load
        query = "SELECT path, entry FROM known WHERE path IN ({})"
        try:
            rows = list(rows_in(self._db, query, list(files)))
        except sqlite3.DatabaseError as exc:
            raise NotInMemo from exc
        for file, entry in rows:
            self._read[files[file]] = self._story(file, entry)

    def _load(self, index: int) -> Story:
        file = self.last.places[index][0]
        if self._db is None:
            raise NotInMemo
        try:
            row = self._db.execute("SELECT entry FROM known WHERE path = ?", (file,)).fetchone()
        except sqlite3.DatabaseError as exc:
            raise NotInMemo from exc
        if row is None:
            raise NotInMemo
        return self._story(file, row[0])

    def _story(self, file: str, entry: bytes) -> Story:
        """Return the public story of a memo entry, if it is the one the last full build read."""
        try:
            known = pickle.loads(entry)
        except (pickle.UnpicklingError, EOFError, AttributeError, TypeError) as exc:
            raise NotInMemo from exc
        was = self.last.stamps.get(Path(file).name)
        if known is None or known.public is None or was is None or known.stamp != was[0]:
            raise NotInMemo
        public: Story = known.public
        return public

    def close(self) -> None:
        """Close the memo."""
        if self._db is not None:
            self._db.close()


class Stories(Sequence[Story]):
    """Stories by place, read when a page shows them (a term lists thousands, a page ten)."""

    def __init__(self, source: MemoStories, places: Sequence[int]) -> None:
        self.source, self.places = source, places

    def __len__(self) -> int:
        return len(self.places)

    @overload
    def __getitem__(self, index: int) -> Story: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Story, ...]: ...
    def __getitem__(self, index: int | slice) -> Story | tuple[Story, ...]:
        if isinstance(index, slice):
            return tuple(self.source.story(place) for place in self.places[index])
        return self.source.story(self.places[index])

    def __iter__(self) -> Iterator[Story]:
        return (self.source.story(place) for place in self.places)

    def __bool__(self) -> bool:
        return bool(self.places)


class PagesByFile(Mapping[Path, "str | None"]):
    """Each story file's page, kept by file name as text (10,000 paths need not be made)."""

    def __init__(self, pages: dict[str, str | None]) -> None:
        self.pages = pages

    def __getitem__(self, path: Path) -> str | None:
        return self.pages[str(path)]

    def __contains__(self, path: object) -> bool:
        return str(path) in self.pages

    def __iter__(self) -> Iterator[Path]:
        return map(Path, self.pages)

    def __len__(self) -> int:
        return len(self.pages)
