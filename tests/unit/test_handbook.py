"""The handbook tells the truth: what it quotes, the program says; what it runs, the program takes.

docs/content-format.md is what volunteers read when a check fails, so every message
it quotes is checked against site_builder/messages.py's CATALOGUE (the zh-CN texts and
hints). A *quoted message* in the handbook is:

1. in a code block, a diagnostic line ``path[:line[:col]]: 错误|警告: message``: the
   message must be a whole catalogue text;
2. in a code block, a hint line ``  提示: hint``: a whole catalogue hint (or, for a hint
   of several lines, its first line);
3. in a code block, a line that begins like one of the tool's own summary lines (the
   words before the first placeholder of a summary, init, new, serve, usage or
   internal message: 构建失败：, 检查通过, 已生成 , 下一步：…): a whole catalogue text;
4. an inline code span that is a diagnostic line, as in 1;
5. in prose, what follows 报“ up to its closing ” (nested quotes balanced): a part of a
   catalogue text;
6. the first cell of each row of a table whose header cell is 你看到的: one or more
   parts of catalogue texts, separated by " / ". A leading （警告） and a （或 …）
   remark are the handbook's own words; a cell ending in （不报错） describes what a
   volunteer notices and quotes nothing.

In the handbook, … stands for any text (a file name, a value); in the catalogue,
{param} does. A quote must meet the catalogue's own words with at least six of its
characters (or all of them, when it or the catalogue text has fewer), not only its
placeholders, so a bare value cannot pass for a message; a part shorter than five
characters says too little to check and never passes. And a code block that shows a
command with what it printed ends as that command does: `check` with 检查未通过,
`build` and `serve` with 构建失败.

The second half checks the commands: §12 (命令) names every command of cli.py's parser
with each of its options, choices and defaults, and says what each one's `--help` says
(the zh-CN words, word for word); and every `site-builder …` the handbook runs, in a
code block or a code span, names a real command with options it has.
"""

from __future__ import annotations

import argparse
import re
import string
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from site_builder.cli_parser import command_parser
from site_builder.messages import CATALOGUE
from tests.conftest import REPO

HANDBOOK = REPO / "docs" / "content-format.md"
WILD = None
"""A token that matches any text: {param} in the catalogue, … in the handbook."""
Tokens = tuple[str | None, ...]
LITERAL_MATCHES = 6
"""How many of a quote's own characters must meet the catalogue's words (not placeholders)."""
SUMMARY_CODES = ("summary.", "progress.", "init.", "new.", "serve.", "usage.", "internal.", "io.")
SHORTEST_PART = 5
"""A part of a message shorter than this (in its own characters) says too little to check."""


@dataclass(frozen=True)
class Quote:
    """One message the handbook quotes: where, what, and how it must match."""

    line: int
    """1-based line in the handbook."""
    text: str
    """The quoted words, … standing for any text."""
    kind: str
    """'message' (a whole text), 'hint' (a whole hint) or 'part' (part of a text or hint)."""

    def __str__(self) -> str:
        return f"content-format.md:{self.line}: {self.kind} “{self.text}”"


# --- Reading the handbook -------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A fenced code block: the handbook line its text starts on, and its lines."""

    line: int
    lines: tuple[str, ...]


def blocks_and_prose(text: str) -> tuple[list[Block], list[tuple[int, str]]]:
    """Split the handbook into fenced code blocks and the numbered lines outside them."""
    blocks: list[Block] = []
    prose: list[tuple[int, str]] = []
    fence: tuple[int, list[str]] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("```"):
            if fence is None:
                fence = (number + 1, [])
            else:
                blocks.append(Block(fence[0], tuple(fence[1])))
                fence = None
        elif fence is not None:
            fence[1].append(line)
        else:
            prose.append((number, line))
    return blocks, prose


DIAGNOSTIC = re.compile(r"^(?P<where>\S+?): (?P<label>错误|警告): (?P<text>.+)$")
HINT = re.compile(r"^\s+提示: (?P<text>.+)$")
INLINE_CODE = re.compile(r"`([^`]+)`")
SEPARATOR = re.compile(r"^\|\s*:?-{3,}")
RUN = re.compile(r"(?<![\w.-])site-builder(?![\w-])(?: (?P<command>[a-z]+))?(?P<rest>[^\n]*)")
"""`site-builder`, the command it runs (if any), and the rest of the line."""


def summary_starts() -> tuple[str, ...]:
    """Return the first word of each of the tool's own summary lines (构建失败, 检查通过…)."""
    starts = set()
    for code, entry in CATALOGUE.items():
        if code.startswith(SUMMARY_CODES):
            word = re.split(r"[\s，：。（“{]", entry.zh.strip())[0]
            if len(word) >= 2 and not word.startswith("-"):
                starts.add(word)
    return tuple(sorted(starts))


def cells(row: str) -> list[str]:
    """Return a table row's cells, with \\| kept as a character of its cell."""
    inner = row.strip().removeprefix("|").removesuffix("|")
    return [c.replace("\\|", "|").strip() for c in re.split(r"(?<!\\)\|", inner)]


def quoted_after_report(line: str) -> Iterator[str]:
    """Yield what follows each 报“ up to its own closing ”, nested “…” balanced."""
    start = line.find("报“")
    while start >= 0:
        depth, index = 1, start + 2
        while index < len(line) and depth:
            depth += {"“": 1, "”": -1}.get(line[index], 0)
            index += 1
        if depth == 0:
            yield line[start + 2 : index - 1]
        start = line.find("报“", index)


def seen_cell(cell: str) -> list[str]:
    """Return the message parts a 你看到的 cell quotes (none for a symptom without a message)."""
    cell = cell.replace("`", "").strip()
    if cell.endswith("（不报错）"):
        return []
    cell = cell.removeprefix("（警告）")
    cell = re.sub(r"（或[^）]*）", "", cell)
    return [part.strip() for part in cell.split(" / ") if part.strip()]


def quotes(text: str) -> list[Quote]:
    """Return every message the handbook quotes (see the module docstring)."""
    found: list[Quote] = []
    blocks, prose = blocks_and_prose(text)
    starts = summary_starts()
    for block in blocks:
        for offset, line in enumerate(block.lines):
            number = block.line + offset
            diagnostic, hint = DIAGNOSTIC.match(line), HINT.match(line)
            if diagnostic:
                found.append(Quote(number, diagnostic["text"], "message"))
            elif hint:
                found.append(Quote(number, hint["text"], "hint"))
            elif line.strip().startswith(starts):
                found.append(Quote(number, line.strip(), "message"))
    in_seen_table = False
    for number, line in prose:
        for span in INLINE_CODE.findall(line):
            diagnostic = DIAGNOSTIC.match(span)
            if diagnostic:
                found.append(Quote(number, diagnostic["text"], "message"))
        found.extend(Quote(number, part, "part") for part in quoted_after_report(line))
        if not line.startswith("|"):
            in_seen_table = False
        elif cells(line)[0] == "你看到的":
            in_seen_table = True
        elif in_seen_table and not SEPARATOR.match(line):
            found.extend(Quote(number, part, "part") for part in seen_cell(cells(line)[0]))
    return found


# --- Matching against the catalogue ---------------------------------------------------


def handbook_tokens(text: str) -> Tokens:
    """Return a quote as tokens: its characters, and WILD for each … (or ……)."""
    tokens: list[str | None] = []
    for piece in re.split(r"(…+|\.\.\.)", text):
        if re.fullmatch(r"…+|\.\.\.", piece):
            tokens.append(WILD)
        else:
            tokens.extend(piece)
    return tuple(tokens)


@cache
def catalogue_tokens(text: str) -> Tokens:
    """Return a catalogue text as tokens: its characters, and WILD for each {param}.

    Spaces at either end are left out: the handbook may indent a line differently.
    """
    tokens: list[str | None] = []
    for literal, field, _spec, _conversion in string.Formatter().parse(text.strip()):
        tokens.extend(literal)
        if field is not None:
            tokens.append(WILD)
    return tuple(tokens)


def best_overlap(quote: Tokens, text: Tokens) -> int:
    """Return how many quote characters at most meet text characters in a string both match.

    Both sides are patterns (WILD matches any text); -1 when no string matches both.
    A dynamic programme over (position in quote, position in text), moving forward only.
    """
    best: dict[tuple[int, int], int] = {(0, 0): 0}
    end = (len(quote), len(text))
    for total in range(len(quote) + len(text) + 1):
        for i in range(max(0, total - len(text)), min(len(quote), total) + 1):
            state = (i, total - i)
            if state not in best:
                continue
            j, score = state[1], best[state]
            steps: list[tuple[int, int, int]] = []
            if i < len(quote) and quote[i] is WILD:
                steps += [(i + 1, j, 0)] + ([(i, j + 1, 0)] if j < len(text) else [])
            if j < len(text) and text[j] is WILD:
                steps += [(i, j + 1, 0)] + ([(i + 1, j, 0)] if i < len(quote) else [])
            if i < len(quote) and j < len(text) and quote[i] is not WILD and quote[i] == text[j]:
                steps.append((i + 1, j + 1, 1))
            for a, b, gain in steps:
                if best.get((a, b), -1) < score + gain:
                    best[(a, b)] = score + gain
    return best.get(end, -1)


def catalogue_texts(kind: str) -> list[str]:
    """Return the zh-CN texts a quote of `kind` may match."""
    messages = [entry.zh for entry in CATALOGUE.values()]
    hints = [entry.zh_hint for entry in CATALOGUE.values() if entry.zh_hint]
    if kind == "message":
        return messages
    if kind == "hint":
        return hints + [hint.split("\n")[0] for hint in hints if "\n" in hint]
    return messages + hints


def letters(tokens: Tokens) -> Counter[str]:
    """Return the characters of a pattern, placeholders left out."""
    return Counter(t for t in tokens if t is not WILD)


def matches(quote: Quote) -> bool:
    """Tell whether some catalogue text says what the quote quotes."""
    tokens = handbook_tokens(quote.text)
    own = letters(tokens)
    if quote.kind == "part":
        if sum(own.values()) < SHORTEST_PART:
            return False
        tokens = (WILD, *tokens, WILD)
    for text in catalogue_texts(quote.kind):
        candidate = catalogue_tokens(text)
        theirs = letters(candidate)
        needed = min(LITERAL_MATCHES, sum(own.values()), sum(theirs.values()))
        if sum((own & theirs).values()) < needed:
            continue  # too few characters in common to ever meet the threshold
        if best_overlap(tokens, candidate) >= needed:
            return True
    return False


def untrue_quotes(text: str) -> list[Quote]:
    """Return the quotes in a handbook text that no catalogue text says."""
    return [quote for quote in quotes(text) if not matches(quote)]


# --- The tests: messages ----------------------------------------------------------------


def test_every_message_the_handbook_quotes_is_one_the_program_says() -> None:
    found = quotes(HANDBOOK.read_text(encoding="utf-8"))
    untrue = [str(q) for q in found if not matches(q)]
    assert untrue == [], "the handbook quotes words the program does not say:\n" + "\n".join(untrue)
    assert len(found) > 120, "the handbook's quotes are no longer found: check quotes()"


DRIFTED = """\
```
content/stories/test.md:3:7: 错误: date 的日期 “2025-02-30” 不存在
    date: 2025-02-30
  提示: 检查月份和日子，例如 2 月最多 29 天
构建失败：2 个错误。之前的输出保持不变。
检查通过
```

会报“不认识的设置”，也会报“要兑换 50 分，但此时余额只有 10 分”，但不会报“找不到了”。

| 你看到的 | 原因 |
| --- | --- |
| YAML 格式错误（mapping values are not allowed…） | 文字里有 `: ` |
| 缺少必填项 who（或 wish、date） | 漏写了 |
| （警告）这个重复活动没有写结束（COUNT 或 UNTIL），网页上只列到 2027-11-30 | 没写 |
| 没有编号为 “zz” 的小区 / 这里不需要小区 | 同故事 |
| 标题后半截不见了（不报错） | 空格后的 `#` |
| date | 不是消息 |

`templates/story.html:2: 错误: 模板出错：unexpected '}'` 和 `a.md: 错误: 模板坏了`
"""
"""Quotes of each kind, some true, some as the handbook had them before the program changed."""


def test_the_checker_catches_words_the_program_does_not_say() -> None:
    caught = {(q.kind, q.text) for q in untrue_quotes(DRIFTED)}
    assert caught == {
        ("hint", "检查月份和日子，例如 2 月最多 29 天"),
        ("message", "检查通过"),
        ("part", "找不到了"),
        ("part", "YAML 格式错误（mapping values are not allowed…）"),
        ("part", "这里不需要小区"),
        ("part", "date"),
        ("message", "模板坏了"),
    }
    kept = {q.text for q in quotes(DRIFTED)} - {text for _kind, text in caught}
    assert kept == {
        "date 的日期 “2025-02-30” 不存在",
        "构建失败：2 个错误。之前的输出保持不变。",
        "不认识的设置",
        "要兑换 50 分，但此时余额只有 10 分",
        "缺少必填项 who",
        "这个重复活动没有写结束（COUNT 或 UNTIL），网页上只列到 2027-11-30",
        "没有编号为 “zz” 的小区",
        "模板出错：unexpected '}'",
    }


CLOSING = {"check": "summary.check_failed", "build": "summary.failed", "serve": "summary.failed"}
"""The line each command closes a failed run with."""


def test_a_command_shown_with_its_output_closes_as_that_command_does() -> None:
    blocks, _prose = blocks_and_prose(HANDBOOK.read_text(encoding="utf-8"))
    wrong = []
    for block in blocks:
        run = RUN.match(block.lines[0]) if block.lines else None
        if run is None or run["command"] not in CLOSING:
            continue
        others = [CATALOGUE[code].zh for code in set(CLOSING.values()) - {CLOSING[run["command"]]}]
        for number, line in enumerate(block.lines[1:], start=block.line + 1):
            said = handbook_tokens(line.strip())
            if any(best_overlap(said, catalogue_tokens(other)) >= 0 for other in others):
                wrong.append(f"content-format.md:{number}: {run['command']} never says “{line}”")
    assert wrong == []


# --- The tests: commands ----------------------------------------------------------------


def section(text: str, english_name: str) -> str:
    """Return the text of the handbook's ## section whose heading ends in （english_name）."""
    match = re.search(
        rf"^## [^\n]*（{re.escape(english_name)}）\n(.*?)(?=^## |\Z)", text, re.M | re.S
    )
    assert match, f"the handbook has no section （{english_name}）"
    return match[1]


def commands() -> dict[str, argparse.ArgumentParser]:
    """Return cli.py's subcommands by name."""
    parser = command_parser("zh-CN")
    (subparsers,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(subparsers.choices)


def undescribed(name: str, parser: argparse.ArgumentParser, text: str) -> Iterator[str]:
    """Yield what `text` leaves out of a command: its name, options, choices and defaults."""
    if f"site-builder {name}" not in text:
        yield f"site-builder {name}"
    for action in parser._actions:
        for word in [*action.option_strings, *map(str, action.choices or ())]:
            if not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
                yield f"{name} {action.dest}: {word}"
        default = action.default
        shown = isinstance(default, str | int) and not isinstance(default, bool)
        if shown and default not in (".", argparse.SUPPRESS) and str(default) not in text:
            yield f"{name} {action.dest}: default {default}"


def test_every_command_and_option_is_described_in_the_commands_section() -> None:
    text = section(HANDBOOK.read_text(encoding="utf-8"), "Commands")
    missing = [] if "site-builder --version" in text else ["site-builder --version"]
    for name, parser in commands().items():
        missing += undescribed(name, parser, text)
    assert missing == []


def test_the_commands_section_says_what_help_says() -> None:
    text = section(HANDBOOK.read_text(encoding="utf-8"), "Commands").replace("`", "")
    parser = command_parser("zh-CN")
    helps = [a.help for a in parser._actions if a.option_strings == ["--version"]]
    for sub in commands().values():
        helps += [sub.description] + [a.help for a in sub._actions]
    missing = sorted({h for h in helps if h and h != argparse.SUPPRESS and h not in text})
    assert missing == []


def code_lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield the handbook's code: each code block line and each inline code span."""
    blocks, prose = blocks_and_prose(text)
    for block in blocks:
        yield from enumerate(block.lines, start=block.line)
    for number, line in prose:
        for span in INLINE_CODE.findall(line):
            yield number, span


def test_every_command_the_handbook_runs_exists_with_its_options() -> None:
    known = commands()
    wrong = []
    for number, code in code_lines(HANDBOOK.read_text(encoding="utf-8")):
        for run in RUN.finditer(code):
            command = run["command"]
            written = re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", run["rest"])
            if command is None:
                options = {"--version", "--help", "-h"}
            elif command in known:
                options = {o for a in known[command]._actions for o in a.option_strings}
            else:
                wrong.append(f"{number}: site-builder {command}")
                continue
            wrong += [f"{number}: site-builder {command} {o}" for o in written if o not in options]
    assert wrong == []
