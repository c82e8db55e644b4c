"""Drill: the database goes away while the app runs, and comes back.

Our own PostgreSQL cluster (a temporary folder, a free port) and gunicorn under the production
settings, once with Django's connection pool (the default) and once with persistent connections
(DATABASE_POOL=false). While the database is down, /health/ answers 503 and a page answers 503
with our error page (no traceback), quickly; once it is back the same gunicorn process serves
again: CONN_HEALTH_CHECKS replaces the dead connection (the pool checks each one it hands
out), nobody restarts anything.
"""

import json
import time

import pytest

from tests.support import require

from .support import Gunicorn, HttpClient, app_env, collectstatic, manage, own_postgres, wait_until

pytestmark = [pytest.mark.postgres]


@pytest.mark.parametrize(
    "connections",
    [{}, {"DATABASE_POOL": "false", "CONN_MAX_AGE": "60"}],
    ids=["pool", "persistent"],
)
def test_requests_fail_cleanly_while_the_database_is_down_and_recover_without_a_restart(
    tmp_path, connections
):
    require(gunicorn_available(), "gunicorn is not installed")
    with own_postgres() as postgres:
        postgres.createdb("hp_ops_drill")
        env = app_env(
            DATABASE_URL=postgres.url("hp_ops_drill"),
            CELERY_BROKER_URL="",
            **connections,
            STATIC_ROOT=str(tmp_path / "static"),
            MEDIA_ROOT=str(tmp_path / "media"),
            LOG_LEVEL="WARNING",
        )
        manage(env, "migrate", "--noinput", "-v", "0")
        collectstatic(env)
        app = Gunicorn(env, tmp_path / "gunicorn.log", workers=1)
        app.start()
        try:
            client = HttpClient(app.url, timeout=15)
            assert client.get("/health/")[0] == 200
            assert client.get("/")[0] == 200  # the worker now holds a connection
            pid = app.process.pid

            postgres.stop()
            started = time.monotonic()
            status, body, _ = client.get("/health/")
            assert status == 503
            assert json.loads(body)["database"] == "unreachable"
            status, body, headers = client.get("/", headers={"X-Request-ID": "drill-db-down"})
            assert status == 503
            page = body.decode()
            assert '<main id="main"' in page and "drill-db-down" in page
            assert "Traceback" not in page and "OperationalError" not in page
            assert headers.get("Retry-After") == "30"
            assert time.monotonic() - started < 10  # failing fast, not hanging

            postgres.start()
            wait_until(lambda: client.get("/health/")[0] == 200, 30, "/health/ back to 200")
            assert client.get("/")[0] == 200
            assert app.process.pid == pid and app.process.poll() is None
            log = (tmp_path / "gunicorn.log").read_text()
            # One worker booted, none timed out or was replaced: the same process recovered.
            assert log.count("Booting worker") == 1 and "WORKER TIMEOUT" not in log, log[-3000:]
        finally:
            app.stop()


def gunicorn_available() -> bool:
    from .support import GUNICORN

    return GUNICORN.exists()
