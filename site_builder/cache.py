"""The build cache beside the output folder: work a rebuild need not do again.

Today it keeps Python-Markdown's output per document, keyed by the document's
text and the converter's version and settings, in one SQLite file: a rebuild
after editing one story converts that story only. A damaged or foreign cache
file is set aside and rebuilt; the cache can always be deleted.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import markdown

SCHEMA = 1
"""Bump when what is stored changes meaning."""


class MarkdownCache:
    """Raw HTML of converted Markdown, by content hash."""

    def __init__(self, folder: Path, settings: str) -> None:
        self.path = folder / "markdown.sqlite"
        self.prefix = f"{SCHEMA}|{markdown.__version__}|{settings}|".encode()

    def key(self, text: str) -> str:
        """Return the cache key of a document: its text and how it is converted."""
        return hashlib.sha256(self.prefix + text.encode("utf-8")).hexdigest()

    def convert(self, texts: list[str], convert: Callable[[list[str]], list[str]]) -> list[str]:
        """Return the HTML of each text, converting (with `convert`) only those not cached."""
        keys = [self.key(text) for text in texts]
        try:
            with self._open() as db:
                known = self._lookup(db, set(keys))
                missing = sorted(
                    {k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items()
                )
                if missing:
                    fresh = convert([text for _, text in missing])
                    rows = [(key, html) for (key, _), html in zip(missing, fresh, strict=True)]
                    db.executemany("INSERT OR REPLACE INTO html VALUES (?, ?)", rows)
                    known.update(rows)
            return [known[key] for key in keys]
        except sqlite3.DatabaseError:
            self.path.replace(self.path.with_suffix(".damaged"))
            return convert(texts)

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE IF NOT EXISTS html (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
        return db

    @staticmethod
    def _lookup(db: sqlite3.Connection, keys: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        wanted = sorted(keys)
        for start in range(0, len(wanted), 500):  # SQLite limits the number of parameters
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(db.execute(f"SELECT key, html FROM html WHERE key IN ({marks})", chunk))
        return found


@lru_cache(maxsize=1)
def code_version() -> str:
    """Return a fingerprint of this program: its source and the converters it uses.

    Anything remembered between builds is keyed by it, so an upgrade (or a
    developer's edit) never reuses what older code produced.
    """
    digest = hashlib.sha256(f"{markdown.__version__}|{version('nh3')}".encode())
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:32]
