"""The editor in `serve` (issue 28), driven in Chromium: every form filled and saved, the
file on disk and the rebuilt page seen; errors shown by their text with nothing written;
the conflict view; a cross-site POST and path traversal refused; axe on every form."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, screenshot, serving
from tests.browser.editor_tools import Served, png, sample_copy, serving_project

pytestmark = pytest.mark.browser

FORMS = [
    "",
    "story",
    "notice",
    "event",
    "points",
    "wish",
    "newwish",
    "honor",
    "story?file=stories/hao-poxi.md",
    "notice?file=notices/2026-11-tingshui.md",
]
TARGETS = {"rules": {"target-size": {"enabled": True}}}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Served:
    with serving_project(tmp_path_factory.mktemp("editor")) as running:
        yield running


@pytest.fixture
def tab(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def field(page, label: str):  # type: ignore[no-untyped-def]
    return page.get_by_label(label, exact=True)


def save(page, button: str = "保存") -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def errors_of(page, label: str) -> str:  # type: ignore[no-untyped-def]
    """Return the errors shown under a field, found from its label."""
    described = field(page, label).get_attribute("aria-describedby") or ""
    ids = [i for i in described.split() if i.startswith("e-")]
    return page.locator(f"#{ids[0]}").inner_text() if ids else ""


def test_a_new_story_is_written_as_new_story_names_it_and_shown(tab, served: Served) -> None:
    tab.goto(served.url + "_edit/story")
    field(tab, "标题").fill("楼道里的感应灯")
    field(tab, "分类").fill("好邻居")
    field(tab, "助老").check()
    field(tab, "新标签").fill("节能、 楼道")
    field(tab, "人物").fill("王师傅，李阿姨")
    field(tab, "楼栋").fill("3栋")
    field(tab, "正文").fill(
        "王师傅把**楼道灯**换成了感应灯。\n\n<img src=assets/zongzi.png onerror=alert(1)>谢谢！"
    )
    tab.locator(".md-body strong").wait_for()
    assert tab.locator(".md-body strong").inner_text() == "楼道灯"  # the site's own pipeline
    assert tab.locator(".md-body img[onerror]").count() == 0
    screenshot(tab, "editor-story-filled")
    save(tab)
    assert tab.url == served.url + "stories/lou-dao-li-de-gan-ying-deng/"
    assert tab.locator("h1").inner_text() == "楼道里的感应灯"
    written = (served.content / "stories/lou-dao-li-de-gan-ying-deng.md").read_text("utf-8")
    assert written == (
        "---\ntitle: 楼道里的感应灯\ndate: 2026-12-07\ncategory: 好邻居\n"
        "people: [王师傅, 李阿姨]\nbuilding: 3栋\ncommunity: longteng\n"
        "tags: [助老, 节能, 楼道]\n---\n"
        "王师傅把**楼道灯**换成了感应灯。\n\n<img src=assets/zongzi.png onerror=alert(1)>谢谢！\n"
    )
    assert tab.dialogs == []
    assert tab.locator("#site-builder-edit").inner_text() == "编辑"


def test_a_story_without_a_title_is_refused_next_to_the_field(tab, served: Served) -> None:
    before = served.snapshot()
    tab.goto(served.url + "_edit/story")
    field(tab, "正文").fill("<script>alert('x')</script>没有标题")
    field(tab, "人物").fill('<b onmouseover="alert(1)">王</b>')
    save(tab)
    assert errors_of(tab, "标题") == "这一项必须填写"
    assert tab.get_by_role("alert").count() == 1
    assert field(tab, "人物").input_value() == '<b onmouseover="alert(1)">王</b>'  # kept, as text
    assert served.snapshot() == before
    assert tab.dialogs == []
    screenshot(tab, "editor-story-errors")


def test_a_cover_is_stored_under_assets_by_what_it_is(tab, served: Served) -> None:
    picture = png((64, 48))
    tab.goto(served.url + "_edit/story")
    field(tab, "标题").fill("新封面")
    field(tab, "封面").set_input_files(
        {"name": "..\\..\\我的 照片.jpg", "mimeType": "image/jpeg", "buffer": picture}
    )
    save(tab)
    stored = served.content / "assets" / "wo-de-zhao-pian.png"  # a PNG, whatever its name said
    assert stored.read_bytes() == picture
    story = (served.content / "stories/xin-feng-mian.md").read_text("utf-8")
    assert "cover: assets/wo-de-zhao-pian.png\n" in story
    assert tab.locator("img[src*='wo-de-zhao-pian']").count() >= 1


def test_a_cover_sent_with_a_refused_save_is_kept_for_the_next_try(tab, served: Served) -> None:
    picture = png((48, 64))
    before = served.snapshot()
    tab.goto(served.url + "_edit/story")
    field(tab, "封面").set_input_files(
        {"name": "楼道新貌.png", "mimeType": "image/png", "buffer": picture}
    )
    field(tab, "正文").fill("楼道刷白了。")
    save(tab)  # no title: refused, and a browser cannot fill a file field again
    assert errors_of(tab, "标题") == "这一项必须填写"
    assert served.snapshot() == before
    hint = tab.locator("#h-cover").inner_text()
    assert "刚才选的照片“楼道新貌.png”已替你留着" in hint
    shown = tab.locator("img.held-picture")
    tab.wait_for_function("document.querySelector('img.held-picture').complete")
    assert shown.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [48, 64]
    screenshot(tab, "editor-story-cover-held")
    field(tab, "日期").fill("2026-13-01")
    save(tab)  # refused again: still held
    assert "楼道新貌.png" in tab.locator("#h-cover").inner_text()
    field(tab, "标题").fill("楼道新貌")
    field(tab, "日期").fill("2026-12-05")
    save(tab)
    stored = served.content / "assets/lou-dao-xin-mao.png"
    assert stored.read_bytes() == picture
    story = (served.content / "stories/lou-dao-xin-mao.md").read_text("utf-8")
    assert "cover: assets/lou-dao-xin-mao.png\n" in story
    assert tab.locator("img[src*='lou-dao-xin-mao']").count() >= 1


def test_a_held_cover_is_found_only_by_a_token_this_run_gave(
    tab, served: Served, tmp_path: Path
) -> None:
    import tempfile

    # a held picture's files, planted beside the folder serve holds pictures in
    planted = Path(tempfile.gettempdir()) / f"planted-{tmp_path.name}"
    planted.mkdir()
    (planted / "name").write_text("planted.png", "utf-8")
    (planted / "data").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    before = served.snapshot()
    tab.goto(served.url + "_edit/story")
    field(tab, "标题").fill("没有封面的故事")
    field(tab, "日期").fill("昨天")  # refused: nothing is written, whatever the token
    tokens = ("../" + planted.name, "../../../../etc/passwd", "0" * 32, "ABC")
    try:
        for token in tokens:
            tab.evaluate(
                """token => {
                    const form = document.querySelector('form.form');
                    let held = form.querySelector('[name=held_cover]');
                    if (!held) {
                        held = Object.assign(document.createElement('input'),
                                             {type: 'hidden', name: 'held_cover'});
                        form.append(held);
                    }
                    held.value = token;
                }""",
                token,
            )
            save(tab)
            assert "替你留着" not in tab.locator("#h-cover").inner_text(), token
            assert served.snapshot() == before
    finally:
        shutil.rmtree(planted)


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("fake.jpg", b"MZ\x90\x00 not a picture at all", "不是能用的照片"),
        (
            "x.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "会运行",
        ),
        ("big.png", b"\x89PNG" + b"0" * (10 * 1024 * 1024), "太大"),
    ],
)
def test_an_upload_that_is_no_picture_is_refused(tab, served: Served, name, data, said) -> None:
    before = served.snapshot()
    tab.goto(served.url + "_edit/story")
    field(tab, "标题").fill("带附件的故事")
    field(tab, "封面").set_input_files({"name": name, "mimeType": "image/png", "buffer": data})
    with tab.expect_navigation():
        tab.get_by_role("button", name="保存").click()
    assert said in tab.locator("main").inner_text()
    assert served.snapshot() == before
    assert tab.locator("[name=held_cover]").count() == 0  # nothing held for the next try


def test_editing_a_notice_changes_only_what_was_changed(tab, served: Served) -> None:
    path = served.content / "notices/2026-11-tingshui.md"
    before = path.read_text("utf-8")
    tab.goto(served.url + "notices/2026-11-tingshui/")
    with tab.expect_navigation():
        tab.locator("#site-builder-edit").click()
    assert "2026-11-tingshui.md" in tab.locator(".note").inner_text()
    field(tab, "有效期至").fill("2026-12-31")
    field(tab, "置顶（排在最前面）").check()
    save(tab)
    after = path.read_text("utf-8")
    assert after == before.replace("expires: 2026-11-26", "expires: 2026-12-31").replace(
        "pinned: false", "pinned: true"
    )


def test_a_new_notice(tab, served: Served) -> None:
    tab.goto(served.url + "_edit/notice")
    field(tab, "标题").fill("元旦停车安排")
    field(tab, "正文").fill("元旦期间地面车位临时开放。")
    save(tab)
    written = (served.content / "notices/yuan-dan-ting-che-an-pai.md").read_text("utf-8")
    assert written == (
        "---\ntitle: 元旦停车安排\ndate: 2026-12-07\nexpires: 2026-12-21\npinned: false\n"
        "community: longteng\n---\n元旦期间地面车位临时开放。\n"
    )
    assert "元旦停车安排" in tab.locator("h1").inner_text()


def test_an_event_with_a_preset_repeat_is_appended(tab, served: Served) -> None:
    path = served.content / "events/weekly.yaml"
    before = path.read_text("utf-8")
    tab.goto(served.url + "_edit/event")
    field(tab, "标题").fill("楼栋议事会")
    field(tab, "开始").fill("2026-12-12T09:00")
    field(tab, "结束").fill("2026-12-12T10:30")
    field(tab, "地点").fill("3栋架空层")
    field(tab, "组织者").fill("楼栋长")
    tab.locator("#f-start").dispatch_event("change")
    tab.wait_for_function(
        "document.querySelector('#f-repeat').textContent.includes('每月第二个周六')"
    )
    field(tab, "重复").select_option(label="每月第二个周六")
    field(tab, "重复到").fill("2027-06-30")
    field(tab, "写进哪个活动文件").select_option("events/weekly.yaml")
    screenshot(tab, "editor-event-filled")
    save(tab)
    assert tab.url == served.url + "calendar/2026-12/"
    assert path.read_text("utf-8") == before + (
        "\n- title: 楼栋议事会\n  start: 2026-12-12 09:00\n  end: 10:30\n"
        "  location: 3栋架空层\n  organizer: 楼栋长\n  community: longteng\n"
        "  repeat: FREQ=MONTHLY;BYDAY=2SA;UNTIL=20270630\n"
    )
    assert tab.get_by_text("楼栋议事会").count() >= 1


def test_points_earned_start_the_month_s_ledger(tab, served: Served) -> None:
    path = served.content / "points/ledger/2026-12.yaml"
    assert not path.exists()
    tab.goto(served.url + "_edit/points")
    field(tab, "居民").fill("R001")
    assert "154 分" in tab.locator("#o-resident").inner_text()
    field(tab, "规则").select_option("garbage-sorting")
    field(tab, "备注").fill("主动分拣楼道的纸箱")
    screenshot(tab, "editor-points-filled")
    save(tab)
    assert path.read_text("utf-8") == (
        "# 2026年12月 积分流水\n- date: 2026-12-07\n  resident: R001\n"
        "  earn: garbage-sorting\n  note: 主动分拣楼道的纸箱\n"
    )
    assert tab.get_by_role("status").inner_text() == (
        "已保存：points/ledger/2026-12.yaml\n刘大哥（R001）现在的余额：164 分"
    )
    field(tab, "居民").fill("R001")
    assert "164 分" in tab.locator("#o-resident").inner_text()  # the balance, rebuilt


def test_the_rule_fills_in_the_points_and_only_a_change_is_written(tab, served: Served) -> None:
    path = served.content / "points/ledger/2026-11.yaml"
    before = path.read_text("utf-8")
    tab.goto(served.url + "_edit/points")
    field(tab, "日期").fill("2026-11-30")
    field(tab, "居民").fill("R002")
    field(tab, "规则").select_option("volunteer-hour")  # 10 an hour
    assert field(tab, "分数").input_value() == ""  # not until the hours are known
    field(tab, "时长（小时）").fill("2.5")
    assert field(tab, "分数").input_value() == "25"
    field(tab, "兑换").check()
    field(tab, "规则").select_option("haircut")
    assert field(tab, "分数").input_value() == "50"  # what it costs
    field(tab, "得分").check()
    field(tab, "规则").select_option("volunteer-hour")
    assert field(tab, "分数").input_value() == "25"
    field(tab, "分数").fill("30")  # an afternoon's extra effort
    field(tab, "规则").select_option("night-patrol")
    assert field(tab, "分数").input_value() == "30"  # what was typed stays
    field(tab, "规则").select_option("volunteer-hour")
    save(tab)
    assert path.read_text("utf-8") == before + (
        "- date: 2026-11-30\n  resident: R002\n  earn: volunteer-hour\n  hours: 2.5\n  points: 30\n"
    )


def test_a_redemption_above_the_balance_is_refused_as_the_build_says(tab, served: Served) -> None:
    before = served.snapshot()
    tab.goto(served.url + "_edit/points")
    field(tab, "居民").fill("R009")  # 吴伟: 19 points
    field(tab, "兑换").check()
    field(tab, "规则").select_option("property-fee")
    save(tab)
    said = errors_of(tab, "规则")
    assert "吴伟（R009）要兑换 100 分，但此时余额只有 19 分" in said
    assert served.snapshot() == before
    screenshot(tab, "editor-points-overdrawn")


def test_a_wish_s_status_changes_in_place(tab, served: Served) -> None:
    path = served.content / "wishes.yaml"
    before = path.read_text("utf-8")
    tab.goto(served.url + "_edit/wish")
    field(tab, "微心愿").select_option(label="想要一副老花镜（钟桂芝 · 3栋，待认领）")
    field(tab, "已认领").check()
    field(tab, "认领人").fill("眼镜店陈师傅")
    save(tab)
    assert path.read_text("utf-8") == before.replace(
        "  status: open\n  community: longteng\n- wish: 陪我去医院复查",
        "  status: claimed\n  claimed_by: 眼镜店陈师傅\n  community: longteng\n- wish: 陪我去医院复查",
        1,
    )
    assert tab.url == served.url + "wishes/"  # the rebuilt page


def test_a_new_wish_is_registered_open_and_shown_with_the_name_masked(tab, served: Served) -> None:
    path = served.content / "wishes.yaml"
    before = path.read_text("utf-8")
    tab.goto(served.url + "_edit/newwish")
    assert field(tab, "登记日期").input_value() == "2026-12-07"
    field(tab, "心愿").fill("想请人帮忙换个灯泡")
    field(tab, "心愿人").fill("龚淑华")
    field(tab, "楼栋").fill("5栋")
    screenshot(tab, "editor-newwish-filled")
    save(tab)
    assert path.read_text("utf-8") == before + (
        "- wish: 想请人帮忙换个灯泡\n  who: 龚淑华\n  building: 5栋\n  date: 2026-12-07\n"
        "  status: open\n  community: longteng\n"
    )
    assert tab.url == served.url + "wishes/"
    shown = tab.locator("main").inner_text()
    assert "想请人帮忙换个灯泡" in shown and "龚**" in shown and "龚淑华" not in shown


def test_an_honor_entry_links_the_story_picked(tab, served: Served) -> None:
    path = served.content / "honors/2026-q2-shixingji.yaml"
    before = path.read_text("utf-8")
    tab.goto(served.url + "_edit/honor")
    field(tab, "光荣榜").select_option("honors/2026-q2-shixingji.yaml")
    field(tab, "上榜者").fill("邓秀英家庭")
    field(tab, "楼栋").fill("2栋")
    field(tab, "事迹").fill("婆媳同心，照顾病中老人三年。")
    field(tab, "链接的故事").select_option("hao-poxi")
    save(tab)
    assert path.read_text("utf-8") == before + (
        "  - name: 邓秀英家庭\n    building: 2栋\n    citation: 婆媳同心，照顾病中老人三年。\n"
        "    story: hao-poxi\n"
    )
    assert tab.url == served.url + "honors/2026-q2-shixingji/"
    assert tab.get_by_text("邓秀英家庭").count() == 1


def test_a_file_changed_since_the_form_opened_is_a_conflict(tab, served: Served) -> None:
    path = served.content / "stories/hao-poxi.md"
    tab.goto(served.url + "_edit/story?file=stories/hao-poxi.md")
    field(tab, "标题").fill("一家三代的好婆媳（改）")
    changed = path.read_text("utf-8").replace("building: 2栋", "building: 二栋")
    path.write_text(changed, "utf-8")  # meanwhile, in Notepad
    save(tab)
    assert path.read_text("utf-8") == changed
    conflict = tab.get_by_role("alert")
    assert "被改过了" in conflict.inner_text()
    versions = conflict.locator("pre").all_inner_texts()
    assert "building: 二栋" in versions[0] and "一家三代的好婆媳（改）" in versions[1]
    assert field(tab, "标题").input_value() == "一家三代的好婆媳（改）"  # nothing typed is lost
    screenshot(tab, "editor-conflict")
    save(tab)  # seen both: saved over the file as it is now, keeping its other change
    now = path.read_text("utf-8")
    assert "title: 一家三代的好婆媳（改）\n" in now and "building: 二栋\n" in now


def _post(served: Served, route: str, fields: dict[str, str], **headers: str) -> int:
    from urllib.parse import urlencode

    request = urllib.request.Request(
        served.url + "_edit/" + route,
        data=urlencode(fields).encode(),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
    )

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None  # a 303 after a save is the answer looked at

    try:
        with urllib.request.build_opener(Stay).open(request) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        refused.close()
        return int(refused.code)


def _token(served: Served) -> str:
    with urllib.request.urlopen(served.url + "_edit/notice") as answer:
        page = answer.read().decode()
    return page.split('name="token" value="', 1)[1].split('"', 1)[0]


def test_a_cross_site_post_is_refused_and_writes_nothing(
    browser, served: Served, tmp_path: Path
) -> None:
    before = served.snapshot()
    attack = tmp_path / "attack.html"
    attack.write_text(
        f'<form method="post" action="{served.url}_edit/notice">'
        '<input name="title" value="被攻击"><input name="body" value="x">'
        "<button>go</button></form>",
        "utf-8",
    )
    context = browser.new_context()
    page = context.new_page()
    with serving(tmp_path) as elsewhere:
        page.goto(elsewhere + "attack.html")
        with page.expect_navigation():
            page.get_by_role("button").click()
        assert "拒绝访问" in page.locator("h1").inner_text()
    context.close()
    token = _token(served)
    fields = {"token": token, "title": "被攻击", "body": "x"}
    assert _post(served, "notice", fields, Origin="http://evil.example") == 403
    assert _post(served, "notice", {**fields, "token": "guess"}, Origin=served.url[:-1]) == 403
    assert _post(served, "notice", fields) == 403  # neither Origin nor Referer
    rebound = {
        "Origin": f"http://evil.example:{served.port}",
        "Host": f"evil.example:{served.port}",
    }
    assert _post(served, "notice", fields, **rebound) == 403  # DNS rebinding
    assert served.snapshot() == before


@pytest.mark.parametrize(
    "path",
    [
        "../site.yaml",
        "/etc/passwd",
        "C:\\Windows\\win.ini",
        "stories/../../x.md",
        "stories/a\x00.md",
        "stories/" + "a" * 300 + ".md",
    ],
)
def test_paths_from_the_request_are_never_used(served: Served, path: str) -> None:
    before = served.snapshot()
    token = _token(served)
    own = served.url[:-1]
    # a file to edit that is not one of the kind's files: no such page; a file to add to
    # that is not one offered: refused at its field; the ledger's file comes from the date
    for route, name, answer in [
        ("story", "file", 404),
        ("notice", "file", 404),
        ("event", "file", 422),
        ("honor", "roll", 422),
        ("points", "base_path", 303),
    ]:
        fields = {
            "token": token,
            name: path,
            "title": "x",
            "name": "x",
            "body": "x",
            "date": "2026-12-07",
            "resident": "R001",
            "rule": "garbage-sorting",
            "start": "2026-12-12T09:00",
            "location": "x",
        }
        assert _post(served, route, fields, Origin=own) == answer, route
    from urllib.parse import quote

    for route in ("story", "notice"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{served.url}_edit/{route}?file={quote(path)}")
        refused.value.close()
        assert refused.value.code == 404
    written = served.snapshot()
    assert {k: v for k, v in written.items() if k not in before} == {
        k: v for k, v in written.items() if k.startswith("points/ledger/") and k not in before
    }
    assert all(written[k] == v for k, v in before.items() if not k.startswith("points/"))


@pytest.mark.parametrize("width", [1280, 390])
def test_every_form_has_no_axe_violation(browser, served: Served, width: int) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="zh-CN", bypass_csp=True
    )  # to let axe in; the pages allow no inline script
    page = context.new_page()
    for route in FORMS:
        page.goto(served.url + "_edit/" + route)
        assert axe_violations(page, None, TARGETS) == [], route
        assert page.evaluate("document.documentElement.scrollWidth") <= width, route
        name = (route or "index").split("?")[0] + ("-edit" if "?" in route else "")
        screenshot(page, f"editor-{name}-{width}")
    context.close()


def test_a_form_is_filled_and_saved_from_the_keyboard(tab, served: Served) -> None:
    tab.goto(served.url + "_edit/points")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "跳到表单"
    field(tab, "居民").focus()  # (a date field's day, month and year each take a Tab)
    tab.keyboard.type("R002")
    tab.keyboard.press("Escape")  # the list of matching residents
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")  # 得分, then the rule
    focused = tab.evaluate("document.activeElement.id")
    assert focused == "f-rule"
    tab.keyboard.press("ArrowDown")  # the first earn rule: counted per time, so no hours
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "f-points"
    assert field(tab, "分数").input_value() == "10"  # filled in from the rule
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "f-note"
    tab.keyboard.type("键盘录入")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert "已保存" in tab.get_by_role("status").inner_text()


def test_not_on_loopback_the_editor_is_off_unless_asked_then_behind_a_token(
    browser, tmp_path: Path
) -> None:
    with serving_project(tmp_path / "off", host="0.0.0.0", wait_for="编辑器没有打开") as off:
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(off.url + "_edit/")
        missing.value.close()
        assert missing.value.code == 404
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(off.url + "_edit/story")
        missing.value.close()
        assert missing.value.code == 404
    with serving_project(tmp_path / "on", "--editor", host="0.0.0.0", wait_for="编辑口令") as on:
        token = "".join(on.printed).split("编辑口令：", 1)[1].split("（", 1)[0].strip()
        with urllib.request.urlopen(on.url + "_edit/story") as answer:  # to the login page
            assert "请输入编辑口令" in answer.read().decode()
        with urllib.request.urlopen(on.url + "_edit/static/editor.css") as answer:  # styled
            assert answer.headers["Content-Type"].startswith("text/css")
        with pytest.raises(urllib.error.HTTPError) as refused:  # but nothing else before it
            urllib.request.urlopen(
                urllib.request.Request(on.url + "_edit/notice", data=b"title=x", method="POST")
            )
        refused.value.close()
        assert refused.value.code == 403
        context = browser.new_context(locale="zh-CN", bypass_csp=True)
        page = context.new_page()
        page.goto(on.url + "_edit/points")
        assert axe_violations(page, None, TARGETS) == []
        screenshot(page, "editor-login")
        field(page, "编辑口令").fill(token)
        with page.expect_navigation():
            page.get_by_role("button", name="进入编辑器").click()
        assert page.locator("h1").inner_text() == "网站编辑器"  # asked once: now signed in
        page.goto(on.url + "_edit/points")
        assert page.locator("h1").inner_text() == "记一笔积分"
        context.close()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(on.url + "_edit/login?token=" + token) as answer:
            assert "写一篇好人好事" in answer.read().decode()
        with pytest.raises(urllib.error.HTTPError) as wrong:
            urllib.request.urlopen(on.url + "_edit/login?token=wrong")
        wrong.value.close()
        assert wrong.value.code == 403


def test_saving_any_sample_story_or_notice_unchanged_keeps_its_bytes(tab, served: Served) -> None:
    from tests.conftest import REPO

    files = sorted(
        p.relative_to(REPO / "content").as_posix()
        for folder in ("stories", "notices")
        for p in (REPO / "content" / folder).glob("*.md")
    )
    for relative in files:
        kind = "story" if relative.startswith("stories/") else "notice"
        path = served.content / relative
        before = path.read_bytes()
        tab.goto(f"{served.url}_edit/{kind}?file={relative}")
        save(tab)
        assert path.read_bytes() == before, relative


def test_a_save_reloads_an_open_preview_page(browser, served: Served) -> None:
    context = browser.new_context(locale="zh-CN")
    preview, editor = context.new_page(), context.new_page()
    preview.goto(served.url + "stories/xingfu-dianti/")
    preview.wait_for_function(
        "window.LiveReload !== undefined || document.readyState === 'complete'"
    )
    editor.goto(served.url + "_edit/story?file=stories/xingfu-dianti.md")
    field(editor, "标题").fill("加装电梯：幸福到家门口")
    save(editor)
    preview.wait_for_function(
        "document.querySelector('h1').textContent.includes('幸福到家门口')", timeout=15000
    )  # reloaded by itself, as after any edit
    context.close()


def test_a_site_with_an_error_elsewhere_still_takes_a_good_save(tab, tmp_path: Path) -> None:
    content = sample_copy(tmp_path / "broken")
    story = content / "stories/hao-poxi.md"
    story.write_text(story.read_text("utf-8").replace("date: 2025-11-02", "date: 昨天"), "utf-8")
    with serving_project(tmp_path / "broken") as running:
        tab.goto(running.url + "_edit/notice")
        assert "网站现在有 1 处错误" in tab.locator(".site-errors summary").inner_text()
        field(tab, "标题").fill("楼道灯维修")
        field(tab, "正文").fill("周五修好。")
        with tab.expect_navigation():
            tab.get_by_role("button", name="保存").click()
        assert tab.get_by_role("status").inner_text() == "已保存：notices/lou-dao-deng-wei-xiu.md"
        assert (content / "notices/lou-dao-deng-wei-xiu.md").is_file()


def test_a_save_that_would_break_an_honor_roll_is_refused_with_its_message(
    tab, served: Served
) -> None:
    before = served.snapshot()
    tab.goto(served.url + "_edit/story?file=stories/meili-yangtai.md")
    field(tab, "先存为草稿（不在网站上显示）").check()  # the roll links this story
    save(tab)
    problems = tab.locator(".problems").inner_text()
    assert "honors/2026-q2-shixingji.yaml 第 8 行" in problems
    assert "没有网址名为 “meili-yangtai” 的已发布故事" in problems
    assert served.snapshot() == before


def test_a_page_under_a_chinese_name_is_previewed_with_its_edit_button(served: Served) -> None:
    from urllib.parse import parse_qs, quote, urlsplit

    # the preview used to read the path as WSGI hands it over (UTF-8 bytes as Latin-1): 404
    with urllib.request.urlopen(served.url + quote("tags/助老/")) as answer:
        page = answer.read().decode()
    assert "<h1>助老</h1>" in page
    button = page.split('id="site-builder-edit" href="', 1)[1].split('"', 1)[0]
    assert button.startswith("/_edit/?")
    assert parse_qs(urlsplit(button).query) == {"page": ["/tags/助老/"]}  # named as typed


def test_a_site_with_nothing_yet_says_what_to_make_first_and_starts_its_events_file(
    tab, tmp_path: Path
) -> None:
    content = sample_copy(tmp_path / "bare")
    for gone in ("points", "honors", "events"):
        shutil.rmtree(content / gone)
    (content / "wishes.yaml").unlink()
    with serving_project(tmp_path / "bare") as running:
        for route, said in (
            ("points", "还没有居民名单或积分规则。先在 content/points/residents.yaml"),
            ("honor", "还没有光荣榜。先在 content/honors/ 里建一个光荣榜文件"),
            ("wish", "还没有微心愿。先用“登记微心愿”表单登记一个"),
        ):
            tab.goto(running.url + f"_edit/{route}")
            assert said in tab.locator("main").inner_text(), route
            assert tab.get_by_role("button", name="保存").count() == 0, route
        tab.goto(running.url + "_edit/newwish")
        field(tab, "心愿").fill("想学用智能手机")
        field(tab, "心愿人").fill("钟桂芝")
        save(tab)
        assert (content / "wishes.yaml").read_text("utf-8") == (
            "# 微心愿：群众点单 → 志愿者接单 → 完成\n- wish: 想学用智能手机\n  who: 钟桂芝\n"
            "  date: 2026-12-07\n  status: open\n  community: longteng\n"
        )
        tab.goto(running.url + "_edit/wish")
        assert (
            field(tab, "微心愿").locator("option").first.inner_text().startswith("想学用智能手机")
        )
        tab.goto(running.url + "_edit/event")
        field(tab, "标题").fill("垃圾分类宣传")
        field(tab, "开始").fill("2026-12-19T09:00")
        field(tab, "结束").fill("2026-12-19T11:00")
        field(tab, "地点").fill("社区广场")
        field(tab, "组织者").fill("网格员")
        save(tab)
        assert tab.url == running.url + "calendar/2026-12/"
        assert (content / "events/events.yaml").read_text("utf-8") == (
            "- title: 垃圾分类宣传\n  start: 2026-12-19 09:00\n  end: 11:00\n"
            "  location: 社区广场\n  organizer: 网格员\n  community: longteng\n"
        )
        assert tab.get_by_text("垃圾分类宣传").count() >= 1


def test_a_story_saved_by_windows_notepad_keeps_its_bom_and_line_ends(tab, served: Served) -> None:
    path = served.content / "stories/notepad-story.md"
    text = (
        "---\ntitle: 记事本写的故事\ndate: 2026-12-01\ncommunity: longteng\n# 作者：王阿姨\n---\n"
        "第一段。\n\n第二段。\n"
    )
    old = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    path.write_bytes(old)
    tab.goto(served.url + "_edit/story?file=stories/notepad-story.md")
    save(tab)  # unchanged: the same bytes
    assert path.read_bytes() == old
    tab.goto(served.url + "_edit/story?file=stories/notepad-story.md")
    field(tab, "标题").fill("记事本写的好故事")
    save(tab)
    assert path.read_bytes() == old.replace("记事本写的故事".encode(), "记事本写的好故事".encode())
    assert tab.locator("h1").inner_text() == "记事本写的好故事"


def test_files_from_windows_keep_their_bytes_and_one_in_gbk_is_never_saved_over(
    tab, tmp_path: Path
) -> None:
    content = sample_copy(tmp_path / "gbk")
    events = content / "events/weekly.yaml"
    old = events.read_text("utf-8").encode("gb18030")  # read with � for each Chinese word
    events.write_bytes(old)
    wishes = content / "wishes.yaml"
    notepad = "\ufeff" + wishes.read_text("utf-8").replace("\n", "\r\n")  # BOM and CRLF
    wishes.write_bytes(notepad.encode())
    with serving_project(tmp_path / "gbk") as running:
        tab.goto(running.url + "_edit/wish")
        field(tab, "微心愿").select_option(label="想要一副老花镜（钟桂芝 · 3栋，待认领）")
        field(tab, "已认领").check()
        save(tab)
        assert (
            wishes.read_bytes()
            == notepad.replace(
                "  status: open\r\n  community: longteng\r\n- wish: 陪我去医院复查",
                "  status: claimed\r\n  community: longteng\r\n- wish: 陪我去医院复查",
                1,
            ).encode()
        )
        tab.goto(running.url + "_edit/event")
        field(tab, "标题").fill("读书会")
        field(tab, "开始").fill("2026-12-12T19:00")
        field(tab, "地点").fill("活动室")
        field(tab, "写进哪个活动文件").select_option("events/weekly.yaml")
        save(tab)
        problems = tab.locator(".problems").inner_text()
        assert "events/weekly.yaml 第 1 行：文件看起来是 GBK/GB18030 编码" in problems
        assert "另存为" in problems
        assert events.read_bytes() == old


def test_a_file_the_editor_cannot_read_shows_its_fix_and_the_rest_still_works(
    tab, tmp_path: Path
) -> None:
    content = sample_copy(tmp_path / "mend")
    story = content / "stories/hao-poxi.md"
    story.write_text(
        story.read_text("utf-8").replace("date: 2025-11-02", "date: 2025-11-02\n\tbad: tab"),
        "utf-8",
    )
    wishes = content / "wishes.yaml"
    wishes.write_text(wishes.read_text("utf-8").replace("  who: 钟桂芝", "  who 钟桂芝"), "utf-8")
    with serving_project(tmp_path / "mend") as running:
        # a form opened empty on a file it cannot read would lose what it could not read
        tab.goto(running.url + "_edit/story?file=stories/hao-poxi.md")
        shown = tab.locator("main").inner_text()
        assert "stories/hao-poxi.md 现在有格式错误，编辑器读不懂" in shown
        assert "第 4 行：YAML 格式错误" in shown
        assert tab.get_by_role("button", name="保存").count() == 0
        screenshot(tab, "editor-unreadable-story")
        tab.goto(running.url + "_edit/wish")
        assert "wishes.yaml 现在有格式错误" in tab.locator("main").inner_text()
        # the other files still give the forms what they offer
        tab.goto(running.url + "_edit/points")
        assert tab.locator("#l-resident option").count() >= 10
        tab.goto(running.url + "_edit/story")
        assert field(tab, "社区").locator("option", has_text="龙腾广场小区").count() == 1
        # a file that breaks while its form is open is refused, and left as it is
        notice = content / "notices/2026-11-tingshui.md"
        tab.goto(running.url + "_edit/notice?file=notices/2026-11-tingshui.md")
        broken = notice.read_text("utf-8").replace("pinned: false", "pinned: false\n\tx: 1")
        notice.write_text(broken, "utf-8")
        field(tab, "标题").fill("停水通知（改期）")
        save(tab)
        assert "notices/2026-11-tingshui.md 现在有格式错误" in tab.locator(".problems").inner_text()
        assert notice.read_text("utf-8") == broken


def test_an_english_site_s_editor_speaks_english_throughout(tab, tmp_path: Path) -> None:
    import subprocess
    import sys

    project = tmp_path / "en"
    subprocess.run(
        [sys.executable, "-m", "site_builder", "init", str(project), "--language", "en"],
        check=True,
        capture_output=True,
    )
    with serving_project(project, wait_for="Editor:") as running:
        tab.goto(running.url + "_edit/points")
        assert tab.locator("h1").inner_text() == "Record points"
        rule = field(tab, "Rule")
        assert rule.locator("option", has_text="Earned · Sorting rubbish (10 points)").count() == 1
        assert (
            rule.locator("option", has_text="Redeemed · Free haircut (costs 50 points)").count()
            == 1
        )
        assert tab.locator(".req").first.inner_text() == "(required)"
        save(tab, "Save")  # nothing picked: each error in English, with no Chinese punctuation
        summary = tab.locator(".problems").inner_text()
        assert "Resident: This must be filled in" in summary, summary
        assert "Rule: This must be filled in" in summary, summary
        assert "Date" not in summary, summary
        text = tab.locator("main").inner_text()
        assert not any(mark in text for mark in "（）：；，"), text
        field(tab, "Resident").fill("R001")
        field(tab, "Rule").select_option("garbage-sorting")
        save(tab, "Save")
        assert tab.get_by_role("status").inner_text().startswith("Saved: points/ledger/")
        assert "Zhang Xiuying (R001) now has" in tab.locator("main").inner_text()
