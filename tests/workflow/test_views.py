"""The workflow pages: status codes, errors next to fields, read-only after submit, public page."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from committees import roles
from measures.models import Measure
from measures.services import measure_create, measure_update
from programme.decisions.consultation import consultation_answer_save
from programme.decisions.revisions import programme_revise
from programme.decisions.selectors import workflow_record
from programme.decisions.transitions import programme_transition
from programme.drafting.services import programme_update
from programme.models import AdoptedEdition, ConsultationInvitation, Programme, StatusChange
from tests.factories import UserFactory
from tests.steps import adopt, in_days, send_to_consultation

pytestmark = pytest.mark.django_db
S = Programme.Status
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _status(programme):
    programme.refresh_from_db()
    return programme.status


def test_the_programme_page_shows_the_panel_with_history_and_buttons(
    client, programme, coordinator
):
    programme_transition(
        actor=coordinator, programme=programme, to_status=S.SUBMITTED, comment="Till KF"
    )
    client.force_login(coordinator)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Status history" in page
    assert "Till KF" in page
    assert reverse("programme:adopt", args=[programme.pk]) in page
    assert 'name="to_status" value="draft"' in page  # return to draft
    assert 'name="expected_status" value="submitted"' in page


def test_a_new_draft_shows_no_empty_list_of_decision_links(client, programme, coordinator, ks):
    """A draft never sent anywhere has no consultation, editions or public page to link to: no
    list at all (an empty one is announced as "list, 0 items")."""
    client.force_login(coordinator)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert 'class="workflow-links"' not in page
    send_to_consultation(programme, coordinator, [ks])
    page = client.get(programme.get_absolute_url()).content.decode()
    assert 'class="workflow-links"' in page
    assert reverse("programme:consultation", args=[programme.pk]) in page


def test_the_record_has_links_only_once_there_is_something_to_link_to(
    client, programme, coordinator
):
    """``has_links`` is what decides the list: false for a new draft (no list on the page),
    true for an adopted programme (its public page and versions are linked)."""
    assert workflow_record(user=coordinator, programme=programme)["has_links"] is False
    client.force_login(coordinator)
    assert 'class="workflow-links"' not in client.get(programme.get_absolute_url()).content.decode()
    adopt(programme, coordinator)
    programme.refresh_from_db()
    assert workflow_record(user=coordinator, programme=programme)["has_links"] is True
    page = client.get(programme.get_absolute_url()).content.decode()
    assert 'class="workflow-links"' in page
    assert reverse("programme:public", args=[programme.pk]) in page


def test_an_officer_sees_no_transition_buttons(client, programme, officer):
    client.force_login(officer)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert 'name="to_status"' not in page
    assert reverse("programme:consultation_send", args=[programme.pk]) not in page


def test_a_button_moves_the_programme_and_redirects(client, programme, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("programme:transition", args=[programme.pk]),
        {"to_status": S.SUBMITTED, "expected_status": S.DRAFT, "comment": "Klar"},
    )
    assert response.status_code == 302
    assert _status(programme) == S.SUBMITTED


def test_a_stale_or_impossible_transition_answers_409_and_changes_nothing(
    client, programme, coordinator
):
    client.force_login(coordinator)
    url = reverse("programme:transition", args=[programme.pk])
    client.post(url, {"to_status": S.SUBMITTED, "expected_status": S.DRAFT})
    # A second tab still showing the draft tries to withdraw it.
    response = client.post(url, {"to_status": S.WITHDRAWN, "expected_status": S.DRAFT})
    assert response.status_code == 409
    assert "Nothing was changed" in response.content.decode()
    response = client.post(url, {"to_status": S.SUPERSEDED, "expected_status": S.SUBMITTED})
    assert response.status_code == 409
    assert _status(programme) == S.SUBMITTED
    assert StatusChange.objects.filter(programme=programme).count() == 1


def test_an_officer_gets_404_for_a_draft_and_nothing_changes(client, programme, officer):
    client.force_login(officer)
    response = client.post(
        reverse("programme:transition", args=[programme.pk]),
        {"to_status": S.WITHDRAWN, "expected_status": S.DRAFT},
    )
    assert response.status_code == 404  # a draft is not theirs to see
    assert _status(programme) == S.DRAFT


def test_an_officer_gets_403_on_a_programme_they_read_and_nothing_changes(
    client, programme, officer, coordinator, ks
):
    send_to_consultation(programme, coordinator, [ks])
    client.force_login(officer)
    response = client.post(
        reverse("programme:transition", args=[programme.pk]),
        {"to_status": S.DRAFT, "expected_status": S.CONSULTATION},
    )
    assert response.status_code == 403
    assert _status(programme) == S.CONSULTATION


def test_anonymous_visitors_are_sent_to_login(client, programme):
    response = client.post(
        reverse("programme:transition", args=[programme.pk]),
        {"to_status": S.WITHDRAWN, "expected_status": S.DRAFT},
    )
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]
    assert _status(programme) == S.DRAFT


def test_the_send_form_shows_errors_next_to_fields_and_keeps_input(
    client, programme, coordinator, ks
):
    client.force_login(coordinator)
    url = reverse("programme:consultation_send", args=[programme.pk])
    page = client.get(url).content.decode()
    assert "<fieldset" in page and "<legend>Committees to consult</legend>" in page
    assert programme.owning_committee.name not in page.split("<fieldset")[1]
    response = client.post(url, {"committees": [ks.pk], "deadline": "", "comment": "Hej"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert "Give the date by which the committees must answer." in page
    assert "Hej</textarea>" in page
    assert re.search(rf'value="{ks.pk}"[^>]*checked', page)
    response = client.post(url, {"committees": [ks.pk], "deadline": in_days(-1).isoformat()})
    assert response.status_code == 400
    assert "The deadline must be after today." in response.content.decode()
    assert _status(programme) == S.DRAFT


def test_sending_to_consultation_through_the_form(client, programme, coordinator, ks):
    client.force_login(coordinator)
    response = client.post(
        reverse("programme:consultation_send", args=[programme.pk]),
        {"committees": [ks.pk], "deadline": in_days(14).isoformat()},
    )
    assert response.status_code == 302
    assert _status(programme) == S.CONSULTATION
    assert programme.consultation_rounds.get().invitations.get().committee == ks


def test_the_send_form_on_a_programme_that_moved_on_answers_409(client, programme, coordinator, ks):
    programme_transition(actor=coordinator, programme=programme, to_status=S.SUBMITTED)
    client.force_login(coordinator)
    url = reverse("programme:consultation_send", args=[programme.pk])
    assert client.get(url).status_code == 409
    response = client.post(url, {"committees": [ks.pk], "deadline": in_days(9).isoformat()})
    assert response.status_code == 409
    assert _status(programme) == S.SUBMITTED


def _adopt_post(client, programme, **extra):
    data = {
        "decision_date": in_days(-2).isoformat(),
        "decision_paragraph": "KF § 123",
        "case_number": "KS 2019-000123",
    }
    data.update(extra)
    return client.post(reverse("programme:adopt", args=[programme.pk]), data)


def test_adoption_with_a_minutes_pdf(client, programme, coordinator):
    programme_transition(actor=coordinator, programme=programme, to_status=S.SUBMITTED)
    client.force_login(coordinator)
    response = _adopt_post(
        client,
        programme,
        minutes=SimpleUploadedFile("protokoll.pdf", PDF, content_type="application/pdf"),
    )
    assert response.status_code == 302
    version = AdoptedEdition.objects.get(programme=programme)
    assert version.minutes.name.startswith(f"minutes/{programme.pk}/")
    client.logout()
    minutes = client.get(reverse("programme:public_minutes", args=[programme.pk]))
    assert minutes.status_code == 200
    assert b"".join(minutes.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("name", "content"),
    [("protokoll.pdf", b"<html>not a pdf</html>"), ("protokoll.exe", PDF)],
)
def test_adoption_refuses_a_file_that_is_not_a_pdf(client, programme, coordinator, name, content):
    programme_transition(actor=coordinator, programme=programme, to_status=S.SUBMITTED)
    client.force_login(coordinator)
    response = _adopt_post(client, programme, minutes=SimpleUploadedFile(name, content))
    assert response.status_code == 400
    page = response.content.decode()
    assert "The file must be a PDF." in page
    assert 'value="KF § 123"' in page
    assert _status(programme) == S.SUBMITTED
    assert not AdoptedEdition.objects.exists()


def test_adoption_refuses_a_file_over_10_mb(client, programme, coordinator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    programme_transition(actor=coordinator, programme=programme, to_status=S.SUBMITTED)
    client.force_login(coordinator)
    big = SimpleUploadedFile("protokoll.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = _adopt_post(client, programme, minutes=big)
    assert response.status_code == 400
    assert "larger than 10 MB" in response.content.decode()
    assert _status(programme) == S.SUBMITTED


def test_adoption_form_with_missing_fields_answers_400(client, programme, coordinator):
    programme_transition(actor=coordinator, programme=programme, to_status=S.SUBMITTED)
    client.force_login(coordinator)
    response = _adopt_post(client, programme, decision_paragraph="", case_number="")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the paragraph, for example KF § 123." in page
    assert "Give the case number, for example KS 2019-000123." in page
    assert _status(programme) == S.SUBMITTED


# --- consultation answer page --------------------------------------------------------------------


@pytest.fixture
def invitation(programme, coordinator, ks):
    send_to_consultation(programme, coordinator, [ks])
    return ConsultationInvitation.objects.get(committee=ks)


def test_the_officer_saves_a_draft_then_submits_then_sees_it_read_only(
    client, programme, invitation, officer
):
    measure = Measure.objects.filter(section__programme=programme).first()
    client.force_login(officer)
    url = reverse("programme:consultation_answer", args=[invitation.pk])
    page = client.get(url).content.decode()
    assert "<legend>Your committee&#x27;s position</legend>" in page
    field = f"comment_{measure.pk}"
    response = client.post(url, {"text": "Utkast", field: "Bra åtgärd", "save": ""})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == ConsultationInvitation.State.DRAFT

    response = client.post(url, {"text": "Utan ställningstagande", "confirm": "on", "submit": ""})
    assert response.status_code == 400
    assert "Choose your committee" in response.content.decode()

    response = client.post(
        url,
        {
            "position": "agrees",
            "text": "Tillstyrks",
            field: "Bra åtgärd",
            "confirm": "on",
            "submit": "",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "<textarea" not in page
    assert "Bra åtgärd" in page and "Tillstyrks" in page

    response = client.post(
        url, {"position": "objects", "text": "Ändrat", "confirm": "on", "submit": ""}
    )
    assert response.status_code == 409
    invitation.refresh_from_db()
    assert (invitation.position, invitation.text) == ("agrees", "Tillstyrks")


def test_after_the_round_closes_the_answer_page_shows_the_text_as_sent_not_later_edits(
    client, programme, invitation, officer, coordinator
):
    measure = Measure.objects.get(section__programme=programme, title="Stödmottagning")
    consultation_answer_save(
        actor=officer,
        invitation=invitation,
        position="agrees_with_remarks",
        text="Tillstyrks med synpunkter",
        comments={measure.pk: "Bra, men vem bemannar den?"},
        submit=True,
    )
    programme_transition(actor=coordinator, programme=programme, to_status=S.DRAFT)
    measure.refresh_from_db()
    measure_update(
        actor=coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        title="Hemlig ny titel",
        description="<p>Nytt utkast efter remissen.</p>",
    )
    measure_create(
        actor=coordinator,
        section=measure.section,
        title="Ny åtgärd i utkastet",
        responsible_committee=measure.responsible_committee,
    )
    programme.refresh_from_db()
    programme_update(
        actor=coordinator, programme=programme, edit_token=programme.edit_token, title="Omdöpt"
    )
    answer_before = ConsultationInvitation.objects.values().get(pk=invitation.pk)

    client.force_login(officer)
    url = reverse("programme:consultation_answer", args=[invitation.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Stödmottagning" in page and "Bra, men vem bemannar den?" in page
    assert "Skriftliga rutiner mellan socialtjänsten och polisen." in page  # the sent text
    assert "Handlingsprogram mot människohandel" in page
    for later in (
        "Hemlig ny titel",
        "Nytt utkast efter remissen",
        "Ny åtgärd i utkastet",
        "Omdöpt",
    ):
        assert later not in page
    assert programme.get_absolute_url() not in page  # a draft they may not open: no link

    refused = client.post(
        url, {"position": "objects", "text": "Ändrat", "confirm": "on", "submit": ""}
    )
    assert refused.status_code == 409
    assert "Hemlig ny titel" not in refused.content.decode()
    assert ConsultationInvitation.objects.values().get(pk=invitation.pk) == answer_before


def test_another_user_cannot_open_or_post_the_answer(client, invitation, outsider):
    client.force_login(outsider)
    url = reverse("programme:consultation_answer", args=[invitation.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"position": "agrees", "submit": ""}).status_code == 403


def test_the_coordinators_overview_lists_comments_next_to_measures(
    client, programme, invitation, officer, coordinator, fn
):
    measure = Measure.objects.filter(section__programme=programme).first()
    consultation_answer_save(
        actor=officer,
        invitation=invitation,
        position="agrees_with_remarks",
        comments={measure.pk: "Ta med taxibolagen"},
        submit=True,
    )
    client.force_login(coordinator)
    page = client.get(reverse("programme:consultation", args=[programme.pk])).content.decode()
    assert "Ta med taxibolagen" in page
    row = page[page.index(measure.title) :]
    assert row.index("Ta med taxibolagen") < row.index("</tr>")
    assert "1 / 1" in page
    client.force_login(officer)
    assert client.get(reverse("programme:consultation", args=[programme.pk])).status_code == 403


# --- public page, versions --------------------------------------------------------------------


def test_the_public_page_shows_the_adopted_text_without_login(client, programme, coordinator):
    adopt(programme, coordinator, paragraph="KF § 123")
    Measure.objects.filter(section__programme=programme).update(title="Ändrad efter beslut")
    response = client.get(reverse("programme:public", args=[programme.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "KF § 123" in page and "KS 2025-000123" in page
    assert "Rutiner mellan socialtjänst och polis" in page
    assert "Ändrad efter beslut" not in page


def test_the_public_page_of_a_draft_is_not_found(client, programme):
    assert client.get(reverse("programme:public", args=[programme.pk])).status_code == 404


def test_the_superseded_version_links_to_the_later_one(client, programme, coordinator):
    adopt(programme, coordinator, paragraph="KF § 1")
    revision = programme_revise(actor=coordinator, programme=programme)
    adopt(revision, coordinator, paragraph="KF § 2")
    page = client.get(reverse("programme:public", args=[programme.pk])).content.decode()
    assert "superseded" in page
    assert reverse("programme:public", args=[revision.pk]) in page
    page = client.get(reverse("programme:public", args=[revision.pk])).content.decode()
    assert reverse("programme:public", args=[programme.pk]) in page


def test_the_versions_page_compares_with_ins_and_del(client, programme, coordinator):
    adopt(programme, coordinator)
    revision = programme_revise(actor=coordinator, programme=programme)
    measure = Measure.objects.get(section__programme=revision, title="Stödmottagning")
    measure_update(
        actor=coordinator, measure=measure, edit_token=measure.edit_token, title="Stödlinje"
    )
    client.force_login(coordinator)
    page = client.get(reverse("programme:editions", args=[revision.pk])).content.decode()
    assert "<del>Stödmottagning</del>" in page
    assert "<ins>Stödlinje</ins>" in page
    response = client.get(
        reverse("programme:editions", args=[revision.pk]),
        {"a": f"adopted-{programme.pk}", "b": f"adopted-{programme.pk}"},
    )
    assert response.status_code == 400
    assert "Choose two different versions." in response.content.decode()


def test_revise_button_creates_version_2(client, programme, coordinator):
    adopt(programme, coordinator)
    client.force_login(coordinator)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert reverse("programme:revise", args=[programme.pk]) in page
    response = client.post(reverse("programme:revise", args=[programme.pk]))
    assert response.status_code == 302
    revision = Programme.objects.get(edition=2)
    assert response["Location"] == revision.get_absolute_url()
    assert client.post(reverse("programme:revise", args=[programme.pk])).status_code == 409


def _revision_notice(client, programme) -> bool:
    """Does ``programme``'s page tell ``client`` that a revision is in progress?"""
    page = client.get(programme.get_absolute_url()).content.decode()
    return "A revision is in progress" in page


def test_only_those_who_may_read_the_revision_are_told_it_is_in_progress(
    client, programme, coordinator, officer, ks
):
    adopt(programme, coordinator)
    revision = programme_revise(actor=coordinator, programme=programme)
    council_member = UserFactory(username="ledamot")
    council_member.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])

    for user in (None, UserFactory(username="utan.roll"), council_member, officer):
        visitor = Client()
        visitor.cookies["django_language"] = "en"
        if user is not None:
            visitor.force_login(user)
        page = visitor.get(programme.get_absolute_url())
        assert page.status_code == 200
        assert "A revision is in progress" not in page.content.decode()
        assert revision.get_absolute_url() not in page.content.decode()
        assert visitor.get(revision.get_absolute_url()).status_code == 404
    client.force_login(coordinator)
    assert _revision_notice(client, programme)

    send_to_consultation(revision, coordinator, [ks])  # officers read it from now on
    officer_client = Client()
    officer_client.cookies["django_language"] = "en"
    officer_client.force_login(officer)
    assert _revision_notice(officer_client, programme)
    assert _status(programme) == S.ADOPTED and _status(revision) == S.CONSULTATION


def test_the_adopted_programmes_page_follows_its_revision_being_started_and_withdrawn(
    client, programme, coordinator
):
    adopt(programme, coordinator)
    client.force_login(coordinator)
    revise_url = reverse("programme:revise", args=[programme.pk])
    assert revise_url in client.get(programme.get_absolute_url()).content.decode()
    revision = programme_revise(actor=coordinator, programme=programme)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "A revision is in progress" in page and revise_url not in page
    programme_transition(actor=coordinator, programme=revision, to_status=S.WITHDRAWN)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "A revision is in progress" not in page and revise_url in page


def test_a_programme_adopted_before_versions_were_recorded_is_public_and_revisable(
    client, programme, coordinator
):
    Programme.objects.filter(pk=programme.pk).update(
        status=S.ADOPTED, decision_paragraph="KF § 9", case_number="KS 2019-1"
    )
    page = client.get(reverse("programme:public", args=[programme.pk])).content.decode()
    assert "KF § 9" in page and "Stödmottagning" in page
    client.force_login(coordinator)
    response = client.post(reverse("programme:revise", args=[programme.pk]))
    assert response.status_code == 302
    revision = Programme.objects.get(edition=2)
    assert revision.sections.count() == 2
