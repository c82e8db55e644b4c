"""HTML → PDF for the follow-up report, through the programme PDF's pipeline (``render.html_to_pdf``:
PDF/A-2a, tagged, the shipped fonts embedded, the restricted fetcher, the engine's adjustments).

Imports WeasyPrint (through ``render``), so only the render path loads it: the worker and the
render_programme command.
"""

import time
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from .fetcher import STATIC_ORIGIN
from .render import RenderedPdf, html_to_pdf
from .round_report import RoundReportDocument
from .round_report_content import STYLESHEET_PATHS, TEMPLATE_NAME


def round_report_html(document: RoundReportDocument, *, created: datetime | None = None) -> str:
    """The report as the HTML that WeasyPrint lays out."""
    created = timezone.localtime(created or timezone.now())
    return render_to_string(
        TEMPLATE_NAME,
        {
            "doc": document,
            "created": created.isoformat(timespec="seconds"),
            "stylesheet_urls": [STATIC_ORIGIN + path for path in STYLESHEET_PATHS],
        },
    )


def round_report_render(document: RoundReportDocument) -> RenderedPdf:
    """Render the report to PDF, timing the templating and WeasyPrint's share."""
    started = time.perf_counter()
    html = round_report_html(document)
    templated = time.perf_counter()
    content, pages = html_to_pdf(html)
    return RenderedPdf(
        content=content,
        pages=pages,
        template_s=templated - started,
        weasyprint_s=time.perf_counter() - templated,
    )
