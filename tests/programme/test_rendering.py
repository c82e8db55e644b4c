"""Render jobs: one render per content, reuse of finished files, failures and a dead broker."""

import hashlib
import time

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import OperationalError

from programme.documents import jobs as rendering
from programme.documents import render as pdf
from programme.documents import tasks, worker
from programme.documents.document import DocumentKind
from programme.drafting.services import programme_update
from programme.models import RenderJob, pdf_storage
from tests.factories import MeasureFactory, UserFactory
from tests.servers import celery_broker
from tests.support import port_open

from .pdf_support import page_texts

pytestmark = pytest.mark.django_db

FAKE_PDF = b"%PDF-1.7\n% fake for job tests\n%%EOF\n"


@pytest.fixture
def renders(monkeypatch):
    """Replace the (slow) layout with a recorder; job logic does not depend on it."""
    calls = []

    def fake(document):
        calls.append(document)
        return pdf.RenderedPdf(content=FAKE_PDF, pages=3, template_s=0.0, weasyprint_s=0.0)

    monkeypatch.setattr(pdf, "document_render", fake)
    return calls


@pytest.fixture
def programme():
    return MeasureFactory(title="Stöd till personer som säljer sex").section.programme


@pytest.fixture
def coordinator():
    return UserFactory(username="samordnare")


def _stored_files() -> list[str]:
    storage = pdf_storage()
    return storage.listdir("pdf")[1] if storage.exists("pdf") else []


def test_a_request_renders_on_commit_and_records_the_outcome(
    django_capture_on_commit_callbacks, programme, coordinator
):
    with django_capture_on_commit_callbacks(execute=True):
        job = rendering.render_job_request(
            actor=coordinator, programme=programme, kind=DocumentKind.DRAFT
        )
    job.refresh_from_db()

    assert job.status == RenderJob.Status.DONE
    assert job.requested_by == coordinator
    assert (job.programme_edition, job.kind, job.attempts) == (1, "draft", 1)
    content = job.file.read()
    assert content.startswith(b"%PDF-")
    assert job.size_bytes == len(content)
    assert job.sha256 == hashlib.sha256(content).hexdigest()
    assert job.page_count == len(page_texts(content))
    assert "Stöd till personer som säljer sex" in " ".join(page_texts(content))
    assert job.started_at <= job.finished_at and job.duration_s > 0
    assert job.download_name.endswith("-v1-utkast.pdf")


def test_two_clicks_in_a_row_give_one_job_and_one_render(
    django_capture_on_commit_callbacks, renders, programme, coordinator
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = rendering.render_job_request(
            actor=coordinator, programme=programme, kind=DocumentKind.DRAFT
        )
        second = rendering.render_job_request(
            actor=coordinator, programme=programme, kind=DocumentKind.DRAFT
        )
    assert first.pk == second.pk
    assert len(queued) == 1
    assert RenderJob.objects.count() == 1


def test_unchanged_content_reuses_the_finished_file(
    django_capture_on_commit_callbacks, renders, programme, coordinator
):
    with django_capture_on_commit_callbacks(execute=True):
        first = rendering.render_job_request(
            actor=coordinator, programme=programme, kind=DocumentKind.DRAFT
        )
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True) as queued:
        again = rendering.render_job_request(
            actor=coordinator, programme=programme, kind=DocumentKind.DRAFT
        )
    elapsed = time.perf_counter() - started

    assert len(renders) == 1 and queued == []
    assert again.pk != first.pk
    assert again.status == RenderJob.Status.DONE and again.reused_from_id == first.pk
    assert again.file.name == RenderJob.objects.get(pk=first.pk).file.name
    assert len(_stored_files()) == 1
    assert elapsed < 0.5


def test_changed_content_or_kind_renders_again(
    django_capture_on_commit_callbacks, renders, programme, coordinator
):
    with django_capture_on_commit_callbacks(execute=True):
        rendering.render_job_request(actor=coordinator, programme=programme, kind="draft")
    programme_update(
        actor=coordinator,
        programme=programme,
        edit_token=programme.edit_token,
        title="Nytt namn på programmet",
    )
    with django_capture_on_commit_callbacks(execute=True):
        rendering.render_job_request(actor=coordinator, programme=programme, kind="draft")
        rendering.render_job_request(actor=coordinator, programme=programme, kind="follow_up")

    assert len(renders) == 3
    assert len(_stored_files()) == 3


def test_running_a_finished_job_again_changes_nothing(
    django_capture_on_commit_callbacks, renders, programme, coordinator
):
    with django_capture_on_commit_callbacks(execute=True):
        job = rendering.render_job_request(actor=coordinator, programme=programme, kind="draft")

    again = worker.render_job_run(job_id=job.pk)

    assert again.status == RenderJob.Status.DONE and again.attempts == 1
    assert len(renders) == 1 and len(_stored_files()) == 1


def test_a_rerun_after_a_crash_replaces_the_half_written_file(renders, programme, coordinator):
    job = rendering.render_job_request(actor=coordinator, programme=programme, kind="draft")
    # The dead delivery got as far as writing, not as far as recording.
    pdf_storage().save(f"pdf/{job.content_hash}.pdf", ContentFile(b"%PDF-half"))
    RenderJob.objects.filter(pk=job.pk).update(status=RenderJob.Status.RENDERING, attempts=1)

    job = worker.render_job_run(job_id=job.pk)

    assert job.status == RenderJob.Status.DONE and job.attempts == 2
    assert _stored_files() == [f"{job.content_hash}.pdf"]
    assert job.file.read() == FAKE_PDF


def test_a_broken_render_fails_the_job_with_a_readable_message(
    monkeypatch, django_capture_on_commit_callbacks, programme, coordinator
):
    def broken(document):
        raise ValueError("layout exploded at /srv/secret/path")

    monkeypatch.setattr(pdf, "document_render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = rendering.render_job_request(actor=coordinator, programme=programme, kind="draft")
    job.refresh_from_db()

    assert job.status == RenderJob.Status.FAILED
    assert job.error == rendering.FAILED
    assert "/srv/secret" not in job.error
    assert not job.file and _stored_files() == []
    # A failed job does not block a new request.
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        retry = rendering.render_job_request(actor=coordinator, programme=programme, kind="draft")
    assert retry.pk != job.pk and len(queued) == 1


def test_a_render_over_the_time_limit_fails_with_its_own_message(
    monkeypatch, django_capture_on_commit_callbacks, programme, coordinator
):
    def slow(document):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(pdf, "document_render", slow)
    with django_capture_on_commit_callbacks(execute=True):
        job = rendering.render_job_request(actor=coordinator, programme=programme, kind="draft")
    job.refresh_from_db()
    assert (job.status, job.error) == (RenderJob.Status.FAILED, rendering.TOO_SLOW)


def test_transient_errors_are_retried_a_bounded_number_of_times_then_fail(
    monkeypatch, django_capture_on_commit_callbacks, programme, coordinator
):
    calls = []

    def flaky(document):
        calls.append(1)
        raise OperationalError("database connection lost")

    monkeypatch.setattr(pdf, "document_render", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        job = rendering.render_job_request(actor=coordinator, programme=programme, kind="draft")
    job.refresh_from_db()

    assert len(calls) == tasks.MAX_RETRIES + 1
    assert (job.status, job.error) == (RenderJob.Status.FAILED, rendering.GAVE_UP)
    assert job.attempts == tasks.MAX_RETRIES + 1


def test_a_transient_error_that_clears_up_ends_in_a_finished_job(
    monkeypatch, django_capture_on_commit_callbacks, renders, programme, coordinator
):
    fake = pdf.document_render
    calls = []

    def once_flaky(document):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return fake(document)

    monkeypatch.setattr(pdf, "document_render", once_flaky)
    with django_capture_on_commit_callbacks(execute=True):
        job = rendering.render_job_request(actor=coordinator, programme=programme, kind="draft")
    job.refresh_from_db()
    assert (job.status, job.attempts) == (RenderJob.Status.DONE, 2)


def test_task_is_configured_for_robust_delivery():
    task = tasks.render_programme_pdf
    assert task.acks_late and task.reject_on_worker_lost
    assert task.serializer == "json"
    assert 0 < task.soft_time_limit < task.time_limit
    assert task.max_retries == tasks.MAX_RETRIES


def test_with_the_broker_down_the_job_fails_with_a_clear_message_and_nothing_raises(
    django_capture_on_commit_callbacks, renders, programme, coordinator
):
    closed_port = 1
    assert not port_open("127.0.0.1", closed_port)
    started = time.perf_counter()
    with (
        celery_broker(f"redis://127.0.0.1:{closed_port}/0"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        job = rendering.render_job_request(actor=coordinator, programme=programme, kind="draft")
    job.refresh_from_db()

    assert (job.status, job.error) == (RenderJob.Status.FAILED, rendering.BROKER_DOWN)
    assert renders == []
    assert time.perf_counter() - started < 15
