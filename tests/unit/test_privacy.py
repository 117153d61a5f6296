"""Privacy: masking rules, the public view, and the leak guard."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from site_builder.cache import code_version, stamps_under
from site_builder.diagnostics import Diagnostics
from site_builder.kinds.terms import group_terms
from site_builder.leak_guard import LeakGuard
from site_builder.loading import load
from site_builder.masking import initials, mask_name, mask_phone_field
from site_builder.phones import mask_phones
from tests.conftest import TODAY, TODAY_ARG, story


@pytest.mark.parametrize(
    ("name", "masked", "initial"),
    [
        ("刘建国", "刘**", "L.J.G."),
        ("王芳", "王*", "W.F."),
        ("欧阳明", "欧阳*", "O.Y.M."),
        ("欧阳明轩", "欧阳**", "O.Y.M.X."),
        ("司马秀兰", "司马**", "S.M.X.L."),
        ("单田芳", "单**", "S.T.F."),
        ("刘大哥", "刘**", "L.D.G."),
        ("John Smith", "J*** S****", "J.S."),
        ("李", "*", "L."),
    ],
)
def test_names(name: str, masked: str, initial: str) -> None:
    assert mask_name(name, "mask") == masked
    assert initials(name) == initial
    assert mask_name(name, "full") == name


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("王阿姨 13812345678", "王阿姨 138****5678"),
        ("电话+8613812345678。", "电话138****5678。"),
        ("+86 138 1234 5678", "138****5678"),
        ("138-1234-5678 或 139 0000 1111", "138****5678 或 139****1111"),
        ("门牌 1-1201，邮编 421000", "门牌 1-1201，邮编 421000"),
        ("编号 213812345678 不是手机", "编号 213812345678 不是手机"),
        ("座机 0735-2345678", "座机 0735-2345678"),
    ],
)
def test_mobiles_in_free_text(text: str, masked: str) -> None:
    assert mask_phones(text, "mask") == masked


def test_hide_and_full_phone_modes() -> None:
    assert mask_phones("请联系 13812345678", "hide") == "请联系"
    assert mask_phones("请联系 13812345678", "full") == "请联系 13812345678"


def test_phone_fields_mask_landlines_too() -> None:
    assert mask_phone_field("+86 139 0000 1111", "mask") == "139****1111"
    assert "2345" not in mask_phone_field("0735-2345678", "mask")
    assert mask_phone_field("0735-2345678", "hide") == ""


SITE = {
    "wishes.yaml": "- {wish: 想要一副老花镜, who: 张德珍, building: 5栋, date: 2026-11-01, status: open}\n",
    "buildings.yaml": '- building: 3栋\n  roles:\n    - {role: 楼栋长, name: 万玉廷, room: "0502", phone: "13900001111"}\n',
}


def build(make_site, cli, extra: dict[str, str]):
    content = make_site({**SITE, **extra})
    run = cli(
        "build",
        "--content",
        "content",
        "--target",
        "site",
        "--today",
        TODAY_ARG,
        cwd=content.parent,
    )
    return run, content.parent / "output" / "site"


def test_public_site_masks_names_and_phones(make_site, cli) -> None:
    run, site = build(make_site, cli, {})
    assert run.code == 0, run.err
    board = (site / "buildings" / "3栋" / "index.html").read_text(encoding="utf-8")
    assert "万**" in board and "139****1111" in board and "0502" in board
    assert "万玉廷" not in board and "13900001111" not in board
    wishes = (site / "wishes" / "index.html").read_text(encoding="utf-8")
    assert "张**" in wishes and "张德珍" not in wishes


def test_the_short_extension_is_read_and_masked_alike(make_site, cli) -> None:
    content = make_site({name.replace(".yaml", ".yml"): text for name, text in SITE.items()})
    run = cli("build", "--content", "content", "--today", TODAY_ARG, cwd=content.parent)
    assert run.code == 0, run.err
    site = content.parent / "output" / "site"
    board = (site / "buildings" / "3栋" / "index.html").read_text(encoding="utf-8")
    assert "万**" in board and "万玉廷" not in board
    wishes = (site / "wishes" / "index.html").read_text(encoding="utf-8")
    assert "想要一副老花镜" in wishes and "张**" in wishes and "张德珍" not in wishes


def test_guard_fires_on_a_name_leaked_through_a_notice(make_site, cli) -> None:
    run, site = build(
        make_site,
        cli,
        {"notices/a.md": "---\ntitle: 感谢\ndate: 2026-11-20\n---\n感谢张德珍的建议。\n"},
    )
    assert run.code == 1
    assert (
        "output/site/notices/a/index.html: 错误: 公开网站的这个文件里出现了居民的全名 “张德珍”"
        in run.err
    )
    assert (
        "output/site/data/notices.json: 错误: 公开网站的这个文件里出现了居民的全名 “张德珍”"
        in run.err
    )
    assert not site.exists()


def test_guard_fires_on_a_phone_in_praise(make_site, cli) -> None:
    roll = "title: 好邻居\nawarded: 2026-11-01\nentries:\n  - {name: 王师傅13900001111}\n"
    run, _ = build(make_site, cli, {"honors/a.yaml": roll})
    assert run.code == 1
    assert (
        "output/site/honors/a/index.html: 错误: 公开网站的这个文件里出现了完整的手机号 “13900001111”"
        in run.err
    )


def test_names_published_in_praise_are_not_leaks(make_site, cli) -> None:
    run, _ = build(
        make_site,
        cli,
        {
            "stories/a.md": story(title="老花镜", people="[张德珍]", body="张德珍的心愿实现了。"),
        },
    )
    assert run.code == 0, run.err


def test_full_names_allowed_when_the_site_says_so(make_site, cli) -> None:
    content = make_site(
        {**SITE, "notices/a.md": "---\ntitle: 感谢\ndate: 2026-11-20\n---\n感谢张德珍。\n"},
        site_yaml="title: x\nprivacy: {names: full, phones: full}\n",
    )
    run = cli(
        "build",
        "--content",
        "content",
        "--target",
        "site",
        "--today",
        TODAY_ARG,
        cwd=content.parent,
    )
    assert run.code == 0, run.err
    board = (content.parent / "output" / "site" / "buildings" / "3栋" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "万玉廷" in board and "13900001111" in board
    assert "部分隐去" not in board


def test_phone_in_a_story_is_masked_on_tag_and_category_pages(make_site, cli) -> None:
    run, site = build(
        make_site,
        cli,
        {"stories/a.md": story(tags="[好邻居]", body="王师傅电话 139-1234-5678，随叫随到。")},
    )
    assert run.code == 0, run.err
    for page in (
        "tags/好邻居/index.html",
        "categories/好人好事/index.html",
        "stories/a/index.html",
    ):
        text = (site / page).read_text(encoding="utf-8")
        assert "139****5678" in text and "139-1234-5678" not in text, page


def test_a_neighbour_who_claimed_a_wish_is_masked_but_a_team_is_not(make_site, cli) -> None:
    wishes = (
        "- {wish: 修窗户, who: 张德珍, date: 2026-11-01, status: claimed, claimed_by: 万玉廷}\n"
        "- {wish: 老花镜, who: 李桂芝, date: 2026-11-02, status: done, claimed_by: 志愿服务队}\n"
    )
    run, site = build(make_site, cli, {"wishes.yaml": wishes})
    assert run.code == 0, run.err
    page = (site / "wishes" / "index.html").read_text(encoding="utf-8")
    assert "认领：万**" in page and "认领：志愿服务队" in page


def test_a_first_build_stopped_by_the_guard_leaves_no_output_folder(make_site, cli) -> None:
    run, site = build(
        make_site, cli, {"notices/a.md": "---\ntitle: 感谢\ndate: 2026-11-20\n---\n感谢张德珍。\n"}
    )
    assert run.code == 1
    assert not site.parent.exists()


@pytest.mark.parametrize(
    "text",
    [
        "电话13812345678",
        "+86 138 1234 5678 或 86-139-1234-5678",
        "138-1234-5678，138 12345678，1381234 5678",
        "不是号码：12812345678，2138123456789，1381234567",
        "日期 2025-11-02，门牌 1301，楼层 13 层",
        "",
    ],
)
def test_the_quick_first_search_never_hides_a_number(text: str) -> None:
    from site_builder.phones import MOBILE, mobile_numbers

    assert mobile_numbers(text) == frozenset("".join(m.groups()) for m in MOBILE.finditer(text))
    masked = MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    assert mask_phones(text, "mask") == masked
    assert mask_phones(text, "hide") == MOBILE.sub("", text).strip()


def test_the_guard_takes_the_numbers_the_story_loader_noted(tmp_path: Path) -> None:
    """A story file read by this build is not read again for its mobile numbers.

    The loader notes each story file's numbers with the stamp the file had. The guard
    believes them while the file keeps that stamp, and reads the file when it changed.
    """
    content = tmp_path / "content"
    (content / "stories").mkdir(parents=True)
    (content / "site.yaml").write_text("title: 测试小区\n", encoding="utf-8")
    path = content / "stories" / "a.md"
    path.write_text(story(title="修水管", body="王师傅的电话 13900001111。"), encoding="utf-8")
    past = time.time() - 60  # long settled: its stamp tells whether it changed
    os.utime(path, (past, past))
    loaded = load(content, TODAY, Diagnostics())
    assert loaded.memo.numbers[str(path)][2] == {"13900001111"}
    # other bytes behind the same stamp (size, inode and mtime kept): only a reader sees them
    with path.open("r+b") as file:
        file.write(path.read_bytes().replace(b"13900001111", b"13900002222"))
    os.utime(path, (past, past))
    assert LeakGuard(loaded.site, None, loaded.memo.numbers).numbers == {"13900001111"}
    assert LeakGuard(loaded.site, None).numbers == {"13900002222"}
    os.utime(path, (past + 1, past + 1))  # the stamp changed: read again
    assert LeakGuard(loaded.site, None, loaded.memo.numbers).numbers == {"13900002222"}


def test_numbers_noted_by_another_program_are_read_again(tmp_path: Path) -> None:
    """The numbers cache of a build by other code (which may read numbers otherwise,
    as before ١٣٨… counted) is not trusted; one noted by this code is."""
    content = tmp_path / "content"
    (content / "stories").mkdir(parents=True)
    (content / "site.yaml").write_text("title: 测试小区\n", encoding="utf-8")
    path = content / "stories" / "a.md"
    path.write_text(story(body="王师傅的电话 ١٣٩٠٠٠٠١١١١。"), encoding="utf-8")
    past = time.time() - 60
    os.utime(path, (past, past))
    loaded = load(content, TODAY, Diagnostics())
    cache = tmp_path / "mobiles.pickle"
    stamp = stamps_under(content, (".md",))[str(path)]
    noted = {str(path): (stamp, time.time_ns(), frozenset())}
    cache.write_bytes(pickle.dumps(("another program", noted)))
    assert LeakGuard(loaded.site, cache).numbers == {"13900001111"}
    cache.write_bytes(pickle.dumps((code_version(), noted)))
    assert LeakGuard(loaded.site, cache).numbers == set()


def test_the_story_loader_notes_no_numbers_where_the_site_shows_them(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "stories").mkdir(parents=True)
    (content / "site.yaml").write_text(
        "title: 测试小区\nprivacy:\n  phones: full\n", encoding="utf-8"
    )
    (content / "stories" / "a.md").write_text(story(body="电话 13900001111。"), encoding="utf-8")
    loaded = load(content, TODAY, Diagnostics())
    assert loaded.memo.numbers == {}
    assert LeakGuard(loaded.site, None, loaded.memo.numbers).numbers == set()


def test_public_terms_are_the_public_stories_grouped(tmp_path: Path) -> None:
    """The public view swaps each story in the written terms for its masked self;
    grouping the public stories afresh gives the same terms, story for story."""
    content = tmp_path / "content"
    (content / "stories").mkdir(parents=True)
    (content / "site.yaml").write_text("title: 测试小区\n", encoding="utf-8")
    written = {
        "a": story(title="修水管", tags="[好邻居, 助老]", body="电话 13900001111。"),
        "b": story(title="送餐", date="2025-05-21", tags="[助老]", category="志愿服务"),
        "c": story(title="扫楼道", date="2025-05-19", tags="[好邻居, 环境]", body="13900002222"),
    }
    for name, text in written.items():
        (content / "stories" / f"{name}.md").write_text(text, encoding="utf-8")
    loaded = load(content, TODAY, Diagnostics())
    public = loaded.public
    assert public.stories[0] is not loaded.site.stories[0]  # a masked copy
    assert public.tags == group_terms(public.stories, "tags")
    assert public.categories == group_terms(public.stories, "category")
    assert [t.name for t in public.tags] == [t.name for t in loaded.site.tags]


def test_the_guard_stamps_the_content_files_rglob_finds(tmp_path: Path) -> None:
    """Markdown and YAML files in every folder, a linked file followed, a linked folder
    not; other files, and folders named like files, left out."""
    content = tmp_path / "content"
    (content / "stories" / "2025").mkdir(parents=True)
    (content / "notes.md").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.md").write_text("13800138000\n", encoding="utf-8")
    for name in ("stories/a.md", "stories/2025/b.md", "site.yaml", "points/x.yml", "c.txt", ".md"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text("x\n", encoding="utf-8")
    (content / "linked.md").symlink_to(outside / "far.md")
    (content / "linked").symlink_to(outside, target_is_directory=True)
    found = stamps_under(content, (".md", ".yaml", ".yml"))
    names = sorted(Path(path).relative_to(content).as_posix() for path in found)
    assert names == ["linked.md", "points/x.yml", "site.yaml", "stories/2025/b.md", "stories/a.md"]
    info = (outside / "far.md").stat()
    assert found[str(content / "linked.md")] == (info.st_mtime_ns, info.st_size, info.st_ino)
    rglob = {str(p) for p in content.rglob("*") if p.suffix in (".md", ".yaml", ".yml")}
    assert set(found) == {p for p in rglob if Path(p).is_file()}
