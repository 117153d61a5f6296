"""Broken sites a volunteer might write: every error is reported, and nothing is written.

Each folder under tests/sites/invalid/ is one case: `content/` (a small complete
site with deliberate mistakes) and `expected.txt`, the lines that must appear on
stderr, ending with the summary line (so the error count is checked too). Blank
lines and lines starting with `#` in expected.txt are ignored; the other lines
are compared whole, leading spaces included (hints start with two spaces).

The error lines ("path:line:col: 错误: …") in expected.txt must be *all* the error
lines the tool prints: an extra or a doubled error fails the case. Warnings and
hints are checked only when listed. Each case runs `build` (exit 1, yesterday's
output left byte for byte) and then `check` (exit 1, the same errors, closed by
check's own summary line with the same count).

To add a case: make the folder, run
    site-builder build --content content --output /tmp/out --today 2026-11-22
inside it, read the output critically, and copy the lines that are right.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_builder.cli import main

CASES_DIR = Path(__file__).resolve().parent.parent / "sites" / "invalid"
TODAY = "2026-11-22"
SENTINEL = "<!doctype html><title>previous build</title><p>昨天的网站，必须原样保留。</p>\n"
MARKER = ".site-builder-output"
ERROR_LINE = re.compile(r"^\S.*: (错误|error): ")
SUMMARY_LINE = re.compile(r"^(构建失败：\d+ 个错误。|Build failed: \d+ error\(s\)\.)")

CASES = sorted(p for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def expected_lines(case: Path) -> list[str]:
    """Return the lines of expected.txt that count: not blank, not a # comment."""
    path = case / "expected.txt"
    assert path.is_file(), f"{case.name} has no expected.txt"
    text = path.read_text(encoding="utf-8")
    return [
        line.rstrip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


def check_summary(build_summary: str) -> str:
    """Return the closing line `check` prints for the same errors as `build_summary`."""
    count = re.findall(r"\d+", build_summary)[0]
    if build_summary.startswith("Build failed"):
        return f"Check failed: {count} error(s)."
    return f"检查未通过：{count} 个错误。"


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Return every file (with its bytes) and folder (None) under `root`."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


def prepare(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy the case into tmp_path, add yesterday's output, and work from the copy."""
    work = tmp_path / case.name
    shutil.copytree(case, work, symlinks=True)
    output = work / "output"
    (output / "site").mkdir(parents=True)
    (output / "site" / "index.html").write_text(SENTINEL, encoding="utf-8")
    (output / MARKER).write_text("site-builder output\n", encoding="utf-8")
    monkeypatch.chdir(work)
    return output


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `site-builder ARGS` in-process; return the exit code, stderr and stdout."""
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.err, captured.out


def problems(want: list[str], code: int, stderr: str, stdout: str) -> list[str]:
    """Return what is wrong with one run's output, as readable lines (empty when all is well)."""
    got = stderr.splitlines()
    found: list[str] = []
    if code != 1:
        found.append(f"exit code {code}, expected 1")
    if "Traceback" in stderr + stdout:
        found.append("a Traceback was printed")
    missing = [line for line in want if line not in got]
    if missing:
        found.append("missing lines:")
        found += [f"  - {line}" for line in missing]
    want_errors = sorted(line for line in want if ERROR_LINE.match(line))
    got_errors = sorted(line for line in got if ERROR_LINE.match(line))
    extra = list(got_errors)
    for line in want_errors:
        if line in extra:
            extra.remove(line)
    if extra:
        found.append("errors printed but not expected (new, or reported twice):")
        found += [f"  + {line}" for line in extra]
    return found


def report(case: Path, command: str, found: list[str], stderr: str) -> str:
    return "\n".join(
        [f"{case.name} ({command}): output does not match expected.txt", *found, "", "stderr was:"]
        + [f"  | {line}" for line in stderr.splitlines()]
    )


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_invalid_site(
    case: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    want = expected_lines(case)
    assert want and SUMMARY_LINE.match(want[-1]), (
        f"{case.name}/expected.txt must end with the summary line"
    )
    output = prepare(case, tmp_path, monkeypatch)
    before = snapshot(output)

    code, stderr, stdout = run(
        capsys, "build", "--content", "content", "--output", "output", "--today", TODAY
    )
    found = problems(want, code, stderr, stdout)
    if found:
        pytest.fail(report(case, "build", found, stderr), pytrace=False)
    assert snapshot(output) == before, "the failed build changed the previous output"

    # check: the same errors, closed by check's own summary with the same count.
    code, stderr, stdout = run(capsys, "check", "--content", "content", "--today", TODAY)
    found = problems([*want[:-1], check_summary(want[-1])], code, stderr, stdout)
    if found:
        pytest.fail(report(case, "check", found, stderr), pytrace=False)
    assert snapshot(output) == before, "check changed the output folder"


def test_cases_are_there() -> None:
    """The folder is found and holds enough cases (a wrong path would silently test nothing)."""
    assert len(CASES) >= 14
    for case in CASES:
        assert (case / "content").is_dir(), f"{case.name} has no content/ folder"


def test_valid_site_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same setup with a correct site succeeds and replaces yesterday's output."""
    case = tmp_path / "source" / "valid-site"
    stories = case / "content" / "stories"
    stories.mkdir(parents=True)
    (case / "content" / "site.yaml").write_text(
        "title: 龙腾广场小区 · 和美家园\nlanguage: zh-CN\ntimezone: Asia/Shanghai\n",
        encoding="utf-8",
    )
    (stories / "louge-deng.md").write_text(
        "---\n"
        "title: 王师傅义务修好了楼道灯\n"
        "date: 2025-05-12\n"
        "category: 好邻居\n"
        "tags: [志愿服务, 平安]\n"
        "---\n"
        "三栋楼道的声控灯坏了一个多月，王建平师傅一层一层换好了。\n",
        encoding="utf-8",
    )
    output = prepare(case, tmp_path, monkeypatch)
    before = snapshot(output)

    code, stderr, _ = run(
        capsys, "build", "--content", "content", "--output", "output", "--today", TODAY
    )
    assert code == 0, stderr
    assert "错误" not in stderr and "Traceback" not in stderr, stderr
    index = output / "site" / "index.html"
    assert index.is_file() and index.read_text(encoding="utf-8") != SENTINEL
    assert (output / "site" / "stories" / "louge-deng" / "index.html").is_file()
    assert snapshot(output) != before

    code, stderr, _ = run(capsys, "check", "--content", "content", "--today", TODAY)
    assert code == 0, stderr
