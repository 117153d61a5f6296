"""Build the bundled content/ with --target print and read every poster back with poppler:
the names, titles, notices, events and wishes are there; expired notices, drafts and taken
wishes are not; A4 pages, every font embedded, long lists flowing with their header and
page numbers, and QR codes that decode to the board's address on the public site."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from site_builder.cli import main
from tests.conftest import REPO, TODAY_ARG
from tests.print_tools import pdf_fonts, pdf_info, pdf_text, require_print_tools

BASE_URL = "https://example.org/longteng/"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's posters, output/print/ of one build."""
    require_print_tools()
    out = tmp_path_factory.mktemp("print") / "output"
    args = ["build", "--content", str(REPO / "content"), "--output", str(out)]
    assert main([*args, "--target", "print", "--today", TODAY_ARG, "--quiet"]) == 0
    return out / "print"


def flat(text: str) -> str:
    """Return text without the spaces and line ends pdftotext puts between CJK words."""
    return re.sub(r"\s+", "", text)


def test_one_set_per_community(printed: Path) -> None:
    expected = [
        "01-光荣榜.pdf",
        "02-积分榜.pdf",
        "03-两长四员公示牌-3栋.pdf",
        "04-两长四员公示牌-5栋.pdf",
        "05-两长四员公示牌-7栋.pdf",
        "06-通知公告.pdf",
        "07-本月活动.pdf",
        "08-微心愿.pdf",
    ]
    assert sorted(p.name for p in printed.iterdir()) == ["longteng", "xiangzhang"]
    assert sorted(p.name for p in (printed / "longteng").iterdir()) == expected


def test_every_page_is_a4_and_every_font_embedded(printed: Path) -> None:
    posters = sorted(printed.rglob("*.pdf"))
    assert len(posters) == 16
    for poster in posters:
        assert pdf_info(poster)["Page size"] == "595.276 x 841.89 pts (A4)", poster
        fonts = pdf_fonts(poster)
        assert fonts, poster
        assert all(font["emb"] == "yes" and font["sub"] == "yes" for font in fonts), fonts
        names = " ".join(font["name"] for font in fonts)
        assert "Noto-Sans-CJK-SC" in names and "Noto-Serif-CJK-SC" in names, names


def test_honor_roll(printed: Path) -> None:
    text = flat(pdf_text(printed / "longteng" / "01-光荣榜.pdf"))
    assert "龙腾广场小区" in text and "光荣榜" in text
    assert "2026年度“最美楼栋长”" in text and "2026年11月18日评选" in text
    for name in ("刘建国", "方国平", "覃丽娟", "司徒建平", "温永红"):
        assert name in text
    assert "组织全楼为独居老人排好“敲门表”" in text
    assert "制作日期：2026年11月22日" in text


def test_points_ranking_with_ties_as_on_the_site(printed: Path) -> None:
    text = pdf_text(printed / "longteng" / "02-积分榜.pdf", layout=True)
    assert "2026年11月 积分榜" in text
    lines = [flat(line) for line in text.splitlines() if line.strip()]
    assert "1徐丽华5栋80分" in lines
    assert "4刘大哥3栋45分" in lines and "4周晓梅7栋45分" in lines
    assert "6陈秀英1栋35分" in lines
    assert "志愿服务时长" in text


def test_building_board_as_written(printed: Path) -> None:
    text = flat(pdf_text(printed / "longteng" / "03-两长四员公示牌-3栋.pdf"))
    for written in ("3栋", "党小组长", "熊冠军", "301", "13807351234", "+861390000" + "1111"):
        assert written in text
    assert pdf_info(printed / "longteng" / "03-两长四员公示牌-3栋.pdf")["Pages"] == "1"


def test_current_notices_pinned_first_and_no_expired_ones(printed: Path) -> None:
    longteng = flat(pdf_text(printed / "longteng" / "06-通知公告.pdf"))
    pinned, other = "消防通道和楼道杂物集中清理", "停水通知：二次供水水箱清洗"
    assert pinned in longteng and other in longteng
    assert longteng.index(pinned) < longteng.index(other)
    assert "置顶" in longteng
    assert "年底防范电信诈骗提醒" in longteng  # a notice of every community
    xiangzhang = flat(pdf_text(printed / "xiangzhang" / "06-通知公告.pdf"))
    assert "3栋、5栋加装电梯意见征集" in xiangzhang
    everything = "".join(flat(pdf_text(p)) for p in printed.rglob("*.pdf"))
    assert "国庆期间垃圾清运时间调整" not in everything  # expired on 2026-10-08
    assert "停水通知" not in xiangzhang  # another community's


def test_drafts_are_on_no_poster(printed: Path) -> None:
    draft = (REPO / "content" / "stories" / "draft-zhongqiu.md").read_text("utf-8")
    title = re.search(r"^title:\s*(.+)$", draft, re.MULTILINE)
    assert title is not None and "draft: true" in draft
    everything = "".join(flat(pdf_text(p)) for p in printed.rglob("*.pdf"))
    assert flat(title.group(1)) not in everything


def test_month_of_events_with_lunar_dates_times_and_places(printed: Path) -> None:
    poster = printed / "longteng" / "07-本月活动.pdf"
    text = flat(pdf_text(poster))
    assert "2026年11月" in text
    assert "小雪" in text and "立冬" in text  # 节气 on the grid
    assert "廿三" in text  # a lunar day
    assert "11月4日周三19:00–20:30小区议事会" in text
    # a weekly class is listed once with its rule, not written into every Saturday
    assert "太极拳晨练每周六07:00–08:00小区广场" in text
    assert text.count("太极拳晨练") == 1
    # and the month's grid fits its first page
    assert "廿二" in flat(pdf_text(poster, 1, 1))  # 30 November, the grid's last day


def test_a_long_list_repeats_its_header_and_numbers_its_pages(printed: Path) -> None:
    poster = printed / "longteng" / "02-积分榜.pdf"
    pages = int(pdf_info(poster)["Pages"])
    assert pages >= 2
    for page in range(1, pages + 1):
        text = flat(pdf_text(poster, page, page))
        assert f"第{page}页/共{pages}页" in text
        assert "名次姓名楼栋积分" in text  # the ranking's header, on every page it runs over
    last = flat(pdf_text(poster, pages, pages))
    assert "龙腾广场小区·积分榜" in last  # the running header of a following page


def test_open_wishes_only(printed: Path) -> None:
    wishes = yaml.safe_load((REPO / "content" / "wishes.yaml").read_text("utf-8"))
    for community in ("longteng", "xiangzhang"):
        text = flat(pdf_text(printed / community / "08-微心愿.pdf"))
        mine = [w for w in wishes if w.get("community") in (None, community)]
        shown = [w["wish"] for w in mine if w["status"] == "open"]
        hidden = [w["wish"] for w in wishes if w["status"] != "open"]
        assert shown and hidden
        for wish in shown:
            assert flat(wish) in text, wish
        for wish in hidden:
            assert flat(wish) not in text, wish


def test_qr_code_decodes_to_the_same_board_online(printed: Path, tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    cases = {
        "longteng/03-两长四员公示牌-3栋.pdf": BASE_URL + "buildings/longteng/3%E6%A0%8B/",
        "xiangzhang/08-微心愿.pdf": BASE_URL + "wishes/",
        "longteng/06-通知公告.pdf": BASE_URL + "notices/",
    }
    for poster, url in cases.items():
        image = tmp_path / "page"
        subprocess.run(
            ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-gray", str(printed / poster), image],
            check=True,
        )
        data = Path(f"{image}-1.pgm").read_bytes()
        magic, size, _depth, pixels = data.split(b"\n", 3)
        assert magic == b"P5"
        width, height = map(int, size.split())
        view = zxingcpp.ImageView(pixels, width, height, zxingcpp.ImageFormat.Lum)
        found = [result.text for result in zxingcpp.read_barcodes(view)]
        assert found == [url], poster
