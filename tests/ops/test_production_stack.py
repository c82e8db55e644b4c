"""The production-like stack, end to end: gunicorn + Celery worker + beat + PostgreSQL + Redis.

Production settings (SECRET_KEY from the environment, JSON logs), a database of our own on the
shared PostgreSQL and Redis database 5. The demo's published password is refused; log in over
HTTP with a password of the account's own, ask for a PDF, wait for the worker,
download it, check /health/, and find the request's id in the worker's JSON log.
"""

import json
import re
import subprocess
import sys
import uuid

import psycopg
import pytest
import redis
from django.db import connection

from tests.drills.support import (
    PROJECT,
    Gunicorn,
    HttpClient,
    app_env,
    collectstatic,
    manage,
    wait_until,
)
from tests.support import port_open, require, require_redis

from .test_backup import _server_url

pytestmark = [pytest.mark.postgres, pytest.mark.worker]

DATABASE = "hp_ops_e2e"
BROKER = "redis://127.0.0.1:6379/5"
OWN_PASSWORD = "ett-eget-lösenord-för-samordnaren"
_SET_OWN_PASSWORD = (
    "from django.contrib.auth import get_user_model;"
    "user = get_user_model().objects.get(username='samordnare');"
    f"user.set_password({OWN_PASSWORD!r}); user.save()"
)


@pytest.fixture
def database():
    require(connection.vendor == "postgresql", "DATABASE_URL must point at PostgreSQL")
    require(port_open("127.0.0.1", 6379), "Redis is not running on 127.0.0.1:6379")
    admin = _server_url("postgres")
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{DATABASE}"')
    yield _server_url(DATABASE)
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def _celery(env: dict, log, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "handlingsprogram", *args],
        cwd=PROJECT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


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
    redis.Redis.from_url(BROKER).flushdb()
    env = app_env(
        DATABASE_URL=database,
        CELERY_BROKER_URL=BROKER,
        # Sessions and pages in a shared Redis, as in docker-compose.yml: two web workers.
        CACHE_URL=require_redis(),
        PAGE_CACHE_URL=require_redis(),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        LOG_LEVEL="INFO",
    )
    env.pop("LOG_FORMAT", None)  # production's default: JSON
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo", "--force")
    # The demo's published password signs no one in here; a real installation sets its own.
    manage(env, "shell", "-c", _SET_OWN_PASSWORD)
    collectstatic(env)
    with psycopg.connect(database) as db:
        draft = db.execute("SELECT id FROM programme_programme WHERE status = 'draft'").fetchone()[
            0
        ]

    web = Gunicorn(env, tmp_path / "web.log", workers=2)
    worker_log = (tmp_path / "worker.log").open("wb")
    beat_log = (tmp_path / "beat.log").open("wb")
    processes = []
    try:
        processes.append(
            _celery(
                env,
                worker_log,
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "INFO",
            )
        )
        processes.append(
            _celery(
                env, beat_log, "beat", "-l", "INFO", "--schedule", str(tmp_path / "beat-schedule")
            )
        )
        web.start()
        wait_until(
            lambda: b"ready" in (tmp_path / "worker.log").read_bytes(), 60, "worker ready", 0.2
        )
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
        status, _, headers = client.post(
            f"/program/{draft}/pdf/", {}, headers={"X-Request-ID": request_id}
        )
        assert status == 302 and headers["X-Request-ID"] == request_id
        with psycopg.connect(database) as db:
            job = db.execute(
                "SELECT id FROM programme_renderjob WHERE programme_id = %s ORDER BY id DESC",
                [draft],
            ).fetchone()[0]

        def finished():
            answer = json.loads(client.get(f"/program/{draft}/pdf/{job}/status/")[1])
            return answer if answer["status"] in {"done", "failed"} else None

        answer = wait_until(finished, 120, "the worker finishing the PDF", interval=0.5)
        assert answer["status"] == "done", answer
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
        assert all(process.poll() is None for process in processes), "worker or beat died"
        assert b"beat: Starting" in (tmp_path / "beat.log").read_bytes()
    finally:
        web.stop()
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        worker_log.close()
        beat_log.close()
