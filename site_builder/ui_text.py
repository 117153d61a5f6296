"""Words on the pages, in each language the theme speaks. Templates read them as `t.<key>`."""

from __future__ import annotations

import datetime as dt
import re

UI: dict[str, dict[str, str]] = {
    "zh-CN": {
        "home": "首页",
        "stories": "好人好事",
        "all_stories": "全部故事",
        "latest_stories": "最新好人好事",
        "more_stories": "查看全部故事",
        "tags": "标签",
        "categories": "分类",
        "tag": "标签",
        "category": "分类",
        "people": "主人公",
        "building": "楼栋",
        "community": "小区",
        "published_on": "发布于",
        "previous_page": "上一页",
        "next_page": "下一页",
        "page_of": "第 {number} / {count} 页",
        "newer_story": "较新的故事",
        "older_story": "较早的故事",
        "story_count": "{count} 篇故事",
        "no_stories": "这里还没有故事。",
        "feed": "订阅（Atom）",
        "not_found_title": "页面找不到了",
        "not_found_text": "这个页面可能已经移走或删除。",
        "back_home": "回到首页",
        "skip_to_content": "跳到正文",
        "menu": "菜单",
        "site_sections": "网站栏目",
        "elder_mode": "长辈模式",
        "elder_mode_hint": "字更大、颜色更分明",
        "search": "搜索",
        "search_label": "搜索本站",
        "search_hint": "输入要找的词，例如：停水、修眼镜",
        "search_results": "找到 {count} 条结果",
        "search_none": "没有找到相关内容，换个词试试。",
        "search_busy": "正在搜索…",
        "search_unavailable": "本站暂时不能搜索，请从上面的栏目浏览。",
        "search_offline": "直接打开本地文件时，浏览器不允许读取搜索索引。请用网页服务器打开本站（例如在网站文件夹里运行 python3 -m http.server，再访问 http://localhost:8000/），或到已发布的网站上搜索。",
        "search_needs_script": "搜索需要浏览器启用 JavaScript。",
        "kind_story": "故事",
        "kind_notice": "通知",
        "kind_event": "活动",
        "kind_honor": "光荣榜",
        "search_kind": "类别",
        "search_community": "小区",
        "search_any": "全部",
        "search_more": "显示更多结果",
        "footer_note": "本站由社区志愿者维护，内容为邻里之间的好人好事。",
        "read_more": "阅读全文",
        "stories_in_category": "分类：{name}",
        "stories_with_tag": "标签：{name}",
        "calendar": "活动日历",
        "upcoming_events": "近期活动",
        "coming_days": "未来 {days} 天的活动",
        "more_events": "查看活动日历",
        "all_day": "全天",
        "from_time": "{time} 开始",
        "no_events": "这段时间没有安排活动。",
        "subscribe_calendar": "订阅到手机日历",
        "download_ics": "下载日历文件（.ics）",
        "location": "地点",
        "organizer": "主办",
        "signup": "报名",
        "previous_month": "上个月",
        "next_month": "下个月",
        "whole_site": "全部小区",
        "today": "今天",
        "events_this_month": "本月活动",
        "events_on_day": "{count} 项活动",
        "month_grid": "月历",
        "lunar": "农历",
        "weekdays": "一 二 三 四 五 六 日",
        "weekday_prefix": "周",
        "repeats": "定期活动",
        "every_day": "每天",
        "every_week": "每{days}",
        "every_n_weeks": "每 {n} 周的{days}",
        "every_month_day": "每月 {days} 日",
        "every_month_last_day": "每月最后一天",
        "every_month_nth": "每月{nth}{day}",
        "every_n_months_nth": "每 {n} 个月的{nth}{day}",
        "every_year": "每年",
        "nth": "第一个 第二个 第三个 第四个 第五个",
        "last": "最后一个",
        "day_join": "、",
        "day_range": "{first}至{last}",
        "points": "积分榜",
        "points_title": "道德积分 · 时间银行",
        "points_rules": "积分规则",
        "how_to_earn": "怎样得分",
        "how_to_spend": "积分能换什么",
        "behaviour": "行为",
        "reward": "兑换项目",
        "points_col": "积分",
        "cost_col": "所需积分",
        "per_hour": "每小时 {points} 分",
        "per_time": "每次 {points} 分",
        "rank": "名次",
        "name": "姓名",
        "points_unit": "分",
        "hours_unit": "小时",
        "hours": "志愿时长",
        "hours_board": "时间银行 · 志愿服务时长榜",
        "points_board": "积分榜（按获得积分排名）",
        "this_month": "本月",
        "last_month": "上月",
        "this_year": "今年",
        "all_time": "累计",
        "full_board": "查看完整榜单",
        "no_points": "这段时间还没有积分记录。",
        "tie_note": "积分相同的并列同一名次（如 1、2、2、4），并列者按居民编号排列。兑换积分会减少余额，但不影响排名。",
        "privacy_note": "为保护居民隐私，公开网站上的姓名已部分隐去，也不显示个人余额。",
        "chart_top": "积分前十名",
        "chart_monthly": "每月获得的积分",
        "monthly_title": "每月积分走势",
        "periods": "时间",
        "scopes": "范围",
        "all_residents": "全体居民",
        "top_this_month": "本月积分榜",
        "top_last_month": "上月积分榜",
        "top_of_month": "积分榜",
        "no_points_yet": "{month}还没有积分记录",
        "more_points": "查看积分榜",
        "showing_top": "显示前 {count} 名",
        "period_all": "累计",
        "period_year": "{year}年",
        "notices": "通知公告",
        "current_notices": "当前通知",
        "archive": "已过期的通知",
        "pinned": "置顶",
        "expires_on": "有效至 {date}",
        "expired_on": "已于 {date} 过期",
        "posted_on": "发布于 {date}",
        "no_notices": "目前没有通知。",
        "all_notices": "查看全部通知",
        "honors": "光荣榜",
        "all_honors": "全部光荣榜",
        "awarded_on": "{date} 评选",
        "read_story": "读他们的故事",
        "newest_honor": "最新光荣榜",
        "buildings": "楼栋公示",
        "buildings_title": "楼栋“两长四员”公示",
        "kiosk_title": "大厅信息屏",
        "scan_to_read": "扫码阅读全文",
        "tie_note_short": "积分相同并列同一名次；兑换不影响排名。",
        "kiosk_wishes_heading": "这些心愿，等您来认领",
        "kiosk_noscript": "大厅屏需要打开 JavaScript。",
        "kiosk_night": "夜间时钟",
        "kiosk_today_events": "今天有 {count} 项活动",
        "kiosk_events_heading": "今天和近期活动",
        "roster_note": "为保护居民隐私，公开网站上的姓名和电话已部分隐去；完整信息请看楼栋大厅的公示牌。",
        "role": "职务",
        "room": "房号",
        "phone": "电话",
        "board_heading": "{building} “两长四员”公示牌",
        "wishes": "微心愿",
        "wish_open": "待认领",
        "wish_claimed": "已认领",
        "wish_done": "已完成",
        "wish_by": "心愿人",
        "claimed_by": "认领：{name}",
        "wishes_note": "想认领心愿，请到社区党群服务中心或联系楼栋长。",
        "home_wishes": "{open} 个心愿等待认领",
        "poster_scan": "扫码看网上公示",
        "poster_made": "制作日期：{date}",
        "poster_page": "第 {page} 页 / 共 {pages} 页",
        "poster_buildings": "两长四员公示牌",
        "poster_buildings_note": "有事请找楼栋长和党小组长，邻里互助，共建和美楼栋。",
        "poster_events": "本月活动",
        "poster_schedule": "活动安排",
        "poster_regular": "固定活动",
        "poster_repeat": "重复",
        "poster_when": "日期",
        "poster_time": "时间",
        "poster_until": "（至{day}日）",
        "poster_event": "活动",
        "poster_points_this": "{month} 积分榜",
        "poster_points_note": "按本月获得的积分排名，并列的名次相同；兑换不影响名次。",
        "poster_top": "前 {count} 名",
        "poster_hours": "志愿服务时长",
        "poster_wishes_open": "{count} 个心愿等您认领",
        "poster_wish": "心愿",
        "poster_wished_on": "登记日期",
        "poster_notices_current": "{date} 有效的通知",
        "poster_published": "{date} 发布",
    },
    "en": {
        "home": "Home",
        "stories": "Good deeds",
        "all_stories": "All stories",
        "latest_stories": "Latest good deeds",
        "more_stories": "See all stories",
        "tags": "Tags",
        "categories": "Categories",
        "tag": "Tag",
        "category": "Category",
        "people": "Honouring",
        "building": "Building",
        "community": "Community",
        "published_on": "Published",
        "previous_page": "Previous",
        "next_page": "Next",
        "page_of": "Page {number} of {count}",
        "newer_story": "Newer story",
        "older_story": "Older story",
        "story_count": "{count} stories",
        "no_stories": "No stories here yet.",
        "feed": "Subscribe (Atom)",
        "not_found_title": "Page not found",
        "not_found_text": "This page may have moved or been removed.",
        "back_home": "Back to the home page",
        "skip_to_content": "Skip to content",
        "menu": "Menu",
        "site_sections": "Site sections",
        "elder_mode": "Large text",
        "elder_mode_hint": "Larger type, stronger contrast",
        "search": "Search",
        "search_label": "Search this site",
        "search_hint": "Words to find, e.g. water, glasses",
        "search_results": "{count} results",
        "search_none": "Nothing found. Try other words.",
        "search_busy": "Searching…",
        "search_unavailable": "Search is not available on this site. Browse the sections above instead.",
        "search_offline": "Opened as local files, the browser refuses to read the search index. Serve the site (for example, run python3 -m http.server in its folder and visit http://localhost:8000/), or search on the published site.",
        "search_needs_script": "Search needs JavaScript turned on in the browser.",
        "kind_story": "Story",
        "kind_notice": "Notice",
        "kind_event": "Event",
        "kind_honor": "Honor roll",
        "search_kind": "Kind",
        "search_community": "Community",
        "search_any": "All",
        "search_more": "Show more results",
        "footer_note": "Kept by community volunteers: good deeds between neighbours.",
        "read_more": "Read more",
        "stories_in_category": "Category: {name}",
        "stories_with_tag": "Tag: {name}",
        "calendar": "Calendar",
        "upcoming_events": "Coming events",
        "coming_days": "Events in the next {days} days",
        "more_events": "Open the calendar",
        "all_day": "All day",
        "from_time": "from {time}",
        "no_events": "Nothing is planned for these days.",
        "subscribe_calendar": "Subscribe in your phone's calendar",
        "download_ics": "Download the calendar (.ics)",
        "location": "Where",
        "organizer": "Organiser",
        "signup": "Sign up",
        "previous_month": "Previous month",
        "next_month": "Next month",
        "whole_site": "All communities",
        "today": "Today",
        "events_this_month": "Events this month",
        "events_on_day": "{count} events",
        "month_grid": "Month",
        "lunar": "Lunar",
        "weekdays": "Mon Tue Wed Thu Fri Sat Sun",
        "weekday_prefix": "",
        "repeats": "Repeats",
        "every_day": "Every day",
        "every_week": "Every {days}",
        "every_n_weeks": "Every {n} weeks on {days}",
        "every_month_day": "Monthly on day {days}",
        "every_month_last_day": "Last day of each month",
        "every_month_nth": "Monthly, {nth} {day}",
        "every_n_months_nth": "Every {n} months, {nth} {day}",
        "every_year": "Yearly",
        "nth": "first second third fourth fifth",
        "last": "last",
        "day_join": ", ",
        "day_range": "{first}–{last}",
        "points": "Points",
        "points_title": "Good-deed points · Time bank",
        "points_rules": "Points rules",
        "how_to_earn": "How to earn points",
        "how_to_spend": "What points buy",
        "behaviour": "Deed",
        "reward": "Reward",
        "points_col": "Points",
        "cost_col": "Cost",
        "per_hour": "{points} per hour",
        "per_time": "{points} each time",
        "rank": "Rank",
        "name": "Name",
        "points_unit": "",
        "hours_unit": " h",
        "hours": "Volunteer hours",
        "hours_board": "Time bank: volunteer hours",
        "points_board": "Points earned",
        "this_month": "This month",
        "last_month": "Last month",
        "this_year": "This year",
        "all_time": "All time",
        "full_board": "Full board",
        "no_points": "No points recorded in this period.",
        "tie_note": "Equal totals share a rank (1, 2, 2, 4); tied residents are listed by id. Spending points lowers a balance, never a rank.",
        "privacy_note": "To protect residents, names are partly hidden on the public site and no balances are shown.",
        "chart_top": "Top ten by points",
        "chart_monthly": "Points earned each month",
        "monthly_title": "Points month by month",
        "periods": "Period",
        "scopes": "Scope",
        "all_residents": "All residents",
        "top_this_month": "This month's points",
        "top_last_month": "Last month's points",
        "top_of_month": "Points",
        "no_points_yet": "No points recorded yet in {month}",
        "more_points": "Open the boards",
        "showing_top": "Top {count} shown",
        "period_all": "All time",
        "period_year": "{year}",
        "notices": "Notices",
        "current_notices": "Current notices",
        "archive": "Expired notices",
        "pinned": "Pinned",
        "expires_on": "Until {date}",
        "expired_on": "Expired on {date}",
        "posted_on": "Posted {date}",
        "no_notices": "No notices at the moment.",
        "all_notices": "All notices",
        "honors": "Honor rolls",
        "all_honors": "All honor rolls",
        "awarded_on": "Awarded {date}",
        "read_story": "Read their story",
        "newest_honor": "Newest honor roll",
        "buildings": "Buildings",
        "buildings_title": "Building contact boards",
        "kiosk_title": "Lobby board",
        "scan_to_read": "Scan to read",
        "tie_note_short": "Equal totals share a rank; spending points never lowers one.",
        "kiosk_wishes_heading": "Wishes waiting for a neighbour",
        "kiosk_noscript": "This board needs JavaScript.",
        "kiosk_night": "Night clock",
        "kiosk_today_events": "{count} events today",
        "kiosk_events_heading": "Today and coming up",
        "roster_note": "To protect residents, names and phones are partly hidden here; the board in the building's lobby has them in full.",
        "role": "Role",
        "room": "Room",
        "phone": "Phone",
        "board_heading": "{building} contact board",
        "wishes": "Micro-wishes",
        "wish_open": "Open",
        "wish_claimed": "Claimed",
        "wish_done": "Done",
        "wish_by": "Wished by",
        "claimed_by": "Taken on by {name}",
        "wishes_note": "To take on a wish, ask at the community service centre or your building captain.",
        "home_wishes": "{open} wishes waiting for a neighbour",
        "poster_scan": "Scan to see this board online",
        "poster_made": "Made on {date}",
        "poster_page": "Page {page} of {pages}",
        "poster_buildings": "Building contact board",
        "poster_buildings_note": "Your building captain and party group leader are here to help: ask them anything.",
        "poster_events": "This month",
        "poster_schedule": "Schedule",
        "poster_regular": "Every week or month",
        "poster_repeat": "Repeats",
        "poster_when": "Date",
        "poster_time": "Time",
        "poster_until": " (to {day})",
        "poster_event": "Activity",
        "poster_points_this": "Points, {month}",
        "poster_points_note": "Ranked by points earned this month; ties share a place; spending points never lowers a rank.",
        "poster_top": "Top {count}",
        "poster_hours": "Volunteer hours",
        "poster_wishes_open": "{count} wishes waiting for a neighbour",
        "poster_wish": "Wish",
        "poster_wished_on": "Posted",
        "poster_notices_current": "Notices current on {date}",
        "poster_published": "Posted {date}",
    },
}

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(value: object, language: str) -> str:
    """Return a date as people read it: 2025年5月20日 or 20 May 2025."""
    if not isinstance(value, dt.date):
        raise TypeError(f"format_date needs a date, got {value!r}")
    if language == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return f"{value.year}年{value.month}月{value.day}日"


def format_month(year: int, month: int, language: str) -> str:
    """Return a month's name: 2026年11月 or November 2026."""
    if language == "en":
        return f"{_MONTHS_EN[month - 1]} {year}"
    return f"{year}年{month}月"


def format_month_name(month: int, language: str) -> str:
    """Return a month without its year: 11月 or Nov."""
    return _MONTHS_EN[month - 1][:3] if language == "en" else f"{month}月"


def format_month_short(year: int, month: int, language: str) -> str:
    """Return a month as a chart label: 5月 or May (with the year in January)."""
    if language == "en":
        name = _MONTHS_EN[month - 1][:3]
        return f"{name} {year}" if month == 1 else name
    return f"{year}年1月" if month == 1 else f"{month}月"


def format_period(period: object, language: str) -> str:
    """Return a leaderboard period in words: 累计, 2026年, 2026年5月."""
    kind, year, month = (getattr(period, a) for a in ("kind", "year", "month"))
    if kind == "all":
        return UI[language]["period_all"]
    if kind == "year":
        return UI[language]["period_year"].format(year=year)
    return format_month(year, month, language)


def format_weekday(value: dt.date, language: str) -> str:
    """Return the weekday: 周六 or Sat."""
    names = UI[language]["weekdays"].split()
    return UI[language]["weekday_prefix"] + names[value.weekday()]


def format_short_date(value: dt.date, language: str) -> str:
    """Return a date without its year: 5月31日 or 31 May."""
    if language == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1][:3]}"
    return f"{value.month}月{value.day}日"


_RULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def describe_rule(rule: str, language: str) -> str:
    """Return a repeat rule in words: 每周六, 每月第一个周三; the general word otherwise."""
    words = UI[language]
    parts = dict(piece.split("=", 1) for piece in rule.split(";"))
    interval = int(parts.get("INTERVAL", "1"))
    names = words["weekdays"].split()
    prefix = words["weekday_prefix"]
    freq, by_day = parts.get("FREQ"), parts.get("BYDAY", "")
    if freq == "DAILY" and interval == 1 and not by_day:
        return words["every_day"]
    if freq == "WEEKLY" and by_day and all(d in _RULE_DAYS for d in by_day.split(",")):
        chosen = sorted(_RULE_DAYS.index(d) for d in set(by_day.split(",")))
        days = words["day_join"].join(prefix + names[i] for i in chosen)
        if len(chosen) >= 3 and chosen == list(range(chosen[0], chosen[-1] + 1)):
            first, last = (prefix + names[i] for i in (chosen[0], chosen[-1]))
            days = words["day_range"].format(first=first, last=last)
        if interval == 1:
            return words["every_week"].format(days=days)
        return words["every_n_weeks"].format(n=interval, days=days)
    if freq == "MONTHLY" and parts.get("BYMONTHDAY") == "-1" and interval == 1 and not by_day:
        return words["every_month_last_day"]
    month_days = parts.get("BYMONTHDAY", "")
    if freq == "MONTHLY" and month_days.replace(",", "").isdigit() and interval == 1 and not by_day:
        days = parts["BYMONTHDAY"].replace(",", words["day_join"])
        return words["every_month_day"].format(days=days)
    match = re.fullmatch(r"(-1|[1-5])(MO|TU|WE|TH|FR|SA|SU)", by_day)
    if freq == "MONTHLY" and match:
        ordinals = words["nth"].split()
        nth = words["last"] if match.group(1) == "-1" else ordinals[int(match.group(1)) - 1]
        day = prefix + names[_RULE_DAYS.index(match.group(2))]
        key = "every_month_nth" if interval == 1 else "every_n_months_nth"
        return words[key].format(n=interval, nth=nth, day=day)
    if freq == "YEARLY" and interval == 1:
        return words["every_year"]
    return words["repeats"]


def format_span(start: object, end: object, language: str) -> str:
    """Return when an occurrence runs: 09:00–11:30, 全天, or 12月5日–12月6日."""
    words = UI[language]
    if isinstance(start, dt.datetime):
        begin = start.strftime("%H:%M")
        if not isinstance(end, dt.datetime):
            return words["from_time"].format(time=begin)
        if end.date() == start.date():
            return f"{begin}–{end.strftime('%H:%M')}"
        return f"{begin} – {format_short_date(end.date(), language)} {end.strftime('%H:%M')}"
    if isinstance(end, dt.date) and isinstance(start, dt.date) and end != start:
        span = f"{format_short_date(start, language)}–{format_short_date(end, language)}"
        return f"{words['all_day']} · {span}"
    return words["all_day"]
