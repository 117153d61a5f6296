"""The lobby board: one self-contained folder per community, shown unattended for weeks.

Slides that never change between builds (stories with their QR codes, the
points chart, the newest honor roll, building boards, open wishes) are
rendered here. What depends on the day (today, events, notices) ships as
data with its dates in data.js, and the page decides in the browser, with
the screen's clock, what is current; so does the leaderboard's name (this
month's, last month's, or just its month's). data.js is a script rather than JSON so
it loads from file:// too; version.json lets a served screen notice a new
build and reload itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from site_builder.fonts import FONT_CSS, board_fonts
from site_builder.kinds import calendar, leaderboards, wishes
from site_builder.kinds.calendar import Occurrence
from site_builder.kinds.event_times import When
from site_builder.kinds.notices import Notice
from site_builder.lunar import almanac
from site_builder.pages import Page
from site_builder.picture_files import make_files
from site_builder.qr import qr_svg
from site_builder.render import SiteRenderer
from site_builder.site import Site
from site_builder.ui_text import UI, format_date, format_month, format_weekday
from site_builder.urls import absolute_url, relativize_html

STORIES = 3
"""Latest stories, one slide each."""
BUILDINGS = 8
"""Building boards, one slide each."""
WISHES = 6
"""Open wishes on the wishes slide."""
DAYS_AHEAD = 62
"""Events, notices and the almanac reach this far: a board left unrebuilt stays right."""
RELOAD_MINUTES = 30
"""Under file:// (no fetch), reload the page this often to pick up a new build."""
POLL_SECONDS = 60
"""How often a served board asks version.json whether a new build is out."""


@dataclass(frozen=True, slots=True)
class Kiosk:
    """One lobby board: where it goes and what it shows."""

    folder: str
    """Output folder under output/kiosk/: the community id, or "" for a one-community site."""
    community: str | None
    """Community id, or None for the whole site."""


def kiosks(site: Site) -> list[Kiosk]:
    """Return one board per community, or one for the whole site."""
    if not site.config.communities:
        return [Kiosk("", None)]
    return [Kiosk(c.id, c.id) for c in site.config.communities]


def _mine(community: str | None, owner: str | None) -> bool:
    """Tell whether content of `owner` shows on the board of `community`."""
    return community is None or owner in (None, community)


def slide_context(site: Site, kiosk: Kiosk) -> dict[str, Any]:
    """Return what the server-rendered slides show on this board."""
    community = kiosk.community
    stories = [s for s in site.stories if _mine(community, s.community)][:STORIES]
    board = _month_board(site, community)
    rolls = [h for h in site.honors if _mine(community, h.community)]
    boards = [b for b in site.buildings if _mine(community, b.community)][:BUILDINGS]
    open_wishes = [w for w in site.wishes if w.status == "open" and _mine(community, w.community)]
    return {
        "community": site.config.community(community),
        "stories": stories,
        "qr": {s.slug: _qr(site, s.url) for s in stories},
        "board": board,
        "honor": rolls[0] if rolls else None,
        "buildings": boards,
        "wishes": open_wishes[:WISHES],
        "wish_counts": wishes.counts(
            tuple(w for w in site.wishes if _mine(community, w.community))
        ),
    }


def _month_board(site: Site, community: str | None) -> leaderboards.Board | None:
    if not site.ledger.residents:
        return None
    month = leaderboards.month_shown(site.ledger, site.today).period
    scope = leaderboards.Scope(community) if community else leaderboards.SITE
    index = leaderboards.index_boards(site.boards)
    board = index.get((month.key, scope, "points"))
    return board if board and board.rows else None


def _qr(site: Site, page: str) -> Markup | None:
    """Return an inline SVG QR code of a page's public address (needs base_url)."""
    if site.config.base_url is None:
        return None
    return qr_svg(absolute_url(site.config.base_url, page))


def board_data(site: Site, kiosk: Kiosk, words: dict[str, str]) -> dict[str, Any]:
    """Return what the page decides on in the browser: dated events, notices, the almanac."""
    community = kiosk.community
    first = site.today - dt.timedelta(days=1)
    last = site.today + dt.timedelta(days=DAYS_AHEAD)
    occurrences = [
        occ
        for event in site.calendar.events
        if _mine(community, event.community)
        for occ in calendar.expand(event, first, last)
    ]
    occurrences.sort(key=Occurrence.sort_key)
    config = site.config
    notes = almanac(first, last)
    language = config.language
    return {
        "site": config.title,
        "community": community,
        "timezone": config.timezone,
        "language": language,
        "slideSeconds": config.kiosk.slide_seconds,
        "slides": list(config.kiosk.slides),
        "night": [t.strftime("%H:%M") for t in config.kiosk.night] if config.kiosk.night else None,
        "pollSeconds": POLL_SECONDS,
        "reloadMinutes": RELOAD_MINUTES,
        "builtFor": site.today.isoformat(),
        "days": {
            day.isoformat(): {
                "date": format_date(day, language),
                "weekday": format_weekday(day, language),
                "lunar": note.lunar_date,
                "festivals": list(note.festivals),
                "term": note.term,
            }
            for day, note in notes.items()
        },
        "months": {  # the leaderboard's note names the screen's month: "2026年12月还没有积分记录"
            f"{day.year:04d}-{day.month:02d}": format_month(day.year, day.month, language)
            for day in notes
        },
        "events": [_occurrence(occ) for occ in occurrences],
        "notices": [
            {
                "title": n.title,
                "date": n.date.isoformat(),
                "expires": n.expires.isoformat() if n.expires else None,
                "pinned": n.pinned,
                "html": board_html(n.html),
            }
            for n in _notices(site, community)
        ],
        "ui": words,
    }


def _notices(site: Site, community: str | None) -> list[Notice]:
    return [n for n in site.notices if _mine(community, n.community) and n.current(site.today)]


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
_LINK = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)
_IMAGE = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_SOURCE = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))""", re.IGNORECASE)
_OWN_PICTURE = re.compile(r"/(?![/\\])[^:]*$")
"""A picture from this site (/assets/…): no scheme, no host (//host, /\\host)."""


def board_html(html: str) -> str:
    """Return sanitised HTML fit for a lobby screen: nothing to tap, nothing from outside.

    Links become their text (a tap must not take the screen away), pictures from
    other hosts go (no request leaves the board folder), and pictures from
    content/ point into the board's own copy of them.
    """
    html = _IMAGE.sub(_own_picture, _LINK.sub("", html))
    return relativize_html(html, "index.html")


def _own_picture(match: re.Match[str]) -> str:
    """Keep an image whose source is on this site, judged as a browser reads it; drop others.

    The source is decoded (&#104;ttps:), stripped of what a browser ignores (spaces,
    controls, tabs inside) and read with \\ as /, so HTTPS://, //host and the like all go.
    """
    found = _SOURCE.search(match.group(0))
    if found is None:
        return match.group(0)
    written = next(group for group in found.groups() if group is not None)
    source = "".join(ch for ch in unescape(written) if ch > " ").replace("\\", "/")
    return match.group(0) if _OWN_PICTURE.match(source) else ""


def _occurrence(occ: Occurrence) -> dict[str, Any]:
    event = occ.event
    return {
        "title": event.title,
        "allDay": event.all_day,
        "start": _local(occ.start),
        "end": _local(occ.end) if occ.end is not None else None,
        "firstDay": occ.first_day.isoformat(),
        "lastDay": occ.last_day.isoformat(),
        "location": event.location,
        "organizer": event.organizer,
        "signup": event.signup,
    }


def _local(value: When) -> str:
    return value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, dt.datetime) else value.isoformat()


def data_script(data: dict[str, Any]) -> str:
    """Return data.js: the board's data as a script, loadable from file:// as well."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # "</" cannot end the script early inside a <script src>, but keep it inert anyway.
    return "window.KIOSK_DATA = " + payload.replace("</", "<\\/") + ";\n"


def build_id(files: dict[str, str | bytes]) -> str:
    """Return an id that changes exactly when a board's files change."""
    digest = hashlib.sha256()
    for name in sorted(files):
        data = files[name]
        digest.update(name.encode() + b"\0" + (data.encode() if isinstance(data, str) else data))
    return digest.hexdigest()[:16]


JS_WORDS = (
    "lunar",
    "all_day",
    "calendar",
    "today",
    "signup",
    "notices",
    "current_notices",
    "pinned",
    "expires_on",
    "kiosk_today_events",
    "kiosk_events_heading",
    "top_this_month",
    "top_last_month",
    "top_of_month",
    "no_points_yet",
)
"""UI words the page's script needs."""


def _pictures(site: Site, kiosk: Kiosk, context: dict[str, Any]) -> list[str]:
    """Return the content pictures one board shows: covers (the size for a screen,
    pictures.Picture.screen) and notice images, from assets/."""
    shown = site.pictures.shown
    names = [
        shown[story.cover].screen.path if story.cover in shown else story.cover
        for story in context["stories"]
        if story.cover
    ]
    for notice in _notices(site, kiosk.community):
        names += notice.files  # pictures the notices show (links are gone on the board)
    return sorted(
        {
            name
            for name in names
            if name.startswith("assets/")
            and name.lower().endswith(IMAGE_SUFFIXES)
            and name not in site.pictures.withheld
        }
    )


def kiosk_files(site: Site, renderer: SiteRenderer, cache: Path) -> dict[str, str | bytes]:
    """Return every file of every lobby board, by path under output/kiosk/."""
    words = UI[site.config.language]
    out: dict[str, str | bytes] = {}
    boards = [
        (
            kiosk,
            board_data(site, kiosk, {key: words[key] for key in JS_WORDS}),
            slide_context(site, kiosk),
        )
        for kiosk in kiosks(site)
    ]
    drafts = [
        renderer.render(Page("index.html", "kiosk/index.html", c), build="", fonts=False)
        for _, _, c in boards
    ]
    text = "".join(str(d) for d in drafts) + "".join(data_script(d) for _, d, _ in boards)
    fonts = board_fonts(text, cache / "fonts")
    made = make_files(site.pictures.files, site.content, cache)  # without their metadata
    for kiosk, data, context in boards:
        base = kiosk.folder + "/" if kiosk.folder else ""
        # Pictures first, the board's own files after: a content file never takes the place of
        # kiosk.js, data.js or a font (the loaders keep content in assets/ anyway).
        files: dict[str, str | bytes] = {
            name: made.get(name, site.content / name).read_bytes()
            for name in _pictures(site, kiosk, context)
        }
        files.update(
            {
                **fonts,
                **({"fonts.css": FONT_CSS} if fonts else {}),
                "data.js": data_script(data),
                "kiosk.css": renderer.theme_file("kiosk/kiosk.css").read_bytes(),
                "kiosk.js": renderer.theme_file("kiosk/kiosk.js").read_bytes(),
            }
        )
        page = Page("index.html", "kiosk/index.html", context)
        draft = renderer.render(page, build="", fonts=bool(fonts))
        # Fonts follow the text (already hashed) and the machine's font files: leave them out,
        # so the same content gives the same build id on every machine.
        hashed = {name: data for name, data in files.items() if not name.startswith("fonts/")}
        build = build_id({**hashed, "index.html": draft})
        files["index.html"] = renderer.render(page, build=build, fonts=bool(fonts))
        files["version.json"] = json.dumps({"build": build}) + "\n"
        out.update({base + name: data for name, data in files.items()})
    return out
