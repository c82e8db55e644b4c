"""A coordinator refused an edit because the programme is locked is told why and what to do."""

import pytest
from django.urls import reverse

from programme.decisions.transitions import programme_transition
from programme.models import Programme
from tests.steps import adopt, send_to_consultation

pytestmark = pytest.mark.django_db

GENERIC = "Your role does not allow this page or change"


def _edit_pages(programme):
    section = programme.sections.first()
    measure = section.measures.first()
    return [
        reverse("programme:edit", args=[programme.pk]),
        reverse("programme:section_edit", args=[section.pk]),
        reverse("measures:edit", args=[measure.pk]),
        reverse("measures:create", args=[section.pk]),
    ]


def _refusal(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 403
    return response.content.decode()


def test_on_remiss_the_coordinator_is_told_to_close_the_consultation(
    client, coordinator, programme, ks
):
    send_to_consultation(programme, coordinator, [ks])
    client.force_login(coordinator)
    for url in _edit_pages(programme):
        page = _refusal(client, url)
        assert "The text is locked while the programme is out for consultation." in page
        assert "Close the consultation to edit it." in page
        assert GENERIC not in page
    title = programme.title
    response = client.post(reverse("programme:edit", args=[programme.pk]), {"title": "Nytt"})
    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.title == title


def test_in_swedish_the_reason_reads_as_the_municipality_writes_it(
    client, coordinator, programme, ks
):
    send_to_consultation(programme, coordinator, [ks])
    client.cookies["django_language"] = "sv"
    client.force_login(coordinator)
    page = _refusal(client, reverse("programme:edit", args=[programme.pk]))
    assert (
        "Texten är låst medan programmet är på remiss. Avsluta remissen för att redigera." in page
    )


def test_submitted_and_adopted_programmes_say_why_per_status(client, coordinator, programme):
    client.force_login(coordinator)
    programme_transition(
        actor=coordinator, programme=programme, to_status=Programme.Status.SUBMITTED
    )
    page = _refusal(client, reverse("programme:edit", args=[programme.pk]))
    assert "The text is locked while the municipal council decides on it." in page
    adopt(programme, coordinator)
    page = _refusal(client, reverse("programme:edit", args=[programme.pk]))
    assert "The adopted text is not changed." in page
    assert "Revise the programme to write a new version." in page


def test_an_officer_is_still_told_that_their_role_does_not_allow_it(
    client, coordinator, programme, ks, officer
):
    send_to_consultation(programme, coordinator, [ks])
    client.force_login(officer)
    page = _refusal(client, reverse("programme:edit", args=[programme.pk]))
    assert GENERIC in page
    assert "locked" not in page
