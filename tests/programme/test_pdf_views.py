"""PDF pages: who may ask for one, follow it and download it; what the overview's PDF panel
offers, and that its usual cases cost one query of jobs (the overview renders the panel on
every request: it holds the reader's forms, so it is not cached)."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import roles
from committees.services import membership_add
from measures.services import measure_delete
from programme.documents import render as pdf
from programme.documents.selectors import programme_pdf_panel
from programme.models import Programme, RenderJob
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)
from tests.servers import celery_broker
from tests.steps import adopt, send_to_consultation

pytestmark = pytest.mark.django_db

FAKE_PDF = b"%PDF-1.7\n% fake for view tests\n%%EOF\n"


@pytest.fixture(autouse=True)
def fast_render(monkeypatch):
    def fake(document):
        return pdf.RenderedPdf(content=FAKE_PDF, pages=2, template_s=0.0, weasyprint_s=0.0)

    monkeypatch.setattr(pdf, "document_render", fake)


@pytest.fixture
def draft():
    return MeasureFactory().section.programme


@pytest.fixture
def adopted():
    programme = MeasureFactory().section.programme
    Programme.objects.filter(pk=programme.pk).update(
        status=Programme.Status.ADOPTED,
        edition=2,
        period_from=2020,
        period_to=2023,
        decision_date=date(2020, 2, 25),
        decision_paragraph="KF § 123",
        case_number="KS 2019-000123",
    )
    programme.refresh_from_db()
    return programme


@pytest.fixture
def coordinator():
    user = UserFactory(username="samordnare")
    user.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    return user


def _request(client, programme):
    return client.post(reverse("programme:pdf_request", args=[programme.pk]))


def test_coordinator_asks_for_a_draft_pdf_follows_it_and_downloads_it(
    client, django_capture_on_commit_callbacks, draft, coordinator
):
    client.force_login(coordinator)
    page = client.get(draft.get_absolute_url())
    assert b'action="' + reverse("programme:pdf_request", args=[draft.pk]).encode() in page.content

    with django_capture_on_commit_callbacks(execute=True):
        response = _request(client, draft)

    assert response.status_code == 302
    job = RenderJob.objects.get()
    assert job.requested_by == coordinator and job.kind == "draft"
    status = client.get(reverse("programme:pdf_status", args=[draft.pk, job.pk])).json()
    assert status["status"] == "done" and status["pages"] == 2
    download = client.get(status["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == FAKE_PDF
    assert 'filename="handlingsprogram-' in download["Content-Disposition"]
    assert download["Content-Disposition"].endswith('-v1-utkast.pdf"')
    page = client.get(draft.get_absolute_url())
    assert reverse("programme:pdf_download", args=[draft.pk, job.pk]).encode() in page.content


def test_a_queued_job_shows_a_live_status_region(
    client, django_capture_on_commit_callbacks, draft, coordinator
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        _request(client, draft)
    job = RenderJob.objects.get()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'aria-live="polite"' in page
    assert reverse("programme:pdf_status", args=[draft.pk, job.pk]) in page
    assert "js/pdf-status.js" in page
    status = client.get(reverse("programme:pdf_status", args=[draft.pk, job.pk])).json()
    assert (status["status"], status["download_url"]) == ("queued", "")


def test_an_officer_who_is_not_a_coordinator_is_refused_and_nothing_changes(client, draft):
    # Officers read a programme from consultation on, but only coordinators ask for its PDF.
    Programme.objects.filter(pk=draft.pk).update(status=Programme.Status.CONSULTATION)
    officer = UserFactory(username="handlaggare")
    membership_add(user=officer, committee=CommitteeFactory())
    client.force_login(officer)
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    request_url = reverse("programme:pdf_request", args=[draft.pk])
    assert f'action="{request_url}"'.encode() not in page.content
    response = _request(client, draft)
    assert response.status_code == 403
    assert not RenderJob.objects.exists()


def test_a_user_without_a_role_does_not_learn_that_a_draft_exists(client, draft):
    client.force_login(UserFactory(username="utan.roll"))
    assert _request(client, draft).status_code == 404
    assert not RenderJob.objects.exists()


def test_anonymous_visitors_cannot_ask_and_do_not_learn_a_draft_exists(client, draft):
    assert _request(client, draft).status_code == 404
    assert client.get(reverse("programme:pdf_latest", args=[draft.pk])).status_code == 404
    assert not RenderJob.objects.exists()


def test_nobody_asks_for_an_adopted_programme_by_hand(client, adopted, coordinator):
    client.force_login(coordinator)
    assert _request(client, adopted).status_code == 403
    assert not RenderJob.objects.exists()


def test_anonymous_visitor_downloads_the_adopted_pdf(
    client, django_capture_on_commit_callbacks, adopted
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(reverse("programme:pdf_latest", args=[adopted.pk]))
    # The first visitor sets the system's render going (the test runs it after the response).
    assert first.status_code == 202
    pending = first.content.decode()
    assert "PDF-filen för" in pending and "skapas" in pending
    assert 'http-equiv="refresh"' not in pending  # no automatic reload (WCAG 2.2.1)
    assert 'aria-live="polite"' in pending

    response = client.get(reverse("programme:pdf_latest", args=[adopted.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="handlingsprogram-skelleftea-2020-2023-v2.pdf"'
    )
    job = RenderJob.objects.get()
    assert job.kind == "adopted" and job.requested_by is None
    # The next visitor gets the same file, without a new render.
    again = client.get(reverse("programme:pdf_latest", args=[adopted.pk]))
    assert again.status_code == 200
    assert RenderJob.objects.count() == 1
    page = client.get(adopted.get_absolute_url()).content
    assert reverse("programme:pdf_download", args=[adopted.pk, job.pk]).encode() in page


def test_anonymous_visitor_cannot_download_or_poll_a_draft_job(
    client, django_capture_on_commit_callbacks, draft, coordinator
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, draft)
    job = RenderJob.objects.get()
    client.logout()
    assert client.get(reverse("programme:pdf_download", args=[draft.pk, job.pk])).status_code == 404
    assert client.get(reverse("programme:pdf_status", args=[draft.pk, job.pk])).status_code == 404


def test_a_job_is_only_reachable_through_its_own_programme(
    client, django_capture_on_commit_callbacks, draft, adopted, coordinator
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, draft)
    job = RenderJob.objects.get()
    client.logout()
    url = reverse("programme:pdf_download", args=[adopted.pk, job.pk])
    assert client.get(url).status_code == 404


def test_asking_while_the_broker_is_down_shows_a_message_not_a_500(
    client, django_capture_on_commit_callbacks, draft, coordinator
):
    client.force_login(coordinator)
    with celery_broker("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        response = _request(client, draft)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "går inte att nå just nu" in page.content.decode()
    assert RenderJob.objects.get().status == "failed"


def _council_member(username: str = "ledamot"):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])
    return user


def _job_answers(client, job) -> tuple[int, int]:
    """The status codes of ``job``'s download and status URLs for ``client``."""
    args = [job.programme_id, job.pk]
    return (
        client.get(reverse("programme:pdf_download", args=args)).status_code,
        client.get(reverse("programme:pdf_status", args=args)).status_code,
    )


def test_a_draft_pdf_stays_hidden_once_the_programme_is_adopted(
    client, django_capture_on_commit_callbacks, coordinator
):
    # Job numbers are sequential: a visitor who tries the numbers before the adopted
    # edition's job must not find the draft the coordinator printed in the drafting days.
    programme = ProgrammeFactory(actor=coordinator)
    MeasureFactory(
        actor=coordinator, section=SectionFactory(actor=coordinator, programme=programme)
    )
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, programme)
        adopt(programme, coordinator)
    draft_job = RenderJob.objects.get(kind="draft")
    adopted_job = RenderJob.objects.get(kind="adopted")
    assert draft_job.status == adopted_job.status == "done"
    jobs_before = list(RenderJob.objects.order_by("pk").values())

    refused = [Client(), Client(), Client()]
    refused[1].force_login(UserFactory(username="utan.roll"))
    refused[2].force_login(_council_member())  # reads submitted programmes, never a draft
    for visitor in refused:
        assert _job_answers(visitor, draft_job) == (404, 404)
        assert _job_answers(visitor, adopted_job) == (200, 200)
        page = visitor.get(programme.get_absolute_url()).content.decode()
        assert reverse("programme:pdf_download", args=[programme.pk, draft_job.pk]) not in page
    assert _job_answers(client, draft_job) == (200, 200)  # the coordinator keeps their drafts
    assert list(RenderJob.objects.order_by("pk").values()) == jobs_before
    programme.refresh_from_db()
    assert programme.status == Programme.Status.ADOPTED


def test_officers_see_the_consultation_pdf_but_not_the_one_printed_before_it(
    client, django_capture_on_commit_callbacks, coordinator
):
    committee = CommitteeFactory()
    programme = ProgrammeFactory(actor=coordinator)
    MeasureFactory(
        actor=coordinator,
        section=SectionFactory(actor=coordinator, programme=programme),
        responsible_committee=committee,
    )
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, programme)
        send_to_consultation(programme, coordinator, [committee])
        _request(client, programme)
    before, sent = RenderJob.objects.order_by("pk")
    officer = UserFactory(username="handlaggare")
    membership_add(user=officer, committee=committee)
    client.force_login(officer)
    assert _job_answers(client, before) == (404, 404)
    assert _job_answers(client, sent) == (200, 200)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert reverse("programme:pdf_download", args=[programme.pk, sent.pk]) in page
    assert reverse("programme:pdf_download", args=[programme.pk, before.pk]) not in page


def _panel(user, programme):
    roles.group_names(user)  # the reader's roles are read once per request, by any page
    with CaptureQueriesContext(connection) as captured:
        panel = programme_pdf_panel(user=user, programme=programme)
    return panel, [query["sql"] for query in captured]


@pytest.fixture
def draft_pdf(client, coordinator, draft, django_capture_on_commit_callbacks):
    """The draft's PDF, asked for by the coordinator (``client`` stays signed in) and rendered."""
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, draft)
    job = RenderJob.objects.get()
    assert job.status == RenderJob.Status.DONE
    return job


def test_the_panel_without_a_pdf_yet_costs_one_query(coordinator, draft):
    panel, queries = _panel(coordinator, draft)
    assert (panel.latest, panel.download, panel.outdated) == (None, None, None)
    assert panel.can_request
    assert len(queries) == 1, queries


def test_the_panel_offers_a_current_file_for_one_job_query_and_the_content_generation(
    coordinator, draft, draft_pdf
):
    panel, queries = _panel(coordinator, draft)

    assert (panel.latest, panel.download, panel.outdated) == (draft_pdf, draft_pdf, None)
    # The job, and the generation that keys the remembered content hash.
    assert len(queries) == 2, queries


def test_a_newer_job_in_the_queue_leaves_the_older_file_outdated_but_findable(
    client, coordinator, draft, draft_pdf, django_capture_on_commit_callbacks
):
    measure_delete(actor=coordinator, measure=draft.sections.get().measures.get())
    with django_capture_on_commit_callbacks(execute=False):
        _request(client, draft)
    queued = RenderJob.objects.exclude(pk=draft_pdf.pk).get()
    assert queued.status == RenderJob.Status.QUEUED

    panel, _queries = _panel(coordinator, draft)

    assert (panel.latest, panel.download, panel.outdated) == (queued, None, draft_pdf)


def test_an_older_current_file_is_offered_under_a_newer_outdated_one(coordinator, draft, draft_pdf):
    newer = RenderJob.objects.create(
        programme=draft,
        kind=draft_pdf.kind,
        programme_edition=draft_pdf.programme_edition,
        programme_status=draft_pdf.programme_status,
        status=RenderJob.Status.DONE,
        file=draft_pdf.file.name,
        content_hash="0" * 64,  # made from other content than the programme's now
    )

    panel, _queries = _panel(coordinator, draft)

    assert (panel.latest, panel.download, panel.outdated) == (newer, draft_pdf, newer)


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
