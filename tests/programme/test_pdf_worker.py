"""A real Celery worker process renders the PDF that the app asks for (Redis + PostgreSQL).

Run locally with e.g.
DATABASE_URL=postgres://postgres@127.0.0.1:5432/hp_pdf CELERY_BROKER_URL=redis://127.0.0.1:6379/3 \
    .venv/bin/pytest tests/programme/test_pdf_worker.py
"""

import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from benchmarks.pdf import build_programme
from committees import roles
from programme.decisions.transitions import programme_transition
from programme.models import ArchivePackage, Programme, RenderJob, pdf_storage
from tests.factories import MeasureFactory, UserFactory
from tests.servers import WORKER_VISIBILITY_TIMEOUT

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


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


def test_the_worker_renders_what_the_coordinator_asks_for(client, start_worker, coordinator):
    running = start_worker()
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
    client, start_worker, coordinator
):
    first = start_worker()
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
    time.sleep(max(0.0, WORKER_VISIBILITY_TIMEOUT + 1 - (time.monotonic() - delivered)))
    second = start_worker()
    job = _wait_for(job.pk, {"done", "failed"}, 240, second.log)
    assert job.status == "done", job.error
    assert job.attempts == 2
    assert RenderJob.objects.count() == 1
    assert _stored_files() == [f"{job.content_hash}.pdf"]


def test_the_worker_files_the_adopted_edition_for_the_e_archive(start_worker, coordinator):
    running = start_worker()
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
