"""Small charts drawn as SVG on the server: the indicator's values over time, a line over
categories (the reporting rounds' progress) and stacked bars (measures per status).

Only geometry is computed here; the templates draw it (``templates/measures/_indicator_chart.html``,
``_series_chart.html``, ``_bar_chart.html``), and every page shows the same values as a table
beside the chart (the table is the data; the chart illustrates). No chart script runs in the
browser: the pages' Content-Security-Policy allows none, and a table reads on any device.

The stacked bars are also the follow-up report PDF's charts: ``bar_chart_data_uri`` draws the
same template as a standalone SVG document for an ``<img>`` (WeasyPrint), so page and PDF share
one geometry, one drawing and one palette (``STATUS_COLOURS``).
"""

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string

from measures.models import Measure, ProgressUpdate

WIDTH = 320
HEIGHT = 160
# Room for the axis labels: left for values, bottom for dates.
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass(frozen=True)
class Scale:
    """A value axis: ``low`` at the plot's bottom, ``high`` at its top."""

    low: Decimal
    high: Decimal

    def y(self, value: Decimal) -> float:
        return round(TOP + PLOT_HEIGHT * float((self.high - value) / (self.high - self.low)), 1)


def value_scale(numbers: Sequence[Decimal], high: Decimal | None = None) -> Scale:
    """The axis from 0 (or the lowest negative value) to the highest value (or ``high``)."""
    low = min(Decimal(0), *numbers)
    top = max(numbers) if high is None else max(high, *numbers)
    return Scale(low, top if top != low else low + 1)


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
    scale = value_scale(numbers)
    first, last = values[0].indicator_date, values[-1].indicator_date
    days = max((last - first).days, 1)

    def x_of(day: date) -> float:
        if len(values) == 1:
            return LEFT + PLOT_WIDTH / 2
        return round(LEFT + PLOT_WIDTH * (day - first).days / days, 1)

    points = [
        Point(
            e.indicator_value, e.indicator_date, x_of(e.indicator_date), scale.y(e.indicator_value)
        )
        for e in values
    ]
    target = measure.indicator_target
    return IndicatorChart(
        points=points,
        width=WIDTH,
        height=HEIGHT,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        target_y=None if target is None else scale.y(target),
        low=scale.low,
        high=scale.high,
        low_y=scale.y(scale.low),
        high_y=scale.y(scale.high),
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=HEIGHT - BOTTOM,
    )


# --- A line over categories, evenly spaced (e.g. one point per closed reporting round) -------


@dataclass(frozen=True)
class SeriesPoint:
    label: str
    value: Decimal
    x: float
    y: float


@dataclass(frozen=True)
class SeriesChart:
    points: list[SeriesPoint]
    width: int
    height: int
    polyline: str
    low: Decimal
    high: Decimal
    low_y: float
    high_y: float
    left: int
    right: float
    bottom: float


def series_chart(values: Sequence[tuple[str, Decimal]], high: Decimal | None = None):
    """A line through ``values`` (label, value), in order and evenly spaced; the axis reaches
    ``high`` at least (100 for a percentage). None without values."""
    if not values:
        return None
    scale = value_scale([value for _, value in values], high)
    step = PLOT_WIDTH / (len(values) - 1) if len(values) > 1 else 0

    def x_of(index: int) -> float:
        return round(LEFT + step * index, 1) if len(values) > 1 else LEFT + PLOT_WIDTH / 2

    points = [
        SeriesPoint(label, value, x_of(index), scale.y(value))
        for index, (label, value) in enumerate(values)
    ]
    return SeriesChart(
        points=points,
        width=WIDTH,
        height=HEIGHT,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        low=scale.low,
        high=scale.high,
        low_y=scale.y(scale.low),
        high_y=scale.y(scale.high),
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=HEIGHT - BOTTOM,
    )


# --- Stacked horizontal bars: one bar per row, one segment per kind (e.g. measure status) ----

# The measure statuses' colours, on the dashboard and in the PDF (the legends' swatches in
# static/css/app.css and static/pdf/round_report.css repeat them; a test keeps them equal). From
# the Okabe–Ito palette, told apart with the common colour-vision deficiencies, each at least 3:1
# against white (WCAG 1.4.11), and neutral grey for cancelled. Colour is never the only cue: a
# legend and the table beside every chart name the statuses.
STATUS_COLOURS = {
    Measure.Status.PLANNED: "#CC79A7",
    Measure.Status.ONGOING: "#0072B2",
    Measure.Status.COMPLETED: "#009E73",
    Measure.Status.DELAYED: "#D55E00",
    Measure.Status.CANCELLED: "#767676",
}
FALLBACK_COLOUR = "#000000"

BAR_HEIGHT = 14
# Each row: its label on a line of its own (long Swedish names fit a phone), the bar below it.
ROW_HEIGHT = 36
LABEL_CHARS = 44
BAR_MARGIN = 4


@dataclass(frozen=True)
class Segment:
    kind: str
    count: int
    x: float
    width: float

    @property
    def colour(self) -> str:
        return STATUS_COLOURS.get(self.kind, FALLBACK_COLOUR)


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    label_y: float
    y: float
    segments: list[Segment]


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    bar_height: int
    left: int
    right: int

    @property
    def track_width(self) -> int:
        return self.right - self.left


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def stacked_bar_chart(rows: Sequence[tuple[str, Sequence[tuple[str, int]]]]) -> BarChart | None:
    """One bar per row (label, [(kind, count), …]), its segments in the order given, all bars
    on one scale (the largest total fills the width). None without rows."""
    if not rows:
        return None
    left, right = BAR_MARGIN, WIDTH - BAR_MARGIN
    largest = max((sum(count for _, count in counts) for _, counts in rows), default=0) or 1
    bars = []
    for index, (label, counts) in enumerate(rows):
        top = index * ROW_HEIGHT
        x = float(left)
        segments = []
        for kind, count in counts:
            if not count:
                continue
            width = round((right - left) * count / largest, 1)
            segments.append(Segment(kind, count, round(x, 1), width))
            x += width
        total = sum(count for _, count in counts)
        bars.append(Bar(_short(label), total, top + 13, top + 18, segments))
    return BarChart(
        bars=bars,
        width=WIDTH,
        height=len(rows) * ROW_HEIGHT,
        bar_height=BAR_HEIGHT,
        left=left,
        right=right,
    )


BAR_TEMPLATE = "measures/_bar_chart.html"


def bar_chart_data_uri(chart: BarChart, *, title: str, chart_id: str = "chart") -> str:
    """``chart`` drawn by the page's template as an SVG document, as a ``data:`` URI: the one
    kind of resource the PDF's fetcher loads inline. The ``<img>`` that shows it carries the text
    alternative; the SVG has its own ``<title>`` too."""
    svg = render_to_string(BAR_TEMPLATE, {"chart": chart, "title": title, "chart_id": chart_id})
    return "data:image/svg+xml;base64," + base64.b64encode(svg.strip().encode()).decode("ascii")
