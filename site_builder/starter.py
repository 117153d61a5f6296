"""`site-builder init [FOLDER]`: a working site from nothing.

The starter site lives as real files under site_builder/starter/<language>/content/,
each commented for a volunteer to copy. Its dates are written relative to the day
it is made (@TODAY@ and friends), so the first build shows a current notice, a
coming event and this month's points rather than last year's.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import zoneinfo
from pathlib import Path

from site_builder.config import DEFAULT_TIMEZONE

STARTER = Path(__file__).parent / "starter"


class SiteExists(Exception):
    """The folder already holds content: init writes nothing rather than overwrite it."""

    def __init__(self, content: Path) -> None:
        super().__init__(str(content))
        self.content = content


def starter_today() -> dt.date:
    """Return today where the starter site is (its site.yaml keeps the default time zone)."""
    return dt.datetime.now(zoneinfo.ZoneInfo(DEFAULT_TIMEZONE)).date()


def starter_tokens(today: dt.date) -> dict[str, str]:
    """Return the dates the starter files are written with, relative to `today`."""
    saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
    return {
        "@TODAY@": today.isoformat(),
        "@EXPIRES@": (today + dt.timedelta(days=14)).isoformat(),
        "@EVENT_START@": f"{saturday.isoformat()} 09:00",
        "@UNTIL@": f"{saturday.year + 1}1231",
        "@MONTH@": f"{today:%Y-%m}",
    }


def init_site(folder: Path, language: str, today: dt.date) -> Path:
    """Write the starter site into folder/content and return that content folder.

    Refuse (SiteExists) when folder/content exists and is not empty; nothing is
    written then. The files are written beside it first and the folder renamed into
    place, so a full disk leaves no half a site. The folder itself may exist.
    """
    content = folder / "content"
    if content.exists() and (not content.is_dir() or any(content.iterdir())):
        raise SiteExists(content)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".content-", dir=folder))
    try:
        _write_starter(STARTER / language / "content", staging, starter_tokens(today))
        if content.exists():
            content.rmdir()  # empty, as checked above
        staging.rename(content)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return content


def _write_starter(source: Path, target: Path, tokens: dict[str, str]) -> None:
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        written = target / _replaced(path.relative_to(source).as_posix(), tokens)
        written.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in (".md", ".yaml"):
            text = _replaced(path.read_text(encoding="utf-8"), tokens)
            written.write_text(text, encoding="utf-8", newline="\n")
        else:
            written.write_bytes(path.read_bytes())


def _replaced(text: str, tokens: dict[str, str]) -> str:
    for token, value in tokens.items():
        text = text.replace(token, value)
    return text
