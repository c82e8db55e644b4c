"""Adjustments to WeasyPrint and pydyf that make the programme PDF cheaper to render.

Written for and measured with **WeasyPrint 70.0 and pydyf 0.13.0** (the versions pinned in
requirements.lock). Together they leave the file byte for byte the same
(tests/programme/test_pdf_document.py). The two that reach into WeasyPrint's or pydyf's
internals (the page references and the user-agent stylesheet) apply only while the installed
versions are exactly these; with others WeasyPrint and pydyf run as they come. A test
(tests/programme/test_weasyprint_tuning.py) fails as soon as the installed versions differ:
whoever upgrades re-runs ``python -m benchmarks.pdf`` with and without each adjustment, keeps
only those still worth it, and updates the versions here and the numbers in docs/benchmarks.md
("The WeasyPrint adjustments").

What each buys (the measurements are in docs/benchmarks.md, not here):

- ``page_references_cached``: pydyf rebuilds its tuple of page references on every read and
  WeasyPrint's tagging reads it once per structure element, so tagging grows with pages times
  elements; cached, it is linear. The largest gain at 1000 measures.
- ``ProgrammeHTML``: WeasyPrint's user-agent stylesheet without the rules that give every element
  a ``::marker`` and five footnote/note pseudo-element styles nothing here uses. Less cascade
  work and a lower memory peak.
- ``render_without_collecting``: no garbage collection during layout, one collection after it.
  Layout makes millions of objects that live until it ends; the collector walked them again
  and again while they grew.
- ``release_pages``: the laid-out pages dropped once they are drawn and tagged, before the file
  is serialised, so serialisation reuses their memory instead of adding to it. Public API only
  (WeasyPrint's ``finisher`` hook and ``Document.pages``).

Tried and removed when this module was made: packing each page's content stream as soon as it
is drawn. It needs pydyf's private ``_to_bytes`` and saved too little to justify that.

Only the render path imports this module (programme.documents.render, used by the worker's task
and the render_programme command); the web process never loads WeasyPrint.
"""

import gc
import re
from collections.abc import Callable
from functools import lru_cache
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


# --- WeasyPrint: pages released before the file is serialised ------------------------------


def release_pages(document: weasyprint.Document, pdf: pydyf.PDF) -> None:
    """``write_pdf``'s finisher: drop the laid-out pages, which nothing reads after it.

    WeasyPrint calls the finisher after drawing and tagging, just before it writes the PDF
    objects out. The caller reads the page count before ``write_pdf``.
    """
    document.pages.clear()
