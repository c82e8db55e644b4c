"""The overview's PDF block: what it offers, and that its usual cases cost one job query.

The overview asks for the panel on every request (it holds this reader's forms, so it is not
cached), so its queries are paid by every reader of every programme page.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import roles
from measures.services import measure_delete
from programme.documents import render as pdf
from programme.documents.selectors import programme_pdf_panel
from programme.models import RenderJob
from tests.factories import MeasureFactory
from tests.steps import adopt

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_render(monkeypatch):
    def fake(document):
        return pdf.RenderedPdf(
            content=b"%PDF-1.7\n%%EOF\n", pages=1, template_s=0.0, weasyprint_s=0.0
        )

    monkeypatch.setattr(pdf, "document_render", fake)


@pytest.fixture
def draft():
    section = MeasureFactory().section
    MeasureFactory(section=section)
    return section.programme


def _panel(user, programme):
    roles.group_names(user)  # the reader's roles are read once per request, by any page
    with CaptureQueriesContext(connection) as captured:
        panel = programme_pdf_panel(user=user, programme=programme)
    return panel, [query["sql"] for query in captured]


def _ask_for_pdf(client, programme, *, rendered, capture):
    with capture(execute=rendered):
        client.post(reverse("programme:pdf_request", args=[programme.pk]))


@pytest.fixture
def draft_pdf(client, coordinator, draft, django_capture_on_commit_callbacks):
    """The draft's PDF, asked for by the coordinator (``client`` stays signed in) and rendered."""
    client.force_login(coordinator)
    _ask_for_pdf(client, draft, rendered=True, capture=django_capture_on_commit_callbacks)
    job = RenderJob.objects.get()
    assert job.status == RenderJob.Status.DONE
    return job


def test_no_pdf_yet_costs_one_query(coordinator, draft):
    panel, queries = _panel(coordinator, draft)
    assert (panel.latest, panel.download, panel.outdated) == (None, None, None)
    assert panel.can_request
    assert len(queries) == 1, queries


def test_a_current_file_is_offered_for_one_job_query_and_the_content_generation(
    coordinator, draft, draft_pdf
):
    panel, queries = _panel(coordinator, draft)

    assert (panel.latest, panel.download, panel.outdated) == (draft_pdf, draft_pdf, None)
    # The job, and the generation that keys the remembered content hash.
    assert len(queries) == 2, queries


def test_a_newer_job_in_the_queue_leaves_the_older_file_outdated_but_findable(
    client, coordinator, draft, draft_pdf, django_capture_on_commit_callbacks
):
    done = draft_pdf
    measure_delete(actor=coordinator, measure=draft.sections.get().measures.first())
    _ask_for_pdf(client, draft, rendered=False, capture=django_capture_on_commit_callbacks)
    queued = RenderJob.objects.exclude(pk=done.pk).get()
    assert queued.status == RenderJob.Status.QUEUED

    panel, _queries = _panel(coordinator, draft)

    assert (panel.latest, panel.download, panel.outdated) == (queued, None, done)


def test_an_older_current_file_is_offered_under_a_newer_outdated_one(coordinator, draft, draft_pdf):
    older = draft_pdf
    newer = RenderJob.objects.create(
        programme=draft,
        kind=older.kind,
        programme_edition=older.programme_edition,
        programme_status=older.programme_status,
        status=RenderJob.Status.DONE,
        file=older.file.name,
        content_hash="0" * 64,  # made from other content than the programme's now
    )

    panel, _queries = _panel(coordinator, draft)

    assert (panel.latest, panel.download, panel.outdated) == (newer, older, newer)


def test_the_public_gets_the_adopted_file_and_no_job_queue(
    coordinator, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # adoption renders its PDF
        adopt(draft, coordinator)
    draft.refresh_from_db()
    job = RenderJob.objects.get(kind="adopted")

    panel, queries = _panel(AnonymousUser(), draft)

    assert (panel.latest, panel.download, panel.outdated) == (None, job, None)
    assert not panel.can_request
    # The newest file, and the generation that keys the remembered content hash (a programme
    # in force also lists its closed reporting rounds: none yet).
    assert len(queries) == 3, queries
