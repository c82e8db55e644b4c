"""The indicator chart's geometry: values and target inside the plot, time along the x axis."""

from datetime import date
from decimal import Decimal

from measures.follow_up.chart import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, indicator_chart
from measures.models import Measure, ProgressUpdate


def _entry(pk, value, as_of):
    return ProgressUpdate(pk=pk, indicator_value=Decimal(value), indicator_date=as_of)


def test_points_follow_the_dates_and_the_target_line_sits_at_its_value():
    measure = Measure(indicator="Antal", indicator_target=Decimal("40"))
    # Newest first, as the timeline comes; the chart orders by the date each value refers to.
    timeline = [
        _entry(3, "40", date(2028, 1, 1)),
        ProgressUpdate(pk=2, note="ingen mätning"),
        _entry(1, "10", date(2026, 1, 1)),
    ]
    chart = indicator_chart(measure, timeline)
    first, last = chart.points
    assert (first.value, last.value) == (Decimal("10"), Decimal("40"))
    assert (first.x, last.x) == (LEFT, WIDTH - RIGHT)
    # The axis runs from 0 to the largest of values and target: 40 is the top, 0 the bottom.
    assert last.y == chart.target_y == TOP
    assert chart.low_y == HEIGHT - BOTTOM
    assert TOP < first.y < HEIGHT - BOTTOM


def test_a_single_value_is_centred_and_no_indicator_means_no_chart():
    measure = Measure(indicator="Antal")
    chart = indicator_chart(measure, [_entry(1, "0", date(2026, 1, 1))])
    (point,) = chart.points
    assert point.x == LEFT + (WIDTH - LEFT - RIGHT) / 2
    assert chart.target_y is None and chart.high > chart.low
    assert indicator_chart(Measure(indicator=""), [_entry(1, "5", date(2026, 1, 1))]) is None
    assert indicator_chart(measure, []) is None
