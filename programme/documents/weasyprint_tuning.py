"""Adjustments to WeasyPrint and pydyf that make the programme PDF cheaper to render.

Written for and measured with **WeasyPrint 70.0 and pydyf 0.13.0** (the versions pinned in
requirements.lock). Together they leave the file byte for byte the same
(tests/programme/test_pdf_document.py). The three that depend on how WeasyPrint or pydyf work
inside (page references, user-agent stylesheet, stream packing) apply only while the installed
versions are exactly these; with others WeasyPrint and pydyf run as they come. A test
(tests/programme/test_weasyprint_tuning.py) fails as soon as the installed versions differ:
whoever upgrades re-runs ``python -m benchmarks.pdf`` and ``python -m benchmarks.pdf --without
NAME`` for each adjustment, back to back, keeps only those still worth it, and updates the
versions here and the numbers in docs/benchmarks.md ("The WeasyPrint adjustments").

What each buys (the measurements are in docs/benchmarks.md, not here):

- ``page_references_cached``: pydyf rebuilds its tuple of page references on every read and
  WeasyPrint's tagging reads it once per structure element, so tagging grows with pages times
  elements; cached, it is linear. Its gain is at the largest programmes.
- ``ProgrammeHTML``: WeasyPrint's user-agent stylesheet without the rules that give every element
  a ``::marker`` and five footnote/note pseudo-element styles nothing here uses. The largest
  saving of memory. WeasyPrint has no public way to choose this stylesheet, so it overrides the
  private ``_ua_stylesheets`` hook: the one private name left, kept for that saving.
- ``render_without_collecting``: no garbage collection during layout, one collection after it.
  Layout makes millions of objects that live until it ends; the collector walked them again
  and again while they grew. Its gain is at the largest programmes.
- ``pack_streams_when_drawn``: each page's content stream joined and compressed as soon as the
  page is drawn, instead of kept as a list of small operator strings until the whole file is
  written. Lowers the peak of large programmes enough to matter for the memory target.
- ``release_pages``: the laid-out pages dropped once they are drawn and tagged, before the file
  is serialised, so serialisation reuses their memory instead of adding to it.

The last two use public API only (WeasyPrint's ``finisher`` hook, ``Document.pages``,
``Page.paint`` and pydyf's ``Stream`` attributes).

Only the render path imports this module (programme.documents.render, used by the worker's task
and the render_programme command); the web process never loads WeasyPrint.
"""

import gc
import re
import zlib
from collections.abc import Callable
from functools import lru_cache, partial
from importlib.metadata import version

import pydyf
import weasyprint
from weasyprint.html import UA as WEASYPRINT_UA
from weasyprint.html import UA_COUNTER_STYLE as WEASYPRINT_UA_COUNTER_STYLE
from weasyprint.html import UA_STYLESHEET as WEASYPRINT_UA_STYLESHEET

WEASYPRINT_VERSION = "70.0"
PYDYF_VERSION = "0.13.0"

# pydyf's own property, kept so that a test can compare with it.
PYDYF_PAGE_REFERENCES = vars(pydyf.PDF)["page_references"]


def versions_measured() -> bool:
    """Whether the installed WeasyPrint and pydyf are the versions these adjustments were made for."""
    return (version("weasyprint"), version("pydyf")) == (WEASYPRINT_VERSION, PYDYF_VERSION)


# --- pydyf: page references built once per page count --------------------------------------


def page_references_cached(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """``pydyf.PDF.page_references``, built once per page count instead of on every read.

    The tuple only depends on ``Kids``, which pydyf only appends to (``add_page``), so it is kept
    on the PDF object until the page count changes.
    """
    kids = pdf.pages["Kids"]
    cached = vars(pdf).get("programme_page_references")
    if cached is None or cached[0] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = vars(pdf)["programme_page_references"] = (len(kids), references)
    return cached[1]


def install_page_references_cache() -> None:
    """Replace pydyf's ``PDF.page_references`` property, for the measured pydyf only."""
    if versions_measured() and isinstance(PYDYF_PAGE_REFERENCES, property):
        pydyf.PDF.page_references = property(page_references_cached)


# --- WeasyPrint: the user-agent stylesheet, narrowed -------------------------------------
# ``::marker { … }`` and the ``::footnote-*``/``::note-*`` rules have no element in their
# selector, so they match every element. The programme has no footnotes or notes and only
# ``li`` makes list markers: ``li::marker`` and no note rules give the same file.
_UA_GLOBAL_MARKER = "\n::marker {"
_UA_NOTE_RULES = re.compile(r"^::(?:footnote|note)-[a-z]+ \{[^}]*\}\n", re.MULTILINE)


@lru_cache(maxsize=1)
def narrowed_ua_stylesheet() -> weasyprint.CSS:
    """WeasyPrint's HTML user-agent stylesheet with the pseudo-element rules above narrowed."""
    text, notes = _UA_NOTE_RULES.subn("", WEASYPRINT_UA)
    if not versions_measured() or text.count(_UA_GLOBAL_MARKER) != 1 or notes != 5:
        return WEASYPRINT_UA_STYLESHEET  # another WeasyPrint: its stylesheet as it is
    return weasyprint.CSS(
        string=text.replace(_UA_GLOBAL_MARKER, "\nli::marker {"),
        counter_style=WEASYPRINT_UA_COUNTER_STYLE,
    )


class ProgrammeHTML(weasyprint.HTML):
    """``weasyprint.HTML`` with the narrowed user-agent stylesheet (forms are never rendered).

    WeasyPrint 70 has no public way to choose the user-agent stylesheet; this overrides its
    ``_ua_stylesheets`` hook, which is why it is pinned to the measured version.
    """

    def _ua_stylesheets(self, forms=False):
        return [narrowed_ua_stylesheet()]


# --- Python: no garbage collection during layout ------------------------------------------


def render_without_collecting(layout: Callable[[], weasyprint.Document]) -> weasyprint.Document:
    """Run ``layout`` with the collector off, then collect once.

    Right after layout the styles and the original box tree have become garbage, so one
    collection there lets writing start from the pages alone.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        document = layout()
    finally:
        if collecting:
            gc.enable()
    gc.collect()
    return document


# --- pydyf: content streams packed as each page is drawn -----------------------------------


def _stream_item_bytes(item) -> bytes | None:
    """An operator of a content stream as pydyf writes it, or None for what it is not known to be."""
    if isinstance(item, bytes):
        return item
    if isinstance(item, str):
        return item.encode("ascii")
    if isinstance(item, pydyf.Object):
        return item.data
    return None


def paint_and_pack(paint, stream: pydyf.Stream, scale=1) -> None:
    """Draw a page, then keep its content stream as the finished bytes instead of a list.

    Joined and compressed exactly as ``pydyf.Stream.data`` does it when the file is written
    (the byte-for-byte test holds it to that); a stream with anything else in it is left as is.
    """
    paint(stream, scale)
    if type(stream.stream) is not list or "Filter" in stream.extra:
        return
    parts = [_stream_item_bytes(item) for item in stream.stream]
    if any(part is None for part in parts):
        return
    data = b"\n".join(parts)
    if stream.compress:
        compressor = zlib.compressobj(level=9)
        data = compressor.compress(data) + compressor.flush()
        stream.extra["Filter"] = "/FlateDecode"
        stream.compress = False
    stream.stream = [data]


def pack_streams_when_drawn(document: weasyprint.Document) -> None:
    """Make each page pack its content stream when it is drawn, for the measured versions only."""
    if versions_measured():
        for page in document.pages:
            page.paint = partial(paint_and_pack, page.paint)


# --- WeasyPrint: pages released before the file is serialised ------------------------------


def release_pages(document: weasyprint.Document, pdf: pydyf.PDF) -> None:
    """``write_pdf``'s finisher: drop the laid-out pages, which nothing reads after it.

    WeasyPrint calls the finisher after drawing and tagging, just before it writes the PDF
    objects out. The caller reads the page count before ``write_pdf``.
    """
    for page in document.pages:
        vars(page).pop("paint", None)  # the packing wrapper refers to its page: a cycle
    document.pages.clear()
