"""Build the bundled content/ and compare with the golden tree; check every link resolves.

Regenerate the golden tree after an intended change with:
    pytest tests/e2e/test_sample_site.py --regen-golden
"""

from __future__ import annotations

import difflib
import io
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from site_builder.links import BrokenLink, broken_links
from tests.conftest import REPO, TODAY_ARG

GOLDEN = Path(__file__).parent / "golden"
BASE_URL = "https://example.org/longteng/"
_MADE_COPY = re.compile(r"^site/assets/.+\.\d+w\.[0-9a-f]{8}\.\w+$")


@pytest.fixture(scope="module")
def built(sample_output: Path) -> Path:
    return sample_output / "site"


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _pagefind(files: dict[str, bytes]) -> list[str]:
    """Return the search index's files made by Pagefind (all but the list of its shards)."""
    return [p for p in files if p.startswith("site/pagefind/") and p != "site/pagefind/shards.json"]


def problems(root: Path) -> list[BrokenLink]:
    """Return every link or asset reference under `root` that would not work."""
    files = tree(root)
    return broken_links(files, files.keys(), other_hosts=True, base_url=BASE_URL)


def test_matches_golden_tree(built: Path, request: pytest.FixtureRequest) -> None:
    output = built.parent  # site/ and kiosk/
    if request.config.getoption("--regen-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(output, GOLDEN, ignore=shutil.ignore_patterns(".site-builder-*"))
        for path in _pagefind(tree(GOLDEN)):
            (GOLDEN / path).unlink()
        pytest.skip("golden tree regenerated")
    expected, actual = tree(GOLDEN), tree(output)
    # The search index is Pagefind's work: its bytes follow Pagefind's version, which a new
    # machine installs afresh. What goes into it is tested in tests/unit/test_search_index.py.
    for path in _pagefind(actual):
        del actual[path]
    for bookkeeping in [p for p in actual if p.startswith(".site-builder-")]:
        del actual[bookkeeping]  # the marker file and what the last build wrote where
    # The board's font is cut from the machine's own Noto Sans CJK by fontTools: its bytes
    # follow those versions, not our code. Compare that it is there, not what it holds.
    for files in (expected, actual):
        for path in [p for p in files if p.endswith(".woff2")]:
            files[path] = b"woff2"
    # A picture's narrower copies are Pillow's encoding, whose bytes may change with its
    # version: compare their pixel sizes (tests/unit/test_pictures.py checks what they hold).
    for files in (expected, actual):
        for path in [p for p in files if _MADE_COPY.search(p)]:
            with Image.open(io.BytesIO(files[path])) as image:
                files[path] = f"{image.format} {image.size}".encode()
    missing, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
    report = [f"missing: {p}" for p in missing] + [f"unexpected: {p}" for p in extra]
    for path in sorted(set(expected) & set(actual)):
        if expected[path] != actual[path]:
            try:
                diff = difflib.unified_diff(
                    expected[path].decode().splitlines(),
                    actual[path].decode().splitlines(),
                    f"golden/{path}",
                    f"built/{path}",
                    lineterm="",
                    n=1,
                )
                report.append("\n".join(list(diff)[:40]))
            except UnicodeDecodeError:
                report.append(f"binary file differs: {path}")
    assert not report, (
        "output differs from tests/e2e/golden (rerun with --regen-golden if intended):\n"
        + "\n".join(report)
    )


def test_pages_the_issue_asks_for(built: Path) -> None:
    for path in [
        "index.html",
        "stories/index.html",
        "stories/xingfu-dianti/index.html",
        "tags/index.html",
        "tags/助老/index.html",
        "categories/index.html",
        "categories/志愿服务/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "static/style.css",
        "assets/elevator.png",
    ]:
        assert (built / path).is_file(), path


def test_every_internal_link_resolves_and_none_is_absolute(built: Path) -> None:
    # The 404 page is served from any depth, so its one way home is base_url.
    assert problems(built) == []
    home_link_pages = [
        p for p in built.rglob("*.html") if BASE_URL in p.read_text(encoding="utf-8")
    ]
    assert [p.name for p in home_link_pages] == ["404.html"]


def test_draft_never_reaches_output(built: Path) -> None:
    draft = (REPO / "content" / "stories" / "draft-zhongqiu.md").read_text(encoding="utf-8")
    assert "draft: true" in draft
    everything = b"".join(tree(built).values()).decode("utf-8", errors="ignore")
    assert "zhongqiu-miyu-yeye" not in everything
    assert "【草稿】" not in everything


def test_feed_is_atom_with_absolute_links(built: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(built / "feed.xml").getroot()
    entries = root.findall("a:entry", ns)
    assert len(entries) == 11
    first = entries[0]
    assert first.find("a:link", ns).get("href").startswith(BASE_URL + "stories/")
    assert first.find("a:updated", ns).text.endswith("+08:00")
    content = first.find("a:content", ns).text
    assert 'src="/' not in content and 'href="/' not in content


def test_sitemap_lists_pages_with_absolute_urls(built: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(built / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert BASE_URL in locs
    assert BASE_URL + "stories/xingfu-dianti/" in locs
    assert all(loc.startswith(BASE_URL) for loc in locs)
    assert not any(loc.endswith(("404.html", "feed.xml")) for loc in locs)


def test_paginated_story_list(tmp_path: Path, make_site, cli) -> None:
    content = make_site(
        {
            f"stories/s{n:02}.md": f"---\ntitle: 故事{n}\ndate: 2025-01-{n + 1:02}\n---\n正文\n"
            for n in range(13)
        }
    )
    assert (
        cli(
            "build",
            "--content",
            "content",
            "--target",
            "site",
            "--today",
            TODAY_ARG,
            cwd=content.parent,
        ).code
        == 0
    )
    site = content.parent / "output" / "site"
    first = (site / "stories" / "index.html").read_text(encoding="utf-8")
    second = (site / "stories" / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert first.count('class="card"') == 12 and second.count('class="card"') == 1
    assert 'href="page/2/index.html"' in first
    assert 'href="../../index.html"' in second and "第 2 / 2 页" in second
    assert problems(site) == []
