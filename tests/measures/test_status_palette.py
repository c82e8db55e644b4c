"""One palette of measure-status colours for the dashboard and the follow-up report PDF: the
SVG bars take it from ``measures.follow_up.chart.STATUS_COLOURS``, and the legends' swatches in
the two stylesheets must repeat it exactly (CSS cannot read Python)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from measures.follow_up.chart import STATUS_COLOURS, stacked_bar_chart
from measures.models import Measure


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_status_has_its_own_colour_with_3_to_1_against_white():
    assert set(STATUS_COLOURS) == set(Measure.Status.values)
    assert len(set(STATUS_COLOURS.values())) == len(STATUS_COLOURS)
    for colour in STATUS_COLOURS.values():
        assert (1.05) / (_luminance(colour) + 0.05) >= 3  # WCAG 1.4.11, non-text contrast


@pytest.mark.parametrize(
    ("stylesheet", "selector"),
    [("css/app.css", "chart-legend__swatch"), ("pdf/round_report.css", "swatch")],
)
def test_the_legends_swatches_repeat_the_palette(stylesheet, selector):
    css = (Path(settings.BASE_DIR) / "static" / stylesheet).read_text()
    found = dict(re.findall(rf"\.{selector}--(\w+) {{ background: (#[0-9A-Fa-f]{{6}}); }}", css))
    assert {status: colour.upper() for status, colour in found.items()} == {
        status: colour.upper() for status, colour in STATUS_COLOURS.items()
    }


def test_the_bars_carry_the_palette():
    chart = stacked_bar_chart([("Avsnitt", [(status, 1) for status in Measure.Status.values])])
    assert [segment.colour for segment in chart.bars[0].segments] == [
        STATUS_COLOURS[status] for status in Measure.Status.values
    ]
