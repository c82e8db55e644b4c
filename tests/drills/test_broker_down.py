"""Drill: the broker (Redis) stops while the app runs, and comes back.

Our own redis-server on a free port. While it is down, pages keep working, /health/ says the
broker is unreachable, and asking for a PDF answers with a readable message (never a 500).
Once it is back, asking again queues the render. That a queued render is then done by a
worker, also after a worker died, is shown in tests/programme/test_pdf_worker.py.
"""

import base64
import json
import time

import pytest
import redis
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from committees import roles
from programme.documents import jobs as rendering
from programme.models import RenderJob
from tests.factories import MeasureFactory, UserFactory
from tests.servers import celery_broker

from .support import own_redis

# Transactional, so that on_commit runs when the view's transaction commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def coordinator():
    user = UserFactory(username="samordnare")
    user.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    return user


def test_pages_work_without_the_broker_and_a_pdf_can_be_asked_for_again_once_it_is_back(
    client, coordinator, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # /health/ asks the broker, as in production
    programme = MeasureFactory(title="Uppsökande arbete").section.programme
    client.force_login(coordinator)
    detail = reverse("programme:detail", args=[programme.pk])
    ask = reverse("programme:pdf_request", args=[programme.pk])

    with own_redis() as broker, celery_broker(broker.url):
        assert client.get(reverse("health")).json()["broker"] == "ok"
        broker.stop()

        assert client.get(detail).status_code == 200
        assert client.get(reverse("programme:list")).status_code == 200
        health = client.get(reverse("health"))
        assert health.status_code == 200 and health.json()["broker"] == "unreachable"

        started = time.monotonic()
        response = client.post(ask, follow=True)
        assert time.monotonic() - started < 15
        assert response.status_code == 200
        failed = RenderJob.objects.get()
        assert (failed.status, failed.error) == (RenderJob.Status.FAILED, rendering.BROKER_DOWN)
        with translation.override("sv"):
            assert translation.gettext(rendering.BROKER_DOWN) in response.content.decode()
        status = client.get(reverse("programme:pdf_status", args=[programme.pk, failed.pk]))
        assert status.status_code == 200 and status.json()["status"] == "failed"

        broker.start()
        again = client.post(ask)
        assert again.status_code == 302
        queued = RenderJob.objects.exclude(pk=failed.pk).get()
        assert queued.status == RenderJob.Status.QUEUED
        messages = redis.Redis.from_url(broker.url).lrange("celery", 0, -1)
        assert len(messages) == 1
        message = json.loads(messages[0])
        assert message["headers"]["task"] == "programme.documents.tasks.render_programme_pdf"
        assert json.loads(base64.b64decode(message["body"]))[0] == [queued.pk]  # the task's args
