"""The production-like stack, end to end: gunicorn + Celery worker + beat + PostgreSQL + Redis.

Production settings (SECRET_KEY from the environment, JSON logs), a database of our own on the
shared PostgreSQL, and the test Redis (``TEST_REDIS_URL``, a database of this checkout's own) as
broker, session and page cache. The demo's published password is refused; log in over
HTTP with a password of the account's own, ask for a PDF, wait for the worker,
download it, check /health/, and find the request's id in the worker's JSON log.
"""

import json
import re
import uuid

import pytest

from tests.drills.support import Gunicorn, HttpClient, app_env, collectstatic, wait_until
from tests.servers import (
    OWN_PASSWORD,
    Celery,
    broker_redis,
    database_of_our_own,
    demo_installed,
    pdf_rendered,
)

pytestmark = [pytest.mark.postgres, pytest.mark.worker]

DATABASE = "hp_ops_e2e"


@pytest.fixture
def database():
    yield from database_of_our_own(DATABASE)


def _json_lines(text: str) -> list[dict]:
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):
            try:
                lines.append(json.loads(line))
            except ValueError:
                continue
    return lines


def test_the_production_stack_serves_renders_and_logs_with_request_ids(database, tmp_path):
    # One Redis database for the broker, sessions and pages (production gives each a number).
    redis_url = broker_redis()
    env = app_env(
        DATABASE_URL=database,
        CELERY_BROKER_URL=redis_url,
        # Sessions and pages in a shared Redis, as in docker-compose.yml: two web workers.
        CACHE_URL=redis_url,
        PAGE_CACHE_URL=redis_url,
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        LOG_LEVEL="INFO",
    )
    env.pop("LOG_FORMAT", None)  # production's default: JSON
    # The demo's published password signs no one in here; a real installation sets its own.
    draft = demo_installed(env, database)
    collectstatic(env)

    web = Gunicorn(env, tmp_path / "web.log", workers=2)
    worker = Celery.worker(env, tmp_path / "worker.log")
    beat = Celery.beat(env, tmp_path / "beat.log", tmp_path / "beat-schedule")
    try:
        worker.start()
        beat.start()
        web.start()
        worker.wait_ready()
        client = HttpClient(web.url, timeout=30)
        status, body, _ = client.get("/health/")
        assert status == 200 and json.loads(body) == {
            "database": "ok",
            "storage": "ok",
            "broker": "ok",
            "status": "ok",
        }
        client.get("/konto/login/")
        status, _, _ = client.post(
            "/konto/login/", {"username": "samordnare", "password": "demo-losenord"}
        )
        assert status == 200  # the form again: not signed in
        client.login("samordnare", OWN_PASSWORD)
        assert client.get(f"/program/{draft}/")[0] == 200

        request_id = f"e2e-{uuid.uuid4().hex}"
        job, answer, headers = pdf_rendered(
            client, database, draft, timeout=120, headers={"X-Request-ID": request_id}
        )
        assert headers["X-Request-ID"] == request_id
        status, pdf, headers = client.get(answer["download_url"])
        assert status == 200 and pdf.startswith(b"%PDF-")
        assert headers["Content-Type"] == "application/pdf"
        assert client.get("/health/")[0] == 200

        # The worker logged the render as JSON, under the id of the request that asked for it.
        def logged():
            lines = _json_lines((tmp_path / "worker.log").read_text())
            return [line for line in lines if line.get("request_id") == request_id]

        task_lines = wait_until(logged, 10, "worker log lines with the request id")
        assert any(re.search(rf"job {job} done", line["message"]) for line in task_lines)
        web_lines = _json_lines((tmp_path / "web.log").read_text())
        assert any(
            line.get("request_id") == request_id and line.get("status") == 302 for line in web_lines
        )
        assert worker.running() and beat.running(), "worker or beat died"
        assert b"beat: Starting" in (tmp_path / "beat.log").read_bytes()
    finally:
        web.stop()
        worker.stop()
        beat.stop()
