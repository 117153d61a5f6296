"""Page rendering: turning planned pages into text with the theme (see jinja_env.py)."""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from site_builder.charts import bar_chart, column_chart
from site_builder.data import (
    buildings_json,
    events_json,
    honors_json,
    leaderboards_json,
    notices_json,
    stories_json,
    story_entry,
    wishes_json,
)
from site_builder.diagnostics import Location
from site_builder.ical import write_calendar
from site_builder.jinja_env import (
    _body,
    _is_template,
    _isodate,
    _render_template,
    _srcset,
    _title_line,
    _url,
    default_theme,
    format_number,
    make_environment,
)
from site_builder.kinds import leaderboards
from site_builder.kinds.buildings import BuildingBoard
from site_builder.kinds.calendar import Occurrence, belongs
from site_builder.kinds.leaderboards import Board, Period, Scope
from site_builder.kinds.stories import Story
from site_builder.kinds.terms import term_fold
from site_builder.link_references import filled
from site_builder.marks import SharedParts
from site_builder.pages import Page, board_path, month_path, sections
from site_builder.site import Site
from site_builder.ui_text import (
    UI,
    describe_rule,
    format_date,
    format_month,
    format_month_name,
    format_month_short,
    format_period,
    format_short_date,
    format_span,
    format_weekday,
)
from site_builder.urls import absolute_url, absolutize_html, relative_url

_JSON = {
    "json:notices": notices_json,
    "json:honors": honors_json,
    "json:buildings": buildings_json,
    "json:wishes": wishes_json,
}
"""Data files written by Python rather than a template."""


class TemplateProblem(Exception):
    """A template failed: where (template file and line) and what Jinja said."""

    def __init__(self, location: Location, detail: str) -> None:
        super().__init__(detail)
        self.location = location
        self.detail = detail


class SiteRenderer(SharedParts):
    """Render the pages of one site with its theme."""

    def __init__(self, site: Site, dirs: list[Path], compiled: Path | None = None) -> None:
        """`compiled`: where compiled templates are kept (see make_environment)."""
        self.dirs = dirs
        self.env = make_environment(dirs, compiled)
        self._story_entries: dict[int, tuple[Story, str]] = {}
        """data/stories.json's entry of each story, kept while this renderer is used."""
        self._cards = {}  # the shared parts' fields are described in SharedParts (marks.py)
        self._marking = None
        self._linked = {}
        self._mastheads = {}
        self._place = ("", 0, "")
        self._cards_shared = self._is_default("macros.html")
        self._masthead_shared = self._is_default("base.html")
        self.use(site)

    def _is_default(self, template: str) -> bool:
        """Tell whether the theme's `template` is the default theme's own file."""
        path = self.env.loader.get_source(self.env, template)[1]  # type: ignore[union-attr]
        return Path(path or "").is_relative_to(default_theme().resolve())

    def use(self, site: Site) -> None:
        """Render `site` from now on (an edited version of it keeps the compiled templates)."""
        before: Site | None = getattr(self, "site", None)
        if before is not None and before.config != site.config:
            self._story_entries.clear()
            self._cards.clear()
        self._linked.clear()  # the term pages may have moved
        self._mastheads.clear()  # and the sections
        self.site: Site = site
        language = site.config.language
        self.env.globals.update(
            site=site.config,
            today=site.today,
            t=UI[language],
            stories_total=len(site.stories),
            community_name=self._community_name,
            url=_url,
            absolute=self._absolute,
            static_text=self.static_text,
            term_url=self._term_url,
            term_link=self._term_link,
            remembered_card=self._card,
            remembered_cards=self._card_list,
            remembered_masthead=self._masthead,
            tags=site.tags,
            categories=site.categories,
            feed_id=self._feed_id(),
            entry_id=self._entry_id,
            has_calendar=bool(site.calendar.events),
            sections=sections(site),
            months=site.calendar.months,
            communities=site.config.communities,
            month_path=month_path,
            month_title=lambda year, month: format_month(year, month, language),
            day_note=site.almanac.get,
            event_href=self._event_href,
            webcal=self._webcal,
            rule_text=lambda rule: describe_rule(rule, language),
            ledger=site.ledger,
            notices=site.notices,
            honors=site.honors,
            buildings=site.buildings,
            wishes=site.wishes,
            board_path=self._board_path,
            **self._ledger_globals(site),
            period_name=lambda period: format_period(period, language),
            scope_name=self._scope_name,
            top_chart=self._top_chart,
            month_chart=self._month_chart,
            picture=site.pictures.shown.get,
            srcset=_srcset,
        )
        self._term_paths = {
            (kind, term_fold(term.name)): f"{kind}/{term.key}/index.html"
            for kind, terms in (("tags", site.tags), ("categories", site.categories))
            for term in terms
        }
        self._term_links: dict[tuple[str, str, int], str] = {}
        self.env.filters.update(
            date=lambda value: format_date(value, language),
            body=_body,
            feed_body=self._feed_body,
            isodate=lambda value: _isodate(value, site.config.zone),
            weekday=lambda value: format_weekday(value, language),
            short_date=lambda value: format_short_date(value, language),
            month_only=lambda value: format_month_name(value.month, language),
            span=lambda occ: format_span(occ.start, occ.end, language),
            number=format_number,
            title_line=_title_line,
            groupby_community=self._by_community,
        )

    def _ledger_globals(self, site: Site) -> dict[str, object]:
        """Return the boards' scopes and periods (kept while the ledger is the same object)."""
        known = self.env.globals
        if "board_scopes" in known and getattr(self, "_ledger", None) is site.ledger:
            return {name: known[name] for name in ("board_scopes", "board_periods")}
        self._ledger = site.ledger
        return {
            "board_scopes": leaderboards.scopes(site.ledger),
            "board_periods": leaderboards.periods(site.ledger, site.today),
        }

    def remember(self, pages: Iterable[Page]) -> None:
        """Compile the pages' templates and write data/stories.json's entries, for later edits."""
        used = {page.template for page in pages}
        for template in self.env.list_templates(filter_func=_is_template):
            if template in used or "/" not in template:  # the pages' and what they pull in
                self.env.get_template(template)
        stories_json(self.site, self._data_link, self._story_entries)

    def story_entry(self, story: Story) -> str:
        """Return the story's entry in data/stories.json, as this site writes it."""
        return story_entry(story, self._data_link)

    def hidden_inputs(self) -> dict[str, Callable[[], object]]:
        """Return, for each global function that reads site data, that data (page keys)."""
        return {
            "term_url": lambda: self._term_paths,
            "term_link": lambda: self._term_paths,
            "day_note": lambda: self.site.almanac,
            "picture": lambda: self.site.pictures.shown,
        }

    def render(self, page: Page, **extra: Any) -> str | bytes:
        """Return the text of one page, or raise TemplateProblem naming the template line."""
        if page.template == "ics:calendar":
            return self._calendar_ics(page.context["community"])
        if page.template == "json:events":
            return self._events_json(page.context["occurrences"])
        if page.template == "json:leaderboards":
            return leaderboards_json(self.site.boards, self._board_path)
        if page.template == "json:stories":
            return stories_json(self.site, self._data_link, self._story_entries)
        if page.template in _JSON:
            return _JSON[page.template](self.site, self._data_link)
        try:
            template = self.env.get_template(page.template)
            return _render_template(template, self.env, page.context, page_path=page.path, **extra)
        except jinja2.TemplateSyntaxError as exc:
            where = Location(Path(exc.filename or page.template), exc.lineno)
            raise TemplateProblem(where, exc.message or str(exc)) from exc
        except jinja2.TemplateError as exc:
            raise TemplateProblem(self._template_frame(exc, page), str(exc)) from exc

    def render_marked(self, page: Page) -> tuple[str | bytes, str | bytes, list[Markup]]:
        """Return the page's text; the same with its shared parts as marks; and the parts.

        The parts are the masthead and the story cards, each shared by many pages: the
        link checker reads each one once, not on every page that shows it (links.mark).
        Where nothing is shared, the text comes twice and no parts.
        """
        if not (self._cards_shared or self._masthead_shared):
            whole = self.render(page)
            return whole, whole, []
        parts: list[Markup] = []
        self._marking = parts
        try:
            marked = self.render(page)
        finally:
            self._marking = None
        if not parts:
            return marked, marked, []
        text = filled(marked, parts) if isinstance(marked, str) else None
        if text is None:  # a template moved or cut a part's mark: rendered as it is
            whole = self.render(page)
            return whole, whole, []
        return text, marked, parts

    def _template_frame(self, exc: Exception, page: Page) -> Location:
        frames = traceback.extract_tb(exc.__traceback__)
        for frame in reversed(frames):
            path = Path(frame.filename)
            if any(path.is_relative_to(d) for d in self.dirs):
                return Location(path, frame.lineno)
        return Location(Path(page.template))

    def static_files(self) -> Iterator[tuple[str, Path]]:
        """Yield (output path, source file) for the theme's static files; the site's win."""
        chosen: dict[str, Path] = {}
        for folder in reversed(self.dirs):
            static = folder / "static"
            if static.is_dir():
                for path in sorted(static.rglob("*")):
                    if path.is_file() and not path.name.startswith((".", "__")):
                        chosen["static/" + path.relative_to(static).as_posix()] = path
        yield from sorted(chosen.items())

    def theme_file(self, relative: str) -> Path:
        """Return a theme file (the site's own copy first), e.g. kiosk/kiosk.js."""
        for folder in self.dirs:
            if (folder / relative).is_file():
                return folder / relative
        raise FileNotFoundError(relative)

    def static_text(self, name: str) -> str:
        """Return a static file's text, for inlining (the 404 page's stylesheet)."""
        return dict(self.static_files())["static/" + name].read_text(encoding="utf-8")

    def _community_name(self, community_id: str | None) -> str:
        community = self.site.config.community(community_id)
        return community.name if community else ""

    def _calendar_ics(self, community: str | None) -> bytes:
        config = self.site.config
        chosen = [e for e in self.site.calendar.events if belongs(e, community)]
        name = config.title
        if community is not None:
            name += " · " + self._community_name(community)
        urls = {}
        if config.base_url:
            links = self._event_links().items()
            urls = {uid: absolute_url(config.base_url, path) for uid, path in links}
        return write_calendar(chosen, name, config.timezone, self.site.today, urls)

    def _events_json(self, occurrences: list[Occurrence]) -> str:
        config = self.site.config
        links = {occ.anchor: self._event_href(occ) for occ in occurrences}
        return events_json(occurrences, self.site.today, config.zone, links, config.base_url)

    def _event_links(self) -> dict[str, str]:
        """Map each event's uid to the entry of its first occurrence on a month page."""
        links: dict[str, str] = {}
        for occ in self.site.calendar.occurrences:
            links.setdefault(occ.event.uid, self._event_href(occ))
        return links

    def _board_path(self, period: Period, scope: Scope) -> str:
        return board_path(period, scope)

    def _scope_name(self, scope: Scope) -> str:
        words = UI[self.site.config.language]
        if scope.kind == "site":
            return words["whole_site"] if self.site.config.communities else words["all_residents"]
        community = self._community_name(scope.community) if scope.community else ""
        return " · ".join(part for part in (community, scope.building or "") if part)

    def _top_chart(self, board: Board | None, count: int = 10) -> Markup:
        if board is None:
            return Markup("")
        words = UI[self.site.config.language]
        unit = words["points_unit"] if board.measure == "points" else words["hours_unit"]
        items = [(r.resident.name, float(r.value)) for r in board.rows[:count]]
        return bar_chart(items, words["chart_top"], unit)

    def _month_chart(self, monthly: list[tuple[int, int, int]]) -> Markup:
        language = self.site.config.language
        items = [(format_month_short(y, m, language), float(v)) for y, m, v in monthly]
        return column_chart(items, UI[language]["chart_monthly"])

    def _event_href(self, occ: Occurrence, community: str | None = None) -> str:
        day = occ.first_day
        return f"{month_path(day.year, day.month, community)}#{occ.event.anchor}"

    def _webcal(self, path: str) -> str | None:
        base = self.site.config.base_url
        if base is None:
            return None
        return "webcal://" + absolute_url(base, path).split("://", 1)[1]

    def _by_community(self, boards: tuple[BuildingBoard, ...]) -> list[dict[str, Any]]:
        """Group building boards under their community, in site.yaml's order."""
        order = [c.id for c in self.site.config.communities] + [None]
        groups = [
            {"name": self._community_name(cid), "boards": [b for b in boards if b.community == cid]}
            for cid in order
        ]
        return [g for g in groups if g["boards"]]

    def _data_link(self, path: str) -> str:
        """Return a link for the JSON data: absolute with base_url, else from the site root."""
        base = self.site.config.base_url
        return absolute_url(base, path) if base else path

    @jinja2.pass_context
    def _term_link(self, context: jinja2.runtime.Context, kind: str, name: str) -> str:
        """Return the link from the page being rendered to tag or category `name`'s page.

        `url(term_url(kind, name))` in one call: the twenty tag links of a story page
        were more than half the work of rendering it. From a page outside the term's
        folder the link climbs to the root, so it is kept per depth.
        """
        page = context["page_path"]
        depth, top = self._where(page)
        if top == kind:
            return relative_url(self._term_url(kind, name), page)
        key = (kind, name, depth)
        link = self._term_links.get(key)
        if link is None:
            link = self._term_links[key] = relative_url(self._term_url(kind, name), page)
        return link

    def _feed_id(self) -> str:
        if self.site.config.base_url:
            return self.site.config.base_url
        return uuid.uuid5(uuid.NAMESPACE_URL, "site-builder:" + self.site.config.title).urn

    def _entry_id(self, story: Story) -> str:
        if self.site.config.base_url:
            return absolute_url(self.site.config.base_url, story.url)
        return uuid.uuid5(uuid.UUID(self._feed_id()[9:]), story.slug).urn

    def _absolute(self, target: str) -> str:
        base = self.site.config.base_url
        if base is None:
            return target
        return absolute_url(base, target)

    @jinja2.pass_context
    def _feed_body(self, context: jinja2.runtime.Context, html: str) -> str:
        return absolutize_html(html, self.site.config.base_url, context["page_path"])
