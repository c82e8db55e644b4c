"""The app's processes on the machine's shared PostgreSQL and Redis, for the tests that run them:
a database of a test's own with the demo installed, Celery worker and beat (the one way tests
start Celery), a PDF asked for over HTTP and rendered by the worker, ``celery_broker`` (this
process sending to a real broker), and the ``broker`` and ``start_worker`` fixtures for workers
that serve the test process itself. Gunicorn and the HTTP
client are the drills' (tests/drills/support.py).
"""

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection

from tests.drills.support import PROJECT, HttpClient, manage, stop_process, wait_until
from tests.support import port_open, require, require_redis

# What Celery keeps in a Redis broker: the queue, and the messages delivered but not acknowledged.
BROKER_KEYS = ("celery", "unacked", "unacked_index", "unacked_mutex")
# Seconds before Redis hands a message a worker took but never acknowledged to another worker:
# short, so a test whose worker was killed need not wait the hour production waits.
WORKER_VISIBILITY_TIMEOUT = 5

# The demo's published password signs no one in under production settings; a real installation
# sets its own, and so do these tests.
OWN_PASSWORD = "ett-eget-lösenord-för-samordnaren"
_SET_OWN_PASSWORD = (
    "from django.contrib.auth import get_user_model;"
    "user = get_user_model().objects.get(username='samordnare');"
    f"user.set_password({OWN_PASSWORD!r}); user.save()"
)


def server_url(name: str) -> str:
    """The URL of database ``name`` on the PostgreSQL server that the test database lives on."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


def database_of_our_own(name: str):
    """A fresh, empty database beside the test database, dropped afterwards; yields its URL (the
    body of a generator fixture)."""
    require(connection.vendor == "postgresql", "DATABASE_URL must point at PostgreSQL")
    # Named after the test database too: two checkouts testing side by side on one server would
    # otherwise drop each other's database in the middle of a test.
    name = f"{name}_{connection.settings_dict['NAME'].removeprefix('test_')}"
    admin = server_url("postgres")
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    yield server_url(name)
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def demo_installed(env: dict, database: str) -> int:
    """Migrate, seed the demo and give its coordinator (``samordnare``) ``OWN_PASSWORD``, as an
    operator would; the id of the demo's draft programme."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo", "--force")
    manage(env, "shell", "-c", _SET_OWN_PASSWORD)
    with psycopg.connect(database) as db:
        (draft,) = db.execute(
            "SELECT id FROM programme_programme WHERE status = 'draft'"
        ).fetchone()
    return draft


class Celery:
    """A ``celery`` process of the app (a worker or beat), as production runs it."""

    def __init__(self, env: dict, log: Path, *args: str, cwd: Path = PROJECT):
        self.env = env
        self.log = log
        self.args = args
        # Another working directory than the project's needs PYTHONPATH to find the app.
        self.cwd = cwd
        self.process: subprocess.Popen | None = None

    @classmethod
    def worker(cls, env: dict, log: Path, cwd: Path = PROJECT) -> "Celery":
        args = ("worker", "--pool=solo", "--without-gossip", "--without-mingle", "-l", "INFO")
        return cls(env, log, *args, cwd=cwd)

    @classmethod
    def beat(cls, env: dict, log: Path, schedule: Path) -> "Celery":
        return cls(env, log, "beat", "-l", "INFO", "--schedule", str(schedule))

    def start(self) -> None:
        with self.log.open("ab") as handle:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "handlingsprogram", *self.args],
                cwd=self.cwd,
                env=self.env,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self) -> None:
        """Wait for a worker's "ready" line in its log; fail with the log if it exits first."""

        def ready() -> bool:
            if not self.running():
                pytest.fail(f"celery exited:\n{self.log.read_text()[-3000:]}")
            return b" ready." in self.log.read_bytes()

        wait_until(ready, 60, "worker ready", interval=0.2)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL, as when the machine under a worker dies in the middle of a task."""
        if self.running():
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        stop_process(self.process)


def _reset_broker_pools(app) -> None:
    # The app caches its broker pools; a test that changes the broker URL must not reuse them.
    # (Closing them would close kombu's shared per-URL pools, which even eager mode acquires.)
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def celery_broker(url: str):
    """Run the code inside against a real broker at ``url`` (not eager), then restore the app."""
    from handlingsprogram.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    # Celery's broker_url prefers the CELERY_BROKER_URL environment variable over its config.
    saved_env = os.environ.get("CELERY_BROKER_URL")
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.update(task_always_eager=False, broker_url=url)
    _reset_broker_pools(app)
    try:
        yield app
    finally:
        app.conf.update(saved)
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
        _reset_broker_pools(app)


def broker_leftovers_removed(url: str) -> None:
    """Empty Celery's queue in the Redis database at ``url``, and nothing else there: a message an
    earlier run left (a killed worker's, never acknowledged) must not reach this test's worker."""
    redis.Redis.from_url(url).delete(*BROKER_KEYS)


def broker_redis() -> str:
    """The test Redis (``TEST_REDIS_URL``) for the broker of the app's processes, its queue
    emptied; its URL. Not a fixed database number: that one is the checkout's own, so a second
    checkout testing side by side has a queue of its own, and its worker never takes this one's
    tasks. Only the queue is emptied; whatever else the database holds is left alone."""
    url = require_redis()
    broker_leftovers_removed(url)
    return url


@pytest.fixture
def broker():
    """Celery in this process sends to the Redis at ``CELERY_BROKER_URL`` (not eager), where the
    workers that ``start_worker`` starts take the tasks; yields the Celery app."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    require(bool(url), "CELERY_BROKER_URL must point at Redis for the worker tests")
    parts = urlsplit(url)
    require(port_open(parts.hostname or "127.0.0.1", parts.port or 6379), "Redis is not running")
    require(connection.vendor == "postgresql", "DATABASE_URL must point at PostgreSQL")
    broker_leftovers_removed(url)
    with celery_broker(url) as app:
        yield app


@pytest.fixture
def start_worker(broker, transactional_db, tmp_path):
    """Start a ``celery worker`` under the test settings that works on this test's database and
    ``MEDIA_ROOT``, and wait until it is ready: ``start_worker(**env)`` adds to its environment.
    Every worker gets a log of its own and is stopped after the test."""
    started: list[Celery] = []

    def start(**env: str) -> Celery:
        worker = Celery.worker(
            {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "handlingsprogram.settings.test",
                # pytest-django's test database (test_<name>), so the worker sees the test's rows.
                "DATABASE_URL": server_url(connection.settings_dict["NAME"]),
                "CELERY_BROKER_URL": broker.conf.broker_url,
                "CELERY_TASK_ALWAYS_EAGER": "false",
                "CELERY_VISIBILITY_TIMEOUT": str(WORKER_VISIBILITY_TIMEOUT),
                "MEDIA_ROOT": str(settings.MEDIA_ROOT),
                "LOG_LEVEL": "INFO",
                **env,
            },
            tmp_path / f"worker-{len(started) + 1}.log",
        )
        started.append(worker)
        worker.start()
        worker.wait_ready()
        return worker

    yield start
    for worker in started:
        worker.stop()


def pdf_rendered(client: HttpClient, database: str, draft: int, *, timeout: float, headers=None):
    """Ask for the draft's PDF on its page and wait for the worker to finish it. Returns the job's
    id, its status answer (``done``, with the download URL) and the headers of the request's
    response."""
    status, _, response_headers = client.post(f"/program/{draft}/pdf/", {}, headers=headers)
    assert status == 302
    with psycopg.connect(database) as db:
        (job,) = db.execute(
            "SELECT id FROM programme_renderjob WHERE programme_id = %s ORDER BY id DESC",
            [draft],
        ).fetchone()

    def finished():
        answer = json.loads(client.get(f"/program/{draft}/pdf/{job}/status/")[1])
        return answer if answer["status"] in {"done", "failed"} else None

    answer = wait_until(finished, timeout, "the worker finishing the PDF", interval=0.5)
    assert answer["status"] == "done", answer
    return job, answer, response_headers
