"""Jinja: the theme's environment, its compiled templates, and the filters and globals it gives.

The site's own `templates/` folder (beside `content/`) is searched before the
default theme, file by file, so a site overrides exactly what it wants. The
same goes for `templates/static/`.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections import ChainMap
from collections.abc import Callable, Mapping, MutableMapping
from contextlib import suppress
from pathlib import Path
from typing import Any

import jinja2
from jinja2.runtime import Macro
from jinja2.utils import _PassArg
from markupsafe import Markup, escape

from site_builder.page_keys import RecordingContext
from site_builder.pictures import Picture, sized_images, srcset_of
from site_builder.urls import relative_url, relativize_html


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
    """Return a story's sanitised HTML with its links made relative to this page, and its
    pictures given their sizes (pictures.sized_images)."""
    page = context["page_path"]
    if "<img" in html:
        picture = context.resolve("picture")  # noted as read: the page key follows the pictures
        if callable(picture):
            html = sized_images(html, picture, page)
    return Markup(relativize_html(html, page))


@jinja2.pass_context
def _srcset(context: jinja2.runtime.Context, picture: Picture, most: int | None = None) -> str:
    """Return the `srcset` of `picture` on this page (its sizes up to `most` pixels wide)."""
    return srcset_of(picture, context["page_path"], most)


def _is_template(name: str) -> bool:
    return name.endswith((".html", ".xml", ".txt")) and not name.startswith("static/")


def format_number(value: object) -> str:
    """Return 26 for Decimal("26.0") and 2.5 for Decimal("2.50"): hours as people write them."""
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _isodate(value: dt.date, zone: dt.tzinfo) -> str:
    """Return the start of a day in the site's zone as an RFC 3339 time (for Atom)."""
    moment = dt.datetime.combine(value, dt.time(0, 0), tzinfo=zone)
    return moment.isoformat()


_SEPARATOR = re.compile(r" ([·・|｜]) ")


def _title_line(title: str) -> Markup:
    """Return a site title in parts: 龙腾广场小区 · 和美家园 as two parts and a separator.

    On a phone the stylesheet stacks the parts and hides the separator, so that a line
    never starts with a stray "·"; on a wide screen they read as written.
    """
    pieces = _SEPARATOR.split(title)
    parts = [Markup('<span class="title-part">%s</span>') % piece for piece in pieces[::2]]
    separators = [Markup('<span class="title-sep"> %s </span>') % mark for mark in pieces[1::2]]
    joined = [parts[0]]
    for separator, part in zip(separators, parts[1:], strict=True):
        joined += [separator, part]
    return Markup("").join(joined)
