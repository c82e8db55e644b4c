"""Server-rendered SVG bar charts for the follow-up report (no script, no external resources).

Each chart is a stack of horizontal bars, one per row (a status, a section or a committee), split
into the statuses' colours and scaled to the largest row. The report prints it as an ``<img>``
with a text alternative, beside a table holding the same numbers, so nothing is said by colour
alone. The colours are the Okabe–Ito palette, told apart with the common colour-vision
deficiencies.
"""

import base64
from xml.sax.saxutils import escape, quoteattr

from .round_report import SummaryRow

STATUS_COLOURS = {
    "planned": "#56B4E9",
    "ongoing": "#0072B2",
    "completed": "#009E73",
    "delayed": "#D55E00",
    "cancelled": "#999999",
}
FALLBACK_COLOUR = "#000000"

WIDTH = 200
LABEL_HEIGHT = 13
BAR_HEIGHT = 11
ROW_GAP = 6
COUNT_SPACE = 24  # right of the longest bar, for its total
FONT = 'font-family="Open Sans" font-size="9" fill="#111111"'


def _row(index: int, row: SummaryRow, scale: float) -> list[str]:
    top = index * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP)
    parts = [f'<text x="0" y="{top + 10}" {FONT}>{escape(row.label)}</text>']
    x = 0.0
    bar_top = top + LABEL_HEIGHT
    for item in row.counts:
        if not item.count:
            continue
        width = item.count * scale
        colour = STATUS_COLOURS.get(item.status, FALLBACK_COLOUR)
        parts.append(
            f'<rect x="{x:.2f}" y="{bar_top}" width="{width:.2f}" height="{BAR_HEIGHT}" '
            f'fill="{colour}"/>'
        )
        x += width
    parts.append(f'<text x="{x + 3:.2f}" y="{bar_top + 9}" {FONT}>{row.total}</text>')
    return parts


def bars_svg(rows: tuple[SummaryRow, ...], *, title: str) -> str:
    """The rows as an SVG document of stacked horizontal bars, with ``title`` as its name."""
    largest = max((row.total for row in rows), default=0) or 1
    scale = (WIDTH - COUNT_SPACE) / largest
    height = max(len(rows), 1) * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP)
    body = [part for index, row in enumerate(rows) for part in _row(index, row, scale)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label={quoteattr(title)}>'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def svg_data_uri(svg: str) -> str:
    """The SVG as a ``data:`` URI: the one kind of resource the PDF's fetcher loads inline."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
