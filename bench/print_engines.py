"""WeasyPrint or Typst for the posters: the same poster laid out by each, timed in one run.

    .venv/bin/pip install typst        # not a dependency: only this comparison uses it
    .venv/bin/python -m bench.print_engines [--rounds 7]

Builds the sample's posters once (`--target print`, `--today 2026-11-22`) and keeps the
HTML of 龙腾广场小区's points poster (02-积分榜: a masthead with a QR code, two ranking
tables, two pages with the header repeated and page numbers). bench/typst/points.typ is
the same poster written by hand in Typst, with the same rows, fonts and colours. Each
engine lays its poster out `--rounds` times, taking turns, after one warm-up each (which
loads the engine and its fonts); prints the median seconds, their ratio, the PDF sizes
and the page counts. README's "Why WeasyPrint rather than Typst" quotes a run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from unittest.mock import patch

import site_builder.print_writer as print_writer
from site_builder.cli import main as site_builder
from site_builder.pdf import html_to_pdf

REPO = Path(__file__).resolve().parent.parent
TYPST = REPO / "bench" / "typst" / "points.typ"


def points_poster_html(work: Path) -> str:
    """Build the sample's posters into `work`; return the points poster's HTML."""
    pages: list[str] = []

    def keep(html: str) -> bytes:
        pages.append(html)
        return html_to_pdf(html)

    arguments = ["build", "--target", "print", "--today", "2026-11-22", "-q"]
    arguments += ["--content", str(REPO / "content"), "--output", str(work / "output")]
    with patch.object(print_writer, "html_to_pdf", keep):
        site_builder(arguments)
    return next(html for html in pages if "<title>2026年11月 积分榜 · 龙腾广场小区" in html)


def page_count(pdf: bytes, work: Path, name: str) -> str:
    path = work / name
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    import typst  # pip install typst: see the docstring

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        html = points_poster_html(work)
        engines: dict[str, Callable[[], bytes]] = {
            "WeasyPrint": lambda: html_to_pdf(html),
            "Typst": lambda: bytes(typst.compile(str(TYPST))),
        }
        made = {name: lay_out() for name, lay_out in engines.items()}  # warm-up
        times: dict[str, list[float]] = {name: [] for name in engines}
        for _ in range(rounds):
            for name, lay_out in engines.items():
                start = time.perf_counter()
                lay_out()
                times[name].append(time.perf_counter() - start)
        medians = {name: statistics.median(spent) for name, spent in times.items()}
        for name in engines:
            pages = page_count(made[name], work, f"{name}.pdf")
            size = len(made[name]) / 1024
            print(f"{name:<10} {medians[name]:.3f} s  {size:6.0f} KB  {pages} pages")
        ratio = medians["Typst"] / medians["WeasyPrint"]
        print(f"Typst takes {ratio:.2f}× WeasyPrint's time (median of {rounds} rounds each)")


if __name__ == "__main__":
    main()
