"""The only way WeasyPrint may load anything while it renders a programme.

WeasyPrint's default fetcher reads local files, requests any URL and embeds
``<link rel="attachment">`` targets. Programme texts are written by users, so the PDF service
uses this fetcher instead: it serves the project's own PDF stylesheet and fonts and ``data:``
URIs, and refuses everything else without touching the file system or the network.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .logo import municipality_logo

logger = logging.getLogger(__name__)

# A reserved top-level domain (RFC 2606): even a URL that escaped this fetcher resolves nowhere.
STATIC_ORIGIN = "https://static.invalid/"
# Sub-folders of static/ that the PDF may load from.
ALLOWED_FOLDERS = ("pdf", "fonts")
# The municipality's logo, wherever settings.MUNICIPALITY_LOGO puts it: this one file only.
LOGO_URL = STATIC_ORIGIN + "municipality-logo"


class BlockedURLError(ValueError):
    """The URL is outside what a programme PDF may load."""


class StaticOnlyURLFetcher(URLFetcher):
    """Serve ``STATIC_ORIGIN`` paths from the project's static/pdf and static/fonts, the
    configured municipality logo at ``LOGO_URL``, and data: URIs."""

    def __init__(self, static_root: Path | None = None):
        # data: only; https is answered below before the opener would ever see it.
        super().__init__(
            timeout=1, allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False
        )
        root = Path(static_root or Path(settings.BASE_DIR) / "static").resolve()
        self._roots = tuple((root / folder).resolve() for folder in ALLOWED_FOLDERS)
        self.blocked: list[str] = []

    def fetch(self, url, headers=None):
        if url == LOGO_URL:
            return self._logo(url)
        if url.startswith(STATIC_ORIGIN):
            return self._static(url)
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        return self._refuse(url)

    def _static(self, url: str) -> URLFetcherResponse:
        relative = unquote(urlsplit(url).path).lstrip("/")
        for root in self._roots:
            candidate = (root.parent / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                content_type = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, candidate.read_bytes(), headers={"Content-Type": content_type}
                )
        return self._refuse(url)

    def _logo(self, url: str) -> URLFetcherResponse:
        logo = municipality_logo()
        if logo is None:
            return self._refuse(url)
        return URLFetcherResponse(
            url, logo.path.read_bytes(), headers={"Content-Type": logo.content_type}
        )

    def _refuse(self, url: str):
        self.blocked.append(url)
        logger.warning("PDF rendering refused to load %s", url[:200])
        raise BlockedURLError(f"not allowed in a programme PDF: {url[:200]}")
