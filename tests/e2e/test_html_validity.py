"""The Nu HTML checker (vnu.jar, from npm's vnu-jar) finds no error on any built page.

Every page of the sample site and both lobby boards go through one run of the checker
(one JVM start, a few seconds). The Nu checker also reports a heading that skips a level
going down (h1 → h3) as an error, so this covers issue 25's "headings descend one level
at a time" for the markup as built; tests/e2e/test_headings.py adds one h1 per page, and
the browser tests check the lobby board's slides that its script fills in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import REPO

VNU_JAR = REPO / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL = (
    "install Java and the checkers as README's test command does: "
    "apt-get install default-jre-headless && npm ci --prefix tests/tools"
)

JUDGED_WARNINGS: set[tuple[str, str]] = set()
"""(file, start of message) of warnings judged and kept for now, each with its reason."""


@dataclass(frozen=True)
class Message:
    """One message of the Nu checker, located in the built output."""

    kind: str
    """"error", or "warning" (the checker's info messages of subtype warning)."""
    file: str
    """The page, relative to the output folder (site/…, kiosk/…)."""
    line: int
    text: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.text}"


@pytest.fixture(scope="module")
def nu_messages(sample_output: Path) -> list[Message]:
    """Run the Nu checker once over the built site and lobby boards; return its messages."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        missing = "java" if java is None else str(VNU_JAR.relative_to(REPO))
        if os.environ.get("CI"):
            pytest.fail(f"{missing} is missing: {INSTALL}")
        pytest.skip(f"{missing} is missing: {INSTALL}")
    command = [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--skip-non-html"]
    command += [str(sample_output / "site"), str(sample_output / "kiosk")]
    run = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=300)
    # vnu exits 1 when it found an error; anything else (or no JSON) is the checker failing
    assert run.returncode in (0, 1), run.stderr
    report = json.loads(run.stdout)
    return [_message(raw, sample_output) for raw in report["messages"] if _counts(raw)]


def _counts(raw: dict[str, str]) -> bool:
    """Keep errors (of the page or of reading it) and warnings; drop plain information."""
    return raw["type"] in ("error", "non-document-error") or raw.get("subType") == "warning"


def _message(raw: dict[str, str], output: Path) -> Message:
    path = Path(unquote(urlsplit(raw.get("url", "")).path))
    file = path.relative_to(output).as_posix() if path.is_relative_to(output) else str(path)
    kind = "warning" if raw["type"] == "info" else "error"
    line = int(raw.get("lastLine", 0))
    return Message(kind, file, line, raw["message"], raw.get("extract", ""))


def _filled_by_the_board(message: Message) -> bool:
    """Tell a lobby board's slide left empty for its script (heading and all) to fill.

    kiosk.js writes the today, events and notices slides in the browser, where axe checks
    them (tests/browser/test_accessibility.py); as built they are an empty <section>.
    """
    return (
        message.file.startswith("kiosk/")
        and message.text.startswith("Section lacks heading.")
        and "data-dynamic=" in message.extract
    )


def test_the_nu_checker_finds_no_error_on_any_page(nu_messages: list[Message]) -> None:
    errors = [str(m) for m in nu_messages if m.kind == "error"]
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors)


def test_the_nu_checker_warns_of_nothing_not_judged(nu_messages: list[Message]) -> None:
    warnings = [m for m in nu_messages if m.kind == "warning" and not _filled_by_the_board(m)]
    unjudged = [
        str(m)
        for m in warnings
        if not any(m.file == f and m.text.startswith(t) for f, t in JUDGED_WARNINGS)
    ]
    assert unjudged == [], f"{len(unjudged)} warnings:\n" + "\n".join(unjudged)
    gone = {
        judged
        for judged in JUDGED_WARNINGS
        if not any(m.file == judged[0] and m.text.startswith(judged[1]) for m in warnings)
    }
    assert gone == set(), f"no longer warned of; remove from JUDGED_WARNINGS: {gone}"
