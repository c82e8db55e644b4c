"""Several servers sharing nothing on disk: two gunicorns and a Celery worker, each in a working
directory and MEDIA_ROOT of its own, with PostgreSQL, Redis and the object store (SeaweedFS) as
the only things they share (docs/operations.md, "Running on several servers").

A PDF asked for through the first web process is rendered by the worker into the bucket and
downloaded through the second, byte for byte; the same download without signing in, or straight
from the bucket, gets nothing.
"""

import hashlib

import psycopg
import pytest

from tests.drills.support import PROJECT, Gunicorn, HttpClient, app_env, collectstatic
from tests.servers import (
    OWN_PASSWORD,
    Celery,
    broker_redis,
    database_of_our_own,
    demo_installed,
    pdf_rendered,
)

pytestmark = [pytest.mark.postgres, pytest.mark.worker]

DATABASE = "hp_storage_e2e"


@pytest.fixture
def database():
    yield from database_of_our_own(DATABASE)


def _files_under(folder) -> list[str]:
    return [str(path) for path in folder.rglob("*") if path.is_file()]


def test_a_pdf_asked_for_on_one_server_is_rendered_by_the_worker_and_downloaded_from_another(
    database, bucket, tmp_path
):
    redis_url = broker_redis()  # the broker and the shared sessions
    shared = app_env(
        DATABASE_URL=database,
        CELERY_BROKER_URL=redis_url,
        CACHE_URL=redis_url,
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
    draft = demo_installed(envs["web1"], database)
    collectstatic(envs["web1"])
    collectstatic(envs["web2"])

    first = Gunicorn(envs["web1"], tmp_path / "web1.log", cwd=homes["web1"])
    second = Gunicorn(envs["web2"], tmp_path / "web2.log", cwd=homes["web2"])
    worker = Celery.worker(envs["worker"], tmp_path / "worker.log", cwd=homes["worker"])
    try:
        worker.start()
        first.start()
        second.start()
        worker.wait_ready()

        client = HttpClient(first.url, timeout=60)
        client.login("samordnare", OWN_PASSWORD)
        job, answer, _ = pdf_rendered(client, database, draft, timeout=240)

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
        assert bucket.unsigned_status(name) == 403

        # Nothing landed on any server's disk.
        for home in homes.values():
            assert _files_under(home / "media") == []
        assert worker.running(), "the worker died"
    finally:
        first.stop()
        second.stop()
        worker.stop()
