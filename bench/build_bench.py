"""Benchmark: build N generated Chinese stories and compare with bare Python-Markdown.

    python bench/build_bench.py [--stories 1000] [--repeat 3]

The baseline, measured in the same run on the same bodies, is what no build can
avoid: converting each body once with one reused markdown.Markdown instance.
Figures are reported as ratios to it, so they compare across machines.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import markdown

from site_builder.cli import main

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
TAGS = [
    "助老",
    "好邻居",
    "志愿服务",
    "环境卫生",
    "家风",
    "平安",
    "议事协商",
    "青少年",
    "我们的节日",
]


def body(rng: random.Random, characters: int = 1300) -> str:
    paragraphs, size = [], 0
    while size < characters:
        sentence = "，".join(rng.choice(PHRASES) for _ in range(rng.randint(3, 6))) + "。"
        paragraphs.append(sentence * rng.randint(2, 4))
        size += len(paragraphs[-1])
    return "## 事情经过\n\n" + "\n\n".join(paragraphs[:-1]) + "\n\n> " + paragraphs[-1] + "\n"


def make_site(root: Path, count: int) -> list[str]:
    rng = random.Random(20261122)
    stories = root / "content" / "stories"
    stories.mkdir(parents=True)
    (root / "content" / "site.yaml").write_text("title: 基准测试小区\n", encoding="utf-8")
    bodies = []
    for n in range(count):
        text = body(rng)
        bodies.append(text)
        tags = ", ".join(rng.sample(TAGS, 2))
        front = (
            f"---\ntitle: 第{n}个好人好事\ndate: 2025-{n % 12 + 1:02}-{n % 28 + 1:02}\n"
            f"category: {rng.choice(TAGS)}\ntags: [{tags}]\nslug: story-{n}\n---\n"
        )
        (stories / f"story-{n}.md").write_text(front + text, encoding="utf-8")
    return bodies


def timed(action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main_bench() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        bodies = make_site(root, args.stories)
        md = markdown.Markdown(extensions=["tables", "sane_lists", "nl2br", "fenced_code"])

        def baseline() -> None:
            for text in bodies:
                md.reset()
                md.convert(text)

        content, output = str(root / "content"), str(root / "output")
        build = ["build", "--content", content, "--output", output, "--target", "site", "--quiet"]
        story = root / "content" / "stories" / "story-7.md"
        original = story.read_text(encoding="utf-8")

        def cold() -> None:
            shutil.rmtree(root / "output", ignore_errors=True)
            shutil.rmtree(root / ".site-builder-cache", ignore_errors=True)
            main(build)

        def edit_one() -> None:
            edits["n"] += 1
            story.write_text(original + f"\n第{edits['n']}次修改。\n", encoding="utf-8")
            main(build)

        edits = {"n": 0}
        runs = {
            "baseline: Python-Markdown only": baseline,
            "site-builder check": lambda: main(["check", "--content", content, "--quiet"]),
            "build, cold (no output, no cache)": cold,
            "build again, nothing changed": lambda: main(build),
            "build after editing one story": edit_one,
        }
        results = {}
        for name, run in runs.items():
            results[name] = statistics.median(timed(run) for _ in range(args.repeat))
    base = results["baseline: Python-Markdown only"]
    print(f"{args.stories} stories of ~1,300 characters, median of {args.repeat} runs")
    for name, seconds in results.items():
        print(f"  {name:<36} {seconds:7.2f} s   {seconds / base:5.2f} × baseline")


if __name__ == "__main__":
    main_bench()
