"""The municipality's logo (``settings.MUNICIPALITY_LOGO``): where the file is, and its type.

An installation sets it to an SVG or PNG file inside its static files or ``MEDIA_ROOT``. The PDF
loads it through the restricted fetcher (programme.documents.fetcher), which serves this one
file and nothing else outside static/pdf and static/fonts; the pages load it from the logo view.
No WeasyPrint here: the request path reads it too.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.urls import reverse

CONTENT_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Logo:
    path: Path
    content_type: str

    def fingerprint(self) -> str:
        """Name, size and modification time: a new logo renders the PDFs again."""
        stat = self.path.stat()
        return f"{self.path.name}|{stat.st_size}|{stat.st_mtime_ns}"


def _inside(root: Path, relative: str) -> Path | None:
    root = root.resolve()
    candidate = (root / relative).resolve()
    return candidate if candidate.is_relative_to(root) and candidate.is_file() else None


def municipality_logo() -> Logo | None:
    """The configured logo, if it names an SVG or PNG file (at most 2 MB) that exists."""
    relative = (settings.MUNICIPALITY_LOGO or "").strip().lstrip("/")
    content_type = CONTENT_TYPES.get(Path(relative).suffix.lower())
    if not relative or content_type is None:
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:  # a path that leaves the static folders
        return None
    path = Path(found).resolve() if found else _inside(Path(settings.MEDIA_ROOT), relative)
    if path is None or not path.is_file() or path.stat().st_size > MAX_BYTES:
        return None
    return Logo(path=path, content_type=content_type)


def municipality_logo_url() -> str:
    """Where the pages load the logo from ("" when none is configured)."""
    return reverse("programme:municipality_logo") if municipality_logo() else ""
