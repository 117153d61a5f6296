"""Writing the posters: each one rendered with the theme's print/ templates, made into a PDF
by WeasyPrint (pdf.py) and written into the print target's staging folder.

Privacy follows the lobby board: a poster hangs inside the compound, so by default it
shows names and phones as written (the site as loaded). With `print.privacy: public` it
renders from the public view, and the leak guard reads every poster's text before it
becomes a PDF, as it reads the public site's pages.

Laying out a PDF takes a second; rendering its HTML, milliseconds. So a poster is made
again only when what it shows or how it is drawn changed: its key digests the print
templates, the settings, the poster's data and the code (page_keys.Digester, as pages are
keyed), and the build cache keeps each PDF under its key. An unchanged poster is copied
from there, and keeps the date it was made.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import os
import re
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from markupsafe import Markup

from site_builder.cache import cache_folder, code_version, compiled_templates, content_cache
from site_builder.config import Print
from site_builder.diagnostics import ContentErrors, Diagnostics, Location
from site_builder.jinja_env import theme_dirs
from site_builder.leak_guard import LeakGuard
from site_builder.loading import Loaded
from site_builder.page_keys import Digester
from site_builder.pages import Page
from site_builder.pdf import engine_version, html_to_pdf
from site_builder.posters import Poster, plan_posters
from site_builder.progress import Progress
from site_builder.qr import qr_svg
from site_builder.render import SiteRenderer, TemplateProblem
from site_builder.site import Site
from site_builder.staging import write_file
from site_builder.urls import absolute_url

KEEP_DAYS = 14
"""PDFs no build has used for this long leave the build cache."""
SCALE = {"A4": 1.0, "A3": 2**0.5}
"""Type and margins grow with the sheet: A3 is A4 enlarged by √2."""


@dataclass(frozen=True, slots=True)
class Printed:
    """What writing the posters did."""

    files: int
    """Posters written."""
    made: int
    """Posters laid out anew (their data or templates changed)."""
    kept: int
    """Posters copied from the build cache unchanged."""


def write_posters(
    loaded: Loaded, output: Path, stage: Path, diags: Diagnostics, progress: Progress
) -> Printed:
    """Write every poster into `stage`; return what was made and what was kept."""
    settings = loaded.site.config.print or Print()
    shown = loaded.public if settings.privacy == "public" else loaded.site
    config = shown.config
    posters = plan_posters(shown, settings)
    if config.base_url is None and posters:
        diags.warning(config.source, "print.no_base_url")
    renderer = SiteRenderer(shown, theme_dirs(shown.content), compiled_templates(output))
    guard = _guard(loaded, output) if settings.privacy == "public" else None
    store = cache_folder(output) / "posters"
    common = _common_key(renderer, settings, shown)
    digester = Digester()
    for event in shown.calendar.events:  # a rule's pickle holds what expanding it cached
        if event.rule is not None:
            digester.stand_in(event.rule, f"repeat|{event.repeat}|{event.start!r}")
    made = 0
    for done, poster in enumerate(posters, start=1):
        progress.stage("progress.print", done=done, total=len(posters))
        key = _key(common, poster, digester)
        cached = store / f"{key}.pdf"
        if guard is None and cached.is_file():
            os.utime(cached)  # used: kept in the cache
            write_file(stage, poster.path, cached.read_bytes())
            continue
        html = _render(renderer, poster, shown, settings, diags)
        if guard is not None:
            for _path, kind, value in guard.scan(poster.path + ".html", html):
                where = Location(output / "print" / poster.path)
                diags.error(where, f"privacy.leaked_{kind}", value=value)
            if diags.has_errors:
                raise ContentErrors(diags)
            if cached.is_file():
                os.utime(cached)
                write_file(stage, poster.path, cached.read_bytes())
                continue
        data = html_to_pdf(html)
        made += 1
        store.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(f"{cached.name}.{os.getpid()}")
        temporary.write_bytes(data)
        os.replace(temporary, cached)
        write_file(stage, poster.path, data)
    _forget_old(store)
    return Printed(len(posters), made, len(posters) - made)


def _guard(loaded: Loaded, output: Path) -> LeakGuard:
    mobiles = content_cache(cache_folder(output), "mobiles", loaded.site.content, ".pickle")
    return LeakGuard(loaded.site, mobiles, loaded.memo.numbers)


def _common_key(renderer: SiteRenderer, settings: Print, site: Site) -> str:
    """Digest what every poster of this build shares: code, engine, templates, settings."""
    digest = hashlib.sha256()
    config = site.config
    shared = (code_version(), engine_version(), repr(settings), config.language, config.title)
    digest.update(repr((shared, config.base_url, config.communities)).encode())
    chosen: dict[str, Path] = {}
    for folder in reversed(renderer.dirs):  # the site's own templates win, file by file
        for path in sorted((folder / "print").glob("*")):
            chosen[path.name] = path
    for name, path in sorted(chosen.items()):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _key(common: str, poster: Poster, digester: Digester) -> str:
    """Return the poster's key: the shared digest, its path, kind, page and data."""
    parts = (common, poster.path, poster.kind, poster.page or "", digester.digest(poster.context))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _render(
    renderer: SiteRenderer, poster: Poster, site: Site, settings: Print, diags: Diagnostics
) -> str:
    """Return the poster's page: the print template with its styles and QR code inline."""
    base = site.config.base_url
    url = absolute_url(base, poster.page) if base and poster.page else None
    extra = {
        "poster_css": Markup(renderer.theme_file("print/print.css").read_text(encoding="utf-8")),
        "paper": settings.paper,
        "orientation": settings.orientation,
        "scale": SCALE[settings.paper],
        "qr": qr_svg(url, dark="#000000", light="#ffffff") if url else None,
        "qr_url": url,
        "made": site.today,
        "picture": lambda html: Markup(poster_html(html, site.content)),
    }
    community = poster.path.split("/")[0] if "/" in poster.path else None
    context = {**poster.context, "community": site.config.community(community)}
    try:
        text = renderer.render(Page(poster.path, f"print/{poster.kind}.html", context), **extra)
    except TemplateProblem as problem:
        diags.error(problem.location, "template.error", detail=problem.detail)
        raise ContentErrors(diags) from problem
    return text if isinstance(text, str) else text.decode("utf-8")


_LINK = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)
_IMAGE = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_SOURCE = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))""", re.IGNORECASE)


def poster_html(html: str, content: Path) -> str:
    """Return a notice's HTML fit for paper: links as their text, pictures from assets/ inline.

    Nothing is fetched while the PDF is made: a picture of this site's assets/ becomes a
    data: URL, and any other picture is left out.
    """
    return _IMAGE.sub(lambda match: _inline_picture(match.group(0), content), _LINK.sub("", html))


def _inline_picture(tag: str, content: Path) -> str:
    found = _SOURCE.search(tag)
    if found is None:
        return ""
    source = unescape(next(group for group in found.groups() if group is not None)).strip()
    if not source.startswith("/assets/") or ".." in source.split("/"):
        return ""
    path = content / source.lstrip("/")
    kind = mimetypes.guess_type(path.name)[0]
    if kind is None or not kind.startswith("image/") or not path.is_file():
        return ""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return tag[: found.start()] + f' src="data:{kind};base64,{data}"' + tag[found.end() :]


def _forget_old(store: Path) -> None:
    """Delete cached posters no build used for KEEP_DAYS (a used one was just touched)."""
    if not store.is_dir():
        return
    oldest = time.time() - KEEP_DAYS * 86400
    for path in store.glob("*.pdf"):
        try:
            if path.stat().st_mtime < oldest:
                path.unlink()
        except OSError:
            continue
