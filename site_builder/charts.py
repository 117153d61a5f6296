"""Charts as inline SVG, drawn at build time: no chart library, no JavaScript.

Each function returns markup sized by its viewBox, so it scales to the column
it sits in; text uses the page's own font. Labels are escaped here.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

BAR_HEIGHT = 34
LABEL_WIDTH = 170
CHART_WIDTH = 720


def bar_chart(items: list[tuple[str, float]], title: str, unit: str = "") -> Markup:
    """Return horizontal bars, one per (label, value), longest first as given."""
    if not items:
        return Markup("")
    top = max(value for _, value in items) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 90
    height = BAR_HEIGHT * len(items) + 8
    rows = []
    for index, (label, value) in enumerate(items):
        y = 4 + index * BAR_HEIGHT
        width = max(2.0, room * value / top)
        rows.append(
            f'<text x="{LABEL_WIDTH - 10}" y="{y + 22}" text-anchor="end" class="chart-label">'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{width:.1f}" height="{BAR_HEIGHT - 10}" '
            f'rx="5" class="chart-bar{" chart-bar-first" if index == 0 else ""}"/>'
            f'<text x="{LABEL_WIDTH + width + 8:.1f}" y="{y + 22}" class="chart-value">'
            f"{escape(_number(value))}{escape(unit)}</text>"
        )
    return Markup(
        f'<svg class="chart chart-bars" viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(rows)}</svg>"
    )


def column_chart(items: list[tuple[str, float]], title: str) -> Markup:
    """Return vertical columns, one per (label, value), in the order given (months)."""
    if not items:
        return Markup("")
    top = max(value for _, value in items) or 1
    width, height, base, plot = CHART_WIDTH, 300, 260, 210
    step = (width - 40) / len(items)
    bar = min(56.0, step * 0.62)
    parts = [f'<line x1="20" y1="{base}" x2="{width - 20}" y2="{base}" class="chart-axis"/>']
    for index, (label, value) in enumerate(items):
        x = 20 + step * index + (step - bar) / 2
        h = max(1.0, plot * value / top)
        centre = x + bar / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" rx="5" '
            f'class="chart-bar"/>'
            f'<text x="{centre:.1f}" y="{base - h - 8:.1f}" text-anchor="middle" '
            f'class="chart-value">{escape(_number(value))}</text>'
            f'<text x="{centre:.1f}" y="{base + 26}" text-anchor="middle" class="chart-label">'
            f"{escape(label)}</text>"
        )
    return Markup(
        f'<svg class="chart chart-columns" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )


def _number(value: float) -> str:
    """Return 12 for 12.0 and 2.5 for 2.5."""
    return f"{value:g}"
