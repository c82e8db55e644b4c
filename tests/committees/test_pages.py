"""The committee list and Vårt uppdrag: what they show, and a constant number of queries."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import roles
from committees.services import membership_add
from measures.models import Measure
from programme.models import Programme
from tests.factories import CommitteeFactory, MeasureFactory, SectionFactory, UserFactory
from tests.permissions.conftest import set_programme_status

pytestmark = pytest.mark.django_db


def _section(status):
    """A section of a draft programme, to be put in ``status`` once its measures are written."""
    section = SectionFactory()
    section.target_status = status
    return section


def _publish(*sections):
    """Move each section's programme to the status it was made for (text is written in draft)."""
    for section in sections:
        set_programme_status(section.programme, section.target_status)


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "en"  # the assertions read the English labels
    return client


def _coordinator():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    return user


def test_assignment_page_lists_the_committees_measures_across_programmes_and_flags_overdue(client):
    sn, ks = CommitteeFactory(name="Socialnämnden"), CommitteeFactory(name="Kommunstyrelsen")
    officer = UserFactory()
    membership_add(user=officer, committee=sn)
    adopted, older = _section("adopted"), _section("superseded")
    yesterday = date.today() - timedelta(days=1)
    MeasureFactory(section=adopted, responsible_committee=sn, title="Försenad", due_date=yesterday)
    MeasureFactory(
        section=adopted,
        responsible_committee=sn,
        title="Klar i tid",
        due_date=yesterday,
        status=Measure.Status.COMPLETED,
    )
    MeasureFactory(section=older, responsible_committee=sn, title="Gammal plan")
    MeasureFactory(section=adopted, responsible_committee=ks, title="Inte vår")
    MeasureFactory(
        section=adopted, responsible_committee=ks, co_responsible_committees=[sn], title="Medverkar"
    )
    draft = _section("draft")
    MeasureFactory(section=draft, responsible_committee=sn, title="Utkastets åtgärd")
    _publish(adopted, older, draft)

    client.force_login(officer)
    page = client.get(reverse("committees:assignments", kwargs={"pk": sn.pk})).content.decode()

    assert "Försenad" in page and "Klar i tid" in page and "Gammal plan" in page
    assert "Medverkar" in page  # under co-responsible
    assert "Inte vår" not in page
    assert "Utkastets åtgärd" not in page  # officers do not see drafts
    assert page.count('class="overdue"') == 1
    assert page.count("Update follow-up") == 2  # the adopted SN measures, not the superseded one
    assert page.count("Add a progress note") == 1


def test_a_coordinator_sees_every_committee_and_drafts_too(client):
    sn = CommitteeFactory()
    MeasureFactory(section=_section("draft"), responsible_committee=sn, title="Utkastets åtgärd")
    client.force_login(_coordinator())
    assert (
        "Utkastets åtgärd"
        in client.get(reverse("committees:assignments", kwargs={"pk": sn.pk})).content.decode()
    )
    others = [CommitteeFactory() for _ in range(2)]
    listing = client.get(reverse("committees:list")).content.decode()
    assert all(c.name in listing for c in [sn, *others])


def test_an_officer_lists_only_their_own_committees(client):
    mine, other = CommitteeFactory(name="Gymnasienämnden"), CommitteeFactory(name="Kulturnämnden")
    officer = UserFactory()
    membership_add(user=officer, committee=mine)
    client.force_login(officer)
    listing = client.get(reverse("committees:list")).content.decode()
    assert mine.name in listing and other.name not in listing


def _fill(committee, count):
    adopted = _section(Programme.Status.ADOPTED)
    co = CommitteeFactory()
    for _ in range(count):
        MeasureFactory(
            section=adopted,
            responsible_committee=committee,
            co_responsible_committees=[co],
            due_date=date(2020, 1, 1),
        )
        MeasureFactory(
            section=adopted, responsible_committee=co, co_responsible_committees=[committee]
        )
    _publish(adopted)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["officer", "coordinator"])
@pytest.mark.parametrize("url_name", ["committees:assignments", "committees:list"])
def test_query_count_does_not_grow_with_the_number_of_measures(client, role, url_name):
    counts = []
    for size in (3, 30):
        committee = CommitteeFactory()
        user = _coordinator() if role == "coordinator" else UserFactory()
        membership_add(user=user, committee=committee)
        _fill(committee, size)
        client.force_login(user)
        kwargs = {"pk": committee.pk} if url_name == "committees:assignments" else {}
        counts.append(_queries(client, reverse(url_name, kwargs=kwargs)))
    assert counts[0] == counts[1]
