"""Error pages: our template with a reference, never a traceback; 503 when the database is away."""

import io
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client
from django.urls import path, reverse

from handlingsprogram.urls import urlpatterns as project_urls
from tests.factories import ProgrammeFactory


def _database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def _bug(request):
    raise ZeroDivisionError("secret detail /srv/app")


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("db-gone/", _database_gone),
    path("bug/", _bug),
    path("forbidden/", _forbidden),
    *project_urls,
]
handler500 = "core.errors.server_error"


@pytest.fixture
def client(settings):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


def test_a_database_outage_answers_503_with_our_page(client):
    response = client.get("/db-gone/", headers={"X-Request-ID": "req-503"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert '<main id="main"' in body and "req-503" in body
    assert "Traceback" not in body and "127.0.0.1" not in body


def test_any_other_error_answers_500_with_our_page_and_no_details(client):
    response = client.get("/bug/", headers={"X-Request-ID": "req-500"})

    assert response.status_code == 500
    body = response.content.decode()
    assert '<main id="main"' in body and "req-500" in body
    assert "ZeroDivisionError" not in body and "/srv/app" not in body


@pytest.mark.django_db
def test_a_missing_page_is_a_swedish_404_in_the_site_layout(client, settings):
    settings.DEBUG = False
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    body = response.content.decode()
    assert '<main id="main"' in body and 'class="site-header"' in body
    assert "<h1>Sidan finns inte</h1>" in body
    assert "Not Found" not in body


@pytest.mark.django_db
def test_a_draft_on_the_public_page_is_the_same_404(client, settings):
    """A draft is a 404 for those who may not see it: the page must not tell it apart."""
    settings.DEBUG = False
    programme = ProgrammeFactory()
    response = client.get(reverse("programme:public", args=[programme.pk]))

    assert response.status_code == 404
    assert "<h1>Sidan finns inte</h1>" in response.content.decode()


@pytest.fixture
def console():
    """What the configured stream handlers (those a 403 record passes on its way up from
    django.request, pytest's own left out) print, collected in one buffer."""
    buffer = io.StringIO()
    handlers, logger = [], logging.getLogger("django.request")
    while logger:
        handlers += [h for h in logger.handlers if type(h) is logging.StreamHandler]
        logger = logger.parent if logger.propagate else None
    previous = [handler.setStream(buffer) for handler in handlers]
    yield buffer
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_a_403_logs_one_line_without_a_traceback(client, settings, caplog, console, debug):
    """A refusal is expected behaviour, not a fault: one warning line, in development too
    (where Django's own console handler used to print it a second time)."""
    settings.DEBUG = debug
    caplog.set_level(logging.INFO)

    response = client.get("/forbidden/", headers={"X-Request-ID": "req-403"})

    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert record.getMessage() == "Forbidden (Permission denied): /forbidden/"
    printed = console.getvalue()
    assert "Traceback" not in printed
    assert printed.count("Forbidden (Permission denied): /forbidden/") == 1
