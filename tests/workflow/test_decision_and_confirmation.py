"""The council's decision on the programme page; submitting a remiss answer asks for confirmation."""

import pytest
from django.urls import reverse

from programme.models import ConsultationInvitation, Programme
from tests.steps import adopt, send_to_consultation

pytestmark = pytest.mark.django_db


def test_every_reader_of_an_adopted_programme_sees_the_decision_on_its_page(
    client, programme, coordinator, officer
):
    adopt(programme, coordinator, paragraph="KF § 123")
    for user in (None, officer, coordinator):
        client.logout()
        client.cookies["django_language"] = "en"
        if user:
            client.force_login(user)
        page = client.get(programme.get_absolute_url()).content.decode()
        assert "Document details" in page and "Decided by" in page
        assert "KF § 123" in page
        assert "KS 2025-000123" in page
        assert Programme.objects.get(pk=programme.pk).decision_date.isoformat() in page


def test_a_draft_has_no_decision_in_its_document_details(client, programme, coordinator):
    client.force_login(coordinator)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Document details" in page and "To be decided by" in page
    assert "Decision date" not in page and "Decided by" not in page


@pytest.fixture
def invitation(programme, coordinator, ks):
    send_to_consultation(programme, coordinator, [ks])
    return ConsultationInvitation.objects.get(committee=ks)


def test_submitting_without_confirming_is_refused_and_keeps_the_input(client, invitation, officer):
    client.force_login(officer)
    url = reverse("programme:consultation_answer", args=[invitation.pk])
    assert "I understand that the answer cannot be changed" in client.get(url).content.decode()
    response = client.post(url, {"position": "agrees", "text": "Tillstyrks", "submit": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Confirm that the answer is final before you submit it." in page
    assert "Tillstyrks" in page
    invitation.refresh_from_db()
    assert invitation.state == ConsultationInvitation.State.NOT_STARTED
    assert invitation.text == ""


def test_submitting_with_the_confirmation_sends_the_answer(client, invitation, officer):
    client.force_login(officer)
    url = reverse("programme:consultation_answer", args=[invitation.pk])
    response = client.post(
        url, {"position": "agrees", "text": "Tillstyrks", "confirm": "on", "submit": ""}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == ConsultationInvitation.State.SUBMITTED


def test_saving_a_draft_needs_no_confirmation(client, invitation, officer):
    client.force_login(officer)
    url = reverse("programme:consultation_answer", args=[invitation.pk])
    assert client.post(url, {"text": "Utkast", "save": ""}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == ConsultationInvitation.State.DRAFT
