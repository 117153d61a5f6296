"""The routes under /_edit/: each form's page and its save, the index, the live preview.

Every request must name this server in its Host header; beyond loopback it must come
from a browser signed in with the printed token; every POST must come from one of the
editor's pages (Origin or Referer, and the page token). Anything else is refused with
403 before the request is read any further. The pages are rendered from the editor's
own templates (never the site's theme) with autoescaping, and none of them carries the
preview's reload script: a save elsewhere must not reload a half-filled form away.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import mimetypes
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from site_builder.content_edits import Snapshot
from site_builder.editor.access import Access
from site_builder.editor.facts import listed, read_facts
from site_builder.editor.forms import Blocked, Context, Form, Opened, Refusal, Values, base_of
from site_builder.editor.requests import MAX_UPLOAD, BodyTooBig, Request, read_request
from site_builder.editor.saving import Outcome, commit
from site_builder.editor.uploads import Held, media_type
from site_builder.messages import message_text
from site_builder.ui_text import EDITOR

StartResponse = Callable[..., Any]
HERE = Path(__file__).parent
HIDDEN = ("file", "base", "base_path", "opened")
"""Fields a form carries unseen: the file it was opened on, that file's hash and the form's
values then (so a save after a conflict applies only what the volunteer changed); and, as
held_<field>, the token of a picture held from a refused save."""
_SECURITY = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    (
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'none'; object-src 'none'",
    ),
]
_log = logging.getLogger(__name__)


def _forms() -> dict[str, Form]:
    from site_builder.editor.entry_forms import EventForm, HonorForm
    from site_builder.editor.points_form import PointsForm
    from site_builder.editor.story_form import StoryForm
    from site_builder.editor.wish_form import NewWishForm, WishForm

    return {
        "story": StoryForm("story"),
        "notice": StoryForm("notice"),
        "event": EventForm(),
        "points": PointsForm(),
        "wish": WishForm(),
        "newwish": NewWishForm(),
        "honor": HonorForm(),
    }


class Editor:
    """The editor of one `serve` run: the preview it saves into, and its access rules."""

    def __init__(
        self,
        content: Path,
        today: dt.date | None,
        language: str,
        access: Access,
        rebuild: Callable[[], bool],
    ) -> None:
        self.content, self.today, self.language = content, today, language
        self.access, self.rebuild = access, rebuild
        self.words = EDITOR["en" if language == "en" else "zh-CN"]
        held = Path(tempfile.mkdtemp(prefix="site-builder-editor-"))
        self.held = Held(held)
        weakref.finalize(self, shutil.rmtree, held, ignore_errors=True)
        self.forms = _forms()
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.filters["message"] = message_text

    def __call__(
        self, environ: dict[str, Any], start_response: StartResponse, route: str
    ) -> Iterable[bytes]:
        """Answer one request under /_edit/ (WSGI, with the route after /_edit/)."""
        if not self.access.host_allowed(environ):
            return self._refused(start_response)
        try:
            request = read_request(environ, route)
        except BodyTooBig:
            limit = str(MAX_UPLOAD // 2**20)
            page = self._render(
                "message.html",
                heading=self.words["failed_title"],
                text=self.words["too_big"].format(limit=limit),
            )
            return self._send(start_response, "413 Content Too Large", page)
        if route == "login":
            return self._login(request, start_response)
        if route.startswith("static/") and request.method == "GET":  # the login page's too
            return self._static(route.removeprefix("static/"), start_response)
        if not self.access.signed_in(environ):
            if request.method == "POST":
                return self._refused(start_response)
            return self._redirect(start_response, "/_edit/login")
        if request.method == "POST" and not self._from_our_page(request):
            return self._refused(start_response)
        try:
            return self._route(request, start_response)
        except Exception:  # never a traceback in the browser; the terminal has it
            _log.exception("editor")
            page = self._render(
                "message.html", heading=self.words["failed_title"], text=self.words["failed_text"]
            )
            return self._send(start_response, "500 Internal Server Error", page)

    def _from_our_page(self, request: Request) -> bool:
        return self.access.same_origin(request.environ) and self.access.page_token_matches(
            request.value("token")
        )

    def _route(self, request: Request, start_response: StartResponse) -> Iterable[bytes]:
        route = request.route
        if route == "" and request.method == "GET":
            return self._index(request, start_response)
        if route == "preview" and request.method == "POST":
            return self._preview(request, start_response)
        if route == "repeats" and request.method == "GET":
            from site_builder.editor.repeats import labels

            found = labels(request.query.get("start", ""), self.language)
            return self._send(
                start_response, "200 OK", json.dumps(found).encode(), "application/json"
            )
        if route.startswith("held/") and request.method == "GET":
            return self._held(route.removeprefix("held/"), start_response)
        form = self.forms.get(route)
        if form is None or request.method not in ("GET", "POST"):
            return self._not_found(start_response)
        context = self._context()
        if request.method == "GET":
            return self._open(form, context, request, start_response)
        return self._save(form, context, request, start_response)

    def _context(self) -> Context:
        facts = read_facts(self.content, self.today, self.language)
        today = facts.today or self.today or dt.date.today()
        return Context(self.content, self.language, facts, today, self.held)

    def _open(
        self, form: Form, context: Context, request: Request, start_response: StartResponse
    ) -> Iterable[bytes]:
        opened = form.open(context, request)
        if isinstance(opened, Blocked):  # nothing to add to yet, or a file to mend first
            page = self._render(
                "message.html", heading=opened.title, text=opened.text, items=opened.problems
            )
            return self._send(start_response, "200 OK", page)
        if opened is None:
            return self._not_found(start_response)
        saved = request.query.get("saved", "")
        if saved and not (self.content / saved).is_file():
            saved = ""
        balance = ""
        person = next(
            (p for p in context.facts.people if p.resident.id == request.query.get("resident")),
            None,
        )
        if saved and person is not None:  # a points line saved: the balance it leaves
            name = self.words["aside"].format(text=person.resident.name, aside=person.resident.id)
            balance = self.words["saved_balance"].format(name=name, balance=person.balance)
        return self._form_page(
            form,
            context,
            request,
            start_response,
            opened.values,
            opened.hidden,
            saved=saved,
            saved_note=balance,
            title=opened.title,
            note=opened.note,
        )

    def _save(
        self, form: Form, context: Context, request: Request, start_response: StartResponse
    ) -> Iterable[bytes]:
        draft = form.draft(context, request)
        if draft is None:
            return self._not_found(start_response)
        values: Values = dict(request.form)
        hidden = {
            name: request.value(name)
            for name in request.form
            if name in HIDDEN or name.startswith("held_")
        }
        if isinstance(draft, Refusal):
            outcome = Outcome(errors=draft.errors)
        else:
            known = context.facts.errors  # loaded for this request: the site as it is
            outcome = commit(self.content, self.today, self.language, draft, known)
            if outcome.saved and outcome.conflict is None and not outcome.general:
                # the page shown next is up to date (the watcher adds a reload); while the
                # site has errors elsewhere there is none, and the form says it was saved
                built = self.rebuild()
                query = urlencode({"saved": outcome.saved[-1], **draft.shown_after})
                target = (draft.done_url() if built else None) or f"/_edit/{request.route}?{query}"
                return self._redirect(start_response, target)
        for name, upload in request.files.items():  # a picture fit to take, not saved: hold it
            if name in outcome.errors or media_type(upload.data) is None:
                hidden.pop(f"held_{name}", None)  # no earlier picture stands in for this one
                values.pop(f"held_{name}", None)
            else:
                hidden[f"held_{name}"] = values[f"held_{name}"] = self.held.keep(upload)
        if outcome.conflict is not None:
            now = Snapshot.of(outcome.conflict.path)
            hidden["base"] = base_of(now)
            if "base_path" in hidden:
                hidden["base_path"] = outcome.conflict.path.relative_to(self.content).as_posix()
        opened = form.open(
            context,
            Request(
                "GET",
                request.route,
                {k: v for k, v in hidden.items() if k == "file"},
                request.environ,
            ),
        )
        title = opened.title if opened else self.words["editor_title"]
        note = opened.note if isinstance(opened, Opened) else ""
        status = "409 Conflict" if outcome.conflict else "422 Unprocessable Content"
        return self._form_page(
            form,
            context,
            request,
            start_response,
            values,
            hidden,
            outcome=outcome,
            status=status,
            title=title,
            note=note,
        )

    def _form_page(
        self,
        form: Form,
        context: Context,
        request: Request,
        start_response: StartResponse,
        values: Values,
        hidden: dict[str, str],
        *,
        title: str,
        note: str = "",
        saved: str = "",
        saved_note: str = "",
        outcome: Outcome | None = None,
        status: str = "200 OK",
    ) -> Iterable[bytes]:
        fields = form.fields(context, values, request)
        if outcome is not None:
            for field in fields:
                field.errors.extend(outcome.errors.get(field.name, []))
            known = {field.name for field in fields}
            for name, errors in outcome.errors.items():
                if name not in known:
                    outcome.general.extend(errors)
        page = self._render(
            "form.html",
            title=title,
            note=note,
            route=request.route,
            fields=fields,
            hidden=hidden,
            saved=saved,
            saved_note=saved_note,
            outcome=outcome,
            site_errors=context.facts.errors,
            facts=context.facts,
        )
        return self._send(start_response, status, page)

    def _index(self, request: Request, start_response: StartResponse) -> Iterable[bytes]:
        context = self._context()
        shown = request.query.get("page", "").lstrip("/")
        if shown:
            source = _source_of(context.facts.pages, shown)
            for kind in ("story", "notice"):
                if source.startswith("stories/" if kind == "story" else "notices/"):
                    return self._redirect(
                        start_response, f"/_edit/{kind}?" + urlencode({"file": source})
                    )
        page = self._render(
            "index.html",
            stories=listed(self.content, "stories"),
            notices=listed(self.content, "notices"),
            site_errors=context.facts.errors,
        )
        return self._send(start_response, "200 OK", page)

    def _preview(self, request: Request, start_response: StartResponse) -> Iterable[bytes]:
        from site_builder.markup import MarkdownRenderer

        def resolve(link: str) -> str | None:
            return "/" + quote(link.lstrip("./"))

        html = MarkdownRenderer().render(request.value("body"), resolve, lambda _: None)
        return self._send(start_response, "200 OK", html.encode())

    def _login(self, request: Request, start_response: StartResponse) -> Iterable[bytes]:
        if self.access.loopback:
            return self._redirect(start_response, "/_edit/")
        wrong = False
        typed = (
            request.value("token") if request.method == "POST" else request.query.get("token", "")
        )
        if request.method == "POST" and not self.access.same_origin(request.environ):
            return self._refused(start_response)
        if typed:
            if self.access.token_matches(typed):
                return self._redirect(start_response, "/_edit/", [self.access.session_cookie()])
            wrong = True
        page = self._render("login.html", wrong=wrong)
        return self._send(start_response, "403 Forbidden" if wrong else "200 OK", page)

    def _held(self, token: str, start_response: StartResponse) -> Iterable[bytes]:
        """Send a picture held from a refused save, shown beside its field."""
        upload = self.held.get(token)
        kind = media_type(upload.data) if upload is not None else None
        if upload is None or kind is None:
            return self._not_found(start_response)
        return self._send(start_response, "200 OK", upload.data, kind)

    def _static(self, name: str, start_response: StartResponse) -> Iterable[bytes]:
        if name not in ("editor.css", "editor.js"):
            return self._not_found(start_response)
        kind = mimetypes.guess_type(name)[0] or "text/plain"
        body = (HERE / "static" / name).read_bytes()
        return self._send(start_response, "200 OK", body, kind)

    def _render(self, template: str, **context: Any) -> bytes:
        page = self.templates.get_template(template).render(
            words=self.words,
            language=self.language,
            token=self.access.page_token,
            **context,
        )
        return page.encode()

    def _send(
        self, start_response: StartResponse, status: str, body: bytes, kind: str = "text/html"
    ) -> Iterable[bytes]:
        start_response(status, [("Content-Type", f"{kind}; charset=utf-8"), *_SECURITY])
        return [body]

    def _redirect(
        self, start_response: StartResponse, target: str, extra: list[tuple[str, str]] | None = None
    ) -> Iterable[bytes]:
        start_response("303 See Other", [("Location", target), *_SECURITY, *(extra or [])])
        return [b""]

    def _refused(self, start_response: StartResponse) -> Iterable[bytes]:
        page = self._render(
            "message.html", heading=self.words["refused_title"], text=self.words["refused_text"]
        )
        return self._send(start_response, "403 Forbidden", page)

    def _not_found(self, start_response: StartResponse) -> Iterable[bytes]:
        page = self._render("message.html", heading="404", text="")
        return self._send(start_response, "404 Not Found", page)


def _source_of(pages: dict[str, str], shown: str) -> str:
    """Return the content file a preview page comes from ("" when none, or not known)."""
    for candidate in (shown, shown.rstrip("/") + "/index.html", shown + "index.html"):
        if candidate in pages:
            return pages[candidate]
    return ""
