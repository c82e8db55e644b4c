"""What of the decision process is public (docs/permissions.md, "What is public").

The decision, its date, § and dnr are public with the adopted programme; who made each step
(officials' names), the comments on the steps and the edit history are the organisation's own.
"""

import pytest
from django.test import Client
from django.urls import reverse

from measures.models import Measure
from programme.decisions.transitions import programme_transition
from programme.models import Programme, StatusChange
from tests.steps import adopt, send_to_consultation

pytestmark = pytest.mark.django_db
S = Programme.Status
INTERNAL_COMMENT = "Internt: KS-kontoret vill ha tre veckor till"


@pytest.fixture
def adopted(programme, coordinator, ks):
    coordinator.first_name, coordinator.last_name = "Anna", "Lindqvist"
    coordinator.save()
    send_to_consultation(programme, coordinator, [ks])
    programme_transition(
        actor=coordinator, programme=programme, to_status=S.DRAFT, comment=INTERNAL_COMMENT
    )
    adopt(programme, coordinator, paragraph="KF § 77")
    return programme


def _visitor(user=None) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


def _history_table(client, programme) -> str:
    page = client.get(programme.get_absolute_url())
    assert page.status_code == 200
    content = page.content.decode()
    start = content.index("<caption>Status history</caption>")
    return content[start : content.index("</table>", start)]


def test_the_public_sees_the_decision_steps_without_names_or_comments(adopted, outsider):
    changes_before = StatusChange.objects.count()
    for client in (_visitor(), _visitor(outsider)):
        table = _history_table(client, adopted)
        assert "Submitted to the council → Adopted" in table
        assert "Anna Lindqvist" not in table
        assert INTERNAL_COMMENT not in table
        assert "In consultation" not in table  # the draft-era steps are not public
        assert ">By<" not in table and ">Comment<" not in table
    assert StatusChange.objects.count() == changes_before
    assert Programme.objects.get(pk=adopted.pk).status == S.ADOPTED


def test_roles_that_took_part_see_the_steps_they_could_read_with_names_and_comments(
    adopted, officer, council_member
):
    table = _history_table(_visitor(officer), adopted)
    assert "Draft → In consultation" in table
    assert INTERNAL_COMMENT in table and "Anna Lindqvist" in table
    council = _history_table(_visitor(council_member), adopted)
    assert "Draft → Submitted to the council" in council
    assert "Draft → In consultation" not in council  # council members never read it there
    assert INTERNAL_COMMENT not in council


def test_the_edit_history_of_an_adopted_measure_is_the_coordinators(
    adopted, coordinator, officer, outsider, council_member
):
    measure = Measure.objects.filter(section__programme=adopted).first()
    url = reverse("measures:history", args=[measure.pk])
    records_before = measure.history.count()
    for user in (outsider, officer, council_member):
        client = _visitor(user)
        assert client.get(url).status_code == 403
        assert url not in client.get(measure.get_absolute_url()).content.decode()
    assert _visitor().get(url).status_code == 302  # to the login page
    coordinator_client = _visitor(coordinator)
    assert coordinator_client.get(url).status_code == 200
    assert url in coordinator_client.get(measure.get_absolute_url()).content.decode()
    assert measure.history.count() == records_before
    section_url = reverse("programme:section_history", args=[measure.section_id])
    programme_url = reverse("programme:history", args=[adopted.pk])
    for history_url in (section_url, programme_url):
        assert _visitor(outsider).get(history_url).status_code == 403
        assert coordinator_client.get(history_url).status_code == 200
