"""Jinja: the theme's environment, and turning planned pages into files.

The site's own `templates/` folder (beside `content/`) is searched before the
default theme, file by file, so a site overrides exactly what it wants. The
same goes for `templates/static/`.
"""

from __future__ import annotations

import datetime as dt
import traceback
import types
import uuid
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.runtime import Macro
from jinja2.utils import _PassArg
from markupsafe import Markup, escape

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
from site_builder.incremental import RecordingContext, note_reads, recording
from site_builder.kinds import leaderboards
from site_builder.kinds.buildings import BuildingBoard
from site_builder.kinds.calendar import Occurrence, belongs
from site_builder.kinds.leaderboards import Board, Period, Scope
from site_builder.kinds.stories import Story, term_fold
from site_builder.link_references import filled, mark
from site_builder.pages import Page, board_path, month_path
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
from site_builder.urls import (
    absolute_url,
    absolutize_html,
    folders_of,
    relative_url,
    relativize_html,
)

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


def default_theme() -> Path:
    """Return the default theme: packaged as site_builder/theme, or templates/ in a checkout."""
    packaged = Path(__file__).parent / "theme"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


def theme_dirs(content: Path) -> list[Path]:
    """Return the template folders to search: the site's own first, then the default theme."""
    dirs = []
    own = content.parent / "templates"
    if own.is_dir():
        dirs.append(own.resolve())
    theme = default_theme().resolve()
    if theme not in dirs:
        dirs.append(theme)
    return dirs


def make_environment(dirs: list[Path], compiled: Path | None = None) -> jinja2.Environment:
    """Return the Jinja environment: autoescaping, strict about undefined names.

    With `compiled`, a folder in the build cache, compiled templates are kept there
    (by name and source), so a build that renders a few pages does not compile
    every template it uses again.
    """
    bytecode = None
    if compiled is not None:
        with suppress(OSError):
            compiled.mkdir(parents=True, exist_ok=True)
            bytecode = jinja2.FileSystemBytecodeCache(str(compiled))
    env = jinja2.Environment(
        bytecode_cache=bytecode,
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build renders one version of the theme; an edit means a new build
    )
    env.context_class = PageContext
    env.template_class = PageTemplate
    return env


_NOTHING_PASSED = frozenset(
    {Macro, types.BuiltinFunctionType, types.BuiltinMethodType, types.MethodWrapperType}
)
"""Callables that never take Jinja's context, environment or evaluation context."""


class PageContext(RecordingContext):
    """A page's Jinja context: it notes the globals read (incremental.py), and calls quickly.

    Jinja sends every call in a template (`url(...)`, a macro, `t.page_of.format(...)`)
    through `Context.call`, which asks each callable, and its `__call__`, whether it
    wants the context passed. A list page makes some thirty calls: answering from the
    callable's type for macros, built-ins, functions and methods saves a twentieth of
    rendering it. Anything else (a class, a partial) is asked as Jinja asks it.
    """

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call `__obj` as `Context.call` does: with the context first if it asks for it.

        (Named `__self` and `__obj`, as in Jinja, so that no keyword argument clashes.)
        """
        kind = type(__obj)
        if kind in _NOTHING_PASSED:
            passing = None
        elif kind is types.FunctionType or kind is types.MethodType:
            passing = getattr(__obj, "jinja_pass_arg", None)  # a method: its function's
        else:
            return super().call(__obj, *args, **kwargs)
        loop_vars = kwargs.pop("_loop_vars", None)  # what Jinja adds in loops and blocks
        block_vars = kwargs.pop("_block_vars", None)
        if passing is _PassArg.context:
            context: jinja2.runtime.Context = __self
            if loop_vars:
                context = context.derived(loop_vars)
            if block_vars:
                context = context.derived(block_vars)
            args = (context, *args)
        elif passing is _PassArg.eval_context:
            args = (__self.eval_ctx, *args)
        elif passing is _PassArg.environment:
            args = (__self.environment, *args)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class PageTemplate(jinja2.Template):
    """A template that escapes quickly, and notes the contexts it makes from a page's
    variables (see _empty)."""

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: types.CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        """Make the template as Jinja does, its `{{ … }}` escaped by `_escape`."""
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = _escape  # the template's module
        return template

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> jinja2.runtime.Context:
        """Make a context as Jinja does; note it if it holds a page's variables.

        The page's own context, an `{% include %}`'s and a `{% from … import … with
        context %}` module's are made from the page's variables; a module imported
        without context (kept by Jinja for every page) is made from none.
        """
        context = super().new_context(vars, shared, locals)
        if vars is not None and _made is not None:
            _made.append(context)
        return context


def _escape(value: object) -> Markup:
    """Return what markupsafe.escape does, sooner for the common cases.

    Every `{{ … }}` of a page is escaped: some forty times a list page. For text,
    the five characters are replaced by markupsafe's own entities, and the result
    made Markup without a call to Markup's own constructor; Markup is already safe.
    """
    kind = type(value)
    if kind is str:
        text: str = value  # type: ignore[assignment]
        if "&" in text or "<" in text or ">" in text or "'" in text or '"' in text:
            text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            text = text.replace("'", "&#39;").replace('"', "&#34;")
        return _as_markup(Markup, text)
    if kind is Markup:
        return value  # type: ignore[return-value]
    return escape(value)


_as_markup = str.__new__


_made: list[jinja2.runtime.Context] | None = None
"""The contexts made for the page being rendered (see _render_template)."""


class SiteRenderer:
    """Render the pages of one site with its theme."""

    def __init__(self, site: Site, dirs: list[Path], compiled: Path | None = None) -> None:
        """`compiled`: where compiled templates are kept (see make_environment)."""
        self.dirs = dirs
        self.env = make_environment(dirs, compiled)
        self._story_entries: dict[int, tuple[Story, str]] = {}
        """data/stories.json's entry of each story, kept while this renderer is used."""
        self._cards: dict[tuple[object, ...], Remembered] = {}
        """Story cards already rendered: by story and the links they hold (see _card)."""
        self._marking: list[Markup] | None = None
        """The shared parts of the page being rendered by render_marked, marked in its text."""
        self._linked: dict[int, tuple[Story, tuple[str, str, str], frozenset[str]]] = {}
        """Each story's card links (page, cover, category) and their top folders (see _card)."""
        self._mastheads: dict[tuple[object, ...], Remembered] = {}
        """Mastheads already rendered, by where the page is (see _masthead)."""
        self._place = ("", 0, "")
        """The page a shared part was last rendered for: its path, depth and top folder."""
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
    def _card(
        self, context: jinja2.runtime.Context, story: Story, card: Callable[[Story], Markup]
    ) -> Markup:
        """Return `card(story)`, rendered once for all the pages whose links in it read the same.

        A story's card is on some twenty list pages (its tags, its category, the story
        list). The default theme's card shows the story and links to its page, its cover
        and its category, all else being the same across the site; pages from where those
        links read alike share one rendering. The globals the card read are noted for the
        page as if it had rendered it. A site with its own macros.html renders every card.
        """
        if not self._cards_shared:
            return card(story)
        return self._card_on(context["page_path"], story, card)

    @jinja2.pass_context
    def _card_list(
        self,
        context: jinja2.runtime.Context,
        stories: Iterable[Story],
        card: Callable[[Story], Markup],
    ) -> Markup:
        """Return each story's card, one after another: `remembered_card` for a whole list.

        (One call from the template instead of one per card: a list page shows twelve.)
        """
        if not self._cards_shared:
            return Markup("").join(card(story) for story in stories)
        page = context["page_path"]
        return Markup("").join([self._card_on(page, story, card) for story in stories])

    def _card_on(self, page: str, story: Story, card: Callable[[Story], Markup]) -> Markup:
        """Return the card of `story` on output path `page`, shared where it reads the same."""
        depth, top = self._where(page)
        linked = self._linked.get(id(story))
        if linked is None or linked[0] is not story:
            targets = (story.url, story.cover or "", self._term_url("categories", story.category))
            tops = frozenset(target.split("/")[0] for target in targets if "/" in target)
            linked = self._linked[id(story)] = (story, targets, tops)
        if top not in linked[2]:  # each link: climb to the top, then the target
            key: tuple[object, ...] = (id(story), depth)
        else:
            key = (id(story), *(relative_url(t, page) if t else "" for t in linked[1]))
        return self._remember(self._cards, key, lambda: card(story), story)

    @jinja2.pass_context
    def _masthead(self, context: jinja2.runtime.Context, masthead: Callable[[], Markup]) -> Markup:
        """Return `masthead()`, rendered once for all the pages it reads the same on.

        The default theme's masthead links the home page and each section's index
        (`index.html`, `notices/index.html`...) and marks the page's own section: from
        pages as deep in the same top folder, the links read alike, and the home page
        is the only page at the top marked as home. A site with its own base.html
        renders its masthead on every page.
        """
        if not self._masthead_shared:
            return masthead()
        page = context["page_path"]
        key = (*self._where(page), page == "index.html")
        return self._remember(self._mastheads, key, masthead)

    def _remember(
        self,
        kept: dict[tuple[object, ...], Remembered],
        key: tuple[object, ...],
        render: Callable[[], Markup],
        shown: object = None,
    ) -> Markup:
        """Return the part kept under `key` (for `shown`), or render and keep it.

        The globals it read are noted for the page as if it had rendered it.
        """
        known = kept.get(key)
        if known is not None and known[0] is shown:
            note_reads(known[2])
            html = known[1]
        else:
            with recording() as names:
                html = render()
            note_reads(names)
            kept[key] = (shown, html, frozenset(names))
        return self._shared(html)

    def _where(self, page: str) -> tuple[int, str]:
        """Return the depth of output path `page` and its top folder ("" at the top)."""
        if page != self._place[0]:
            folders = folders_of(page)
            self._place = (page, len(folders), folders[0] if folders else "")
        return self._place[1], self._place[2]

    def _shared(self, html: Markup) -> Markup:
        """Return a shared part of the page, as a mark when render_marked asks for them."""
        if self._marking is None:
            return html
        self._marking.append(html)
        return _mark(len(self._marking) - 1)

    def _term_url(self, kind: str, name: str) -> str:
        return self._term_paths[(kind, term_fold(name))]

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


Remembered = tuple[object, Markup, frozenset[str]]
"""A shared part as rendered: what it shows (a story), its HTML, and the globals it read."""


@lru_cache(maxsize=256)
def _mark(number: int) -> Markup:
    return Markup(mark(number))


def _render_template(
    template: jinja2.Template, env: jinja2.Environment, context: Mapping[str, Any], **more: Any
) -> str:
    """Do what `template.render(context, **more)` does, with the globals copied faster.

    Jinja copies a template's globals into every page's context through a ChainMap,
    one name at a time in Python: with our forty globals, that was a tenth of
    rendering a list page. The environment's globals are a plain dict, copied whole.
    """
    variables = dict(env.globals)
    own = template.globals
    if isinstance(own, ChainMap):  # the template's own globals, then the environment's
        own = own.maps[0]
    variables.update(own)
    variables.update(context)
    variables.update(more)
    global _made
    made: list[jinja2.runtime.Context] = []
    outer, _made = _made, made
    try:
        return env.concat(template.root_render_func(template.new_context(variables, shared=True)))
    except Exception:
        env.handle_exception()  # as Template.render: re-raised with the template's lines
    finally:
        _made = outer
        _empty(made)


def _empty(contexts: list[jinja2.runtime.Context]) -> None:
    """Empty the contexts of a rendered page, so that reference counting frees them.

    A macro defined in a template (base.html's masthead, each macro of a module
    imported with context) keeps its context, and the context keeps the macro: a
    cycle per macro, some sixty objects a list page, that only the cycle collector
    could free. Once the page's text is made, nothing reads its contexts again.
    """
    for context in contexts:
        context.vars.clear()
        context.exported_vars.clear()


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    """Return the relative link from the page being rendered to output path `target`."""
    return relative_url(target, context["page_path"])


@jinja2.pass_context
def _body(context: jinja2.runtime.Context, html: str) -> Markup:
    """Return a story's sanitised HTML with its links made relative to this page."""
    return Markup(relativize_html(html, context["page_path"]))


def _is_template(name: str) -> bool:
    return name.endswith((".html", ".xml", ".txt")) and not name.startswith("static/")


def sections(site: Site) -> tuple[str, ...]:
    """Return the sections the site has, for its menu (a kind with no content has none)."""
    present = {
        "notices": bool(site.notices),
        "honors": bool(site.honors),
        "calendar": bool(site.calendar.events),
        "points": bool(site.ledger.residents),
        "buildings": bool(site.buildings),
        "wishes": bool(site.wishes),
    }
    return tuple(name for name, shown in present.items() if shown)


def format_number(value: object) -> str:
    """Return 26 for Decimal("26.0") and 2.5 for Decimal("2.50"): hours as people write them."""
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _isodate(value: dt.date, zone: dt.tzinfo) -> str:
    """Return the start of a day in the site's zone as an RFC 3339 time (for Atom)."""
    moment = dt.datetime.combine(value, dt.time(0, 0), tzinfo=zone)
    return moment.isoformat()
