"""What a YAML text libyaml refused is reported as: the slips it stopped at, the problem
explained in Chinese, the character a reader error names, and tabs in indentation.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from site_builder import slips
from site_builder.diagnostics import Diagnostics, Location
from site_builder.yaml_composer import YAML_LINE_BREAK, Loader


def report_slips(
    exc: yaml.MarkedYAMLError, text: str, path: Path, diags: Diagnostics, line_offset: int
) -> bool:
    """Report the input-method slips (`：`, `　`, `“…”`, `－`, `，`) YAML stopped at, if any."""
    problem, context = exc.problem_mark, exc.context_mark
    if problem is None or "single document" in str(exc):
        return False
    stop = (problem.line, problem.column, context.line if context is not None else None)
    found = slips.at_error(YAML_LINE_BREAK.split(text), stop, _stop_of)
    for slip in found:
        at = Location(path, slip.line + 1 + line_offset, slip.column + 1)
        diags.error(at, slip.code, **slip.params)
    return bool(found)


def _stop_of(lines: list[str]) -> slips.Stop | None:
    """Return where YAML stops reading `lines`, or None when it reads them through."""
    try:
        for _event in yaml.parse("\n".join(lines), Loader=Loader):
            pass
    except yaml.MarkedYAMLError as exc:
        at, context = exc.problem_mark, exc.context_mark
        if at is not None:
            return at.line, at.column, context.line if context is not None else None
        return len(lines), 0, None
    except yaml.YAMLError:
        return len(lines), 0, None
    return None


def character_at(text: str, path: Path, character: object, line_offset: int) -> Location:
    """Return where the character a reader error names first appears (its offset may be bytes)."""
    index = text.find(chr(character)) if isinstance(character, int) else -1
    if index < 0:
        return Location(path)
    line = text.count("\n", 0, index) + 1 + line_offset
    return Location(path, line, index - text.rfind("\n", 0, index))


_PROBLEMS_ZH = (
    ("mapping values are not allowed", "这一行多了一个 “: ”（冒号加空格），含冒号的文字要加引号"),
    ("could not find expected ':'", "缺少冒号，应该写成 名字: 值"),
    ("did not find expected key", "缩进没有对齐"),
    ("expected <block end>", "缩进没有对齐"),
    ("cannot start any token", "这一行开头有 YAML 不认的字符（Tab、@ 或 ` 等），请加引号或删掉"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有配对"),
    ("did not find expected ',' or '}'", "花括号 { } 没有配对"),
    ("found unexpected end of stream", "引号没有配对"),
    ("unknown escape character", "双引号里的反斜杠 \\ 要写成 \\\\，或改用单引号"),
    ("did not find expected '-' indicator", "列表的 - 没有对齐"),
    ("found undefined alias", "用了没有定义的别名（*名字）"),
    ("control characters are not allowed", "文件里有看不见的控制字符"),
    ("found a tab character", "缩进里有 Tab，YAML 只认空格：把 Tab 换成空格"),
)


def explain(problem: str) -> str:
    """Return a Chinese explanation of a libyaml problem, or the problem itself."""
    return next((zh for en, zh in _PROBLEMS_ZH if en in problem), problem)


def report_tab(text: str, path: Path, diags: Diagnostics, line_offset: int) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        indent = re.match(r"[ \t]*", line)
        if indent and "\t" in indent.group(0) and line.strip():
            diags.warning(Location(path, number + line_offset, 1), "yaml.tab")
            return
