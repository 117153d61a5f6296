"""The sample site in public: no resident's full name, no mobile number, anywhere under output/site/."""

from __future__ import annotations

import gzip
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
        data = path.read_bytes()
        if path.parent.name in ("fragment", "index", "filter") or path.suffix == ".pf_meta":
            # the search index (pagefind/): gzip, then strings among binary numbers
            # Chinese words segmented with zero-width spaces between them
            text = gzip.decompress(data).decode("utf-8", "replace").replace("\u200b", "")
        elif path.name.startswith("wasm."):
            continue  # Pagefind's search program, compiled
        else:
            text = data.decode("utf-8").replace("\r\n ", "")
        digits = re.sub(r"[ -]", "", text)
        leaked = [n for n in names if n in text] + [n for n in numbers if n in digits]
        assert not leaked, f"{path.relative_to(site)}: {leaked}"


def test_the_search_index_holds_the_public_words_only(site: Path) -> None:
    fragments = [
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for path in (site / "pagefind" / "fragment").iterdir()
    ]
    text = "".join(fragments).replace("\u200b", "")  # segmented with zero-width spaces
    assert len(fragments) > 20 and "便利贴" in text  # one story's body
    assert "谜语" not in text  # the draft's own word
    assert not [n for n in secret_names() if n in text]
    assert not [n for n in secret_numbers() if n in re.sub(r"[ -]", "", text)]


def test_boards_still_show_the_people(site: Path) -> None:
    board = (site / "buildings" / "longteng" / "3栋" / "index.html").read_text(encoding="utf-8")
    assert board.count("<tr>") >= 6 and "****" in board
    wishes = (site / "wishes" / "index.html").read_text(encoding="utf-8")
    assert "欧阳*" in wishes
