"""HTML → PDF: the programme's printed form, rendered with WeasyPrint.

Works without a worker (the Celery task, the command line and the tests all call it). Input is a
``ProgrammeDocument`` (programme.documents.document); output is PDF/A-2a bytes, tagged for screen readers.
See docs/pdf.md for the choice of variant and the fetcher policy.
"""

import gc
import hashlib
import io
import re
import time
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache, partial
from pathlib import Path

import pydyf
import weasyprint
from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint.html import UA as WEASYPRINT_UA
from weasyprint.html import UA_STYLESHEET as WEASYPRINT_UA_STYLESHEET
from weasyprint.text.fonts import FontConfiguration

from .document import DocumentKind, ProgrammeDocument
from .fetcher import STATIC_ORIGIN, StaticOnlyURLFetcher

TEMPLATE_NAME = "programme/pdf/programme.html"
STYLESHEET_PATH = "pdf/programme.css"
# PDF/A-2, conformance level A: archival (fonts embedded, sRGB output intent, XMP identification,
# no external content) and accessible (tagged structure, Unicode text, document language).
PDF_VARIANT = "pdf/a-2a"
PDF_OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}


def _cached_page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """``pydyf.PDF.page_references``, built once per page count instead of on every call.

    pydyf 0.13 rebuilds the tuple of all page references on each access, and WeasyPrint's tagging
    reads it once per structure element (``weasyprint/pdf/tags.py``), so tagging costs pages x
    elements: about a fifth of a 300-measure render and most of a 1000-measure one. The result
    only depends on ``Kids``, which pydyf only appends to (``add_page``), so the tuple is kept
    until the page count changes. The output is byte for byte the same.
    """
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_page_references_cache")
    if cached is None or cached[0] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = pdf.__dict__["_page_references_cache"] = (len(kids), references)
    return cached[1]


# Only for the pydyf version this was checked against; another version keeps its own code.
if pydyf.__version__ == "0.13.0" and isinstance(vars(pydyf.PDF).get("page_references"), property):
    pydyf.PDF.page_references = property(_cached_page_references)


# WeasyPrint's user-agent stylesheet gives every element of the document a ::marker style and
# five footnote/note pseudo-element styles (rules like ``::marker { ... }`` match any element).
# The cascade then computes six styles per element that nothing uses, keeps them for the whole
# layout, and drops them as garbage afterwards: at 300 measures about 70 000 of them, a fifth of
# the peak memory and of the garbage collector's work. The programme uses no footnotes or notes
# and only ``li`` makes list markers, so the same stylesheet with ``li::marker`` and without the
# note rules gives the same file.
_UA_GLOBAL_MARKER = "\n::marker {"
_UA_NOTE_RULES = re.compile(r"^::(?:footnote|note)-[a-z]+ \{[^}]*\}\n", re.MULTILINE)


@lru_cache(maxsize=1)
def _ua_stylesheet() -> weasyprint.CSS:
    """WeasyPrint's HTML user-agent stylesheet with the pseudo-element rules above narrowed."""
    text, notes = _UA_NOTE_RULES.subn("", WEASYPRINT_UA)
    if text.count(_UA_GLOBAL_MARKER) != 1 or notes != 5:
        return WEASYPRINT_UA_STYLESHEET  # another WeasyPrint: keep its stylesheet as it is
    return weasyprint.CSS(string=text.replace(_UA_GLOBAL_MARKER, "\nli::marker {"))


class _ProgrammeHTML(weasyprint.HTML):
    """``weasyprint.HTML`` with the narrowed user-agent stylesheet (forms are never rendered)."""

    def _ua_stylesheets(self, forms=False):
        return [_ua_stylesheet()]


def _paint_and_pack(paint, stream, scale=1):
    """Draw a page, then keep its content stream as the finished bytes instead of a list of ops.

    WeasyPrint keeps every page's stream as a list of small operator strings until the whole
    file is written, about 1 MB of Python objects per 10 dense pages, on top of the laid-out
    pages. Packing each stream as soon as its page is drawn (joined and compressed exactly as
    ``pydyf.Stream.data`` does it when the file is written) gives the same bytes and frees that.
    """
    paint(stream, scale)
    if type(stream.stream) is not list or "Filter" in stream.extra:
        return
    data = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    if stream.compress:
        compressor = zlib.compressobj(level=9)
        data = compressor.compress(data) + compressor.flush()
        stream.extra["Filter"] = "/FlateDecode"
        stream.compress = False
    stream.stream = [data]


# Checked against these versions' Stream.data and generate_pdf; others draw as they always did.
_PACK_STREAMS = weasyprint.__version__ == "70.0" and pydyf.__version__ == "0.13.0"


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    template_s: float
    weasyprint_s: float


@lru_cache(maxsize=1)
def layout_version() -> str:
    """A fingerprint of everything besides the data that shapes the file: template, CSS, fonts, engine.

    Part of the content hash, so changing the layout renders again instead of reusing old files.
    """
    digest = hashlib.sha256()
    digest.update(f"{weasyprint.__version__}|{PDF_VARIANT}".encode())
    digest.update(Path(get_template(TEMPLATE_NAME).origin.name).read_bytes())
    static = Path(settings.BASE_DIR) / "static"
    digest.update((static / STYLESHEET_PATH).read_bytes())
    for font in sorted((static / "fonts").rglob("*.ttf")):
        digest.update(font.name.encode())
        digest.update(str(font.stat().st_size).encode())
    return digest.hexdigest()[:16]


def content_hash(document: ProgrammeDocument) -> str:
    """SHA-256 over the document's canonical JSON, its kind and the layout version."""
    payload = f"{layout_version()}\n{document.kind}\n{document.canonical_json()}"
    return hashlib.sha256(payload.encode()).hexdigest()


def document_filename(document: ProgrammeDocument) -> str:
    """A download name like ``handlingsprogram-skelleftea-2020-2023-v2.pdf``."""
    place = slugify(document.municipality.removesuffix(" kommun"))
    period = document.period.replace("–", "-")
    suffix = {DocumentKind.DRAFT: "-utkast", DocumentKind.FOLLOW_UP: "-uppfoljning"}.get(
        document.kind, ""
    )
    return f"handlingsprogram-{place}-{period}-v{document.version}{suffix}.pdf"


def document_html(document: ProgrammeDocument, *, created: datetime | None = None) -> str:
    """The document as the HTML that WeasyPrint lays out."""
    created = timezone.localtime(created or timezone.now())
    return render_to_string(
        TEMPLATE_NAME,
        {
            "doc": document,
            "created": created.isoformat(timespec="seconds"),
            "stylesheet_url": STATIC_ORIGIN + STYLESHEET_PATH,
        },
    )


def html_to_pdf(html: str, *, fetcher: StaticOnlyURLFetcher | None = None) -> tuple[bytes, int]:
    """Lay out ``html`` and write it as PDF/A with the restricted fetcher; return (bytes, pages)."""
    fetcher = fetcher or StaticOnlyURLFetcher()
    # Layout makes millions of objects that live until the end of the layout, and the collector
    # walked all of them again and again while they grew: 13 % of the CPU time at 1000 measures.
    # Collect once instead, right after layout, when the styles and the original box tree have
    # become garbage, so that writing starts from the pages alone.
    collecting = gc.isenabled()
    gc.disable()
    try:
        rendered = _ProgrammeHTML(string=html, base_url=STATIC_ORIGIN, url_fetcher=fetcher).render(
            font_config=FontConfiguration(), **PDF_OPTIONS
        )
    finally:
        if collecting:
            gc.enable()
    gc.collect()
    if _PACK_STREAMS:
        for page in rendered.pages:
            page.paint = partial(_paint_and_pack, page.paint)
    pages = len(rendered.pages)
    target = io.BytesIO()
    rendered.write_pdf(target, finisher=_release_pages, **PDF_OPTIONS)
    return target.getvalue(), pages


def _release_pages(document: weasyprint.Document, pdf: pydyf.PDF) -> None:
    """Drop the laid-out pages once they are drawn and tagged, before the file is serialised.

    WeasyPrint calls this just before it writes the PDF objects out; nothing after it reads the
    boxes, so the serialisation reuses their memory instead of adding to it.
    """
    for page in document.pages:
        page._page_box = None


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
