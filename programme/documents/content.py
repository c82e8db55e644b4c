"""What names a programme PDF without rendering it: its content hash, layout fingerprint and file name.

The request path (programme.documents.jobs) needs these to find a live job or a finished file of
the same content, so this module must not import WeasyPrint: only the worker and the
render_programme command load it (through programme.documents.render).
"""

import hashlib
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.utils.text import slugify

from .document import DocumentKind, ProgrammeDocument
from .logo import municipality_logo

TEMPLATE_NAME = "programme/pdf/programme.html"
STYLESHEET_PATH = "pdf/programme.css"
# PDF/A-2, conformance level A: archival (fonts embedded, sRGB output intent, XMP identification,
# no external content) and accessible (tagged structure, Unicode text, document language).
PDF_VARIANT = "pdf/a-2a"


@lru_cache(maxsize=1)
def layout_fingerprint() -> str:
    """A fingerprint of everything besides the data that shapes the file: template, CSS, fonts,
    logo, engine.

    Part of the content hash, so changing the layout renders again instead of reusing old files.
    The engine's version is read from the installed package's metadata, not from WeasyPrint.
    """
    digest = hashlib.sha256()
    digest.update(f"{version('weasyprint')}|{PDF_VARIANT}".encode())
    digest.update(Path(get_template(TEMPLATE_NAME).origin.name).read_bytes())
    static = Path(settings.BASE_DIR) / "static"
    digest.update((static / STYLESHEET_PATH).read_bytes())
    for font in sorted((static / "fonts").rglob("*.ttf")):
        digest.update(font.name.encode())
        digest.update(str(font.stat().st_size).encode())
    logo = municipality_logo()
    digest.update((logo.fingerprint() if logo else "no logo").encode())
    return digest.hexdigest()[:16]


def content_hash(document: ProgrammeDocument) -> str:
    """SHA-256 over the document's canonical JSON, its kind and the layout fingerprint."""
    payload = f"{layout_fingerprint()}\n{document.kind}\n{document.canonical_json()}"
    return hashlib.sha256(payload.encode()).hexdigest()


def document_filename(document: ProgrammeDocument) -> str:
    """A download name like ``handlingsprogram-skelleftea-2020-2023-v2.pdf``."""
    place = slugify(document.programme.municipality.removesuffix(" kommun"))
    period = document.programme.period.replace("–", "-")
    suffix = {
        DocumentKind.DRAFT: "-utkast",
        DocumentKind.CONSULTATION: "-remissversion",
        DocumentKind.SUBMISSION: "-forslag",
        DocumentKind.FOLLOW_UP: "-uppfoljning",
    }.get(document.kind, "")
    return f"handlingsprogram-{place}-{period}-v{document.programme.edition}{suffix}.pdf"
