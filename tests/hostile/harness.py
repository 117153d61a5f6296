"""The hostile-input harness: a full small site, one broken or poisoned piece per case.

Every case is data (`Case`): the files it writes over `BASE`, and the outcome it
expects, which the harness enforces:

- ERROR: a good build first fills output/, then the case's files are written
  and the build must exit 1, every error naming its file and line (compiler
  style), no traceback, and output/ byte for byte as the good build left it.
- SANITISED: the build exits 0 with a warning at the given file and line, and
  nothing executable from the content reaches output/site or output/kiosk.
- KEPT: the build exits 0 without warnings, and the value appears exactly as
  written (escaped as text) in the given output file.

After every build, whatever its outcome, the whole output folder is scanned
for scripts, handlers, frames, styles and script URLs that the theme did not
put there.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

import pytest
from markupsafe import escape

from tests.conftest import REPO, TODAY_ARG, Run

Files = dict[str, str | bytes | None]
"""Paths under content/ to their new text or bytes; None deletes the file."""
Outcome = Literal["error", "sanitised", "kept"]
ERROR: Outcome = "error"
SANITISED: Outcome = "sanitised"
KEPT: Outcome = "kept"
SECONDS = 20.0
"""No build of these small sites may take longer: a hang or a quadratic blow-up fails."""

TWO_COMMUNITIES = (
    "title: 测试小区\n"
    "communities:\n"
    "  - id: longteng\n"
    "    name: 龙腾广场小区\n"
    "  - id: xiangzhang\n"
    "    name: 香樟雅苑\n"
)
RULES = (
    "earn:\n"
    "  garbage-sorting: {name: 垃圾分类, points: 10}\n"
    "  volunteer-hour: {name: 志愿服务, points_per_hour: 10}\n"
    "redeem:\n"
    "  haircut: {name: 免费理发, cost: 50}\n"
)
RESIDENTS = (
    "- {id: R001, name: 刘大哥, building: 3栋, community: longteng}\n"
    "- {id: R002, name: 王阿姨, building: 5栋, community: longteng}\n"
)
LEDGER = (
    "- date: 2026-05-03\n"
    "  resident: R001\n"
    "  earn: garbage-sorting\n"
    "- date: 2026-05-04\n"
    "  resident: R002\n"
    "  earn: volunteer-hour\n"
    "  hours: 2.5\n"
)
BASE: dict[str, str | bytes] = {
    "site.yaml": TWO_COMMUNITIES,
    "stories/a.md": (
        "---\ntitle: 好邻居\ndate: 2025-05-20\ncommunity: longteng\npeople: [李奶奶]\n"
        "tags: [助老]\n---\n李奶奶每天帮邻居取快递。\n"
    ),
    "notices/n.md": (
        "---\ntitle: 停水通知\ndate: 2026-11-20\nexpires: 2026-11-30\ncommunity: longteng\n"
        "---\n明天上午停水。\n"
    ),
    "events/e.yaml": (
        "- title: 端午包粽子\n"
        "  start: 2026-11-25 09:00\n"
        "  end: 11:30\n"
        "  location: 活动室\n"
        "  organizer: 党支部\n"
        "  community: longteng\n"
        "  signup: 王师傅\n"
        "  description: 自带围裙。\n"
    ),
    "honors/h.yaml": (
        "title: 文明户\nawarded: 2026-06-30\ncommunity: longteng\nentries:\n"
        "  - name: 陈家\n    building: 5栋\n    citation: 热心肠\n    story: a\n"
    ),
    "buildings.yaml": (
        "- building: 3栋\n"
        "  community: longteng\n"
        "  roles:\n"
        '    - {role: 楼栋长, name: 万玉廷, room: 502, phone: "13900001111"}\n'
    ),
    "wishes.yaml": (
        "- wish: 想要一副老花镜\n  who: 钟桂芝\n  date: 2026-11-18\n  community: longteng\n"
    ),
    "points/rules.yaml": RULES,
    "points/residents.yaml": RESIDENTS,
    "points/ledger/2026-05.yaml": LEDGER,
}
"""A small site with every content kind, which builds clean (two communities)."""


@dataclass(frozen=True)
class Case:
    """One hostile input and the outcome the build must show."""

    id: str
    """The test id."""
    outcome: Outcome
    """ERROR, SANITISED or KEPT."""
    files: Files
    """What the case writes over BASE."""
    at: str = ""
    """ERROR, SANITISED: the `path:line` a reported message starts with."""
    says: str = ""
    """ERROR, SANITISED: words that message must hold."""
    value: str = ""
    """KEPT: the text that must appear exactly as written."""
    page: str = ""
    """KEPT: the output file (under output/) it must appear in."""
    whole_file: bool = False
    """ERROR: the message is about the whole file (an encoding), so it names no line."""
    absent: str = ""
    """Text that must appear in no output file (a secret that must not be published)."""
    setup: Callable[[Path], object] | None = None
    """Called with the content folder after the files are written (symlinks and such)."""


def params(cases: list[Case]) -> list[pytest.ParameterSet]:
    """Return the cases as pytest parameters, with their ids."""
    ids = [case.id for case in cases]
    assert len(ids) == len(set(ids)), "two cases share an id"
    return [pytest.param(case, id=case.id) for case in cases]


def write(content: Path, files: Mapping[str, str | bytes | None]) -> None:
    """Write `files` into the content folder (None deletes a file)."""
    for relative, data in files.items():
        path = content / relative
        if data is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="")


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Return every file (with its bytes) and folder (None) under `root`."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


Cli = Callable[..., Run]


def build(cli: Cli, site: Path, *extra: str) -> Run:
    """Run `site-builder build` in `site` (which holds content/), within the time budget."""
    started = time.monotonic()
    run = cli(
        "build", "--content", "content", "--output", "output", "--today", TODAY_ARG, *extra,
        cwd=site,
    )  # fmt: skip
    seconds = time.monotonic() - started
    assert seconds < SECONDS, f"the build took {seconds:.1f} s"
    assert "Traceback" not in run.out + run.err, run.err
    return run


_LOCATED = re.compile(r"^content/[^:\n]+:(\d+)(:\d+)?: (错误|警告): ")
_ERROR = re.compile(r": (错误|error): ")


def error_lines(run: Run) -> list[str]:
    """Return the error lines of a run's report."""
    return [line for line in run.err.splitlines() if _ERROR.search(line)]


def located(lines: list[str], at: str, says: str) -> bool:
    """Tell whether a line starts at `at` (path:line, then `:` or a column) and holds `says`."""
    return any(
        line.startswith(at) and line[len(at)] == ":" and says in line
        for line in lines
        if len(line) > len(at)
    )


def check(case: Case, cli: Cli, content: Path) -> None:
    """Write BASE and the case into `content`, build, and enforce the case's outcome."""
    site = content.parent
    output = site / "output"
    write(content, BASE)
    if case.outcome == ERROR:
        first = build(cli, site)
        assert first.code == 0, f"the good site did not build:\n{first.err}"
        before = snapshot(output)
    write(content, case.files)
    if case.setup is not None:
        case.setup(content)
    run = build(cli, site)
    if case.outcome == ERROR:
        _check_error(case, run)
        assert snapshot(output) == before, "the failed build changed the previous output"
    elif case.outcome == SANITISED:
        assert run.code == 0, run.err
        warnings = [line for line in run.err.splitlines() if ": 警告: " in line]
        assert located(warnings, case.at, case.says), f"no warning at {case.at}:\n{run.err}"
    else:
        assert run.code == 0, run.err
        assert run.err == "", f"a value kept as written needs no warning:\n{run.err}"
        assert_kept(output / case.page, case.value)
    if output.exists():
        assert_nothing_executable(output)
    if case.absent:
        assert_absent(output, case.absent)


def _check_error(case: Case, run: Run) -> None:
    assert run.code == 1, f"exit {run.code}, expected 1:\n{run.err}"
    lines = error_lines(run)
    assert lines, run.err
    for line in lines:
        named = _LOCATED.match(line) or (case.whole_file and line.startswith("content/"))
        assert named, f"an error that names no file and line: {line}\n{run.err}"
    assert located(lines, case.at, case.says), (
        f"no error at {case.at} saying {case.says!r}:\n{run.err}"
    )


def assert_kept(path: Path, value: str) -> None:
    """Check that `value` appears in the output file `path` exactly as written."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        form = json.dumps(value, ensure_ascii=False)[1:-1]
    elif path.suffix == ".js":
        form = json.dumps(value, ensure_ascii=False)[1:-1].replace("</", "<\\/")
        assert form in text, f"{value!r} is not in {path.name} as written (looked for {form!r})"
        return
    # The theme escapes " as &#34;, Markdown and the sanitiser as &quot;: either is the text.
    forms = {str(escape(value)), html.escape(value), html.escape(value, quote=False)}
    assert any(form in text for form in forms), f"{value!r} is not in {path.name} as written"


def assert_absent(output: Path, secret: str) -> None:
    """Check that `secret` appears in no published file (site/ and kiosk/ of the output folder)."""
    for path in [*(output / "site").rglob("*"), *(output / "kiosk").rglob("*")]:
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), f"{secret!r} was published in {path}"


# The scan ---------------------------------------------------------------------------------

_URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "poster",
        "background",
        "cite",
        "data",
        "srcset",
        "codebase",
        "lowsrc",
        "dynsrc",
        "ping",
        "manifest",
        "icon",
    }
)
_NEVER = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "template"}
)
_THEME_SCRIPTS = frozenset(
    {
        (("src", "data.js"),),
        (("src", "kiosk.js"),),
        (("src", "../static/search.js"), ("defer", None)),
    }
)
"""The only scripts the theme writes: the lobby board's own two files, the search page's
(search/index.html), and the 长辈模式 switch on every page (_ELDER_SCRIPT)."""
_ELDER_SCRIPT = re.compile(r"\(\('src', '(?:\.\./)*static/elder\.js'\),\)")
_THEME_FORM = re.compile(
    r"\(\('class', '(?:masthead-search|search-form)'\), \('role', 'search'\), "
    r"(?:\('aria-label', '[^'<>]*'\), )?"
    r"\('action', '(?:(?:\.\./)*search/index\.html|index\.html)'\), \('method', 'get'\)\)"
)
"""The only forms the theme writes: the masthead's search box, and the search page's, each
sending the words to the search page (issue 24), and each perhaps named for a screen
reader (two search landmarks on one page need different names, issue 25)."""
_THEME_404_SCRIPT = (
    "<script>"
    + (REPO / "templates" / "static" / "elder.js").read_text(encoding="utf-8")
    + "</script>"
)
"""The 404 page's one script, inlined as its stylesheet is (it is served from any depth):
长辈模式's, exactly as the theme ships it, and nothing else."""
_BAD_SCHEMES = ("javascript:", "vbscript:", "livescript:", "mocha:", "data:")
_THEME_DATA_URLS = frozenset({"data:,"})
"""The board's empty favicon (so the browser asks no server for one)."""
_RAW = re.compile(r"<(iframe|object|embed|frame|applet|base)\b|<svg[^>]*\son", re.IGNORECASE)


class _Scan(HTMLParser):
    """Collect what is executable in an HTML document (or fragment) and not the theme's."""

    def __init__(self, style_allowed: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.style_allowed = style_allowed
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if (
            tag == "script"
            and tuple(attrs) not in _THEME_SCRIPTS
            and not _ELDER_SCRIPT.fullmatch(repr(tuple(attrs)))
        ):
            self.found.append(f"<script {attrs}>")
        if tag == "form" and _THEME_FORM.fullmatch(repr(tuple(attrs))):
            pass
        elif tag in _NEVER or (tag == "style" and not self.style_allowed):
            self.found.append(f"<{tag}>")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.found.append(f"<meta {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=>")
            elif name in _URL_ATTRIBUTES and value:
                cleaned = "".join(ch for ch in value if ch > " ").lower()
                if cleaned.startswith(_BAD_SCHEMES) and cleaned not in _THEME_DATA_URLS:
                    self.found.append(f"<{tag} {name}={value!r}>")


def executable_in(markup: str, style_allowed: bool = False) -> list[str]:
    """Return what in `markup` could run or restyle the page (empty when it is inert)."""
    scan = _Scan(style_allowed)
    scan.feed(markup)
    scan.close()
    return scan.found + [m.group(0) for m in _RAW.finditer(markup)]


def _html_values(value: object) -> list[str]:
    """Return the strings under "html" keys of a JSON document (the only markup in it)."""
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k == "html" and isinstance(v, str)]
        for v in value.values():
            found += _html_values(v)
        return found
    if isinstance(value, list):
        return [s for item in value for s in _html_values(item)]
    return []


_FEED_HTML = re.compile(r'<(content|summary) type="html">(.*?)</\1>', re.DOTALL)


def assert_nothing_executable(output: Path) -> None:
    """Scan every page, feed and data file under output/ for executable content."""
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(output).as_posix()
        found: list[str] = []
        if path.suffix in (".html", ".svg"):
            text = path.read_text(encoding="utf-8")
            if relative == "site/404.html":
                text = text.replace(_THEME_404_SCRIPT, "", 1)
            found = executable_in(text, style_allowed=relative == "site/404.html")
        elif path.suffix == ".xml":
            text = path.read_text(encoding="utf-8")
            found = executable_in(text)
            for match in _FEED_HTML.finditer(text):
                found += executable_in(html.unescape(match.group(2)))
        elif path.suffix == ".json":
            document = json.loads(path.read_text(encoding="utf-8"))
            for fragment in _html_values(document):
                found += executable_in(fragment)
        elif path.name == "data.js":
            text = path.read_text(encoding="utf-8")
            payload = text.removeprefix("window.KIOSK_DATA = ").rstrip().removesuffix(";")
            for fragment in _html_values(json.loads(payload)):
                found += executable_in(fragment)
        assert not found, f"{relative} carries executable content: {found}"
