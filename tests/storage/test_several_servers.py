"""Several servers sharing nothing on disk: two gunicorns and a Celery worker, each in a working
directory and MEDIA_ROOT of its own, with PostgreSQL, Redis and the object store (SeaweedFS) as
the only things they share (docs/operations.md, "Running on several servers").

A PDF asked for through the first web process is rendered by the worker into the bucket and
downloaded through the second, byte for byte; the same download without signing in, or straight
from the bucket, gets nothing.
"""

import hashlib
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

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
from tests.ops.test_backup import _server_url
from tests.support import port_open, require

from .support import BUCKET

pytestmark = [pytest.mark.postgres, pytest.mark.worker]

DATABASE = "hp_storage_e2e"
# Broker and shared sessions; a database of Redis no other test empties.
REDIS = os.environ.get("TEST_STORAGE_REDIS_URL", "redis://127.0.0.1:6379/7")
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


def _files_under(folder) -> list[str]:
    return [str(path) for path in folder.rglob("*") if path.is_file()]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  (our own server)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_pdf_asked_for_on_one_server_is_rendered_by_the_worker_and_downloaded_from_another(
    database, bucket, tmp_path
):
    redis.Redis.from_url(REDIS).flushdb()
    shared = app_env(
        DATABASE_URL=database,
        CELERY_BROKER_URL=REDIS,
        CACHE_URL=REDIS,
        PYTHONPATH=str(PROJECT),
        LOG_LEVEL="WARNING",
        **bucket.env(),
    )
    # Each process its own folder: its working directory, MEDIA_ROOT and static files.
    homes = {name: tmp_path / name for name in ("web1", "web2", "worker")}
    envs = {}
    for name, home in homes.items():
        (home / "media").mkdir(parents=True)
        envs[name] = {
            **shared,
            "MEDIA_ROOT": str(home / "media"),
            "STATIC_ROOT": str(home / "static"),
        }
    manage(envs["web1"], "migrate", "--noinput", "-v", "0")
    manage(envs["web1"], "seed_demo", "--force")
    manage(envs["web1"], "shell", "-c", _SET_OWN_PASSWORD)
    collectstatic(envs["web1"])
    collectstatic(envs["web2"])
    with psycopg.connect(database) as db:
        (draft,) = db.execute(
            "SELECT id FROM programme_programme WHERE status = 'draft'"
        ).fetchone()

    first = Gunicorn(envs["web1"], tmp_path / "web1.log", cwd=homes["web1"])
    second = Gunicorn(envs["web2"], tmp_path / "web2.log", cwd=homes["web2"])
    worker_log = (tmp_path / "worker.log").open("wb")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "handlingsprogram",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "INFO",
        ],
        cwd=homes["worker"],
        env=envs["worker"],
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    try:
        first.start()
        second.start()
        wait_until(lambda: b"ready" in (tmp_path / "worker.log").read_bytes(), 60, "worker ready")

        client = HttpClient(first.url, timeout=60)
        client.login("samordnare", OWN_PASSWORD)
        status, _, _ = client.post(f"/program/{draft}/pdf/", {})
        assert status == 302
        with psycopg.connect(database) as db:
            (job,) = db.execute(
                "SELECT id FROM programme_renderjob WHERE programme_id = %s ORDER BY id DESC",
                [draft],
            ).fetchone()

        def finished():
            answer = json.loads(client.get(f"/program/{draft}/pdf/{job}/status/")[1])
            return answer if answer["status"] in {"done", "failed"} else None

        answer = wait_until(finished, 240, "the worker finishing the PDF", interval=0.5)
        assert answer["status"] == "done", answer

        # The second server: the same session (shared through Redis), no file of its own.
        client.base_url = second.url
        status, pdf, headers = client.get(answer["download_url"])
        assert status == 200, pdf[:500]
        assert headers["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF-")
        with psycopg.connect(database) as db:
            name, sha256 = db.execute(
                "SELECT file, sha256 FROM programme_renderjob WHERE id = %s", [job]
            ).fetchone()
        assert hashlib.sha256(pdf).hexdigest() == sha256
        assert bucket.objects()[name] == sha256
        assert client.get("/health/")[0] == 200

        # Refused: the download without signing in, and the object straight from the bucket.
        stranger = HttpClient(second.url, timeout=30)
        status, body, _ = stranger.get(answer["download_url"])
        assert status in {302, 403, 404} and not body.startswith(b"%PDF-")
        assert _status(f"{bucket.endpoint}/{BUCKET}/{name}") == 403

        # Nothing landed on any server's disk.
        for home in homes.values():
            assert _files_under(home / "media") == []
        assert worker.poll() is None, "the worker died"
    finally:
        first.stop()
        second.stop()
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
        worker_log.close()
