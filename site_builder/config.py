"""site.yaml: the site's settings, validated against its schema."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from site_builder.diagnostics import Diagnostics, Location
from site_builder.fields import Record
from site_builder.messages import DEFAULT_LANGUAGE, LANGUAGES
from site_builder.publish_config import Destination, read_publish
from site_builder.sources import load_yaml, read_text
from site_builder.urls import name_problem
from site_builder.yaml_values import Mapping, Scalar, Sequence

NAME_MODES = ("mask", "initials", "full")
PHONE_MODES = ("mask", "hide", "full")
SLIDES = ("today", "stories", "events", "leaderboard", "honors", "notices", "buildings", "wishes")
POSTERS = ("honors", "points", "buildings", "notices", "events", "wishes")
PAPERS = ("A4", "A3")
ORIENTATIONS = ("portrait", "landscape")
PRINT_PRIVACY = ("written", "public")
DEFAULT_SLIDE_SECONDS = 15
DEFAULT_TIMEZONE = "Asia/Shanghai"
_COMMUNITY_ID = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
"""A letter first, so an id never looks like a month folder (calendar/2025-05/)."""
_NIGHT = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


@dataclass(frozen=True, slots=True)
class Community:
    """One community (小区) of a site that serves several."""

    id: str
    """Short lowercase id used in content (`community: longteng`) and kiosk paths."""
    name: str
    """Display name, e.g. 龙腾广场小区."""


@dataclass(frozen=True, slots=True)
class Privacy:
    """What the public site shows of residents; the kiosk shows everything as written."""

    names: str = "mask"
    """Resident names on boards: mask (刘**), initials, or full."""
    phones: str = "mask"
    """Phone numbers: mask (138****5678), hide, or full."""


@dataclass(frozen=True, slots=True)
class Kiosk:
    """Settings of the lobby board."""

    slide_seconds: int = DEFAULT_SLIDE_SECONDS
    """How long each slide stays on screen."""
    slides: tuple[str, ...] = SLIDES
    """Which slides rotate, in order."""
    night: tuple[dt.time, dt.time] | None = None
    """Hours during which only a dim clock shows, or None."""


@dataclass(frozen=True, slots=True)
class Print:
    """Settings of the posters for the lobby notice board (`print:` in site.yaml)."""

    paper: str = "A4"
    """A4 or A3; type and margins scale with the sheet."""
    orientation: str = "portrait"
    """portrait or landscape."""
    privacy: str = "written"
    """written: names and phones as written, like the lobby board; public: as the public site."""
    posters: tuple[str, ...] = POSTERS
    """Which posters to make, in this order."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The validated contents of site.yaml."""

    source: Location
    """Where site.yaml is."""
    title: str
    """The site's name, shown in every page header."""
    language: str = DEFAULT_LANGUAGE
    """zh-CN or en: the language of pages, CLI messages and errors."""
    timezone: str = DEFAULT_TIMEZONE
    """IANA zone that every date and time in the content is local to."""
    base_url: str | None = None
    """Absolute URL the site is published under (feeds, sitemap); ends with /."""
    communities: tuple[Community, ...] = ()
    """The communities; empty for a single-community site."""
    privacy: Privacy = Privacy()
    """Masking rules for the public site."""
    kiosk: Kiosk = Kiosk()
    """Lobby board settings."""
    print: Print | None = None
    """Poster settings; None when site.yaml has no `print:` (then `--target all` makes none)."""
    publish: tuple[Destination, ...] = ()
    """The named destinations of `site-builder publish NAME` (publish_config.py)."""
    search: bool = True
    """Whether the public site has a search index and page (issue 24)."""
    allow_active_assets: bool = False
    """site.yaml `assets: {allow_active: true}`: publish .html and .js files from assets/ on
    the site (never on the lobby board)."""
    communities_unsure: bool = False
    """True when site.yaml's communities hold a mistake (reported there), so which ids
    exist is not known: content naming a community is then not judged against them,
    rather than every file repeating the one mistake."""

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """Return the site's time zone."""
        return zoneinfo.ZoneInfo(self.timezone)

    def community(self, community_id: str | None) -> Community | None:
        """Return the community with this id, or None."""
        return next((c for c in self.communities if c.id == community_id), None)


def peek_language(content: Path) -> str:
    """Return site.yaml's language without validating anything (for messages before loading)."""
    scratch = Diagnostics()
    path = content / "site.yaml"
    text = read_text(path, scratch) if path.is_file() else None
    value = load_yaml(text, path, scratch) if text else None
    if isinstance(value, Mapping) and "language" in value.entries:
        written = value.entries["language"].value
        if isinstance(written, Scalar) and written.text.strip() in LANGUAGES:
            return written.text.strip()
    return DEFAULT_LANGUAGE


def load_config(content: Path, diags: Diagnostics) -> SiteConfig | None:
    """Read and validate content/site.yaml; report every problem in it."""
    path = content / "site.yaml"
    if not path.is_file():
        diags.error(Location(path), "config.missing")
        return None
    text = read_text(path, diags)
    if text is None:
        return None
    value = load_yaml(text, path, diags)
    if value is None:
        return None
    record = Record(value, Location(path, 1), diags)
    title = record.text("title", required=True) or ""
    language = _choice(record, "language", LANGUAGES, DEFAULT_LANGUAGE, "config.bad_language")
    written_before = len(diags.items)
    communities = _communities(record)
    config = SiteConfig(
        source=Location(path),
        title=title,
        language=language,
        timezone=_timezone(record),
        base_url=_base_url(record),
        communities=communities,
        privacy=_privacy(record),
        kiosk=_kiosk(record),
        print=_print(record),
        publish=read_publish(record),
        search=record.boolean("search", default=True),
        allow_active_assets=_allow_active(record),
        communities_unsure=diags.items[written_before:] != [] or _misspelled_communities(record),
    )
    record.finish(FIELDS)
    return config


FIELDS = (
    "title",
    "language",
    "timezone",
    "base_url",
    "communities",
    "privacy",
    "kiosk",
    "print",
    "publish",
    "search",
    "assets",
)
"""The settings site.yaml may hold; below, those of its sections."""
PRIVACY_FIELDS = ("names", "phones")
ASSETS_FIELDS = ("allow_active",)
KIOSK_FIELDS = ("slide_seconds", "slides", "night")
PRINT_FIELDS = ("paper", "orientation", "privacy", "posters")


def _misspelled_communities(record: Record) -> bool:
    """Tell whether a key of site.yaml looks like `communities` misspelled (comunities:)."""
    unknown = [key for key in record.entries if key not in FIELDS]
    return any(difflib.get_close_matches(key, ["communities"], cutoff=0.75) for key in unknown)


def _choice(record: Record, key: str, choices: tuple[str, ...], default: str, code: str) -> str:
    value = record.text(key)
    if value is None:
        return default
    if value not in choices:
        record.diags.error(record.loc(key), code, key=key, value=value, choices=" | ".join(choices))
        return default
    return value


def _choices(record: Record, key: str, choices: tuple[str, ...]) -> tuple[str, ...]:
    """Return the known ones among a list of choices as written (all of them when not written),
    reporting each unknown one and an empty list."""
    written = record.texts(key) if record.has(key) else choices
    for value in written:
        if value not in choices:
            shown = ", ".join(choices)
            record.diags.error(
                record.loc(key), "config.bad_choice", key=key, value=value, choices=shown
            )
    if record.has(key) and not written:
        record.diags.error(record.loc(key), "config.empty_list", key=key)
    return tuple(value for value in written if value in choices)


def _timezone(record: Record) -> str:
    name = record.text("timezone")
    if name is None:
        return DEFAULT_TIMEZONE
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        record.diags.error(record.loc("timezone"), "config.bad_timezone", value=name)
        return DEFAULT_TIMEZONE
    return name


def _base_url(record: Record) -> str | None:
    url = record.text("base_url")
    if url is None:
        return None
    # base_url is pasted into links as it is: a quote or < > in it would break out of them.
    if not re.match(r"^https?://[^/\s\"'<>\\`]+(/[^\s\"'<>\\`]*)?$", url):
        record.diags.error(record.loc("base_url"), "config.bad_base_url", value=url)
        return None
    return url if url.endswith("/") else url + "/"


def _communities(record: Record) -> tuple[Community, ...]:
    value = record.entries.get("communities")
    if value is None or (isinstance(value, Scalar) and value.is_null):
        return ()
    if not isinstance(value, Sequence):
        record.diags.error(value.loc, "field.list_of_text", key="communities")
        return ()
    found: list[Community] = []
    for item in value.items:
        entry = Record(item, item.loc, record.diags)
        community_id = entry.text("id", required=True)
        name = entry.text("name", required=True)
        entry.finish(["id", "name"])
        if community_id is None or name is None:
            continue
        if not _COMMUNITY_ID.match(community_id):
            record.diags.error(entry.loc("id"), "config.bad_community_id", value=community_id)
        elif name_problem(community_id):  # con, nul: its kiosk folder breaks on Windows
            problem = name_problem(community_id) or ""
            record.diags.error(entry.loc("id"), problem, field="id", value=community_id)
        elif any(c.id == community_id for c in found):
            record.diags.error(entry.loc("id"), "config.duplicate_community", value=community_id)
        else:
            found.append(Community(community_id, name))
    return tuple(found)


def _privacy(record: Record) -> Privacy:
    section = Record(record.entries.get("privacy"), record.loc("privacy"), record.diags)
    names = _choice(section, "names", NAME_MODES, "mask", "config.bad_choice")
    phones = _choice(section, "phones", PHONE_MODES, "mask", "config.bad_choice")
    section.finish(PRIVACY_FIELDS)
    return Privacy(names, phones)


def _allow_active(record: Record) -> bool:
    section = Record(record.entries.get("assets"), record.loc("assets"), record.diags)
    allow = section.boolean("allow_active")
    section.finish(ASSETS_FIELDS)
    return allow


def _kiosk(record: Record) -> Kiosk:
    section = Record(record.entries.get("kiosk"), record.loc("kiosk"), record.diags)
    seconds = DEFAULT_SLIDE_SECONDS
    written = section.text("slide_seconds")
    if written is not None:
        if written.isascii() and written.isdigit() and int(written) > 0:
            seconds = int(written)
        else:
            section.diags.error(
                section.loc("slide_seconds"),
                "config.not_positive",
                key="slide_seconds",
                value=written,
            )
    slides = _choices(section, "slides", SLIDES)
    night = _night(section)
    section.finish(KIOSK_FIELDS)
    return Kiosk(seconds, slides, night)


def _print(record: Record) -> Print | None:
    if "print" not in record.fields:
        return None
    written = record.entries.get("print")
    if isinstance(written, Scalar) and written.is_null:  # `print:` alone: every default
        written = None
    section = Record(written, record.loc("print"), record.diags)
    paper = _choice(section, "paper", PAPERS, "A4", "config.bad_choice")
    orientation = _choice(section, "orientation", ORIENTATIONS, "portrait", "config.bad_choice")
    privacy = _choice(section, "privacy", PRINT_PRIVACY, "written", "config.bad_choice")
    posters = tuple(dict.fromkeys(_choices(section, "posters", POSTERS)))
    section.finish(PRINT_FIELDS)
    return Print(paper, orientation, privacy, posters)


def peek_print(content: Path) -> bool:
    """Tell whether site.yaml has a `print:` section, without validating anything."""
    scratch = Diagnostics()
    path = content / "site.yaml"
    text = read_text(path, scratch) if path.is_file() else None
    value = load_yaml(text, path, scratch) if text else None
    return isinstance(value, Mapping) and "print" in value.entries


def _night(section: Record) -> tuple[dt.time, dt.time] | None:
    written = section.text("night")
    if written is None:
        return None
    match = _NIGHT.match(written)
    if match:
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60:
            return dt.time(h1, m1), dt.time(h2, m2)
    section.diags.error(section.loc("night"), "config.bad_night", value=written)
    return None


def read_community(record: Record, config: SiteConfig, required: bool = True) -> str | None:
    """Read `community`: a known id; required when site.yaml lists communities and `required`."""
    value = record.text("community")
    choices = ", ".join(c.id for c in config.communities)
    if config.communities_unsure:
        return value if config.community(value) is not None else None
    if not config.communities:
        if value is not None:
            record.diags.error(record.loc("community"), "story.no_communities")
        return None
    if value is None:
        if required:
            record.missing("community", "story.community_required", choices=choices)
        return None
    if config.community(value) is None:
        by_name = next((c for c in config.communities if c.name == value), None)
        if by_name is not None:
            record.diags.error(
                record.loc("community"), "story.community_by_name", value=value, id=by_name.id
            )
        else:
            record.diags.error(
                record.loc("community"), "story.unknown_community", value=value, choices=choices
            )
        return None
    return value
