"""Every sentence the tool says, in each language it speaks (zh-CN and en).

Diagnostics and CLI output name a code from this catalogue; the words live
only here. A message has an optional hint: what to type to fix it.
"""

from __future__ import annotations

from typing import NamedTuple

LANGUAGES = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"


class Text(NamedTuple):
    zh: str
    en: str
    zh_hint: str | None = None
    en_hint: str | None = None


CATALOGUE: dict[str, Text] = {
    # Labels and summaries
    "label.error": Text("错误", "error"),
    "label.warning": Text("警告", "warning"),
    "label.hint": Text("提示", "hint"),
    "summary.failed": Text(
        "构建失败：{count} 个错误。之前的输出保持不变。",
        "Build failed: {count} error(s). The previous output is unchanged.",
    ),
    "summary.check_failed": Text("检查未通过：{count} 个错误。", "Check failed: {count} error(s)."),
    "summary.check_ok": Text(
        "检查通过，没有发现错误：{stories} 篇故事、{events} 个活动、{entries} 条积分记录。",
        "Check passed, no errors found: {stories} stories, {events} events, {entries} ledger entries.",
    ),
    "summary.waiting": Text(
        "另有 {drafts} 篇草稿、{scheduled} 篇定时发布，还不会出现在网站上：",
        "Also {drafts} draft(s) and {scheduled} scheduled, not on the site yet:",
    ),
    "summary.draft": Text(
        "  草稿：{path}（写好后把 draft: true 改成 false）",
        "  draft: {path} (set draft: false when it is ready)",
    ),
    "summary.scheduled": Text(
        "  定时发布：{path}（{date} 发布）",
        "  scheduled: {path} (published on {date})",
    ),
    "summary.built": Text(
        "已生成 {target}：{files} 个文件 → {path}（用时 {seconds} 秒）",
        "Built {target}: {files} files → {path} ({seconds} s)",
    ),
    "summary.posters": Text(
        "海报：{made} 张重新排版，{kept} 张内容和模板没变，沿用上次的",
        "Posters: {made} laid out anew, {kept} unchanged and kept from the last build",
    ),
    "print.unavailable": Text(
        "生成公示栏海报（--target print）需要 Pango 排版库，这台电脑上没有：{detail}。网站和大厅屏不受影响，海报没有生成，之前的输出保持不变",
        "Posters (--target print) need the Pango text layout library, which this computer lacks: {detail}. The website and lobby board are unaffected; no poster was written and the previous output is unchanged",
        "Debian / Ubuntu / 统信 UOS / 麒麟：sudo apt install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk；Windows：装 MSYS2 后运行 pacman -S mingw-w64-x86_64-pango（见 WeasyPrint 的安装说明）；macOS：brew install pango。装好后重新运行；只要网站和大厅屏，用 --target site 或 --target kiosk",
        "Debian / Ubuntu: sudo apt install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk; Windows: install MSYS2, then pacman -S mingw-w64-x86_64-pango (see WeasyPrint's installation notes); macOS: brew install pango. Then run it again; for the website and lobby board only, use --target site or --target kiosk",
    ),
    "print.no_base_url": Text(
        "site.yaml 没有写 base_url，公示栏海报上不印二维码",
        "site.yaml has no base_url, so the posters carry no QR code",
        "写上网站发布后的网址，例如 base_url: https://example.org/小区/，海报上就有扫码看网上公示的二维码",
        "Add the address the site is published at, e.g. base_url: https://example.org/path/, and each poster gets a QR code to its board online",
    ),
    "serve.listening": Text(
        "预览地址：{url}（按 Ctrl+C 停止）",
        "Previewing at {url} (Ctrl+C stops)",
    ),
    "serve.editor": Text(
        "编辑器：{url}（在表单里写故事、通知、活动、积分，不用手写 YAML）",
        "Editor: {url} (forms for stories, notices, events and points, no YAML by hand)",
    ),
    "serve.editor_token": Text(
        "编辑器：{url}login?token={token}\n  编辑口令：{token}（只给要用编辑器的人）",
        "Editor: {url}login?token={token}\n  Editor token: {token} (give it only to those who edit)",
    ),
    "serve.editor_off": Text(
        "编辑器没有打开：预览在非本机地址上时，要加 --editor 才能用 /_edit/",
        "The editor is off: on a non-loopback address, add --editor to use /_edit/",
    ),
    "serve.rebuilt": Text(
        "已重新生成（{seconds} 秒），浏览器会自动刷新",
        "Rebuilt in {seconds} s; the browser reloads by itself",
    ),
    "serve.overlay": Text(
        "内容有错误，下面显示的是上一次成功生成的网站。改好后会自动刷新：",
        "The content has errors; below is the last good build. Fix them and the page reloads:",
    ),
    # serve and boards (issue 21)
    "serve.port_busy": Text(
        "端口 {port} 已被占用，换一个：--port {free}",
        "Port {port} is already in use; pick another: --port {free}",
        "也可能是上次的 site-builder serve 还开着：到它的窗口按 Ctrl+C 关掉它",
        "Or an earlier site-builder serve is still running: press Ctrl+C in its window",
    ),
    "serve.port_denied": Text(
        "没有权限使用端口 {port}，换一个：--port {free}",
        "Not allowed to use port {port}; pick another: --port {free}",
        "1024 以下的端口要管理员权限；预览用 8000 这样的端口就可以",
        "Ports below 1024 need administrator rights; a port like 8000 is fine for a preview",
    ),
    "serve.port_range": Text(
        "没有端口 {port}：端口是 1 到 65535 之间的数，例如 --port 8000",
        "There is no port {port}: ports run from 1 to 65535, for example --port 8000",
    ),
    "serve.host_unknown": Text(
        "这台电脑没有 {host} 这个地址，换一个：--host 127.0.0.1",
        "This computer has no address {host}; use --host 127.0.0.1",
        "127.0.0.1 只有本机能打开；要让同一网络里的手机也能打开，用 --host 0.0.0.0",
        "127.0.0.1 is this computer only; --host 0.0.0.0 lets phones on the same network "
        "open it too",
    ),
    "progress.loading": Text("正在读取和检查内容……", "Reading and checking the content…"),
    "progress.pages": Text(
        "正在生成网站：{done}/{total} 页", "Writing the website: {done}/{total} pages"
    ),
    "progress.guard": Text("正在做最后的隐私检查……", "Running the final privacy check…"),
    "progress.kiosk": Text("正在生成大厅屏……", "Writing the lobby board…"),
    "progress.print": Text(
        "正在排版公示栏海报（{done}/{total}）……", "Laying out the posters ({done}/{total})…"
    ),
    "new.created": Text(
        "已创建 {path}",
        "Created {path}",
        "打开它填写内容，然后运行 site-builder check 检查",
        "Open it, fill it in, then run site-builder check",
    ),
    "internal.error": Text(
        "内部错误：site-builder 自身出了问题（不是内容的错）。{detail}",
        "Internal error: site-builder itself failed (not your content). {detail}",
        "加 --debug 重新运行可看到详细信息，请把它发给维护者。",
        "Run again with --debug to see the details, and send them to the maintainers.",
    ),
    "io.failed": Text(
        "读写文件失败：{detail}",
        "Reading or writing a file failed: {detail}",
        "检查磁盘空间和文件夹权限后重试；之前的输出保持不变",
        "Check the disk space and folder permissions and try again; the previous output "
        "is unchanged",
    ),
    "usage.error": Text("用法错误：{detail}", "Usage error: {detail}"),
    "usage.bad_today": Text(
        "--today 的值 “{value}” 不是日期，应写成 YYYY-MM-DD，例如 2025-06-01",
        "--today “{value}” is not a date; write YYYY-MM-DD, for example 2025-06-01",
    ),
    "usage.no_content": Text(
        "找不到内容文件夹 {path}",
        "The content folder {path} does not exist",
        "还没有网站：运行 site-builder init 新建一个能直接生成的示例网站；内容在别的地方：用 --content 写出它的位置，例如 --content 小区网站/content",
        "No site yet: run site-builder init to start one that builds as it is; content somewhere else: give its place with --content, for example --content our-site/content",
    ),
    "usage.windows_path": Text(
        "{option} 的值 “{path}” 是 Windows 的路径写法（盘符或 \\\\ 开头），这台电脑不是 Windows，找不到它",
        "{option} “{path}” is a Windows path (a drive letter or \\\\): this computer is not Windows and cannot find it",
        "写这台电脑上的路径，例如 {option} 小区网站/content（在 Windows 上可以照原样写 D:\\小区网站\\content）",
        "Write a path on this computer, for example {option} our-site/content (on Windows, D:\\our-site\\content works as it is)",
    ),
    "publish.windows_folder": Text(
        "{option} 的值 “{path}” 是 Windows 的文件夹写法（盘符或 \\\\ 开头），这台电脑不是 Windows，找不到它",
        "{option} “{path}” is a Windows folder (a drive letter or \\\\): this computer is not Windows and cannot find it",
        "写这台电脑上的文件夹，例如 {option} /media/usb/公示屏（U 盘插上后的位置）；要发布到服务器，写 ssh://用户名@服务器地址/文件夹",
        "Write a folder on this computer, for example {option} /media/usb/board (where the USB stick is mounted); for a server, ssh://user@server/folder",
    ),
    "init.exists": Text(
        "{path} 已经有内容了：init 只在空文件夹里新建网站，不会覆盖任何文件",
        "{path} already holds content: init starts a site only in an empty folder and never overwrites a file",
        "换一个新文件夹：site-builder init 新文件夹名；要检查已有的网站：site-builder check --content {path}",
        "Pick a new folder: site-builder init new-folder; to check the site that is there: site-builder check --content {path}",
    ),
    "init.not_a_folder": Text(
        "{path} 是一个文件，不是文件夹：网站要放在文件夹里",
        "{path} is a file, not a folder: a site goes in a folder",
        "换一个名字：site-builder init 新文件夹名",
        "Pick another name: site-builder init new-folder",
    ),
    "init.created": Text(
        "已新建示例网站 {path}：1 篇故事、1 条通知、1 个活动、3 位居民的积分。每个文件里都有说明，照着改就行。",
        "Started a site in {path}: one story, one notice, one event and points for three residents. Each file explains itself: change it to suit.",
    ),
    "init.next": Text(
        "下一步：cd {folder}，然后运行 site-builder build 生成网站，或运行 site-builder serve 边改边预览",
        "Next: cd {folder}, then run site-builder build to build the site, or site-builder serve to preview it as you edit",
    ),
    "init.next_here": Text(
        "下一步：运行 site-builder build 生成网站，或运行 site-builder serve 边改边预览",
        "Next: run site-builder build to build the site, or site-builder serve to preview it as you edit",
    ),
    # Reading files
    "file.unreadable": Text("无法读取文件：{reason}", "Cannot read the file: {reason}"),
    "encoding.utf16": Text(
        "文件是 UTF-16 编码，site-builder 只读 UTF-8",
        "The file is UTF-16; site-builder reads UTF-8 only",
        "用记事本打开它，选“另存为”，编码选 “UTF-8”，再保存",
        "Open it in your editor, choose Save As, and pick the UTF-8 encoding",
    ),
    "encoding.binary": Text(
        "这不是文本文件（里面有二进制内容）",
        "This is not a text file (it contains binary data)",
        "图片等文件请放到 content/assets/ 里",
        "Put images and other files in content/assets/",
    ),
    "encoding.gbk": Text(
        "文件看起来是 GBK/GB18030 编码（Windows 记事本的旧默认），site-builder 只读 UTF-8",
        "The file looks like GBK/GB18030 (an old Windows default); site-builder reads UTF-8 only",
        "用记事本打开它，选“另存为”，编码选 “UTF-8”，再保存；不要复制粘贴乱码",
        "Open it in Notepad, choose Save As, pick the UTF-8 encoding and save",
    ),
    "encoding.not_utf8": Text(
        "文件不是 UTF-8 编码，从这一行开始无法读取",
        "The file is not UTF-8; it cannot be read from this line on",
        "用编辑器把文件另存为 UTF-8 编码",
        "Save the file again with the UTF-8 encoding",
    ),
    # YAML
    "yaml.syntax": Text(
        "YAML 格式错误：{explained}",
        "YAML syntax error ({problem})",
        "检查这一行和上一行：冒号后要有空格，缩进要对齐，含冒号的文字要加引号",
        "Check this line and the one above: a space after each colon, aligned indents, "
        "and quotes around text that contains a colon",
    ),
    "yaml.documents": Text(
        "文件里有多个 YAML 文档（出现了第二个 ---）",
        "The file holds more than one YAML document (a second ---)",
        "一个文件只写一份内容；删掉多余的 --- 行",
        "Write one document per file; remove the extra --- line",
    ),
    "yaml.tab": Text(
        "这一行用了 Tab 缩进",
        "This line is indented with a tab",
        "YAML 只认空格缩进：把 Tab 换成两个空格",
        "YAML indents with spaces only: replace the tab with two spaces",
    ),
    "yaml.alias": Text(
        "这里的内容被 YAML 别名（*名字）重复引用了，site-builder 不支持锚点和别名",
        "This content is reused through a YAML alias (*name); anchors and aliases are "
        "not supported",
        "把内容直接写在每个用到的地方，删掉 & 和 * 标记",
        "Write the content out in each place and remove the & and * marks",
    ),
    "yaml.too_deep": Text(
        "YAML 嵌套超过 {limit} 层",
        "YAML is nested deeper than {limit} levels",
        "内容文件不需要这么深的层次，检查是否多了括号或缩进",
        "Content never needs this much nesting; look for stray brackets or indents",
    ),
    "yaml.tag": Text(
        "不允许的 YAML 标签 {tag}",
        "YAML tag {tag} is not allowed",
        "删掉以 ! 开头的标记，直接写值",
        "Remove the mark starting with ! and write the plain value",
    ),
    "yaml.complex_key": Text(
        "键名必须是简单文字",
        "A key must be plain text",
        "写成 名字: 值 的形式",
        "Write it as key: value",
    ),
    "yaml.duplicate_key": Text(
        "“{key}” 重复出现（第 {first} 行已经写过）",
        "“{key}” appears twice (already on line {first})",
        "删掉其中一个，或把两处内容合并",
        "Remove one of them, or merge the two",
    ),
    # YAML slips (issue 21): what a Chinese input method types for YAML's punctuation
    "yaml.fullwidth_colon": Text(
        "用了中文冒号 “：”，改成英文冒号加空格 “: ”",
        "A full-width colon “：” after the key; write an ASCII colon and a space “: ”",
        "写成 {fixed}",
        "Write {fixed}",
    ),
    "yaml.colon_space": Text(
        "冒号后面要有一个空格",
        "The colon needs a space after it",
        "写成 {fixed}",
        "Write {fixed}",
    ),
    "yaml.fullwidth_space": Text(
        "这里用了全角空格 “　”（中文输入法的空格），YAML 只认英文空格",
        "A full-width space “　” (a Chinese input method's space) is here; YAML only takes "
        "ASCII spaces",
        "写成 {fixed}",
        "Write {fixed}",
    ),
    "yaml.fullwidth_indent": Text(
        "这一行用全角空格 “　” 缩进，YAML 只认英文空格",
        "This line is indented with a full-width space “　”; YAML indents with ASCII spaces only",
        "删掉行首的全角空格，改用英文空格，和同一层的上下行对齐",
        "Delete the full-width spaces at the start and indent with ASCII spaces, in line with "
        "the lines at the same level",
    ),
    "yaml.fullwidth_quotes": Text(
        "中文引号 {quote} 在 YAML 里不算引号，里面的 “{mark}” 照样起作用，这一行被读错了",
        "The full-width quotes {quote} do not quote in YAML, so the “{mark}” inside still "
        "counts and the line is misread",
        "换成英文引号：{fixed}",
        "Use ASCII quotes: {fixed}",
    ),
    "yaml.fullwidth_quotes_kept": Text(
        "全角引号 {quote} 在 YAML 里不算引号，会原样显示在网页上",
        "The full-width quote {quote} does not quote in YAML; it shows on the page as typed",
        "要加引号就用英文引号：{fixed}",
        "To quote the text, use ASCII quotes: {fixed}",
    ),
    "yaml.fullwidth_dash": Text(
        "列表开头的 “{char}” 不是英文短横线 “-”，YAML 认不出这是列表",
        "“{char}” at the start of a list item is not an ASCII hyphen “-”, so YAML sees no list",
        "写成 {fixed}",
        "Write {fixed}",
    ),
    "yaml.fullwidth_comma": Text(
        "方括号里的中文逗号 “{char}” 不分隔列表，“{item}” 成了一项",
        "The full-width comma “{char}” does not separate items in [ ], so “{item}” is one item",
        '用英文逗号分开：{fixed}；如果这本来就是一项，加英文引号："{item}"',
        'Separate the items with ASCII commas: {fixed}; if it really is one item, quote it: "{item}"',
    ),
    "yaml.fullwidth_comma_flow": Text(
        "括号里用了中文逗号 “{char}”，YAML 只认英文逗号 “,”",
        "A full-width comma “{char}” inside the braces; YAML only takes an ASCII comma “,”",
        "写成 {fixed}",
        "Write {fixed}",
    ),
    # Front matter
    "frontmatter.missing": Text(
        "找不到开头的 front matter（第一行应该是 ---）",
        "No front matter found (the first line should be ---)",
        "在文件开头加上 ---，下面写 title: 和 date:，再用一行 --- 结束",
        "Start the file with ---, then title: and date:, then close with a --- line",
    ),
    "frontmatter.unclosed": Text(
        "front matter 没有结束（缺少第二行 ---）",
        "The front matter is never closed (the second --- line is missing)",
        "在 title、date 等设置的下面加一行 ---，正文写在它下面",
        "Add a --- line below title, date and the other settings; the text goes below it",
    ),
    # Fields
    "record.not_mapping": Text(
        "这里应该是 “名字: 值” 形式的设置",
        "Expected settings written as “key: value”",
        "每行写一个设置，例如 title: 标题",
        "Write one setting per line, for example title: My title",
    ),
    "field.required": Text(
        "缺少必填项 {key}",
        "The required field {key} is missing",
        "加上一行 {key}: …",
        "Add a line {key}: …",
    ),
    "field.empty": Text(
        "{key} 是空的",
        "{key} is empty",
        "在 {key}: 后面写上内容",
        "Write a value after {key}:",
    ),
    "field.not_text": Text(
        "{key} 应该是一段文字，不是列表或多项设置",
        "{key} should be a single text, not a list or mapping",
        None,
        None,
    ),
    "field.not_bool": Text(
        "{key} 只能是 true 或 false，这里写的是 “{value}”",
        "{key} must be true or false, not “{value}”",
        "写成 {key}: true 或 {key}: false",
        "Write {key}: true or {key}: false",
    ),
    "field.list_of_text": Text(
        "{key} 应该是文字列表",
        "{key} should be a list of texts",
        "写成 {key}: [甲, 乙]",
        "Write {key}: [a, b]",
    ),
    "field.unknown_guess": Text(
        "不认识的设置 “{key}”",
        "Unknown setting “{key}”",
        "是不是想写 “{guess}”？",
        "Did you mean “{guess}”?",
    ),
    "field.unknown": Text(
        "不认识的设置 “{key}”",
        "Unknown setting “{key}”",
        "可以用的设置有：{known}",
        "The settings you can use are: {known}",
    ),
    "field.bad_date": Text(
        "{key} 应该是日期，这里写的是 “{value}”",
        "{key} should be a date, not “{value}”",
        "写成 年-月-日，例如 {key}: 2025-05-20",
        "Write year-month-day, for example {key}: 2025-05-20",
    ),
    "field.impossible_date": Text(
        "{key} 的日期 “{value}” 不存在",
        "{key}: the date “{value}” does not exist",
        "检查月份和日子：4、6、9、11 月只有 30 天，2 月只有 28 天（闰年 29 天）",
        "Check the month and day: April, June, September and November have 30 days, "
        "February 28 (29 in a leap year)",
    ),
    # values at their limits and derived paths (issue 22)
    "field.year_range": Text(
        "{key} 的年份不对：“{value}”，只能在 {first} 到 {last} 年之间",
        "{key}: the year of “{value}” is out of range; it must be from {first} to {last}",
        "检查年份是不是多打或少打了数字，例如 {key}: 2025-05-20",
        "Check the year for a missing or extra digit, for example {key}: 2025-05-20",
    ),
    "field.too_many_digits": Text(
        "{key} 的数字太大：“{value}”，最多 {most} 位",
        "{key}: the number “{value}” is too big; at most {most} digits",
        "检查是不是多打了数字，例如 {key}: 10",
        "Check for extra digits, for example {key}: 10",
    ),
    "name.reserved_text": Text(
        "{field} “{value}” 是保留名字，不能做网址（Windows 要用它）",
        "{field} “{value}” is a reserved name (Windows uses it) and cannot be a URL",
        "换一个写法，例如 {field}: {value}栋",
        "Write it another way, for example {field}: {value} block",
    ),
    "name.too_long_text": Text(
        "{field} “{value}” 太长，做文件夹名会超出系统限制（最多约 40 个汉字）",
        "{field} “{value}” is too long for a folder name (at most 120 letters)",
        "写短一点，例如 {field}: 3栋",
        "Write it shorter, for example {field}: Block 3",
    ),
    "points.building_spelling": Text(
        "楼栋 “{value}” 和第 {line} 行的 “{first}” 只差大小写或全角半角，会写到同一个页面",
        "The building “{value}” differs from “{first}” on line {line} only in case or width; "
        "both would be written to one page",
        "两行写成一样的，例如都写 “{first}”",
        "Write both the same, for example “{first}”",
    ),
    "folder.unreadable": Text(
        "无法打开文件夹：{reason}",
        "Cannot open the folder: {reason}",
        "如果它是快捷方式（符号链接），把它换成真正的文件夹；否则检查文件夹的权限",
        "If it is a shortcut (symbolic link), replace it with a real folder; "
        "otherwise check the folder's permissions",
    ),
    "field.too_long": Text(
        "{key} 太长：“{value}” 有 {length} 个字，最多 {most} 个字",
        "{key} is too long: “{value}” has {length} characters, at most {most}",
        "检查是不是误粘贴了一大段文字；写短一点",
        "Check for text pasted by mistake, and write it shorter",
    ),
    "field.too_many_items": Text(
        "{key} 列了 {count} 项，最多 {most} 项",
        "{key} lists {count} items; at most {most}",
        "只留下最要紧的几项",
        "Keep only the few that matter most",
    ),
    "output.path_too_long": Text(
        "输出路径 {path} 太长（超过 {most} 字节），Windows 上会打不开",
        "The output path {path} is too long (over {most} bytes) and will not open on Windows",
        "把这一项的名字写短一点",
        "Write this item's name shorter",
    ),
    "new.title_too_long": Text(
        "标题太长：有 {length} 个字，最多 {most} 个字",
        "The title is too long: {length} characters, at most {most}",
        "写一个短一点的标题；详细内容写在正文里",
        "Choose a shorter title; the details go in the text",
    ),
    "new.title_empty": Text(
        "标题是空的",
        "The title is empty",
        '把标题写在引号里，例如 site-builder new notice "停水通知"',
        'Write the title in quotes, for example site-builder new notice "Water off on Monday"',
    ),
    # site.yaml
    "config.missing": Text(
        "找不到 site.yaml：每个站点都需要它",
        "site.yaml is missing: every site needs one",
        "在内容文件夹里新建 site.yaml，至少写一行 title: 小区名称",
        "Create site.yaml in the content folder with at least title: Your site",
    ),
    "config.bad_language": Text(
        "不支持的语言 “{value}”",
        "Unsupported language “{value}”",
        "写 language: zh-CN（中文）或 language: en（英文）",
        "Write language: zh-CN (Chinese) or language: en (English)",
    ),
    "config.bad_timezone": Text(
        "不认识的时区 “{value}”",
        "Unknown time zone “{value}”",
        "中国大陆写 timezone: Asia/Shanghai",
        "Use an IANA name, for example timezone: Asia/Shanghai",
    ),
    "config.bad_base_url": Text(
        "base_url “{value}” 不是完整网址",
        "base_url “{value}” is not a full web address",
        "写成 https://example.org/小区/ 的形式，以 http:// 或 https:// 开头",
        "Write it as https://example.org/path/, starting with http:// or https://",
    ),
    "config.bad_community_id": Text(
        "小区编号 “{value}” 只能用小写字母、数字和连字符，并以字母开头",
        "Community id “{value}” may use only lowercase letters, digits and hyphens, "
        "starting with a letter",
        "例如 id: longteng",
        "For example id: longteng",
    ),
    "config.duplicate_community": Text(
        "小区编号 “{value}” 重复了",
        "Community id “{value}” is used twice",
        "每个小区用不同的 id",
        "Give each community its own id",
    ),
    "config.bad_choice": Text(
        "{key} 不能是 “{value}”",
        "{key} cannot be “{value}”",
        "可以写：{choices}",
        "Choose one of: {choices}",
    ),
    "config.not_positive": Text(
        "{key} 应该是正整数，这里写的是 “{value}”",
        "{key} should be a positive whole number, not “{value}”",
        "例如 {key}: 15",
        "For example {key}: 15",
    ),
    "config.bad_night": Text(
        "night 应该写成 “开始-结束” 的时间段，这里写的是 “{value}”",
        "night should be a time range “start-end”, not “{value}”",
        "例如 night: 22:00-06:30",
        "For example night: 22:00-06:30",
    ),
    "config.empty_list": Text(
        "{key} 至少要有一项",
        "{key} needs at least one item",
        None,
        None,
    ),
    # Stories
    "story.community_required": Text(
        "site.yaml 里列了多个小区，这里要写明属于哪个小区（community）",
        "site.yaml lists several communities, so this needs a community",
        "加上一行 community: {choices} 中的一个",
        "Add a line community: with one of {choices}",
    ),
    "story.unknown_community": Text(
        "没有编号为 “{value}” 的小区",
        "There is no community with the id “{value}”",
        "site.yaml 里的小区编号有：{choices}",
        "The community ids in site.yaml are: {choices}",
    ),
    "story.no_communities": Text(
        "site.yaml 没有列出小区，这里不用写 community",
        "site.yaml lists no communities, so community is not needed here",
        "删掉 community 这一行，或在 site.yaml 里加上 communities",
        "Remove the community line, or list communities in site.yaml",
    ),
    "story.slug_collision": Text(
        "网址 stories/{slug}/ 和 {other} 冲突（网址不区分大小写和全半角写法）",
        "The URL stories/{slug}/ collides with {other} (URLs ignore case and Unicode variants)",
        "给其中一篇换个 slug:",
        "Give one of them another slug:",
    ),
    "story.link_unpublished": Text(
        "链接的故事 “{value}” 不会出现在网站上（草稿、未到发布日期或有错误），链接会失效",
        "The linked story “{value}” is not on the site (a draft, not yet published, or "
        "broken), so the link would break",
        "先删掉这个链接，等那篇故事发布后再加上",
        "Remove the link for now and add it back once that story is published",
    ),
    "yaml.comment_in_value": Text(
        "“#” 后面的文字被当成了注释，没有读进来",
        "The text after “#” was read as a comment and left out",
        '整段文字加上引号，例如 title: "王师傅 #302 的故事"',
        'Put the whole text in quotes, for example title: "Room #302"',
    ),
    "story.link_missing": Text(
        "找不到要链接的故事 “{value}”",
        "The linked story “{value}” does not exist",
        "写 stories/ 里那篇故事的文件名，例如 [电梯的故事](xingfu-dianti.md)；检查拼写",
        "Write the file name of a story in stories/, for example [the lift](happy-lift.md)",
    ),
    "story.community_by_name": Text(
        "community 要写小区编号，不是小区名字 “{value}”",
        "community takes the community id, not its name “{value}”",
        "写成 community: {id}",
        "Write community: {id}",
    ),
    "asset.unusable": Text(
        "“{value}” 打不开（快捷方式绕成了圈，或路径里有看不见的特殊字符）",
        "“{value}” cannot be opened (a symbolic link loop, or an invisible control character)",
        "把真正的文件复制到 content/assets/ 里，重新输入路径",
        "Copy the real file into content/assets/ and type the path again",
    ),
    "asset.missing": Text(
        "找不到文件 “{value}”",
        "The file “{value}” does not exist",
        "路径相对于内容文件夹，例如 assets/照片.jpg；检查文件名和大小写",
        "Paths are relative to the content folder, for example assets/photo.jpg; "
        "check the name and its case",
    ),
    "asset.outside": Text(
        "“{value}” 指向内容文件夹以外",
        "“{value}” points outside the content folder",
        "把文件复制到 content/assets/ 里，再写 assets/文件名",
        "Copy the file into content/assets/ and write assets/filename",
    ),
    "asset.bad_path": Text(
        "“{value}” 不是可用的路径（不能用反斜杠 \\ 或 C: 这样的盘符）",
        "“{value}” is not a usable path (no backslashes \\ or drive letters like C:)",
        "用 / 分隔，相对于内容文件夹，例如 assets/照片.jpg",
        "Use / separators, relative to the content folder, for example assets/photo.jpg",
    ),
    # Files that must never be published (issue 22)
    "asset.not_in_assets": Text(
        "“{value}” 不在 assets/ 文件夹里，不能发布到网站上",
        "“{value}” is not in the assets/ folder and cannot be published",
        "要发布的图片和文件放到 content/assets/ 里，再写 {fix}",
        "Put pictures and files to publish in content/assets/ and write {fix}",
    ),
    "asset.hidden": Text(
        "“{value}” 是隐藏文件（名字或文件夹以点开头），从不发布",
        "“{value}” is a hidden file (its name or a folder starts with a dot) and is never published",
        "像 .git、.env 这样的文件常常存着密码；要发布的文件改个不以点开头的名字，放到 assets/ 里",
        "Files like .git and .env often hold passwords; give a file to publish a name "
        "without a leading dot, in assets/",
    ),
    "asset.link_out": Text(
        "“{value}” 是指向 assets/ 以外的快捷方式（符号链接），不会发布",
        "“{value}” is a shortcut (symbolic link) leading out of assets/ and is not published",
        "删掉这个快捷方式；要发布的文件本身复制到 assets/ 里",
        "Delete the shortcut; copy the file itself into assets/ if it is to be published",
    ),
    "asset.data_file": Text(
        "“{value}” 是数据文件，会原样发布，任何人都能下载",
        "“{value}” is a data file: it is published as it is, for anyone to download",
        "确认里面没有居民的姓名和电话（发布前会检查）；名单放在 points/ 里，不要放在 assets/ 里",
        "Make sure it holds no resident's name or phone (it is checked before publishing); "
        "keep lists of people in points/, not in assets/",
    ),
    "asset.leaked_name": Text(
        "这个文件会原样发布，里面有居民的全名 “{value}”",
        "This file is published as it is and shows a resident's full name, “{value}”",
        "名单不要放在 assets/ 里（居民写在 points/residents.yaml）；删掉这个文件或其中的名字",
        "Keep lists of people out of assets/ (residents belong in points/residents.yaml); "
        "delete the file or the names in it",
    ),
    "asset.leaked_phone": Text(
        "这个文件会原样发布，里面有完整的手机号 “{value}”",
        "This file is published as it is and shows a full mobile number, “{value}”",
        "删掉这个文件或其中的手机号；要公开的电话写在 buildings.yaml 里，网站上会遮住中间几位",
        "Delete the file or the numbers in it; phones to show go in buildings.yaml, "
        "where the site masks them",
    ),
    "asset.active": Text(
        "“{value}” 是网页或脚本文件，放在网站上会在访客的浏览器里运行",
        "“{value}” is a web page or script: on the site it would run in visitors' browsers",
        "删掉它，或改成 PDF、图片；确实要发布时在 site.yaml 里写 assets: {{allow_active: true}}"
        "（大堂公告屏永远不放）",
        "Delete it, or use a PDF or picture instead; to publish it anyway write "
        "assets: {{allow_active: true}} in site.yaml (the lobby board never shows it)",
    ),
    "picture.empty": Text(
        "图片 “{value}” 是空文件（0 字节）",
        "The picture “{value}” is an empty file (0 bytes)",
        "照片没有复制完整：重新把它复制到 content/assets/",
        "The picture was not copied whole: copy it into content/assets/ again",
    ),
    "picture.unreadable": Text(
        "“{value}” 读不出图片：它不是 PNG、JPEG、WebP 或 GIF，或者文件开头已经坏了",
        "“{value}” cannot be read as a picture: it is no PNG, JPEG, WebP or GIF, "
        "or the start of the file is damaged",
        "用看图软件打开它，另存为 JPEG 或 PNG，再放回 content/assets/",
        "Open it in a picture viewer, save it as JPEG or PNG, and put it back in content/assets/",
    ),
    "picture.broken": Text(
        "图片 “{value}” 已损坏：文件开头说它有 {width}×{height} 像素，后面的内容却读不出来（可能没有复制完）",
        "The picture “{value}” is damaged: its header says {width}×{height} pixels, but what "
        "follows cannot be read (it may not have been copied whole)",
        "重新从手机或相机里复制这张照片，或用看图软件另存一份",
        "Copy the picture from the phone or camera again, or save a new copy from a picture viewer",
    ),
    "picture.too_many_pixels": Text(
        "图片 “{value}” 有 {megapixels} 百万像素，超过了上限 {limit} 百万像素（读它要占用好几 GB 内存）",
        "The picture “{value}” has {megapixels} megapixels, over the limit of {limit} "
        "(reading it would take gigabytes of memory)",
        "先用看图软件把它缩小（例如宽 2000 像素），再放进 content/assets/",
        "Make it smaller first in a picture editor (2000 pixels wide, say), "
        "then put it in content/assets/",
    ),
    "picture.large": Text(
        "图片 “{value}” 很大（{width}×{height} 像素，{megabytes} MB）：手机会收到缩小的版本，"
        "原尺寸也会发布",
        "The picture “{value}” is big ({width}×{height} pixels, {megabytes} MB): phones get a "
        "smaller copy, and the full size is published too",
        "缩小到宽 2000 像素左右再放进 content/assets/，网页打开更快",
        "Make it about 2000 pixels wide before putting it in content/assets/: pages open faster",
    ),
    "picture.withheld": Text(
        "“{value}” 读不出图片，所以不会发布（无法去掉里面可能有的拍摄地点等信息）",
        "“{value}” cannot be read as a picture, so it is not published (the location and "
        "other details it may hold could not be removed)",
        "重新导出这张照片；用不到的话，把它从 content/assets/ 删掉",
        "Export the picture again; if nothing uses it, delete it from content/assets/",
    ),
    "asset.svg_unsafe": Text(
        "SVG 图片 “{value}” 里有 {found}，会运行脚本或加载别处的东西",
        "The SVG picture “{value}” holds {found}, which runs a script or loads something from elsewhere",
        "换成 PNG 或 JPG，或在绘图软件里重新导出一个不含脚本和外部链接的 SVG",
        "Use a PNG or JPG, or export the SVG again without scripts and outside links",
    ),
    "asset.svg_broken": Text(
        "SVG 图片 “{value}” 读不懂：第 {line} 行第 {column} 列起不是正确的 XML（比如少了引号、有不该出现的字符）",
        "The SVG picture “{value}” cannot be read: from line {line}, column {column} on it is not well-formed XML "
        "(a quote missing, or a character that cannot be there)",
        "换成 PNG 或 JPG，或在绘图软件里重新导出这个 SVG",
        "Use a PNG or JPG, or export the SVG again from the drawing program",
    ),
    "asset.svg_unfinished": Text(
        "SVG 图片 “{value}” 读不懂：文件到第 {line} 行第 {column} 列就结束了，还有标签没写完或没有关闭",
        "The SVG picture “{value}” cannot be read: the file ends at line {line}, column {column}, with a tag not "
        "finished or not closed",
        "换成 PNG 或 JPG，或在绘图软件里重新导出这个 SVG（文件可能没有复制完整）",
        "Use a PNG or JPG, or export the SVG again from the drawing program "
        "(the file may not have been copied whole)",
    ),
    "asset.svg_mismatched": Text(
        "SVG 图片 “{value}” 读不懂：第 {line} 行第 {column} 列的结束标签和前面的开始标签对不上",
        "The SVG picture “{value}” cannot be read: the closing tag at line {line}, column {column} does not match "
        "the opening tag before it",
        "换成 PNG 或 JPG，或在绘图软件里重新导出这个 SVG",
        "Use a PNG or JPG, or export the SVG again from the drawing program",
    ),
    "asset.svg_unreadable": Text(
        "SVG 图片 “{value}” 打不开",
        "The SVG picture “{value}” cannot be opened",
        "看看这个文件还在不在、能不能用别的软件打开；换成 PNG 或 JPG 也可以",
        "Check that the file is there and opens in another program; a PNG or JPG will do too",
    ),
    "asset.svgz_broken": Text(
        "压缩的 SVG 图片 “{value}” 解压不了：不是完整的 gzip 文件",
        "The compressed SVG picture “{value}” cannot be unpacked: it is not a whole gzip file",
        "在绘图软件里重新导出（存成 .svg 也可以），或换成 PNG 或 JPG",
        "Export it again from the drawing program (as .svg will do), or use a PNG or JPG",
    ),
    "name.empty": Text(
        "{field} “{value}” 变成网址后什么也不剩",
        "{field} “{value}” leaves nothing once turned into a URL",
        "用文字或数字，例如 {field}: xingfu-dianti",
        "Use letters or digits, for example {field}: happy-lift",
    ),
    "name.chars": Text(
        "{field} “{value}” 里有不能出现在网址里的符号",
        "{field} “{value}” contains characters a URL cannot hold",
        "只用字母、数字、汉字和连字符 -，例如 {field}: xingfu-dianti",
        "Use only letters, digits and hyphens, for example {field}: happy-lift",
    ),
    "name.dots": Text(
        "{field} “{value}” 不能以点开头或结尾",
        "{field} “{value}” cannot start or end with a dot",
        "去掉开头或结尾的点",
        "Remove the leading or trailing dot",
    ),
    "name.reserved": Text(
        "{field} “{value}” 是保留名字，不能做网址（Windows 或分页要用它）",
        "{field} “{value}” is a reserved name (Windows or the page list use it)",
        "换一个名字，例如在后面加上 -1",
        "Choose another name, for example add -1",
    ),
    "name.too_long": Text(
        "{field} “{value}” 太长，做文件夹名会超出系统限制",
        "{field} “{value}” is too long for a folder name",
        "在 front matter 里写一个短一点的 slug:，例如 slug: xingfu-dianti",
        "Set a shorter slug: in the front matter, for example slug: happy-lift",
    ),
    "asset.source_file": Text(
        "“{value}” 是内容源文件，不能直接链接",
        "“{value}” is a content source file and cannot be linked directly",
        "链接故事时写它的文件名，例如 xingfu-dianti.md；其他文件放到 assets/",
        "Link a story by its file name, for example happy-lift.md; put other files in assets/",
    ),
    "markup.too_long": Text(
        "正文太长（超过 {limit} 个字），不像一篇故事或通知",
        "The text is too long (over {limit} characters) for a story or notice",
        "检查是否误粘贴了整个文件；长文可以拆成几篇，附件放到 assets/ 里链接",
        "Check for a whole file pasted in by mistake; split long texts, or link files in assets/",
    ),
    "markup.too_many_brackets": Text(
        "正文里的方括号 [ 太多（超过 {limit} 个），转换会极慢",
        "The text holds too many [ brackets (over {limit}); converting it would take very long",
        "删掉多余的 [；要显示方括号本身，可以用中文括号【】",
        "Remove the extra [ characters; use other brackets to show brackets",
    ),
    "markup.unsafe": Text(
        "不安全的内容 “{value}” 已被删除",
        "The unsafe content “{value}” was removed",
        "内容里不能有脚本、样式、内嵌网页和事件代码；链接只能用 http://、https://、mailto: 或 tel:",
        "Content cannot hold scripts, styles, frames or event handlers; links must use "
        "http://, https://, mailto: or tel:",
    ),
    # Events
    "event.not_list": Text(
        "活动文件应该是一个列表，每个活动以 “- title:” 开头",
        "An events file should be a list; start each event with “- title:”",
        "参考：\n    - title: 端午包粽子\n      start: 2025-05-31 09:00",
        "For example:\n    - title: Dragon Boat zongzi\n      start: 2025-05-31 09:00",
    ),
    "event.bad_datetime": Text(
        "{key} 应该是日期或“日期 时间”，这里写的是 “{value}”",
        "{key} should be a date, or a date and a time, not “{value}”",
        "写成 {key}: 2025-05-31 或 {key}: 2025-05-31 09:00（24 小时制）",
        "Write {key}: 2025-05-31 or {key}: 2025-05-31 09:00 (24-hour clock)",
    ),
    "event.impossible_time": Text(
        "{key} 的时间 “{value}” 不存在",
        "{key}: the time in “{value}” does not exist",
        "时间从 00:00 到 23:59；半夜十二点写成第二天的 00:00",
        "Times run from 00:00 to 23:59; midnight is 00:00 of the next day",
    ),
    "event.end_before_start": Text(
        "结束时间 “{value}” 早于开始时间",
        "The end “{value}” is before the start",
        "检查 start 和 end 的日期和时间",
        "Check the dates and times of start and end",
    ),
    "event.end_needs_time": Text(
        "活动有开始时间，end “{value}” 也要写时间",
        "The event has a start time, so end “{value}” needs a time too",
        "写成 end: 2025-05-31 11:30，或者只写 end: 11:30（同一天）",
        "Write end: 2025-05-31 11:30, or just end: 11:30 for the same day",
    ),
    "event.end_has_time": Text(
        "这是全天活动（start 没有时间），end “{value}” 就不要写时间",
        "This is an all-day event (start has no time), so end “{value}” takes no time",
        "写成 end: 2025-06-02（最后一天），或给 start 也加上时间",
        "Write end: 2025-06-02 (the last day), or give start a time too",
    ),
    "event.bad_rule": Text(
        "repeat “{value}” 写得不对（{detail}）",
        "repeat “{value}” is not a valid rule ({detail})",
        "写成 RFC 5545 的规则，例如 FREQ=WEEKLY;BYDAY=SA;UNTIL=20251231（每周六，到年底）",
        "Write an RFC 5545 rule, for example FREQ=WEEKLY;BYDAY=SA;UNTIL=20251231",
    ),
    "event.bad_byday": Text(
        "repeat “{value}” 的 BYDAY 写法不对（{detail}）",
        "repeat “{value}”: BYDAY “{detail}” is not valid",
        "星期用英文两个字母：MO 一、TU 二、WE 三、TH 四、FR 五、SA 六、SU 日；"
        "第一个周三写 1WE，最后一个周六写 -1SA",
        "Days are MO TU WE TH FR SA SU; the first Wednesday is 1WE, the last Saturday -1SA",
    ),
    "event.bad_number": Text(
        "repeat “{value}” 里的 {detail} 不对：数字超出范围或不是数字",
        "repeat “{value}”: {detail} is out of range or not a number",
        "COUNT 和 INTERVAL 从 1 开始；BYMONTHDAY 是 1 到 31（-1 表示月底）；BYMONTH 是 1 到 12",
        "COUNT and INTERVAL start at 1; BYMONTHDAY is 1 to 31 (-1 for the last day); BYMONTH is 1 to 12",
    ),
    "event.byday_ordinal": Text(
        "repeat “{value}” 里的 BYDAY={detail} 带了序号，只有按月或按年重复时才能用",
        "repeat “{value}”: BYDAY={detail} has an ordinal, which only monthly or yearly rules take",
        "每周三写 FREQ=WEEKLY;BYDAY=WE；每月第一个周三写 FREQ=MONTHLY;BYDAY=1WE",
        "Every Wednesday: FREQ=WEEKLY;BYDAY=WE; the first Wednesday of each month: FREQ=MONTHLY;BYDAY=1WE",
    ),
    "event.start_not_in_rule": Text(
        "start 的日期不符合重复规则 “{value}”（按规则，第一次是 {first}）",
        "start is not a day of its own repeat rule “{value}” (the rule's first day is {first})",
        "把 start 改成第一次活动的日期，例如 {first}；日历软件对不在规则里的开始日期处理不一",
        "Move start to the first day of the rule, for example {first}; calendar apps disagree otherwise",
    ),
    "event.bad_frequency": Text(
        "repeat “{value}” 要用 FREQ=DAILY、WEEKLY、MONTHLY 或 YEARLY 开头",
        "repeat “{value}” needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY",
        "例如每周六：FREQ=WEEKLY;BYDAY=SA",
        "For every Saturday: FREQ=WEEKLY;BYDAY=SA",
    ),
    "event.count_and_until": Text(
        "repeat “{value}” 同时写了 COUNT 和 UNTIL，只能写一个",
        "repeat “{value}” has both COUNT and UNTIL; use one",
        "按次数写 COUNT=10，或按日期写 UNTIL=20251231",
        "Either COUNT=10 (times) or UNTIL=20251231 (a date)",
    ),
    "event.until_before_start": Text(
        "repeat “{value}” 的 UNTIL 早于活动开始",
        "repeat “{value}” ends (UNTIL) before the event starts",
        "检查 UNTIL 的年份和月份",
        "Check the year and month of UNTIL",
    ),
    "event.open_repeat": Text(
        "这个重复活动没有写结束（COUNT 或 UNTIL），网页上只列到 {until}",
        "This repeating event has no end (COUNT or UNTIL); the pages list it up to {until}",
        "如果知道什么时候结束，加上 UNTIL=年月日，例如 UNTIL=20271231",
        "If you know when it ends, add UNTIL, for example UNTIL=20271231",
    ),
    "event.local_link": Text(
        "活动说明里的链接 “{value}” 指向的不是 assets/ 里的文件",
        "The link “{value}” in the description is not a file in assets/",
        "附件放到 content/assets/，链接写 assets/文件名；网址要以 https:// 开头",
        "Put files in content/assets/ and link assets/name; web links start with https://",
    ),
    # denial of service (issue 22)
    "event.no_day_found": Text(
        "repeat “{value}” 在开始后的 {years} 年里一天也排不上",
        "repeat “{value}” has no day in the {years} years after the start",
        "核对 BYWEEKNO、BYMONTH、BYMONTHDAY、BYYEARDAY 和 BYDAY 能不能同时满足，例如第 1 周不会在 7 月",
        "Check that BYWEEKNO, BYMONTH, BYMONTHDAY, BYYEARDAY and BYDAY can all hold at once; week 1 is never in July",
    ),
    "event.too_many_days": Text(
        "这个重复活动在网页显示的月份里有 {count} 次以上，太多了",
        "This repeating event happens more than {count} times in the months the pages show",
        "给 repeat 加上 UNTIL 或 COUNT，或把 start 改到近一些的日子",
        "Add UNTIL or COUNT to repeat, or move start closer to today",
    ),
    "event.too_much_text": Text(
        "这个活动的标题、地点和组织者共 {size} 个字，在日历上出现 {count} 次，生成的网页会太大",
        "This event's title, place and organizer ({size} characters) are shown on {count} days: the pages would be far too big",
        "标题写短一些，详细内容写在 description 里；或给 repeat 加上 UNTIL",
        "Keep the title short and put the details in description, or add UNTIL to repeat",
    ),
    "search.no_binary": Text(
        "找不到 Pagefind 的搜索程序（或它无法运行），这次生成的网站没有搜索功能，搜索页会说明这一点",
        "Pagefind's search program is missing (or would not run): this build of the site has no search, and its search page says so",
        '在同一个 Python 环境里安装：pip install "pagefind[extended]"',
        'Install it into the same Python environment: pip install "pagefind[extended]"',
    ),
    "output.page_too_big": Text(
        "生成的网页 {page} 有 {size} MB，超过了 {limit} MB",
        "The page {page} would be {size} MB, over {limit} MB",
        "这个文件里的某段文字太长或重复太多次；缩短它，或拆成几篇",
        "Some text of this file is very long or repeated very often; shorten it or split it",
    ),
    "output.too_much": Text(
        "写到 {page} 时，这次生成的文件已有 {size} MB，超过了 {limit} MB，构建停止",
        "By {page}, this build's files came to {size} MB, over {limit} MB: the build stopped",
        "社区网站远到不了这么大：看看这个文件是否有很长的文字出现在很多页上，缩短它",
        "No community site comes near this size: check whether a long text of this file is shown on many pages, and shorten it",
    ),
    "markup.too_many_marks": Text(
        "正文到这一段为止，标记符号（* _ ` \\ < & [ 或换行）太多，转换会极慢",
        "Up to this paragraph, the text holds too many marks (* _ ` \\ < & [ or line breaks); converting it would take very long",
        "删掉多余的符号；长段落可以空一行拆成几段",
        "Remove the extra marks; split long paragraphs with empty lines",
    ),
    "markup.unclosed_tags": Text(
        "从这一行起，有太多没写完的 < 标记（像 <a 后面没有 >），转换会极慢",
        "From this line on, too many < tags are never closed (like <a without >); converting would take very long",
        "删掉多余的 <；要显示小于号本身，写成全角的 ＜",
        "Remove the extra < characters; write &lt; to show a less-than sign",
    ),
    "yaml.too_many_values": Text(
        "YAML 里的值超过 {limit} 个，从这里起太多了",
        "The YAML holds more than {limit} values; this is where it goes over",
        "内容文件不需要这么多项，检查是否误粘贴了数据；账本可以按月拆成几个文件",
        "Content never needs this many items; look for pasted data, or split a ledger by month",
    ),
    # Points
    "points.missing_file": Text(
        "points/ 文件夹里缺少 {name}",
        "points/ has no {name}",
        "积分需要 rules.yaml（怎么得分、怎么兑换）和 residents.yaml（谁能得分）；参考示例站点",
        "Points need rules.yaml (how to earn and spend) and residents.yaml (who earns)",
    ),
    "points.rule_points": Text(
        "积分规则 “{key}” 要写 points（每次几分）或 points_per_hour（每小时几分），二选一",
        "Rule “{key}” needs either points (per time) or points_per_hour, not both or neither",
        "例如 {key}: {{name: 垃圾分类, points: 10}} 或 {key}: {{name: 志愿服务, points_per_hour: 10}}",
        "For example {key}: {{name: Recycling, points: 10}}",
    ),
    "points.section_not_mapping": Text(
        "{key}: 下面应该是一条条规则，每条写成 “编号: {{name: 名称, …}}”",
        "Under {key}: write one rule per line as “key: {{name: …, …}}”",
        "例如\n    {key}:\n      haircut: {{name: 免费理发, cost: 50}}",
        "For example\n    {key}:\n      haircut: {{name: Free haircut, cost: 50}}",
    ),
    "points.not_whole": Text(
        "{key} 必须是正整数，这里写的是 “{value}”",
        "{key} must be a positive whole number, not “{value}”",
        "用阿拉伯数字，例如 {key}: 10",
        "Use digits, for example {key}: 10",
    ),
    "points.residents_not_list": Text(
        "residents.yaml 应该是一个列表，每位居民以 “- id:” 开头",
        "residents.yaml should be a list; start each resident with “- id:”",
        "例如\n    - id: R001\n      name: 刘大哥\n      building: 3栋",
        "For example\n    - id: R001\n      name: Liu\n      building: Block 3",
    ),
    "points.duplicate_resident": Text(
        "居民编号 {id} 重复了（第 {first} 行已经用过）",
        "Resident id {id} is used twice (already on line {first})",
        "每位居民用不同的编号，例如 R031",
        "Give each resident their own id, for example R031",
    ),
    "points.ledger_not_list": Text(
        "积分台账文件应该是一个列表，每条记录以 “- date:” 开头",
        "A ledger file should be a list; start each entry with “- date:”",
        "例如\n    - date: 2025-05-03\n      resident: R001\n      earn: garbage-sorting",
        "For example\n    - date: 2025-05-03\n      resident: R001\n      earn: garbage-sorting",
    ),
    "points.future": Text(
        "日期 {value} 还没到，台账不能记未来的事",
        "The date {value} is in the future; a ledger records what happened",
        "检查年份和月份；如果是提前登记，等到那天再写进来",
        "Check the year and month; enter it on or after that day",
    ),
    "points.earn_or_redeem": Text(
        "每条记录要写 earn（得分）或 redeem（兑换），而且只能写一个",
        "Each entry needs exactly one of earn (earning) or redeem (spending)",
        "得分写 earn: garbage-sorting；兑换写 redeem: haircut；一件事记一条",
        "Write earn: garbage-sorting or redeem: haircut; one entry per event",
    ),
    "points.unknown_resident": Text(
        "没有编号为 “{value}” 的居民",
        "There is no resident with the id “{value}”",
        "residents.yaml 里的编号：{guess}",
        "Ids in residents.yaml: {guess}",
    ),
    "points.unknown_rule": Text(
        "没有叫 “{value}” 的得分规则",
        "There is no earn rule called “{value}”",
        "rules.yaml 的 earn 里有：{guess}",
        "The earn rules in rules.yaml include: {guess}",
    ),
    "points.unknown_reward": Text(
        "没有叫 “{value}” 的兑换项目",
        "There is no reward called “{value}”",
        "rules.yaml 的 redeem 里有：{guess}",
        "The rewards in rules.yaml include: {guess}",
    ),
    "points.bad_hours": Text(
        "hours 应该是大于 0、不超过 24 的小时数，这里写的是 “{value}”",
        "hours should be a number above 0 and at most 24, not “{value}”",
        "用阿拉伯数字，可以有小数，例如 hours: 2.5",
        "Use digits; halves are fine, for example hours: 2.5",
    ),
    "points.hours_not_hourly": Text(
        "“{rule}” 不是按小时计分的规则，不能写 hours",
        "“{rule}” does not count hours, so hours does not belong here",
        "删掉 hours 这一行；要按小时计分，在 rules.yaml 里给规则写 points_per_hour",
        "Remove the hours line, or give the rule points_per_hour in rules.yaml",
    ),
    "points.hours_missing": Text(
        "“{rule}” 按小时计分，这条记录要写 hours",
        "“{rule}” counts hours, so this entry needs hours",
        "加上一行 hours: 2（服务了几个小时）",
        "Add a line hours: 2 (how many hours were served)",
    ),
    "points.overdrawn": Text(
        "{resident}要兑换 {cost} 分，但此时余额只有 {balance} 分",
        "{resident} redeems {cost} points but has only {balance} at that date",
        "检查这次兑换和之前的得分记录是否漏记、记错日期；余额不能变成负数",
        "Check this redemption and the earlier entries (a missing or misdated one); "
        "a balance cannot go below zero",
    ),
    # Notices, honor rolls, buildings, wishes
    "notice.expires_before_date": Text(
        "expires（{value}）早于通知的 date",
        "expires ({value}) is before the notice's date",
        "expires 写通知有效的最后一天，要在 date 之后",
        "expires is the last day the notice is current; it comes after date",
    ),
    "honor.entries_not_list": Text(
        "entries 应该是一个列表，每位获奖者以 “- name:” 开头",
        "entries should be a list; start each honoree with “- name:”",
        "例如\n    entries:\n      - name: 刘建国家庭\n        building: 3栋",
        "For example\n    entries:\n      - name: The Liu family\n        building: Block 3",
    ),
    "honor.unknown_story": Text(
        "没有网址名为 “{value}” 的已发布故事",
        "There is no published story with the slug “{value}”",
        "story 写故事的 slug（front matter 里的 slug:；没写 slug 的就是文件名去掉 .md），例如 {guess}；草稿和未到发布日期的故事不能链接",
        "story takes a story's slug (its file name without .md), for example {guess}; "
        "drafts cannot be linked",
    ),
    "buildings.not_list": Text(
        "buildings.yaml 应该是一个列表，每栋楼以 “- building:” 开头",
        "buildings.yaml should be a list; start each building with “- building:”",
        "例如\n    - building: 3栋\n      roles:\n        - {{role: 楼栋长, name: 万玉廷, room: 502}}",
        "For example\n    - building: Block 3\n      roles:\n        - {{role: Captain, name: Wan, room: 502}}",
    ),
    "buildings.duplicate": Text(
        "“{value}” 已经写过一次了（第 {first} 行）",
        "“{value}” is already listed (line {first})",
        "同一栋楼的所有职务写在一个 roles 列表里",
        "Put all roles of a building in one roles list",
    ),
    "buildings.roles_not_list": Text(
        "roles 应该是一个列表，每个职务一行",
        "roles should be a list, one role per line",
        '例如 roles:\n        - {{role: 楼栋长, name: 万玉廷, room: 502, phone: "13900001111"}}',
        "For example roles:\n        - {{role: Captain, name: Wan, room: 502}}",
    ),
    "wishes.not_list": Text(
        "wishes.yaml 应该是一个列表，每个心愿以 “- wish:” 开头",
        "wishes.yaml should be a list; start each wish with “- wish:”",
        "例如\n    - wish: 想要一副老花镜\n      who: 张德珍\n      date: 2025-05-02",
        "For example\n    - wish: Reading glasses\n      who: Zhang\n      date: 2025-05-02",
    ),
    "wishes.bad_status": Text(
        "status 不能是 “{value}”",
        "status cannot be “{value}”",
        "写 open（待认领）、claimed（已认领）或 done（已完成）",
        "Write open, claimed or done",
    ),
    "links.missing": Text(
        "{page} 里的链接 “{reference}” 指向的文件不在生成的网站里",
        "The link “{reference}” in {page} points to a file the built site does not have",
        "如果这个链接是模板写的，检查路径，站内链接用 url('路径') 生成；内容里的链接写 content/ 里的文件",
        "If a template writes this link, check the path and make site links with url('path'); "
        "in content, link files inside content/",
    ),
    "links.outside": Text(
        "{page} 里的链接 “{reference}” 指向网站文件夹以外",
        "The link “{reference}” in {page} points outside the site's folder",
        "站内链接用 url('路径') 生成，不要写 ../ 太多层或以 / 开头的路径",
        "Make site links with url('path'); do not climb out with ../ or start with /",
    ),
    "links.scheme": Text(
        "{page} 里的链接 “{reference}” 用了不安全或不认识的协议",
        "The link “{reference}” in {page} uses an unsafe or unknown scheme",
        "只用 https://、http://、mailto:、tel: 链接，模板里不要写 javascript: 或 data:",
        "Use https://, http://, mailto: and tel: links only; no javascript: or data: in templates",
    ),
    "links.other_host": Text(
        "大厅屏的 {page} 引用了其他网站的地址 “{reference}”",
        "The lobby board's {page} refers to another host, “{reference}”",
        "大厅屏离线播放，不能点击也不能从外网加载；图片放进 content/assets/，链接改成文字",
        "The board runs offline and cannot be tapped: put pictures in content/assets/ and "
        "write links as plain text",
    ),
    "privacy.leaked_name": Text(
        "公开网站的这个文件里出现了居民的全名 “{value}”",
        "This public file shows a resident's full name, “{value}”",
        "全名只应出现在大厅屏上；检查模板是否绕过了隐私设置，或把这个名字写进故事/光荣榜后再公开",
        "Full names belong on the lobby screen only; check the templates for a bypass of "
        "the privacy settings",
    ),
    "privacy.leaked_phone": Text(
        "公开网站的这个文件里出现了完整的手机号 “{value}”",
        "This public file shows a full mobile number, “{value}”",
        "检查模板是否绕过了隐私设置；site.yaml 的 privacy.phones 为 mask 或 hide 时号码必须打码",
        "Check the templates for a bypass of the privacy settings (privacy.phones)",
    ),
    # Private data that slips past the leak guard (issue 22)
    "privacy.path_name": Text(
        "这个文件生成的网址 {path} 里有居民的全名 “{value}”",
        "The URL this file makes, {path}, shows a resident's full name, “{value}”",
        "把文件改个名字，不要用居民的名字（故事也可以写 slug:），例如 2026-11-xinyuan.md",
        "Rename the file without the resident's name (a story may set slug: instead), "
        "e.g. 2026-11-xinyuan.md",
    ),
    "privacy.hidden_in_name": Text(
        "名字 “{value}” 里有看不见的字符（{hidden}），这样的名字无法可靠地打码",
        "The name “{value}” holds invisible characters ({hidden}); it cannot be masked reliably",
        "删掉这个名字重新输入：复制粘贴常会带进零宽字符或方向控制符",
        "Delete the name and type it again: copying often brings in zero-width or "
        "direction characters",
    ),
    "privacy.path_phone": Text(
        "这个文件生成的网址 {path} 里有手机号 “{value}”",
        "The URL this file makes, {path}, shows a mobile number, “{value}”",
        "把文件改个名字，不要用电话号码（故事也可以写 slug:），例如 2026-11-shiwu.md",
        "Rename the file without the number (a story may set slug: instead), e.g. 2026-11-shiwu.md",
    ),
    # Output
    "output.is_content": Text(
        "输出文件夹 {output} 就是内容文件夹",
        "The output folder {output} is the content folder",
        "换一个输出文件夹，例如 --output output",
        "Choose another output folder, for example --output output",
    ),
    "output.contains_content": Text(
        "输出文件夹 {output} 包含了内容文件夹 {content}",
        "The output folder {output} contains the content folder {content}",
        "输出文件夹必须和内容分开，例如 --output output",
        "Keep output apart from content, for example --output output",
    ),
    "output.inside_content": Text(
        "输出文件夹 {output} 在内容文件夹 {content} 里面",
        "The output folder {output} lies inside the content folder {content}",
        "把输出放到内容文件夹外面，例如 --output output",
        "Put the output outside the content folder, for example --output output",
    ),
    "output.contains_templates": Text(
        "输出文件夹 {output} 包含了模板文件夹 {templates}",
        "The output folder {output} contains the templates folder {templates}",
        "换一个输出文件夹，例如 --output output",
        "Choose another output folder, for example --output output",
    ),
    "output.not_ours": Text(
        "输出文件夹 {output} 里已经有别的文件，而且不是 site-builder 创建的",
        "The output folder {output} already holds files that site-builder did not create",
        "换一个空文件夹或新文件夹做输出；site-builder 不会删除不属于它的文件",
        "Use an empty or new folder; site-builder never deletes files it does not own",
    ),
    "output.collision": Text(
        "两个页面都要写到 {path}：{first} 和 {second}",
        "Two pages would be written to {path}: {first} and {second}",
        "给其中一个换个名字（slug、标签或分类）",
        "Rename one of them (slug, tag or category)",
    ),
    # The output folder is ours, and so is failure (issue 22)
    "output.in_a_file": Text(
        "输出文件夹 {output} 建不起来：{path} 是一个文件，不是文件夹",
        "The output folder {output} cannot be made: {path} is a file, not a folder",
        "换一个输出文件夹，例如 --output output",
        "Choose another output folder, for example --output output",
    ),
    "output.dangling_link": Text(
        "输出文件夹 {output} 要经过符号链接（快捷方式）{path}，但它指向的地方不存在",
        "The output folder {output} goes through the symbolic link {path}, which points nowhere",
        "删掉这个链接、让它指向一个已有的文件夹，或者换一个输出文件夹",
        "Remove the link, point it at an existing folder, or choose another output folder",
    ),
    "template.error": Text(
        "模板出错：{detail}",
        "Template error: {detail}",
        "检查 templates/ 里这个文件的写法；删掉它就会用回默认模板",
        "Check this file in templates/; delete it to fall back to the default theme",
    ),
    "file.not_regular": Text(
        "这不是普通文件（是设备、管道之类，可能是快捷方式指过去的），不能当内容读取",
        "This is not a regular file (a device or a pipe, perhaps through a link), so it cannot be read as content",
        "删掉它，或换成真正的文件",
        "Delete it, or put a real file in its place",
    ),
    "file.too_big": Text(
        "文件太大（{size} MB，最多 {limit} MB），不像是手写的内容",
        "The file is too big ({size} MB; at most {limit} MB) to be hand-written content",
        "检查是不是放错了文件；台账可以按月分成几个文件",
        "Check that it is the right file; a ledger can be split into a file per month",
    ),
    "event.never": Text(
        "repeat “{value}” 永远不会发生：所选的月份里没有这一天（比如 2 月 30 日）",
        "repeat “{value}” can never happen: the chosen months have no such day (like 30 February)",
        "核对 BYMONTH、BYMONTHDAY、BYYEARDAY 和 BYSETPOS，例如每年 2 月最后一天写 FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
        "Check BYMONTH, BYMONTHDAY, BYYEARDAY and BYSETPOS; the last day of February is FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
    ),
    # Bodies and cross-references (issue 21)
    "label.note": Text("说明", "note"),
    "asset.computer_path": Text(
        "“{value}” 是你电脑上的位置，网站上看不到这个文件",
        "“{value}” is a place on your computer; the website cannot see that file",
        "把文件复制到 content/assets/ 里，再写 {fix}",
        "Copy the file into content/assets/ and write {fix}",
    ),
    "field.misspelled_required": Text(
        "不认识的设置 “{key}”，所以还缺少必填项 {guess}",
        "Unknown setting “{key}”, so the required {guess} is still missing",
        "是不是想写 “{guess}”？把 {key} 改成 {guess}，这一行的值就会当作 {guess} 读进来",
        "Did you mean “{guess}”? Rename {key} to {guess} and this line's value is read as {guess}",
    ),
    "honor.story_broken": Text(
        "故事 “{value}” 本身有错误（见上面的 {path}），改好之前这里链接不上",
        "The story “{value}” has errors of its own (see {path} above); until they are fixed, "
        "this entry cannot link it",
        "改好那篇故事就行，这一行不用改",
        "Fix that story; this line needs no change",
    ),
    "story.link_broken": Text(
        "链接的故事 “{value}” 本身有错误（见上面的 {path}），改好之前这个链接用不了",
        "The linked story “{value}” has errors of its own (see {path} above); until they are "
        "fixed, this link cannot work",
        "改好那篇故事就行，这个链接不用改",
        "Fix that story; this link needs no change",
    ),
    # Publish (issue 27)
    "progress.upload": Text(
        "正在上传 {bar} {done}/{total} 个文件，{sent}/{size}",
        "Uploading {bar} {done}/{total} files, {sent}/{size}",
    ),
    "publish.done": Text(
        "已发布 {target} → {destination}：上传 {uploaded} 个，删除 {deleted} 个，未变 {unchanged} 个（传了 {size}，用时 {seconds} 秒）",
        "Published {target} → {destination}: uploaded {uploaded}, deleted {deleted}, unchanged {unchanged} ({size} sent, {seconds} s)",
    ),
    "publish.no_change": Text(
        "没有变化：{destination} 上的 {target} 已经是这次生成的样子（{unchanged} 个文件，什么都没写，用时 {seconds} 秒）",
        "No change: {destination} already holds this build of {target} ({unchanged} files; nothing written, {seconds} s)",
    ),
    "publish.dry_run": Text(
        "试运行（--dry-run），目标没有任何改动。真正发布时会上传 {uploaded} 个（{size}），删除 {deleted} 个，未变 {unchanged} 个：",
        "Dry run (--dry-run): nothing at the destination changed. A publish would upload {uploaded} ({size}), delete {deleted}, leave {unchanged} unchanged:",
    ),
    "publish.more": Text("……还有 {count} 个", "… and {count} more"),
    "publish.method_ordered": Text(
        "方式：逐个文件写到临时名字再换上，先传附件和数据，再传网页，version.json 最后，删除在所有上传之后",
        "Method: each file written under a temporary name and renamed into place; assets and data first, pages next, version.json last, deletions after every upload",
    ),
    "publish.build_failed": Text(
        "生成失败，所以没有发布：目标保持原样。",
        "The build failed, so nothing was published: the destination is as it was.",
    ),
    "publish.empty_destination": Text(
        "没有写发布到哪里",
        "The destination is empty",
        "写一个文件夹、ssh://用户@主机/路径 或 git+仓库地址，例如 --to /media/usb/公示屏",
        "Write a folder, ssh://user@host/path or git+URL, for example --to /media/usb/board",
    ),
    "publish.password_in_url": Text(
        "发布地址 “{value}” 里写了密码或令牌：密码不能写在命令里或 site.yaml 里",
        "The destination “{value}” holds a password or token: credentials never go on the command line or in site.yaml",
        "SSH 用密钥或 ssh-agent（ssh-keygen 生成，公钥放到服务器的 ~/.ssh/authorized_keys）；git 走 https 时把令牌放在环境变量 SITE_BUILDER_GIT_TOKEN 里，地址里只写用户名",
        "For SSH use a key or the ssh-agent (ssh-keygen; the public key goes in the server's ~/.ssh/authorized_keys); for git over https put the token in the environment variable SITE_BUILDER_GIT_TOKEN and keep only the user name in the URL",
    ),
    "publish.scp_style": Text(
        "“{value}” 是 scp 的写法，site-builder 看不懂",
        "“{value}” is written the scp way, which site-builder does not read",
        "写成 ssh://用户@主机/路径，例如 ssh://board@192.168.1.10/srv/www/board",
        "Write ssh://user@host/path, for example ssh://board@192.168.1.10/srv/www/board",
    ),
    "publish.no_path": Text(
        "发布地址 “{value}” 没有写文件夹路径",
        "The destination “{value}” names no folder",
        "在主机后面写上路径，例如 ssh://board@192.168.1.10/srv/www/board（登录文件夹下面的用 /~/board）",
        "Add the folder after the host, e.g. ssh://board@192.168.1.10/srv/www/board (under the login folder: /~/board)",
    ),
    "publish.ssh_no_host": Text(
        "发布地址 “{value}” 没有写主机",
        "The destination “{value}” names no host",
        "写成 ssh://用户@主机[:端口]/路径，例如 ssh://board@192.168.1.10/srv/www/board",
        "Write ssh://user@host[:port]/path, for example ssh://board@192.168.1.10/srv/www/board",
    ),
    "publish.bad_port": Text(
        "发布地址 “{value}” 的端口不对：端口是 1 到 65535 之间的数",
        "The destination “{value}” has a bad port: ports run from 1 to 65535",
        "例如 ssh://board@192.168.1.10:2222/srv/www/board；不写端口就是 22",
        "For example ssh://board@192.168.1.10:2222/srv/www/board; without a port, 22",
    ),
    "publish.unknown_scheme": Text(
        "不支持发布到 “{value}”（{scheme}://）",
        "Publishing to “{value}” ({scheme}://) is not supported",
        "可以发布到：文件夹（例如 /media/usb/公示屏 或 D:\\公示屏）、ssh://用户@主机[:端口]/路径、git+仓库地址[#分支]",
        "Supported: a folder (e.g. /media/usb/board or D:\\board), ssh://user@host[:port]/path, git+URL[#branch]",
    ),
    "publish.git_no_url": Text(
        "“{value}” 的 git+ 后面没有仓库地址",
        "“{value}” has no repository URL after git+",
        "例如 git+https://gitee.com/小区/公示栏.git#gh-pages 或 git+git@github.com:小区/board.git",
        "For example git+https://github.com/our-estate/board.git#gh-pages or git+git@github.com:our-estate/board.git",
    ),
    "publish.bad_branch": Text(
        "分支名 “{value}” 不能用",
        "“{value}” cannot be a branch name",
        "用字母、数字、-、_、/ 和 . 组成，例如 #gh-pages；不写就是 gh-pages",
        "Use letters, digits, -, _, / and ., e.g. #gh-pages; without one, gh-pages",
    ),
    "publish.not_ours": Text(
        "{destination} 里已经有文件，而且不是 site-builder 发布的（没有 .site-builder-manifest.json）：没有发布，里面什么都没动",
        "{destination} already holds files that site-builder did not publish (there is no .site-builder-manifest.json): nothing was published, nothing in it was touched",
        "换一个空的或新的文件夹；确定要发布到这里就加 --force（已有的文件不会被删除，同名的会被替换）",
        "Use an empty or new folder; to publish here all the same, add --force (files already there are not deleted; those with the same names are replaced)",
    ),
    "publish.bad_manifest": Text(
        "{destination} 里的 .site-builder-manifest.json 坏了，或者是更新版本的 site-builder 写的：没有发布",
        "The .site-builder-manifest.json in {destination} is damaged or written by a newer site-builder: nothing was published",
        "升级 site-builder 后再试；或者加 --force 全部重新上传（这样不会删除任何旧文件）",
        "Upgrade site-builder and try again, or add --force to upload everything again (no old file is deleted then)",
    ),
    "publish.other_target": Text(
        "{destination} 上发布的是 {held}，这次要发布的是 {target}：没有发布，以免把它整个换掉",
        "{destination} holds a published {held}; this publish is of {target}: nothing was published, so as not to replace it",
        "网站和大厅屏各用一个目标；确实要换成 {target} 就加 --force",
        "Give the site and the lobby board a destination each; to replace it with {target} all the same, add --force",
    ),
    "publish.dest_root": Text(
        "不能发布到 {destination}：这是整个磁盘的根目录",
        "Cannot publish to {destination}: it is the root of a whole disk",
        "发布到它下面专门的文件夹，例如 /var/www/公示栏 或 E:\\公示屏",
        "Publish into a folder of its own below it, e.g. /var/www/board or E:\\board",
    ),
    "publish.dest_home": Text(
        "不能发布到 {destination}：这是某个用户的主文件夹",
        "Cannot publish to {destination}: it is a person's home folder",
        "发布到它下面专门的文件夹，例如 {destination}/公示栏",
        "Publish into a folder of its own below it, e.g. {destination}/board",
    ),
    "publish.dest_is_content": Text(
        "不能发布到 {destination}：这就是内容文件夹",
        "Cannot publish to {destination}: it is the content folder",
        "发布到内容以外的文件夹，例如 /var/www/公示栏",
        "Publish to a folder apart from the content, e.g. /var/www/board",
    ),
    "publish.dest_contains_content": Text(
        "不能发布到 {destination}：内容文件夹 {content} 就在它里面",
        "Cannot publish to {destination}: the content folder {content} is inside it",
        "发布到内容以外的文件夹，例如 /var/www/公示栏",
        "Publish to a folder apart from the content, e.g. /var/www/board",
    ),
    "publish.dest_inside_content": Text(
        "不能发布到 {destination}：它在内容文件夹 {content} 里面",
        "Cannot publish to {destination}: it lies inside the content folder {content}",
        "发布到内容以外的文件夹，例如 /var/www/公示栏",
        "Publish to a folder apart from the content, e.g. /var/www/board",
    ),
    "publish.dest_in_output": Text(
        "不能发布到 {destination}：它在输出文件夹里面，下次生成会把它换掉",
        "Cannot publish to {destination}: it is inside the output folder, which the next build replaces",
        "发布到输出文件夹以外的地方，例如 /var/www/公示栏",
        "Publish somewhere outside the output folder, e.g. /var/www/board",
    ),
    "publish.dest_not_folder": Text(
        "不能发布到 {destination}：它是一个文件，不是文件夹",
        "Cannot publish to {destination}: it is a file, not a folder",
        "换一个文件夹",
        "Choose a folder",
    ),
    "publish.no_parent": Text(
        "找不到 {parent}，没有发布到 {destination}",
        "{parent} does not exist, so nothing was published to {destination}",
        "U 盘或网络盘插好、连上了吗？site-builder 只新建最后一层文件夹，不会在本机硬盘上造出 U 盘的路径",
        "Is the USB stick or share plugged in and mounted? site-builder makes only the last folder, never the stick's path on the local disk",
    ),
    "publish.no_room": Text(
        "{destination} 所在的磁盘空间不够：要 {needed}，只剩 {free}。没有发布，目标保持原样",
        "Not enough room on the disk of {destination}: {needed} needed, {free} free. Nothing was published; the destination is as it was",
        "清理出空间，或换一个更大的 U 盘，再发布一次",
        "Make room, or use a bigger stick, and publish again",
    ),
    "publish.disk_full": Text(
        "{destination} 所在的磁盘写满了，发布没有完成",
        "The disk of {destination} is full; the publish did not finish",
        "清理出空间后再发布一次：已经换上的文件都是完整的，下一次发布会接着做完",
        "Make room and publish again: every file already in place is whole, and the next publish completes the rest",
    ),
    "publish.no_permission": Text(
        "没有权限写 {destination}，发布没有完成",
        "Not allowed to write to {destination}; the publish did not finish",
        "用有写权限的用户发布，或让管理员给这个文件夹写权限（例如 sudo chown -R 用户 文件夹）；已经换上的文件都是完整的，下一次发布会接着做完",
        "Publish as a user who may write there, or have the administrator grant it (e.g. sudo chown -R user folder); every file already in place is whole, and the next publish completes the rest",
    ),
    "publish.failed": Text(
        "发布到 {destination} 没有完成：{detail}",
        "Publishing to {destination} did not finish: {detail}",
        "解决后再发布一次：已经换上的文件都是完整的，下一次发布会接着做完",
        "Publish again once that is fixed: every file already in place is whole, and the next publish completes the rest",
    ),
    "publish.name_and_to": Text(
        "名字 {name} 和 --to 只能写一个",
        "Give either the name {name} or --to, not both",
    ),
    "publish.unknown_name": Text(
        "site.yaml 的 publish: 里没有叫 “{name}” 的目标，有：{names}",
        "site.yaml's publish: has no destination named “{name}”; it has: {names}",
    ),
    "publish.no_destinations": Text(
        "site.yaml 里没有 publish: 设置，找不到叫 “{name}” 的目标",
        "site.yaml has no publish: section, so there is no destination named “{name}”",
        "用 --to 写出发布到哪里，或者在 site.yaml 里加上：publish: {{{name}: {{to: /media/usb/公示屏}}}}",
        "Give the destination with --to, or add it to site.yaml: publish: {{{name}: {{to: /media/usb/board}}}}",
    ),
    "publish.no_destination": Text(
        "没有说发布到哪里",
        "No destination given",
        "用 --to 写出发布到哪里（例如 --to /media/usb/公示屏），或者在 site.yaml 的 publish: 下面起个名字",
        "Give one with --to (e.g. --to /media/usb/board), or name one under publish: in site.yaml",
    ),
    "publish.choose_name": Text(
        "site.yaml 的 publish: 里有好几个目标，要写明发布到哪一个：{names}",
        "site.yaml's publish: has several destinations; name the one to publish to: {names}",
        "例如 site-builder publish 后面加上其中一个名字",
        "For example: site-builder publish followed by one of these names",
    ),
    "publish.config_not_mapping": Text(
        "publish: 下面要写 “名字: 目标” 形式的设置",
        "publish: should hold named destinations (name: settings)",
        "每个目标一个名字，下面写 to:，例如 publish: {{网站: {{to: ssh://board@192.168.1.10/srv/www/board}}}}",
        "One name per destination, with its to: below, e.g. publish: {{www: {{to: ssh://board@192.168.1.10/srv/www/board}}}}",
    ),
    "publish.config_bad_name": Text(
        "发布目标的名字 “{value}” 不能用：只能有字母、汉字、数字、- 和 _，不超过 40 个字",
        "“{value}” cannot name a destination: use letters, digits, - and _, at most 40 characters",
    ),
    "publish.config_secret": Text(
        "site.yaml 里不能写 {key}：密码和令牌不放在 site.yaml 里（它会被复制、分享、存进 git）",
        "site.yaml may not hold {key}: passwords and tokens never live in site.yaml (it is copied, shared and kept in git)",
        "删掉这一行。SSH 用密钥或 ssh-agent（ssh-keygen 生成，公钥放到服务器的 ~/.ssh/authorized_keys）；git 走 https 时把令牌放在环境变量 SITE_BUILDER_GIT_TOKEN 里",
        "Delete this line. For SSH use a key or the ssh-agent (ssh-keygen; the public key goes in the server's ~/.ssh/authorized_keys); for git over https put the token in the environment variable SITE_BUILDER_GIT_TOKEN",
    ),
    "publish.method_git": Text(
        "方式：在分支 {branch} 上提交了一次（{commit}），推送上去；托管网站会在推送后自己更新",
        "Method: one commit ({commit}) on the branch {branch}, pushed; the host updates the site after the push",
    ),
    "publish.git_missing": Text(
        "发布到 Git 仓库要用 git，这台电脑上没有找到",
        "Publishing to a git repository needs git, which this computer does not have",
        "Windows：从 https://git-scm.com/ 下载安装，或 winget install Git.Git；Debian / Ubuntu / 统信 UOS / 麒麟：sudo apt install git。装好后重新打开窗口再发布",
        "Windows: install it from https://git-scm.com/ or winget install Git.Git; Debian / Ubuntu: sudo apt install git. Then open a new window and publish again",
    ),
    "publish.git_failed": Text(
        "发布到 {destination} 没有完成：{command} 失败了：{detail}",
        "Publishing to {destination} did not finish: {command} failed: {detail}",
        "检查仓库地址和网络；用 https 时把令牌放在环境变量 SITE_BUILDER_GIT_TOKEN 里，用 git@ 地址时检查 SSH 密钥。仓库里的分支没有任何改动",
        "Check the repository URL and the network; over https put a token in the environment variable SITE_BUILDER_GIT_TOKEN, with a git@ URL check the SSH key. The branch was not changed",
    ),
    "publish.method_swap": Text(
        "方式：在服务器上传到一个新的版本文件夹，再一次性把 {path} 这个链接换过去（旧版本随后删除）；读者看到的要么是旧网站，要么是完整的新网站",
        "Method: uploaded into a new release folder on the server, then {path} was switched to it in one step (the old release deleted after); readers saw the old site or the whole new one",
    ),
    "publish.method_ssh_ordered": Text(
        "方式：{path} 是服务器上已有的文件夹（或者服务器不支持链接），所以逐个文件写到临时名字再换上：先传附件和数据，再传网页，version.json 最后，删除在所有上传之后",
        "Method: {path} is an existing folder on the server (or the server makes no links), so each file was written under a temporary name and renamed into place: assets and data first, pages next, version.json last, deletions after every upload",
    ),
    "publish.ssh_unknown_host": Text(
        "不认识 {destination} 这台服务器：~/.ssh/known_hosts 里没有它的主机密钥（{fingerprint}）。没有连接，什么都没有上传",
        "{destination} is an unknown server: ~/.ssh/known_hosts lacks its host key ({fingerprint}). Nothing was sent",
        "先问服务器管理员这个密钥对不对；对的话加 --accept-new-host-key 再发布一次，以后就记住它了",
        "Ask the server's administrator whether that key is right; if it is, publish again with --accept-new-host-key, and it is remembered from then on",
    ),
    "publish.ssh_changed_key": Text(
        "{destination} 的主机密钥和 ~/.ssh/known_hosts 里记下的不一样：可能有人冒充这台服务器。没有连接，什么都没有上传",
        "The host key of {destination} differs from the one in ~/.ssh/known_hosts: someone may be posing as the server. Nothing was sent",
        "问服务器管理员是不是重装过系统；确认以后用 ssh-keygen -R 主机名 删掉旧密钥，再发布",
        "Ask the administrator whether the server was reinstalled; once sure, remove the old key with ssh-keygen -R host, then publish again",
    ),
    "publish.ssh_auth": Text(
        "登录 {destination} 没有成功：服务器不接受这台电脑的密钥",
        "Could not log in to {destination}: the server accepts none of this computer's keys",
        "用 ssh-keygen 生成密钥，把 ~/.ssh/id_ed25519.pub 的内容交给管理员放进服务器的 ~/.ssh/authorized_keys；密钥有密码时先用 ssh-add 交给 ssh-agent。密码不能写在 site.yaml 里",
        "Make a key with ssh-keygen and have the administrator add ~/.ssh/id_ed25519.pub to the server's ~/.ssh/authorized_keys; a key with a passphrase goes to the ssh-agent first (ssh-add). Passwords never go in site.yaml",
    ),
    "publish.ssh_unreachable": Text(
        "连不上 {destination}：{detail}。什么都没有上传",
        "Cannot reach {destination}: {detail}. Nothing was sent",
        "检查网络、主机名和端口（ssh://用户@主机:端口/路径），以及服务器是否开着",
        "Check the network, the host name and the port (ssh://user@host:port/path), and that the server is up",
    ),
    "publish.ssh_dropped": Text(
        "和 {destination} 的连接断了，发布没有完成",
        "The connection to {destination} dropped; the publish did not finish",
        "网络好了再发布一次：网站上要么还是原来的样子，要么每个换上的文件都是完整的，下一次发布会接着做完",
        "Publish again once the network is back: the site is either as it was or every file put in place is whole, and the next publish completes the rest",
    ),
    # the editor in serve (issue 28): content_edits.py, yaml_edits.py
    "edit.conflict": Text(
        "没有保存：打开表单以后，{path} 在电脑上被改过了（用记事本改过，或者刚从 git 拉了新版本）。什么都没有覆盖",
        "Not saved: {path} was changed on disk after the form was opened (edited in Notepad, or a git pull). Nothing was overwritten",
        "下面并排显示文件现在的内容和你要保存的内容：把你的修改抄到现在的版本里，再保存一次",
        "Both versions are shown below, the file as it is now and what you meant to save: copy your change into the current version and save again",
    ),
    "edit.path_refused": Text(
        "不能写到 “{path}”：它会落在 content 文件夹外面，或者是系统不允许的名字。没有保存",
        "Cannot write “{path}”: it would land outside the content folder, or is a name the system does not allow. Nothing was saved",
        "这是 site-builder 的问题，不是你写错了：请把这条消息告诉网站管理员",
        "This is a fault in site-builder, not a mistake of yours: please show this message to whoever looks after the site",
    ),
    "edit.not_round_trip": Text(
        "这个文件的写法（缩进、引号或注释的位置）编辑器没法原样保留，为了不动到别的内容，没有保存",
        "The editor cannot keep this file's layout (its indentation, quotes or comments) exactly as it is, so to leave the rest untouched it saved nothing",
        "用记事本直接修改这个文件",
        "Make this change in the file itself, with a text editor",
    ),
    "edit.no_list": Text(
        "这个文件里找不到要添加的列表（每一项以 “- ” 开头），新的一项没法接在后面。没有保存",
        "This file holds no list to add to (each item starting with “- ”), so the new entry has nowhere to go. Nothing was saved",
        "用记事本打开它，看看是不是被改乱了；改好以后再保存",
        "Open it in a text editor and check that it is still a list; then save again",
    ),
    "upload.too_big": Text(
        "照片太大了，最多 {limit} MB。没有保存",
        "The picture is too large (at most {limit} MB). Nothing was saved",
        "用手机或电脑把照片缩小一些（例如发给自己一次微信原图以外的版本），再上传",
        "Make the photo smaller (most phones can share a reduced copy), then upload it again",
    ),
    "upload.not_picture": Text(
        "这个文件不是能用的照片（JPG、PNG、WebP 或 GIF），或者已经损坏。没有保存",
        "This file is not a usable picture (JPG, PNG, WebP or GIF), or it is damaged. Nothing was saved",
        "换一张照片；从手机传到电脑时没有传完整的照片也会这样",
        "Choose another photo; a copy that did not finish transferring looks like this too",
    ),
    "upload.svg_active": Text(
        "这个 SVG 图里有会运行或从别处加载的内容（{found}），网站不能发布它。没有保存",
        "This SVG holds something that runs or loads from elsewhere ({found}); the site cannot publish it. Nothing was saved",
        "导出成 PNG 再上传",
        "Export it as a PNG and upload that",
    ),
    "upload.svg_broken": Text(
        "这个 SVG 文件读不懂（格式不完整）。没有保存",
        "This SVG file cannot be read (it is not well-formed). Nothing was saved",
        "导出成 PNG 再上传",
        "Export it as a PNG and upload that",
    ),
    "edit.broken_yaml": Text(
        "这个文件现在有格式错误，编辑器读不懂，没有保存",
        "This file has a YAML mistake the editor cannot read past, so nothing was saved",
        "先运行 site-builder check，照提示用记事本改好，再用编辑器",
        "Run site-builder check, fix the file as it says, then use the editor again",
    ),
}


def _pick(code: str, language: str) -> Text:
    try:
        return CATALOGUE[code]
    except KeyError:
        raise KeyError(f"message code {code!r} is not in the catalogue") from None


def message_text(code: str, language: str, params: dict[str, str] | None = None) -> str:
    """Return the message for `code` in `language`, with `params` filled in."""
    entry = _pick(code, language)
    template = entry.en if language == "en" else entry.zh
    return template.format(**(params or {}))


def message_hint(code: str, language: str, params: dict[str, str] | None = None) -> str | None:
    """Return the hint for `code` in `language`, or None when it has none."""
    entry = _pick(code, language)
    template = entry.en_hint if language == "en" else entry.zh_hint
    return template.format(**(params or {})) if template else None
