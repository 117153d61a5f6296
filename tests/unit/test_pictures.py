"""Pictures sized for the screen: the published files, their metadata, and their markup."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from site_builder import picture_files
from site_builder.picture_files import inspect
from tests.conftest import TODAY_ARG, picture, story

SIZED = re.compile(r"^(?P<stem>.+)\.(?P<width>480|960)w\.[0-9a-f]{8}\.(?P<suffix>png|jpg|webp)$")
"""The name of a narrower copy: <stem>.<width>w.<8 hex>.<suffix>."""


def gps_photo(width: int = 1600, height: int = 1000) -> bytes:
    """Return a JPEG as a phone writes it: sideways (EXIF orientation 6), with GPS and owner."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((0, 0, 255), (0, 0, width // 2, height // 10))  # a blue band, top left
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter clockwise
    exif[0x013B] = "Zhang San"  # Artist
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 5.5), 3: "E", 4: (121.0, 28.0, 1.2)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def build(make_site, cli, files: dict[str, str | bytes], *extra: str) -> Path:
    """Build a small site of `files`; return its output folder."""
    content = make_site(files)
    run = cli("build", "--content", "content", "--today", TODAY_ARG, *extra, cwd=content.parent)
    assert run.code == 0, run.err
    return content.parent / "output"


def images(html: str) -> list[str]:
    return re.findall(r"<img\s[^>]*>", html)


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found.group(1) if found else None


def test_every_published_copy_of_a_photo_is_upright_and_without_gps(make_site, cli):
    photo = gps_photo()
    assert b"GPS" in photo or Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)
    output = build(
        make_site, cli, {"stories/a.md": story(cover="assets/a.jpg"), "assets/a.jpg": photo}
    )
    published = sorted((output / "site" / "assets").iterdir())
    names = [path.name for path in published]
    assert names[-1] == "a.jpg" and all(SIZED.match(name) for name in names[:-1]), names
    widths = []
    for path in published:
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif(), f"{path.name} keeps EXIF"
            assert not {"exif", "xmp", "comment"} & set(image.info), path.name
            assert [marker for marker, _ in image.applist] == ["APP0"], path.name
            assert image.height > image.width, f"{path.name} is not turned upright"
            # the blue band of the sideways photo's top left is now along the top right
            assert image.getpixel((image.width - 3, 3))[2] > 200, path.name
            widths.append(image.width)
        assert b"Zhang San" not in data
    assert sorted(widths) == [480, 960, 1000]
    board = output / "kiosk" / "assets"
    assert not board.exists() or all(b"Zhang San" not in p.read_bytes() for p in board.iterdir())


def test_the_story_page_card_and_body_images_carry_their_sizes(make_site, cli):
    body = (
        "正文。\n\n![阳台](../assets/b.png)\n\n"
        '<img src="../assets/b.png" srcset="https://evil.example/x.png 2x" '
        'sizes="1px" loading="eager" width="300" alt="手写">\n'
    )
    files = {
        "stories/a.md": story(cover="assets/a.jpg", body=body),
        "assets/a.jpg": gps_photo(),
        "assets/b.png": picture(1200, 675),
    }
    site = build(make_site, cli, files) / "site"
    page = (site / "stories" / "a" / "index.html").read_text(encoding="utf-8")
    cover, markdown_image, written = images(page)
    sized = sorted(p.name for p in (site / "assets").iterdir() if p.name.startswith("a."))
    assert attribute(cover, "src") == "../../assets/a.jpg"
    assert attribute(cover, "srcset") == (
        f"../../assets/{sized[0]} 480w, ../../assets/{sized[1]} 960w, ../../assets/a.jpg 1000w"
    )
    assert attribute(cover, "width") == "1000" and attribute(cover, "height") == "1600"
    assert attribute(cover, "sizes") and attribute(cover, "loading") is None
    assert attribute(cover, "fetchpriority") == "high"
    assert (
        attribute(markdown_image, "width") == "1200"
        and attribute(markdown_image, "height") == "675"
    )
    assert attribute(markdown_image, "loading") == "lazy"
    assert attribute(markdown_image, "decoding") == "async"
    assert attribute(markdown_image, "srcset").endswith("../../assets/b.png 1200w")
    # what the writer put in srcset, sizes and loading is dropped; the width they chose is kept
    assert "evil.example" not in page and 'sizes="1px"' not in page and "eager" not in page
    assert attribute(written, "width") == "300" and attribute(written, "height") == "169"
    assert attribute(written, "srcset") == attribute(markdown_image, "srcset")
    listing = (site / "stories" / "index.html").read_text(encoding="utf-8")
    (card,) = images(listing)
    assert attribute(card, "src") == f"../assets/{sized[0]}"
    assert attribute(card, "srcset") == f"../assets/{sized[0]} 480w, ../assets/{sized[1]} 960w"
    assert (attribute(card, "width"), attribute(card, "height")) == ("480", "768")
    assert attribute(card, "loading") == "lazy"


def test_a_clean_picture_is_published_byte_for_byte_and_a_small_one_is_not_scaled(make_site, cli):
    clean, small = picture(1200, 600), picture(300, 200)
    files = {
        "stories/a.md": story(cover="assets/a.png", body="![小](../assets/s.png)"),
        "assets/a.png": clean,
        "assets/s.png": small,
    }
    site = build(make_site, cli, files) / "site"
    assert (site / "assets" / "a.png").read_bytes() == clean
    assert (site / "assets" / "s.png").read_bytes() == small
    names = sorted(p.name for p in (site / "assets").iterdir())
    assert [n for n in names if not SIZED.match(n)] == ["a.png", "s.png"]
    assert len(names) == 4  # a.png at 480 and 960; s.png is narrower than 480
    page = (site / "stories" / "a" / "index.html").read_text(encoding="utf-8")
    small_image = images(page)[1]
    assert attribute(small_image, "srcset") == "../../assets/s.png 300w"
    assert attribute(small_image, "width") == "300"


def test_an_animated_gif_and_an_svg_pass_through_unchanged(make_site, cli):
    frames = [Image.new("RGB", (600, 400), colour) for colour in ((200, 0, 0), (0, 0, 200))]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    gif = out.getvalue()
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n'
    body = "![动](../assets/a.gif)\n\n![图](../assets/b.svg)"
    files = {"stories/a.md": story(body=body), "assets/a.gif": gif, "assets/b.svg": svg}
    site = build(make_site, cli, files) / "site"
    assert sorted(p.name for p in (site / "assets").iterdir()) == ["a.gif", "b.svg"]
    assert (site / "assets" / "a.gif").read_bytes() == gif
    page = (site / "stories" / "a" / "index.html").read_text(encoding="utf-8")
    animated, drawing = images(page)
    assert attribute(animated, "width") == "600" and attribute(animated, "height") == "400"
    assert attribute(drawing, "srcset") is None


def test_a_rebuild_encodes_nothing_again_and_gives_the_same_bytes(
    make_site, cli, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "cache"))
    encoded: list[object] = []
    real = picture_files.encode

    def counting(data: bytes, source: picture_files.Source) -> bytes:
        encoded.append(source.width)
        return real(data, source)

    monkeypatch.setattr(picture_files, "encode", counting)
    files = {
        "stories/a.md": story(cover="assets/a.jpg"),
        "stories/b.md": story(title="又一篇", cover="assets/same-as-a.jpg"),
        "assets/a.jpg": gps_photo(),
        "assets/same-as-a.jpg": gps_photo(),
    }
    first = build(make_site, cli, files)
    # None: the full size, stripped; the same bytes under two names are encoded once
    assert sorted(encoded, key=str) == [480, 960, None]
    shown = {p.name: p.read_bytes() for p in (first / "site" / "assets").iterdir()}
    encoded.clear()
    again = build(make_site, cli, files, "--output", "again")
    assert encoded == []
    assert {p.name: p.read_bytes() for p in (again / "site" / "assets").iterdir()} == shown
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "another-cache"))
    cold = build(make_site, cli, files, "--output", "cold")
    assert {p.name: p.read_bytes() for p in (cold / "site" / "assets").iterdir()} == shown


def test_inspect_tells_each_kind_of_broken_file_apart():
    assert inspect(b"").problem == "picture.empty"
    assert inspect(b"hello").problem == "picture.unreadable"
    whole = picture(640, 480, "JPEG")
    broken = inspect(whole[: len(whole) // 2])
    assert (broken.problem, broken.width, broken.height) == ("picture.broken", 640, 480)
    good = inspect(gps_photo())
    assert (good.problem, good.width, good.height, good.clean) == (None, 1000, 1600, False)
    assert inspect(picture(20, 10)).clean
