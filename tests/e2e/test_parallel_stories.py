"""Reading, rendering and writing in worker processes gives what one process gives.

A site with more stories than `PARALLEL_HEADERS` reads their front matter,
converts and renders their bodies and renders its pages in forked workers. The
same site built with the workers turned off must come out byte for byte the same,
with the same messages in the same order, and record the same keys for
the next build to compare against. Both builds run as fresh processes: a test process may run threads,
and then nothing is forked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from site_builder.kinds.story_loading import PARALLEL_HEADERS
from site_builder.live_update import read_published
from tests.conftest import TODAY_ARG

SERIAL = (
    "import sys\n"
    "import site_builder.kinds.story_loading as story_loading\n"
    "story_loading.PARALLEL_HEADERS = story_loading.PARALLEL_BODIES = 10**9\n"
    "import site_builder.build as build\n"
    "build.PARALLEL_PAGES = 10**9\n"
    "from site_builder.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
PARALLEL = "import sys\nfrom site_builder.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def _story(number: int) -> str:
    neighbour = f"[上一篇](s{number - 1}.md)" if number else ""
    marked = '<span onclick="steal()">点我</span>' if number % 50 == 7 else ""
    return (
        f"---\ntitle: 第{number}个好人好事\ndate: 2025-{1 + number % 12:02d}-{1 + number % 28:02d}\n"
        f"tags: [标签{number % 9}, 标签{number % 13}]\ncategory: 类别{number % 4}\n---\n"
        f"邻居们记下了这件事。{neighbour}\n\n## 经过\n\n- 第一件\n- 第二件 {marked}\n"
    )


def _build(script: str, content: Path, output: Path) -> subprocess.CompletedProcess[str]:
    args = ["build", "--content", str(content), "--output", str(output)]
    return subprocess.run(
        [sys.executable, "-c", script, *args, "--target", "site", "--today", TODAY_ARG],
        capture_output=True,
        text=True,
        check=False,
        env={"SITE_BUILDER_CACHE": str(output.parent / f"cache-{output.name}"), "PATH": ""},
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_workers_read_and_render_stories_as_one_process_does(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "stories").mkdir(parents=True)
    (content / "site.yaml").write_text("title: 测试小区\n", encoding="utf-8")
    count = PARALLEL_HEADERS + 20
    for number in range(count):
        (content / "stories" / f"s{number}.md").write_text(_story(number), encoding="utf-8")
    parallel = _build(PARALLEL, content, tmp_path / "parallel")
    serial = _build(SERIAL, content, tmp_path / "serial")
    assert parallel.returncode == serial.returncode == 0, parallel.stderr + serial.stderr
    assert "onclick" in parallel.stderr  # the warnings are there, and in the same order
    assert parallel.stderr.replace("parallel", "serial") == serial.stderr
    got, want = _tree(tmp_path / "parallel" / "site"), _tree(tmp_path / "serial" / "site")
    assert sorted(got) == sorted(want)
    assert [path for path in want if got[path] != want[path]] == []
    assert sum(1 for path in got if path.startswith("stories/") and "page" not in path) == count + 1
    recorded = [read_published(tmp_path / name, "site") for name in ("parallel", "serial")]
    assert recorded[0] is not None and recorded[1] is not None
    assert len(recorded[0].pages) == len(want) - len(recorded[0].copies)
    assert recorded[0].pages == recorded[1].pages
