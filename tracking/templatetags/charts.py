"""Simple bar charts drawn on the server as inline SVG: no JavaScript, readable without colour (labels)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

ROW_HEIGHT = 26
LABEL_WIDTH = 110
CHART_WIDTH = 640


def _n(value: float) -> str:
    """A coordinate with one decimal: format_html escapes its arguments to strings before formatting."""
    return f"{value:.1f}"


@register.simple_tag
def stacked_bar_chart(rows, series, title=""):
    """Horizontal stacked bars. rows: [(label, [value per series])]; series: [(key, label)].

    Each segment carries its own class (bar-<key>) for the stylesheet and a <title> for the tooltip.
    """
    rows = list(rows)
    series = list(series)
    if not rows:
        return ""
    biggest = max((sum(values) for _, values in rows), default=0) or 1
    plot = CHART_WIDTH - LABEL_WIDTH - 50
    height = ROW_HEIGHT * len(rows) + 34
    parts = []
    for index, (label, values) in enumerate(rows):
        y = index * ROW_HEIGHT
        parts.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>',
                LABEL_WIDTH - 8, _n(y + ROW_HEIGHT / 2 + 5), label,
            )
        )
        x = float(LABEL_WIDTH)
        for (key, series_label), value in zip(series, values, strict=True):
            if not value:
                continue
            width = plot * value / biggest
            parts.append(
                format_html(
                    '<rect class="bar bar-{}" x="{}" y="{}" width="{}" height="{}"><title>{}：{} {} 件</title></rect>',
                    key, _n(x), y + 4, _n(width), ROW_HEIGHT - 8, label, series_label, value,
                )
            )
            x += width
        parts.append(
            format_html(
                '<text class="chart-value" x="{}" y="{}">{}</text>', _n(x + 6), _n(y + ROW_HEIGHT / 2 + 5), sum(values)
            )
        )
    legend_y = ROW_HEIGHT * len(rows) + 20
    legend = format_html_join(
        "",
        '<rect class="bar bar-{}" x="{}" y="{}" width="12" height="12"></rect>'
        '<text class="chart-legend" x="{}" y="{}">{}</text>',
        (
            (key, LABEL_WIDTH + i * 110, legend_y - 10, LABEL_WIDTH + i * 110 + 16, legend_y, label)
            for i, (key, label) in enumerate(series)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg">{}{}</svg>',
        title, CHART_WIDTH, height, mark_safe("".join(parts)), legend,
    )


@register.simple_tag
def column_chart(pairs, title="", unit_label="件", css="bar-continued"):
    """Vertical columns for a histogram. pairs: [(label, value)]."""
    pairs = list(pairs)
    if not pairs:
        return ""
    biggest = max(value for _, value in pairs) or 1
    plot_height = 160
    column = min(48, (CHART_WIDTH - 40) // len(pairs))
    parts = []
    for index, (label, value) in enumerate(pairs):
        x = 30 + index * column
        h = plot_height * value / biggest
        y = 20 + plot_height - h
        parts.append(
            format_html(
                '<rect class="bar {}" x="{}" y="{}" width="{}" height="{}"><title>{}：{} {}</title></rect>'
                '<text class="chart-value" x="{}" y="{}" text-anchor="middle">{}</text>'
                '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                css, x + 4, _n(y), column - 8, _n(h), label, value, unit_label,
                _n(x + column / 2), _n(y - 4), value,
                _n(x + column / 2), plot_height + 38, label,
            )
        )
    width = 30 + column * len(pairs) + 10
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" style="max-width:{}px" width="100%" '
        'xmlns="http://www.w3.org/2000/svg"><line class="axis" x1="30" y1="{}" x2="{}" y2="{}"></line>{}</svg>',
        title, width, plot_height + 50, width, plot_height + 20, width, plot_height + 20, mark_safe("".join(parts)),
    )
