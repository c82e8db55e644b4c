"""Whole rendered pages, cached under everything they show.

A view first answers who may see what (404 and 403 come before the cache), then calls
:func:`render_cached` with the versions of the data the page shows (usually the programme's
``content_version``, see ``programme.cache_generation``). The cache key also holds the template,
the path with its query string, the language, today's date (pages mark overdue measures) and
the viewer's :func:`committees.roles.signature` (name, flags, groups and committee seats), so
two people share an entry only when they would be shown the same page.

Two parts of a page belong to one request and are never stored: the CSRF token (the page is
stored in pieces split where the token goes, joined with this request's token) and flash
messages (a page with messages to show is rendered, not cached). A cache that fails (an unreachable server) only costs the
render: the page is still answered.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from committees import roles

logger = logging.getLogger(__name__)

_TOKEN_VALUE = re.compile(r'(?<=name="csrfmiddlewaretoken" value=")[^"]*(?=")')


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def page_key(request, template_name: str, versions: tuple) -> str:
    parts = (
        template_name,
        request.get_full_path(),
        get_language(),
        timezone.localdate().isoformat(),
        roles.signature(request.user),
        versions,
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _rendered(request, template_name: str, context) -> list[bytes]:
    """The page as UTF-8, split where this request's CSRF token goes (one piece if it has none)."""
    html = render_to_string(template_name, context(), request)
    return [part.encode() for part in _TOKEN_VALUE.split(html)]


def render_cached(request, template_name: str, *, versions: tuple, context) -> HttpResponse:
    """The page ``template_name`` for this request; ``context`` (a callable) runs only on a miss.

    ``versions`` must change whenever anything the page shows changes, apart from what the key
    holds anyway (see the module docstring).
    """
    if request.method != "GET" or len(get_messages(request)):
        return HttpResponse(render_to_string(template_name, context(), request))
    key = page_key(request, template_name, versions)
    try:
        parts = _cache().get(key)
    except Exception:  # any cache failure: answer without it
        logger.warning("page cache unavailable for get", exc_info=True)
        parts = None
    if parts is None:
        parts = _rendered(request, template_name, context)
        try:
            _cache().set(key, parts, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("page cache unavailable for set", exc_info=True)
    if len(parts) == 1:
        return HttpResponse(parts[0])
    # One masked token for every form on the page, as Django accepts any masking of the secret.
    return HttpResponse(get_token(request).encode().join(parts))
