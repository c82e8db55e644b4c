"""Issue 14 (1): each status has its own PDF, and an outdated one is never handed to a reader.

A council member downloaded a draft printed before a measure was deleted, stamped UTKAST,
while the programme was submitted. Submitting now renders the proposal to the council, a file
whose content no longer matches the programme is not offered to readers (and is marked outdated
for coordinators), and the officers who answer a remiss download the version they answer.
"""

import pytest
from django.test import Client
from django.urls import reverse

from committees.services import membership_add
from measures.services import measure_delete
from programme.decisions.transitions import programme_transition
from programme.documents import render as pdf
from programme.models import Programme, RenderJob
from tests.factories import UserFactory
from tests.programme.pdf_support import page_texts
from tests.steps import send_to_consultation

pytestmark = pytest.mark.django_db

Status = Programme.Status


@pytest.fixture
def rendered(monkeypatch):
    """Render for real, but remember each document's kind and measure titles (fast: 3 measures)."""
    seen = []
    real = pdf.document_render

    def spy(document):
        result = real(document)
        seen.append((document.kind, page_texts(result.content)))
        return result

    monkeypatch.setattr(pdf, "document_render", spy)
    return seen


def _move(programme, actor, to_status):
    programme_transition(actor=actor, programme=programme, to_status=to_status)
    programme.refresh_from_db()


def _download_links(client, programme) -> list[str]:
    page = client.get(programme.get_absolute_url()).content.decode()
    prefix = reverse("programme:pdf_download", args=[programme.pk, 0]).removesuffix("0/")
    return [
        job for job in RenderJob.objects.values_list("pk", flat=True) if f"{prefix}{job}/" in page
    ]


def test_submitting_renders_the_proposal_to_the_council_not_an_utkast(
    django_capture_on_commit_callbacks, rendered, programme, coordinator
):
    with django_capture_on_commit_callbacks(execute=True):
        _move(programme, coordinator, Status.SUBMITTED)

    job = RenderJob.objects.get()
    assert (job.kind, job.status, job.programme_status) == ("submission", "done", "submitted")
    assert job.download_name.endswith("-v1-forslag.pdf")
    ((kind, pages),) = rendered
    assert kind == "submission"
    assert all("FÖRSLAG TILL KOMMUNFULLMÄKTIGE" in text for text in pages)
    assert not any("UTKAST" in text for text in pages)


def test_a_council_member_is_never_offered_a_pdf_made_before_a_measure_was_deleted(
    client, django_capture_on_commit_callbacks, rendered, programme, coordinator, council_member
):
    deleted = programme.sections.first().measures.get(title="Stödmottagning")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _move(programme, coordinator, Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        # The coordinator also prints it while it is submitted (the same file again).
        client.post(reverse("programme:pdf_request", args=[programme.pk]))
    # The council refers it back; a measure goes; it is submitted again.
    with django_capture_on_commit_callbacks(execute=True):
        _move(programme, coordinator, Status.DRAFT)
        measure_delete(actor=coordinator, measure=deleted)
    with django_capture_on_commit_callbacks(execute=True):
        _move(programme, coordinator, Status.SUBMITTED)
    old, reused, new = RenderJob.objects.order_by("pk")
    assert old.content_hash == reused.content_hash != new.content_hash
    assert "Stödmottagning" in " ".join(rendered[0][1])
    assert "Stödmottagning" not in " ".join(rendered[-1][1])
    jobs_before = list(RenderJob.objects.order_by("pk").values())

    reader = Client()
    reader.force_login(council_member)
    assert _download_links(reader, programme) == [new.pk]
    for stale in (old, reused):
        url = reverse("programme:pdf_download", args=[programme.pk, stale.pk])
        assert reader.get(url).status_code == 404
    latest = reader.get(reverse("programme:pdf_latest", args=[programme.pk]))
    assert latest.status_code == 200
    assert latest["Content-Disposition"].endswith('-v1-forslag.pdf"')
    with new.file.open("rb") as handle:
        assert b"".join(latest.streaming_content) == handle.read()
    assert list(RenderJob.objects.order_by("pk").values()) == jobs_before  # nothing changed

    # The coordinator is offered the current file too, and still reaches the old one.
    assert _download_links(client, programme) == [new.pk]
    url = reverse("programme:pdf_download", args=[programme.pk, reused.pk])
    assert client.get(url).status_code == 200


def test_a_coordinators_draft_pdf_is_marked_outdated_once_a_measure_is_deleted(
    client, django_capture_on_commit_callbacks, rendered, programme, coordinator
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("programme:pdf_request", args=[programme.pk]))
    job = RenderJob.objects.get()
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Outdated PDF" not in page and _download_links(client, programme) == [job.pk]
    with django_capture_on_commit_callbacks(execute=True):
        measure_delete(actor=coordinator, measure=programme.sections.first().measures.first())

    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Outdated PDF" in page
    assert "before the programme last changed" in page
    assert "Download the outdated PDF" in page
    assert ">Download PDF<" not in page  # the old file is no longer the programme's PDF


def test_readers_get_a_fresh_render_when_only_an_outdated_file_exists(
    client, django_capture_on_commit_callbacks, monkeypatch, programme, coordinator, council_member
):
    monkeypatch.setattr(
        pdf,
        "document_render",
        lambda document: pdf.RenderedPdf(b"%PDF-1.7\n%%EOF\n", 1, 0.0, 0.0),
    )
    with django_capture_on_commit_callbacks(execute=True):
        _move(programme, coordinator, Status.SUBMITTED)
    old = RenderJob.objects.get()
    # The same proposal, but the file on record was made from other content (as after a measure
    # changed between two submissions): it is outdated.
    RenderJob.objects.filter(pk=old.pk).update(content_hash="0" * 64)
    client.force_login(council_member)
    assert _download_links(client, programme) == []
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(reverse("programme:pdf_latest", args=[programme.pk]))
    assert first.status_code in (200, 202)
    fresh = RenderJob.objects.exclude(pk=old.pk).get()
    assert (fresh.kind, fresh.requested_by) == ("submission", None)
    assert _download_links(client, programme) == [fresh.pk]


def test_officers_download_the_remiss_version_they_answer_also_after_the_round_closed(
    client, django_capture_on_commit_callbacks, rendered, programme, coordinator, officer, ks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_to_consultation(programme, coordinator, [ks])
    job = RenderJob.objects.get()
    assert (job.kind, job.status) == ("consultation", "done")
    assert all("REMISSVERSION" in text for text in rendered[0][1])
    invitation = programme.consultation_rounds.get().invitations.get()
    url = reverse("programme:consultation_pdf", args=[invitation.pk])

    client.force_login(officer)
    answer = client.get(reverse("programme:consultation_answer", args=[invitation.pk]))
    assert url in answer.content.decode()
    # Closed, back to draft and edited: the officer still gets the text they answered.
    with django_capture_on_commit_callbacks(execute=True):
        _move(programme, coordinator, Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        measure_delete(actor=coordinator, measure=programme.sections.first().measures.first())
    answer = client.get(reverse("programme:consultation_answer", args=[invitation.pk]))
    assert url in answer.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-v1-remissversion.pdf"')
    with job.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()


def test_the_remiss_version_is_refused_to_those_who_may_not_read_the_answer(
    client, django_capture_on_commit_callbacks, monkeypatch, programme, coordinator, ks, fn
):
    monkeypatch.setattr(
        pdf,
        "document_render",
        lambda document: pdf.RenderedPdf(b"%PDF-1.7\n%%EOF\n", 1, 0.0, 0.0),
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_to_consultation(programme, coordinator, [ks])
    invitation = programme.consultation_rounds.get().invitations.get()
    url = reverse("programme:consultation_pdf", args=[invitation.pk])
    other = UserFactory(username="handlaggare.fn")
    membership_add(user=other, committee=fn)
    jobs_before = list(RenderJob.objects.values())
    for user in (None, UserFactory(username="utan.roll"), other):
        visitor = Client()
        if user is not None:
            visitor.force_login(user)
        assert visitor.get(url).status_code == 404
    assert list(RenderJob.objects.values()) == jobs_before
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
