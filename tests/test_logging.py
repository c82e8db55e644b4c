"""Request ids: on the response, on every log record of the request, and inside Celery tasks;
JSON log lines in production."""

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from celery import shared_task
from django.urls import reverse

from core import requestid
from handlingsprogram.settings import base

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def records(caplog):
    caplog.handler.addFilter(requestid.RequestIdFilter())
    caplog.set_level(logging.INFO)
    return caplog


def test_every_response_carries_a_generated_request_id(client):
    first = client.get(reverse("health"))
    second = client.get(reverse("health"))
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_proxys_request_id_is_kept_and_a_hostile_one_replaced(client):
    kept = client.get(reverse("health"), headers={"X-Request-ID": "lb-7f3a.42"})
    assert kept["X-Request-ID"] == "lb-7f3a.42"
    hostile = client.get(reverse("health"), headers={"X-Request-ID": "x\n{evil} " + "a" * 300})
    assert hostile["X-Request-ID"] != "x\n{evil} " + "a" * 300
    assert len(hostile["X-Request-ID"]) == 32


def test_the_requests_log_records_carry_its_id(client, records):
    response = client.get(reverse("health"), headers={"X-Request-ID": "req-123"})

    lines = [r for r in records.records if r.name == "handlingsprogram.request"]
    assert [r.request_id for r in lines] == ["req-123"]
    assert lines[0].status == 200 and lines[0].path == "/health/"
    assert response["X-Request-ID"] == "req-123"
    # Outside a request the field is still there, so formatters never fail.
    logging.getLogger("tests").info("after the request")
    assert records.records[-1].request_id == "-"


def test_a_published_task_gets_the_request_id_in_its_headers():
    headers = {}
    token = requestid.request_id_var.set("req-abc")
    try:
        requestid._add_request_id_to_task(headers=headers)
    finally:
        requestid.request_id_var.reset(token)
    assert headers == {"request_id": "req-abc"}
    # Outside a request nothing is added.
    empty = {}
    requestid._add_request_id_to_task(headers=empty)
    assert empty == {}


@shared_task
def _log_inside_a_task():
    logging.getLogger("tests.task").info("inside the task")
    return requestid.current_request_id()


def test_a_task_runs_and_logs_under_the_request_id_it_was_sent_with(records):
    result = _log_inside_a_task.apply(headers={"request_id": "req-from-web"})

    assert result.get() == "req-from-web"
    task_lines = [r for r in records.records if r.name == "tests.task"]
    assert [r.request_id for r in task_lines] == ["req-from-web"]
    assert requestid.current_request_id() == "-"  # reset after the task


def test_json_log_lines_carry_level_logger_message_and_request_id():
    config = base.LOGGING["formatters"]["json"]
    factory = config["()"]
    module, _, name = factory.rpartition(".")
    formatter_class = getattr(__import__(module, fromlist=[name]), name)
    formatter = formatter_class(config["format"], rename_fields=config["rename_fields"])
    record = logging.LogRecord(
        "programme.documents.jobs", logging.WARNING, __file__, 1, "ojdå %s", ("x",), None
    )
    record.request_id = "req-9"

    line = json.loads(formatter.format(record))

    assert line["level"] == "WARNING" and line["logger"] == "programme.documents.jobs"
    assert line["message"] == "ojdå x" and line["request_id"] == "req-9"
    assert "time" in line


def test_production_logs_json_by_default():
    # A fresh process: importing the production settings here would change this process's.
    script = (
        "from handlingsprogram.settings import production as p;"
        "print(p.LOGGING['handlers']['console']['formatter'], p.DATABASES['default']['CONN_MAX_AGE'])"
    )
    env = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "x7" * 30 + "-Qz9_long-random"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["json", "60"]
