"""Charts are HTML lists: escaped labels, each bar's share of the largest value."""

from __future__ import annotations

import re

from site_builder.charts import bar_chart, column_chart


def test_bars_carry_their_share_of_the_largest_value_and_escape_labels() -> None:
    chart = str(
        bar_chart([("王**", 80), ("<script>李</script>", 20), ("赵*", 0)], "积分前十名", "分")
    )
    assert chart.startswith('<ol class="chart chart-bars" aria-label="积分前十名">')
    assert re.findall(r"--share:([0-9.]+)", chart) == ["1.000", "0.250", "0.000"]
    assert "<script>" not in chart and "&lt;script&gt;李&lt;/script&gt;" in chart
    assert '<span class="chart-value">80分</span>' in chart
    assert chart.count('class="chart-row chart-first"') == 1


def test_columns_keep_the_months_in_order_and_an_empty_chart_draws_nothing() -> None:
    chart = str(column_chart([("10月", 12.5), ("11月", 25)], "每月获得的积分"))
    assert chart.index("10月") < chart.index("11月")
    assert re.findall(r"--share:([0-9.]+)", chart) == ["0.500", "1.000"]
    assert '<span class="chart-value">12.5</span>' in chart
    assert str(column_chart([], "每月获得的积分")) == ""
    assert str(bar_chart([("甲", 0), ("乙", 0)], "积分前十名")).count("--share:0.000") == 2
