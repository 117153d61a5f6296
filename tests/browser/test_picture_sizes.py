"""Pictures on a phone: the browser picks a small copy, nothing shifts, thumbnails load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

WIDTHS = """() => [...document.images].map(img => ({
  src: img.currentSrc,
  natural: img.naturalWidth,
  width: img.getAttribute('width'),
  height: img.getAttribute('height'),
  shown: img.getBoundingClientRect().width,
  drawn: img.getBoundingClientRect().height,
}))"""


def _phone(browser):  # type: ignore[no-untyped-def]
    return browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")


def test_a_phone_loads_a_small_copy_and_every_image_has_its_size(browser, server) -> None:
    context = _phone(browser)
    page = context.new_page()
    for path in ("stories/xingfu-dianti/index.html", "stories/meili-yangtai/index.html"):
        page.goto(server + path)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the lazy ones too
        page.wait_for_function("[...document.images].every(img => img.complete)")
        images = page.evaluate(WIDTHS)
        assert images, path
        for image in images:
            assert image["width"] and image["height"], f"{path}: {image['src']} has no size"
            assert ".480w." in image["src"] or ".960w." in image["src"], image["src"]
            assert image["natural"] > 0, image  # loaded
    shot = screenshot(page, "story-picture-phone")
    shutil.copy(shot, Path("/tmp") / shot.name)
    context.close()


def test_story_card_thumbnails_load_and_keep_their_shape(browser, server) -> None:
    context = _phone(browser)
    page = context.new_page()
    page.goto(server + "stories/index.html")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function(
        "[...document.querySelectorAll('.card-cover img')].every(img => img.complete)"
    )
    thumbnails = page.evaluate(
        WIDTHS.replace("document.images", "document.querySelectorAll('.card-cover img')")
    )
    assert len(thumbnails) >= 3
    for thumbnail in thumbnails:
        # 350 px across at 1x: the 480 copy, loaded (naturalWidth is per CSS pixel: > 0)
        assert ".480w." in thumbnail["src"] and thumbnail["natural"] > 0, thumbnail
        assert abs(thumbnail["shown"] / thumbnail["drawn"] - 16 / 9) < 0.02, thumbnail
    fit = page.evaluate("getComputedStyle(document.querySelector('.card-cover img')).objectFit")
    assert fit == "cover"
    page.evaluate("window.scrollTo(0, 0)")
    shot = screenshot(page, "story-list-phone")
    shutil.copy(shot, Path("/tmp") / shot.name)
    context.close()
