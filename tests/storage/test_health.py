"""/health/ with the files in a bucket: it asks the bucket, and fails when the bucket does not answer."""

import socket
import time

import pytest
from django.urls import reverse

from handlingsprogram.settings.storage import file_storage

from .support import seaweedfs_started

pytestmark = pytest.mark.django_db


def _health(client) -> tuple[int, dict, float]:
    started = time.monotonic()
    response = client.get(reverse("health"))
    return response.status_code, response.json(), time.monotonic() - started


def test_health_is_ok_while_the_bucket_answers_and_503_once_it_is_stopped(client, settings):
    # A SeaweedFS of this test's own: the folder's shared one must keep running.
    started = seaweedfs_started()
    server = next(started)
    try:
        settings.STORAGES = server.storages(settings.STORAGES)
        status, body, _ = _health(client)
        assert (status, body["storage"], body["status"]) == (200, "ok", "ok")
        assert server.objects() == {}  # it only asked

        # Gone at once, as with a crash (weed takes ~20 s over an orderly stop).
        server.process.kill()
        server.process.wait(timeout=10)
        status, body, took = _health(client)
        assert (status, body["storage"], body["status"]) == (503, "unreachable", "unavailable")
        assert body["database"] == "ok"
        assert took < 5
    finally:
        started.close()


def test_health_fails_when_the_bucket_refuses_our_key(client, settings, bucket):
    env = {**bucket.env(), "AWS_SECRET_ACCESS_KEY": "not-the-secret-0123456789abcdef"}
    settings.STORAGES = {**settings.STORAGES, "default": file_storage(env)}
    status, body, _ = _health(client)
    assert (status, body["storage"]) == (503, "unreachable")


def test_health_gives_up_on_a_bucket_that_never_answers_within_seconds(client, settings):
    # Accepts the connection (the kernel's backlog) and never says a word.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        env = {
            "AWS_STORAGE_BUCKET_NAME": "silent",
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{silent.getsockname()[1]}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "key",
            "AWS_SECRET_ACCESS_KEY": "secret",
        }
        settings.STORAGES = {**settings.STORAGES, "default": file_storage(env)}
        status, body, took = _health(client)
    assert (status, body["storage"]) == (503, "unreachable")
    # Within the probe's timeouts (connect 1 s, read 2 s), not botocore's 60 s with retries.
    assert took < 5
