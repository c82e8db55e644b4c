"""Asking again for the PDF of an unchanged programme builds no document; a change does."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures import services as measure_services
from measures.models import Measure
from programme.documents.jobs import render_job_request
from programme.models import RenderJob


def _ask(programme, actor) -> tuple[RenderJob, int]:
    with CaptureQueriesContext(connection) as captured:
        job = render_job_request(actor=actor, programme=programme, kind="draft")
    return job, len(captured)


def test_the_content_hash_is_remembered_until_the_text_changes(
    programme, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # eager settings: rendered here
        first, built = _ask(programme, coordinator)
    first.refresh_from_db()
    assert first.status == RenderJob.Status.DONE
    again, remembered = _ask(programme, coordinator)
    assert again.reused_from_id == first.pk and again.content_hash == first.content_hash
    assert remembered < built

    measure = Measure.objects.filter(section__programme=programme).first()
    measure_services.measure_update(
        actor=coordinator, measure=measure, edit_token=measure.edit_token, title="Ändrad"
    )
    with django_capture_on_commit_callbacks(execute=True):
        changed, rebuilt = _ask(programme, coordinator)
    changed.refresh_from_db()
    assert changed.content_hash != first.content_hash
    assert changed.reused_from_id is None
    assert rebuilt > remembered
