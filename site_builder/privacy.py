"""What the public site may show of residents: the public view of a site.

public_view applies `privacy.names` and `privacy.phones` (masking.py) to every field a
public page shows. Mobile numbers are recognised inside any free text (a signup line, a
description), however written (phones.py). What the rendered pages then show is checked
by the leak guard (leak_guard.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.diagnostics import Location
from site_builder.kinds.terms import group_terms
from site_builder.masking import mask_name, mask_phone_field
from site_builder.phones import mask_phones

if TYPE_CHECKING:  # privacy.py sits below site.py; only the type checker needs these
    from site_builder.config import SiteConfig
    from site_builder.kinds.buildings import BuildingBoard
    from site_builder.kinds.events import Event
    from site_builder.kinds.honors import HonorRoll
    from site_builder.kinds.stories import Story
    from site_builder.kinds.terms import Term
    from site_builder.site import Site

    Remember = Callable[[Story, Callable[[Story], Story]], Story]


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
    named = people(site) if names != "full" else set()
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
                if w.claimed_by in named
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


def people(site: Site) -> set[str]:
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
