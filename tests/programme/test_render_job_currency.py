"""``selectors.render_job_is_current``, one answer for a render job of any kind: a programme PDF
is current while it prints the programme as it is now, a follow-up report while it prints its
closed (frozen) round under today's layout. The download view hands readers only current files."""

import pytest

from measures.follow_up.services import progress_update_create
from measures.services import measure_update
from programme.documents import jobs
from programme.documents.selectors import render_job_is_current
from programme.models import RenderJob

from .helpers import make_coordinator, make_programme
from .round_report_support import close, round_world

pytestmark = pytest.mark.django_db


def _is_current(job: RenderJob) -> bool:
    return render_job_is_current(job=RenderJob.objects.get(pk=job.pk))  # as the view loads it


def test_a_programme_pdf_is_current_until_the_programme_changes(
    django_capture_on_commit_callbacks,
):
    coordinator = make_coordinator()
    programme = make_programme(sections=1)
    # Not rendered (the on-commit queueing is not run): the job has its content hash from the ask.
    with django_capture_on_commit_callbacks(execute=False):
        job = jobs.render_job_request(actor=coordinator, programme=programme, kind="draft")
    assert _is_current(job)
    measure = programme.sections.get().measures.get()
    measure_update(
        actor=coordinator, measure=measure, edit_token=measure.edit_token, title="Ny rubrik"
    )
    assert not _is_current(job)


def test_a_follow_up_report_outlives_changes_to_the_programme_but_not_a_new_layout(
    django_capture_on_commit_callbacks,
):
    world = round_world()
    close(world)
    with django_capture_on_commit_callbacks(execute=False):
        report = jobs.round_report_request(actor=None, reporting_round=world.reporting_round)
        follow_up = jobs.render_job_request(actor=None, programme=world.programme, kind="follow_up")
    assert report.kind == RenderJob.Kind.ROUND_REPORT
    assert _is_current(report) and _is_current(follow_up)

    measure = world.not_due
    measure.refresh_from_db()
    progress_update_create(
        actor=world.sn_officer,
        measure=measure,
        edit_token=measure.edit_token,
        status="ongoing",
        progress=30,
    )
    assert not _is_current(follow_up)  # the programme's follow-up moved on
    assert _is_current(report)  # the closed round's report did not

    # A file made under an earlier layout (template, stylesheets, fonts, engine) carries that
    # layout's hash: it no longer prints the round as a render today would.
    RenderJob.objects.filter(pk=report.pk).update(content_hash="0" * 64)
    assert not _is_current(report)
