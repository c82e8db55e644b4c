"""HTML → PDF: the programme's printed form, rendered with WeasyPrint.

Imports WeasyPrint, so only the render path loads it: the worker (programme.documents.worker,
through the task) and the render_programme command. Input is a ``ProgrammeDocument``
(programme.documents.document); output is PDF/A-2a bytes, tagged for screen readers. What names
a file without rendering it (content hash, download name) is in programme.documents.content.
See docs/pdf.md for the choice of variant and the fetcher policy.
"""

import io
import time
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint.text.fonts import FontConfiguration

from . import weasyprint_tuning as tuning
from .content import PDF_VARIANT, STYLESHEET_PATH, TEMPLATE_NAME
from .document import ProgrammeDocument
from .fetcher import LOGO_URL, STATIC_ORIGIN, StaticOnlyURLFetcher
from .logo import municipality_logo

PDF_OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}

tuning.install_page_references_cache()


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    template_s: float
    weasyprint_s: float


def document_html(document: ProgrammeDocument, *, created: datetime | None = None) -> str:
    """The document as the HTML that WeasyPrint lays out."""
    created = timezone.localtime(created or timezone.now())
    return render_to_string(
        TEMPLATE_NAME,
        {
            "doc": document,
            "created": created.isoformat(timespec="seconds"),
            "stylesheet_url": STATIC_ORIGIN + STYLESHEET_PATH,
            "logo_url": LOGO_URL if municipality_logo() else "",
        },
    )


def html_to_pdf(html: str, *, fetcher: StaticOnlyURLFetcher | None = None) -> tuple[bytes, int]:
    """Lay out ``html`` and write it as PDF/A with the restricted fetcher; return (bytes, pages)."""
    fetcher = fetcher or StaticOnlyURLFetcher()
    source = tuning.ProgrammeHTML(string=html, base_url=STATIC_ORIGIN, url_fetcher=fetcher)
    rendered = tuning.render_without_collecting(
        lambda: source.render(font_config=FontConfiguration(), **PDF_OPTIONS)
    )
    tuning.pack_streams_when_drawn(rendered)
    pages = len(rendered.pages)  # the finisher drops them
    target = io.BytesIO()
    rendered.write_pdf(target, finisher=tuning.release_pages, **PDF_OPTIONS)
    return target.getvalue(), pages


def document_render(document: ProgrammeDocument) -> RenderedPdf:
    """Render ``document`` to PDF, timing the project's share (templating) and WeasyPrint's."""
    started = time.perf_counter()
    html = document_html(document)
    templated = time.perf_counter()
    content, pages = html_to_pdf(html)
    return RenderedPdf(
        content=content,
        pages=pages,
        template_s=templated - started,
        weasyprint_s=time.perf_counter() - templated,
    )
