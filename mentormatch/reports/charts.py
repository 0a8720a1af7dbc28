"""Charts drawn on the server as inline SVG: no JavaScript, nothing fetched from elsewhere.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``
(which states every value, so a screen reader hears the data); the page puts a table with the
same figures next to it.  Colours meet WCAG 2.1 AA: text is near-black on white, and the bars
(a non-text graphic) have well over 3:1 contrast with the background.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#0b5394"
INK = "#1b1b1b"
GRID = "#767676"
WIDTH = 640
LABEL_WIDTH = 250
ROW_HEIGHT = 30
MAX_LABEL = 34


class Datum(Protocol):
    """A labelled number (read-only, so that named tuples such as funnel steps fit)."""

    @property
    def label(self) -> str: ...

    @property
    def value(self) -> int: ...


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def describe(data: Sequence[Datum], unit: str) -> str:
    return "; ".join(f"{d.label}: {d.value} {unit}".rstrip() for d in data) + "."


def bar_chart(*, chart_id: str, title: str, data: Sequence[Datum], unit: str = "") -> SafeString:
    """Horizontal bars, one a row, the value written at the end of each bar."""
    top = max([d.value for d in data] + [1])
    plot = WIDTH - LABEL_WIDTH - 60
    height = ROW_HEIGHT * len(data) + 10
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(describe(data, unit))}</desc>',
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height - 5}" '
        f'stroke="{GRID}" stroke-width="1"/>',
    ]
    for i, datum in enumerate(data):
        y = 5 + i * ROW_HEIGHT
        length = round(plot * datum.value / top, 1)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" text-anchor="end" fill="{INK}" '
            f'font-size="14">{escape(_short(datum.label))}</text>'
        )
        if length > 0:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="{ROW_HEIGHT - 8}" '
                f'fill="{BAR}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 19}" fill="{INK}" '
            f'font-size="14">{datum.value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above


def column_chart(
    *, chart_id: str, title: str, data: Sequence[Datum], unit: str = "", axis_label: str = ""
) -> SafeString:
    """Vertical columns (a histogram): bins along the bottom, counts above each column."""
    height = 240
    base = height - 50
    top = max([d.value for d in data] + [1])
    slot = (WIDTH - 40) / max(len(data), 1)
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(describe(data, unit))}</desc>',
        f'<line x1="20" y1="{base}" x2="{WIDTH - 20}" y2="{base}" stroke="{GRID}"/>',
    ]
    for i, datum in enumerate(data):
        x = 20 + i * slot
        bar_height = round((base - 30) * datum.value / top, 1)
        centre = round(x + slot / 2, 1)
        if bar_height > 0:
            parts.append(
                f'<rect x="{round(x + slot * 0.15, 1)}" y="{round(base - bar_height, 1)}" '
                f'width="{round(slot * 0.7, 1)}" height="{bar_height}" fill="{BAR}"/>'
            )
        parts.append(
            f'<text x="{centre}" y="{round(base - bar_height - 6, 1)}" text-anchor="middle" '
            f'fill="{INK}" font-size="14">{datum.value}</text>'
        )
        parts.append(
            f'<text x="{centre}" y="{base + 20}" text-anchor="middle" fill="{INK}" '
            f'font-size="13">{escape(_short(datum.label))}</text>'
        )
    if axis_label:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{height - 8}" text-anchor="middle" fill="{INK}" '
            f'font-size="13">{escape(axis_label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above
