"""What names a follow-up report without rendering it: its layout fingerprint, content hash and
file name. As ``content`` for the programme PDF, this must not import WeasyPrint: the request
path uses it to find a live job or a finished file of the same content."""

import hashlib
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.utils.text import slugify

from .content import PDF_VARIANT
from .round_report import RoundReportDocument

TEMPLATE_NAME = "programme/pdf/round_report.html"
# The programme PDF's stylesheet (fonts, page, headings) and the report's own additions.
STYLESHEET_PATHS = ("pdf/programme.css", "pdf/round_report.css")


@lru_cache(maxsize=1)
def round_report_layout_fingerprint() -> str:
    """A fingerprint of the template, stylesheets, fonts, engine and variant of the report."""
    digest = hashlib.sha256()
    digest.update(f"{version('weasyprint')}|{PDF_VARIANT}".encode())
    digest.update(Path(get_template(TEMPLATE_NAME).origin.name).read_bytes())
    static = Path(settings.BASE_DIR) / "static"
    for stylesheet in STYLESHEET_PATHS:
        digest.update((static / stylesheet).read_bytes())
    for font in sorted((static / "fonts").rglob("*.ttf")):
        digest.update(font.name.encode())
        digest.update(str(font.stat().st_size).encode())
    return digest.hexdigest()[:16]


def round_report_hash(document: RoundReportDocument) -> str:
    """SHA-256 over the report's canonical JSON, its kind and the layout fingerprint."""
    payload = f"{round_report_layout_fingerprint()}\n{document.kind}\n{document.canonical_json()}"
    return hashlib.sha256(payload.encode()).hexdigest()


def round_report_filename(document: RoundReportDocument) -> str:
    """A download name like ``uppfoljningsrapport-skelleftea-2026-2029-uppfoljning-2026.pdf``."""
    place = slugify(document.programme.municipality.removesuffix(" kommun"))
    period = document.programme.period.replace("–", "-")
    return f"uppfoljningsrapport-{place}-{period}-{slugify(document.round_name)[:60]}.pdf"
