"""The sample site in public: no resident's full name, no mobile number, anywhere under output/site/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

CONTENT = REPO / "content"
MOBILE = re.compile(r"(?<!\d)(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")


def load(name: str):
    return yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))


def secret_names() -> set[str]:
    names = {r["name"] for r in load("points/residents.yaml")}
    names |= {w["who"] for w in load("wishes.yaml")}
    names |= {role["name"] for b in load("buildings.yaml") for role in b["roles"]}
    praise = "".join(p.read_text(encoding="utf-8") for p in (CONTENT / "stories").glob("*.md"))
    praise += "".join(p.read_text(encoding="utf-8") for p in (CONTENT / "honors").glob("*.yaml"))
    return {n for n in names if n not in praise}


def secret_numbers() -> set[str]:
    text = "".join(
        p.read_text(encoding="utf-8") for p in CONTENT.rglob("*") if p.suffix in (".md", ".yaml")
    )
    return {"".join(m.groups()) for m in MOBILE.finditer(text)}


@pytest.fixture(scope="module")
def site(sample_output: Path) -> Path:
    return sample_output / "site"


def test_sample_has_secrets_to_keep() -> None:
    assert len(secret_names()) > 40
    assert len(secret_numbers()) > 10


def test_grep_finds_no_secret_in_the_public_site(site: Path) -> None:
    names, numbers = secret_names(), secret_numbers()
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix in (".png", ".jpg", ".css"):
            continue
        text = path.read_bytes().decode("utf-8").replace("\r\n ", "")
        digits = re.sub(r"[ -]", "", text)
        leaked = [n for n in names if n in text] + [n for n in numbers if n in digits]
        assert not leaked, f"{path.relative_to(site)}: {leaked}"


def test_boards_still_show_the_people(site: Path) -> None:
    board = (site / "buildings" / "longteng" / "3栋" / "index.html").read_text(encoding="utf-8")
    assert board.count("<tr>") >= 6 and "****" in board
    wishes = (site / "wishes" / "index.html").read_text(encoding="utf-8")
    assert "欧阳*" in wishes
