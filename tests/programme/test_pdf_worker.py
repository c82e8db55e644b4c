"""A real Celery worker process renders the PDF that the app asks for (Redis + PostgreSQL).

Run locally with e.g.
DATABASE_URL=postgres://postgres@127.0.0.1:5432/hp_pdf CELERY_BROKER_URL=redis://127.0.0.1:6379/3 \
    .venv/bin/pytest tests/programme/test_pdf_worker.py
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from benchmarks.pdf import build_programme
from committees import roles
from programme.decisions.transitions import programme_transition
from programme.models import ArchivePackage, Programme, RenderJob, pdf_storage
from tests.factories import MeasureFactory, UserFactory
from tests.support import port_open, require

from .pdf_support import celery_broker

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
VISIBILITY_TIMEOUT = 5
PROJECT = Path(settings.BASE_DIR)


@pytest.fixture
def broker():
    require(bool(BROKER_URL), "CELERY_BROKER_URL must point at Redis for the worker tests")
    parts = urlsplit(BROKER_URL)
    require(port_open(parts.hostname or "127.0.0.1", parts.port or 6379), "Redis is not running")
    require(connection.vendor == "postgresql", "DATABASE_URL must point at PostgreSQL")
    # Leftovers of an earlier run (a killed worker's unacknowledged message) must not interfere.
    redis.Redis.from_url(BROKER_URL).delete("celery", "unacked", "unacked_index", "unacked_mutex")
    with celery_broker(BROKER_URL) as app:
        yield app


def _database_url() -> str:
    # pytest-django's test database (test_<name>), so the worker sees this test's rows.
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A real ``celery worker`` process against the test database and broker; ``env`` adds to
    (or overrides) its environment."""

    def __init__(self, log: Path, env: dict | None = None):
        self.log = log
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "handlingsprogram.settings.test",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "LOG_LEVEL": "INFO",
            **self.env,
        }
        with self.log.open("ab") as handle:
            self.process = subprocess.Popen(
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
                    "--without-heartbeat",
                    "--loglevel=INFO",
                ],
                cwd=PROJECT,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while b"ready." not in self.log.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"worker did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.2)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def worker(broker, transactional_db, tmp_path):
    workers = []

    def start() -> Worker:
        started = Worker(tmp_path / "worker.log")
        workers.append(started)
        started.start()
        return started

    yield start
    for started in workers:
        started.stop()


@pytest.fixture
def coordinator():
    user = UserFactory(username="samordnare")
    user.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    return user


def _wait_for(job_id: int, statuses: set[str], timeout: float, log: Path) -> RenderJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = RenderJob.objects.get(pk=job_id)
        if job.status in statuses:
            return job
        time.sleep(0.2)
    pytest.fail(
        f"job {job_id} never reached {statuses} (is {job.status}):\n{log.read_text()[-3000:]}"
    )


def _stored_files() -> list[str]:
    storage = pdf_storage()
    return storage.listdir("pdf")[1] if storage.exists("pdf") else []


def test_the_worker_renders_what_the_coordinator_asks_for(client, worker, coordinator):
    running = worker()
    programme = MeasureFactory(title="Mottagning för personer som köper sex").section.programme
    client.force_login(coordinator)

    response = client.post(reverse("programme:pdf_request", args=[programme.pk]))

    assert response.status_code == 302
    job = RenderJob.objects.get()
    assert job.status in {"queued", "rendering", "done"}
    job = _wait_for(job.pk, {"done", "failed"}, 120, running.log)
    assert job.status == "done", job.error
    status = client.get(reverse("programme:pdf_status", args=[programme.pk, job.pk])).json()
    download = client.get(status["download_url"])
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF-") and len(content) == job.size_bytes
    assert _stored_files() == [f"{job.content_hash}.pdf"]


def test_a_worker_killed_mid_render_leaves_one_finished_job_and_one_file(
    client, worker, coordinator
):
    first = worker()
    programme = build_programme(150, actor=coordinator)
    client.force_login(coordinator)
    client.post(reverse("programme:pdf_request", args=[programme.pk]))
    job = RenderJob.objects.get()
    delivered = time.monotonic()
    _wait_for(job.pk, {"rendering"}, 60, first.log)
    time.sleep(1.5)  # well inside the render of a 150-measure programme

    first.kill()

    assert RenderJob.objects.get(pk=job.pk).status == "rendering"
    # Redis hands the unacknowledged message out again once its visibility timeout has passed.
    time.sleep(max(0.0, VISIBILITY_TIMEOUT + 1 - (time.monotonic() - delivered)))
    second = worker()
    job = _wait_for(job.pk, {"done", "failed"}, 240, second.log)
    assert job.status == "done", job.error
    assert job.attempts == 2
    assert RenderJob.objects.count() == 1
    assert _stored_files() == [f"{job.content_hash}.pdf"]


def test_the_worker_files_the_adopted_edition_for_the_e_archive(worker, coordinator):
    running = worker()
    programme = MeasureFactory(title="Utbildning för hotellpersonal").section.programme
    programme_transition(
        actor=coordinator, programme=programme, to_status=Programme.Status.SUBMITTED
    )
    programme_transition(
        actor=coordinator,
        programme=programme,
        to_status=Programme.Status.ADOPTED,
        decision_date=timezone.localdate(),
        decision_paragraph="KF § 7",
        case_number="KS 2026-000007",
    )
    job = RenderJob.objects.get(programme=programme, kind=RenderJob.Kind.ADOPTED)
    job = _wait_for(job.pk, {"done", "failed"}, 120, running.log)
    assert job.status == "done", job.error
    deadline = time.monotonic() + 60
    while not ArchivePackage.objects.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"no archive package:\n{running.log.read_text()[-3000:]}")
        time.sleep(0.2)
    package = ArchivePackage.objects.get()
    assert package.pdf_job == job
    assert package.adopted_edition.programme == programme
    assert pdf_storage().exists(package.file.name)
