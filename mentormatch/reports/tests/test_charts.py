"""Server-drawn charts: named and described for screen readers, text always escaped."""

from __future__ import annotations

from xml.etree import ElementTree

from mentormatch.reports.charts import bar_chart, column_chart
from mentormatch.reports.selectors import Count, histogram

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_says_every_value_in_its_description() -> None:
    svg = bar_chart(
        chart_id="c1", title="Mentees", data=[Count("Taking part", 12), Count("Matched", 3)]
    )

    root = ElementTree.fromstring(svg)  # noqa: S314 - our own SVG
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.findtext(f"{SVG}title") == "Mentees"
    assert root.findtext(f"{SVG}desc") == "Taking part: 12; Matched: 3."
    widths = [float(r.get("width", "0")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] == 4 * widths[1]


def test_labels_with_markup_are_escaped() -> None:
    svg = column_chart(chart_id="c2", title="<b>x</b>", data=[Count("<script>", 1)], unit="people")

    assert "<script>" not in svg
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own SVG
    assert root.findtext(f"{SVG}title") == "<b>x</b>"
    assert root.findtext(f"{SVG}desc") == "<script>: 1 people."


def test_a_histogram_puts_each_score_in_one_bin_of_a_round_width() -> None:
    bins = histogram([0.05, 0.25, 0.95, 1.0, 0.21])

    assert [b.label for b in bins] == [
        "0 to 0.2",
        "0.2 to 0.4",
        "0.4 to 0.6",
        "0.6 to 0.8",
        "0.8 to 1",
    ]
    assert [b.value for b in bins] == [1, 2, 0, 0, 2]
    assert histogram([]) == []


def test_scores_above_one_get_wider_bins() -> None:
    bins = histogram([5.1, 6.9, 7.3, 8.15])

    assert [b.label for b in bins] == ["0 to 2", "2 to 4", "4 to 6", "6 to 8", "8 to 10"]
    assert [b.value for b in bins] == [0, 0, 1, 2, 1]
