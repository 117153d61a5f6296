"""What the forms offer to pick from, read from the site as it is now.

Categories and tags in use, residents with their balance, rules and rewards, the event
files, the honor rolls, the published stories a roll may link: all from one load of the
content (the same load `check` does). When the content has errors, the forms still open
with what the files give, and the page lists the errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_builder.config import Community
from site_builder.editor.checking import Problem, in_content, load_current
from site_builder.kinds.points_models import EarnRule, Resident, Reward
from site_builder.sources import content_files


@dataclass(frozen=True, slots=True)
class Person:
    """A resident as the points form lists them."""

    resident: Resident
    balance: int
    """Points now: everything earned less everything redeemed, as the boards count it."""


@dataclass(frozen=True, slots=True)
class Facts:
    """What the forms offer, and the errors the content has now."""

    language: str
    communities: tuple[Community, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    buildings: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()
    rules: tuple[EarnRule, ...] = ()
    rewards: tuple[Reward, ...] = ()
    stories: tuple[tuple[str, str], ...] = ()
    """Published stories (slug, title), newest first: what an honor roll may link."""
    rolls: tuple[tuple[str, str], ...] = ()
    """Honor roll files (path in content/, title), newest first."""
    event_files: tuple[str, ...] = ()
    """Event files, paths in content/."""
    pages: dict[str, str] = field(default_factory=dict)
    """Each public page's output path → the content file it comes from (path in content/)."""
    today: dt.date | None = None
    errors: tuple[Problem, ...] = ()
    """The content's errors now (the forms still open; saving checks again)."""


def read_facts(content: Path, today: dt.date | None, language: str) -> Facts:
    """Load the site and gather what the forms offer."""
    loaded, errors = load_current(content, today)
    event_files = tuple(
        p.relative_to(content).as_posix()
        for suffix in ("*.yaml", "*.yml")
        for p in content_files(content / "events", suffix)
    )
    if loaded is None:
        rolls = tuple(
            (p.relative_to(content).as_posix(), p.stem)
            for p in content_files(content / "honors", "*.yaml")
        )
        return Facts(language, event_files=event_files, rolls=rolls, errors=tuple(errors))
    site = loaded.site
    ledger = site.ledger
    balance: dict[str, int] = dict.fromkeys(ledger.residents, 0)
    for entry in ledger.entries:
        balance[entry.resident] = balance.get(entry.resident, 0) + entry.earned - entry.spent
    buildings = {s.building for s in site.stories if s.building}
    buildings.update(r.building for r in ledger.residents.values() if r.building)
    pages = {
        page.path: in_content(page.source.path, content)
        for page in loaded.pages
        if page.source is not None
    }
    return Facts(
        language,
        communities=site.config.communities,
        categories=tuple(term.name for term in site.categories),
        tags=tuple(term.name for term in site.tags),
        buildings=tuple(sorted(buildings, key=_building_order)),
        people=tuple(Person(r, balance.get(r.id, 0)) for r in ledger.residents.values()),
        rules=tuple(ledger.rules.values()),
        rewards=tuple(ledger.rewards.values()),
        stories=tuple((story.slug, story.title) for story in site.stories),
        rolls=tuple((in_content(r.source.path, content), r.title) for r in site.honors),
        event_files=event_files,
        pages=pages,
        today=site.today,
        errors=tuple(errors),
    )


def _building_order(name: str) -> tuple[int, str]:
    """Return a sort key putting 2栋 before 10栋."""
    digits = "".join(c for c in name if c.isdigit())
    return (int(digits) if digits else 10**6, name)


@dataclass(frozen=True, slots=True)
class Listed:
    """A story or notice file as the editor's index lists it."""

    relative: str
    title: str
    """Its title as written (the file name when it has none)."""
    date: str
    """Its date as written ("" when it has none)."""


def listed(content: Path, folder: str) -> list[Listed]:
    """Return the Markdown files of a folder of content/, newest first, with their titles.

    Only the front matter's `title:` and `date:` lines are read, so a big site lists fast.
    """
    found = []
    for path in content_files(content / folder, "*.md"):
        try:
            head = path.read_bytes()[:4096].decode("utf-8-sig", errors="replace")
        except OSError:
            continue
        title = _line_value(head, "title") or path.stem
        found.append(Listed(path.relative_to(content).as_posix(), title, _line_value(head, "date")))
    return sorted(found, key=lambda item: (item.date, item.relative), reverse=True)


def _line_value(head: str, key: str) -> str:
    """Return the value of a front matter line `key: value`, unquoted, or ""."""
    found = re.search(rf"^{key}:[ \t]*(.+?)[ \t]*$", head.split("\n---", 1)[0], re.MULTILINE)
    if found is None:
        return ""
    try:
        value = yaml.safe_load(f"v: {found.group(1)}")
    except (yaml.YAMLError, ValueError, OverflowError):
        return found.group(1)
    value = value.get("v") if isinstance(value, dict) else None
    return "" if value is None else str(value)
