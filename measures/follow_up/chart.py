"""The indicator's reported values as a small line chart, drawn as SVG on the server.

Only geometry is computed here; ``templates/measures/_indicator_chart.html`` draws it, and the
page shows the same values as a table beside it (the table is the data; the chart illustrates).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from measures.models import Measure, ProgressUpdate

WIDTH = 320
HEIGHT = 160
# Room for the axis labels: left for values, bottom for dates.
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28


@dataclass(frozen=True)
class Point:
    value: Decimal
    as_of: date
    x: float
    y: float


@dataclass(frozen=True)
class IndicatorChart:
    points: list[Point]
    width: int
    height: int
    polyline: str
    # The y of the target line, if the measure has a target; the axis' lowest and highest values.
    target_y: float | None
    low: Decimal
    high: Decimal
    low_y: float
    high_y: float
    left: int
    right: float
    bottom: float


def indicator_values(timeline: list[ProgressUpdate]) -> list[ProgressUpdate]:
    """The entries that report an indicator value, by the date they refer to (oldest first)."""
    reported = [entry for entry in timeline if entry.indicator_value is not None]
    return sorted(reported, key=lambda entry: (entry.indicator_date, entry.created_at, entry.pk))


def indicator_chart(measure: Measure, timeline: list[ProgressUpdate]) -> IndicatorChart | None:
    """The chart of ``measure``'s indicator values from its ``timeline``, or None if it has none."""
    if not measure.indicator:
        return None
    values = indicator_values(timeline)
    if not values:
        return None
    numbers = [entry.indicator_value for entry in values]
    if measure.indicator_target is not None:
        numbers.append(measure.indicator_target)
    low, high = min(Decimal(0), *numbers), max(numbers)
    if high == low:
        high = low + 1
    first, last = values[0].indicator_date, values[-1].indicator_date
    days = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_of(value: Decimal) -> float:
        return round(TOP + plot_h * float((high - value) / (high - low)), 1)

    def x_of(day: date) -> float:
        if len(values) == 1:
            return LEFT + plot_w / 2
        return round(LEFT + plot_w * (day - first).days / days, 1)

    points = [
        Point(e.indicator_value, e.indicator_date, x_of(e.indicator_date), y_of(e.indicator_value))
        for e in values
    ]
    target = measure.indicator_target
    return IndicatorChart(
        points=points,
        width=WIDTH,
        height=HEIGHT,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        target_y=None if target is None else y_of(target),
        low=low,
        high=high,
        low_y=y_of(low),
        high_y=y_of(high),
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=HEIGHT - BOTTOM,
    )
