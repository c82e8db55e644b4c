"""The start page ("Att göra"): what needs each role, with links, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.follow_up.round_services import round_close
from measures.models import ReportingRound, RoundPart
from programme.models import ConsultationInvitation, Programme
from tests.factories import UserFactory

from .conftest import build_world

pytestmark = pytest.mark.django_db
START = reverse("programme:start")


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get(START)
    assert response.status_code == 200
    return response.content.decode()


def test_signing_in_lands_on_the_start_page(client, coordinator):
    response = client.post(
        reverse("login"), {"username": "samordnare", "password": "demo-losenord"}
    )
    assert response.status_code == 302
    assert response["Location"] == START


def test_anonymous_visitors_and_users_without_a_role_get_the_programme_list(client):
    assert client.get("/").status_code == 200
    response = client.get(START)
    assert response.status_code == 302 and response["Location"] == reverse("programme:list")
    client.force_login(UserFactory(username="utan.roll"))
    response = client.get(START)
    assert response.status_code == 302 and response["Location"] == reverse("programme:list")
    assert 'href="/att-gora/"' not in client.get("/").content.decode()


def test_the_coordinator_sees_answers_submissions_and_overdue_measures(
    client, coordinator, ks, fn, fn_officer
):
    build_world(1, coordinator=coordinator, ks=ks, fn=fn, fn_officer=fn_officer)
    page = _page(client, coordinator)
    invitation = ConsultationInvitation.objects.get(committee=fn)
    assert "Remissprogram 0" in page
    assert "1 of 2 answers received" in page
    assert reverse("programme:consultation_answer", args=[invitation.pk]) in page
    assert "Missing: <bdi>Kommunstyrelsen</bdi>" in page
    assert "Inlämnat 0" in page
    assert "Antaget 0: åtgärd 1" in page  # overdue
    assert "Antaget 0: åtgärd 2" not in page  # due in 12 days: not overdue
    reporting_round = ReportingRound.objects.get(name="Uppföljning 2030")
    assert reporting_round.get_absolute_url() in page
    assert "Uppföljning 2030: Antaget 0" in page and "1 of 2 committees ready" in page
    assert "Remissprogram 0: åtgärd 1" not in page  # a draft's due date is not the follow-up's
    assert 'href="/att-gora/"' in page


def test_the_officer_sees_the_remiss_to_answer_and_measures_due(
    client, coordinator, ks, fn, fn_officer, officer
):
    build_world(1, coordinator=coordinator, ks=ks, fn=fn, fn_officer=fn_officer)
    page = _page(client, officer)
    invitation = ConsultationInvitation.objects.get(committee=ks)
    assert reverse("programme:consultation_answer", args=[invitation.pk]) in page
    assert "Answer for Kommunstyrelsen: Remissprogram 0" in page
    assert "Answer by" in page
    assert "Antaget 0: åtgärd 1" in page and "Overdue" in page
    assert "Antaget 0: åtgärd 2" in page  # due within 30 days
    assert "Antaget 0: åtgärd 3" not in page  # due in 90 days
    assert reverse("committees:assignments", args=[ks.pk]) in page
    part = RoundPart.objects.get(committee=ks)
    assert part.get_absolute_url() in page
    assert "Uppföljning 2030 for Kommunstyrelsen: Antaget 0" in page
    # Not the coordinator's parts.
    assert "Open consultations" not in page and "Waiting for the municipal council" not in page


def test_an_answered_remiss_is_no_longer_to_do(client, coordinator, ks, fn, fn_officer):
    build_world(1, coordinator=coordinator, ks=ks, fn=fn, fn_officer=fn_officer)
    page = _page(client, fn_officer)
    assert "Remissprogram 0" not in page
    assert "No consultation is waiting for your committee" in page
    # Nor is a follow-up part marked ready, nor another committee's part.
    assert "Uppföljning 2030" not in page
    assert "No follow-up round is waiting for your committee." in page


def test_a_closed_follow_up_round_is_no_longer_to_do(
    client, coordinator, officer, ks, fn, fn_officer
):
    build_world(1, coordinator=coordinator, ks=ks, fn=fn, fn_officer=fn_officer)
    round_close(actor=coordinator, reporting_round=ReportingRound.objects.get())
    assert "Uppföljning 2030" not in _page(client, officer)
    page = _page(client, coordinator)
    assert "Uppföljning 2030" not in page and "No follow-up round is open." in page


def test_the_council_member_sees_submitted_and_recently_adopted_programmes(
    client, coordinator, council_member, ks, fn, fn_officer
):
    build_world(1, coordinator=coordinator, ks=ks, fn=fn, fn_officer=fn_officer)
    page = _page(client, council_member)
    programme = Programme.objects.get(title="Antaget 0")
    assert "Inlämnat 0" in page
    assert "KF § 100" in page
    assert reverse("programme:public", args=[programme.pk]) in page
    assert reverse("programme:pdf_latest", args=[programme.pk]) in page
    # Drafts and consultations are not the council's.
    assert "Remissprogram 0" not in page


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(START).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["coordinator", "officer", "council_member"])
def test_the_query_count_does_not_grow_with_the_rows(
    client, request, role, coordinator, ks, fn, fn_officer
):
    user = request.getfixturevalue(role)
    build_world(1, coordinator=coordinator, ks=ks, fn=fn, fn_officer=fn_officer)
    small = _queries(client, user)
    build_world(3, coordinator=coordinator, ks=ks, fn=fn, fn_officer=fn_officer)
    assert _queries(client, user) == small
