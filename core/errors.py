"""Error pages that never need the database: 503 while it is unreachable, 500 for anything else;
and a refusal (403) logged as one line."""

import logging
import sys

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseForbidden
from django.template import loader
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
