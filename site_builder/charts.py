"""Charts as HTML lists, drawn at build time: no chart library, no JavaScript.

A chart is an ordered list a screen reader reads as "name, value"; each bar's
length is its share of the largest value, written as `--share` (0 to 1) for the
stylesheet to draw. Its text is page text, so it is as large on a phone as the
words around it (an SVG scaled to a 390 px screen drew its labels at 7 px), and
the month columns can turn into rows on a narrow screen. Labels are escaped here.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup


def bar_chart(items: list[tuple[str, float]], title: str, unit: str = "") -> Markup:
    """Return horizontal bars, one per (label, value), longest first as given."""
    rows = [
        f'<li class="chart-row{" chart-first" if index == 0 else ""}" style="--share:{share}">'
        f'<span class="chart-label">{escape(label)}</span><span class="chart-bar"></span>'
        f'<span class="chart-value">{escape(_number(value))}{escape(unit)}</span></li>'
        for index, (label, value, share) in enumerate(_shares(items))
    ]
    return _chart("chart-bars", title, rows)


def column_chart(items: list[tuple[str, float]], title: str) -> Markup:
    """Return columns, one per (label, value), in the order given (months)."""
    rows = [
        f'<li class="chart-row" style="--share:{share}">'
        f'<span class="chart-label">{escape(label)}</span><span class="chart-bar"></span>'
        f'<span class="chart-value">{escape(_number(value))}</span></li>'
        for label, value, share in _shares(items)
    ]
    return _chart("chart-columns", title, rows)


def _chart(kind: str, title: str, rows: list[str]) -> Markup:
    if not rows:
        return Markup("")
    return Markup(f'<ol class="chart {kind}" aria-label="{escape(title)}">{"".join(rows)}</ol>')


def _shares(items: list[tuple[str, float]]) -> list[tuple[str, float, str]]:
    """Return each item with its share of the largest value, as a short decimal."""
    top = max((value for _, value in items), default=0) or 1
    return [(label, value, f"{max(value, 0) / top:.3f}") for label, value in items]


def _number(value: float) -> str:
    """Return 12 for 12.0 and 2.5 for 2.5."""
    return f"{value:g}"
