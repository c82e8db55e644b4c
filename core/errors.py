"""Error pages: 400 in the site layout; 503 while the database is unreachable and 500 for anything
else, both without the database; and a refusal (403) logged as one line."""

import logging
import sys

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from .requestid import current_request_id

# The database (or the connection to it) is gone: a temporary state, so 503 with Retry-After.
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Django's handler500: 503 when the database is unreachable, else 500; both without a traceback.

    The page is rendered without the request's context processors, which would reach for the
    session and the user, that is the database.
    """
    error = sys.exc_info()[1]
    unavailable = isinstance(error, UNAVAILABLE_ERRORS)
    template = loader.get_template("503.html" if unavailable else template_name)
    body = template.render({"request_id": current_request_id()})
    response = HttpResponse(body, status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = "30"
    return response


class ExplainedRefusal(PermissionDenied):
    """A refusal whose reason the user can act on (the programme is locked, not their role):
    the 403 page shows ``reason`` instead of the general "your role does not allow this"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def permission_denied(request, exception=None, template_name="403.html"):
    """Django's handler403, with the reason of an ``ExplainedRefusal`` for the page to show."""
    reason = exception.reason if isinstance(exception, ExplainedRefusal) else ""
    template = loader.get_template(template_name)
    return HttpResponseForbidden(template.render({"reason": reason}, request))


class PermissionDeniedWithoutTraceback(logging.Filter):
    """Keep Django's "Forbidden (Permission denied): <path>" warning, drop its traceback.

    A refusal is the permission rules working, not a fault; its traceback only shows where
    PermissionDenied was raised, and filled the log at every 403. Installed on the
    ``django.request`` logger (settings.LOGGING), so every handler sees the one line.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True


def bad_request(request, exception, template_name="400.html"):
    """Django's handler400, in the site layout (Django's own renders without the request)."""
    return render(request, template_name, status=400)


def too_large_message() -> str:
    """What we tell someone whose form post is over ``DATA_UPLOAD_MAX_MEMORY_SIZE``."""
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return _(
        "What you sent is larger than %(limit)s and could not be received, so nothing was "
        "saved. Shorten the text (a pasted image or a whole document is often the cause) and "
        "try again."
    ) % {"limit": limit}
