"""The dashboard pages: who reads which variant (and who is refused), what the public variant
leaves out, where they are linked from, and a query count that does not grow with measures."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.services import membership_add
from measures.models import Measure, ProgressUpdate
from programme.models import Programme
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)

from .conftest import PAST, close_round, set_status, update

pytestmark = pytest.mark.django_db

NOTE = "Intern anteckning"
SIGNER = "Olle Officer"


def _client(client, user):
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
    return client


def _users(world, users):
    return {
        "anonymous": AnonymousUser(),
        "coordinator": users.coordinator,
        "council_member": users.council,
        "officer": world.officer,
        "no_role": UserFactory(username="invanare"),
    }


def _internal(programme):
    return reverse("programme:dashboard", args=[programme.pk])


def _public(programme):
    return reverse("programme:public_dashboard", args=[programme.pk])


# role → status code of the internal dashboard of the adopted programme
INTERNAL = {
    "anonymous": 302,
    "coordinator": 200,
    "council_member": 200,
    "officer": 403,
    "no_role": 403,
}


@pytest.mark.parametrize("role", INTERNAL)
def test_the_internal_dashboard_is_for_coordinators_and_council_members(client, world, users, role):
    user = _users(world, users)[role]
    response = _client(client, user).get(_internal(world.programme))
    assert response.status_code == INTERNAL[role]
    if response.status_code == 302:
        assert response.url.startswith(reverse("login"))
    if response.status_code == 200:
        page = response.content.decode()
        assert NOTE in page and SIGNER in page
        assert "Sen rutin" in page


@pytest.mark.parametrize("role", list(INTERNAL))
def test_the_public_variant_is_for_anyone_without_notes_or_names(client, world, users, role):
    user = _users(world, users)[role]
    response = _client(client, user).get(_public(world.programme))
    assert response.status_code == 200
    # The header names whoever is signed in; the dashboard is the main part.
    page = response.content.decode().split('<main id="main"', 1)[1]
    assert "Sen rutin" in page and "Tyst mottagning" in page
    assert NOTE not in page and SIGNER not in page
    assert "Anna Lindqvist" not in page  # the coordinator signed two updates


@pytest.mark.parametrize("status", ["draft", "consultation", "submitted", "withdrawn"])
def test_a_programme_before_adoption_has_no_dashboard_for_anyone(client, world, users, status):
    programme = set_status(world.programme, status)
    for role, user in _users(world, users).items():
        client.logout()
        client = _client(client, user)
        assert client.get(_internal(programme)).status_code == 404, role
        assert client.get(_public(programme)).status_code == 404, role


def test_a_superseded_programmes_dashboards_stay_readable(client, world, users):
    programme = set_status(world.programme, Programme.Status.SUPERSEDED)
    assert client.get(_public(programme)).status_code == 200
    client.force_login(users.council)
    page = client.get(_internal(programme)).content.decode()
    assert "följs inte längre upp" in page


def test_the_dashboards_only_read_a_write_is_refused_and_changes_nothing(client, world, users):
    before = list(Measure.objects.values_list("pk", "status", "progress", "edit_token"))
    entries = ProgressUpdate.objects.count()
    client.force_login(users.coordinator)
    assert client.post(_internal(world.programme), {"status": "completed"}).status_code == 405
    assert client.post(_public(world.programme), {"status": "completed"}).status_code == 405
    assert list(Measure.objects.values_list("pk", "status", "progress", "edit_token")) == before
    assert ProgressUpdate.objects.count() == entries


def test_charts_are_images_with_a_text_alternative_and_a_table_each(client, world, users):
    close_round(users.coordinator, world.programme, "Uppföljning 2025", 2025, {})
    page = client.get(_public(world.programme)).content.decode()
    assert page.count('role="img"') == 3
    for chart in ("by-section", "by-committee", "rounds"):
        assert f'aria-labelledby="{chart}-title"' in page
        assert f'<title id="{chart}-title">' in page
        assert f'id="{chart}-caption"' in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>")[0]
    assert 'style="' not in page


def test_the_programme_page_list_and_public_page_link_the_dashboards(client, world, users):
    programme = world.programme
    # The public reads the public variant from the public page and the list.
    assert (
        _public(programme)
        in client.get(reverse("programme:public", args=[programme.pk])).content.decode()
    )
    assert _public(programme) in client.get(reverse("programme:list")).content.decode()
    # A council member is sent to the internal one from the programme page and the list.
    client.force_login(users.council)
    assert _internal(programme) in client.get(programme.get_absolute_url()).content.decode()
    assert _internal(programme) in client.get(reverse("programme:list")).content.decode()
    assert _internal(programme) in client.get(reverse("programme:start")).content.decode()
    # An officer reads the programme, not the internal dashboard: the link is the public one.
    client.force_login(world.officer)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert _public(programme) in page and _internal(programme) not in page


def test_a_draft_links_no_dashboard(client, world, users):
    draft = ProgrammeFactory(title="Utkast")
    client.force_login(users.coordinator)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "uppfoljningsoversikt" not in page and "/uppfoljning/" not in page


def _programme_with(measures: int, users) -> Programme:
    committees = [CommitteeFactory(name=f"Nämnd {measures}.{n}") for n in range(3)]
    officer = UserFactory()
    for committee in committees:
        membership_add(user=officer, committee=committee)
    programme = ProgrammeFactory()
    sections = [SectionFactory(programme=programme) for _ in range(3)]
    created = [
        MeasureFactory(
            section=sections[n % 3],
            responsible_committee=committees[n % 3],
            due_date=None if n % 2 else PAST,
        )
        for n in range(measures)
    ]
    programme = set_status(programme, Programme.Status.ADOPTED)
    for measure in created:
        update(officer, measure, status="ongoing", progress=10, note="<p>Not</p>")
    close_round(users.coordinator, programme, "Uppföljning 2025", 2025, {})
    return programme


def _queries(client, url) -> int:
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_measures_and_a_cached_page_reads_less(client, users):
    few = _programme_with(3, users)
    many = _programme_with(30, users)
    client.force_login(users.council)
    for url in (_internal, _public):
        assert _queries(client, url(few)) == _queries(client, url(many))
        with CaptureQueriesContext(connection) as cached:
            client.get(url(many))
        assert len(cached) < _queries(client, url(many)) - 5


def test_a_new_update_shows_at_once_though_the_page_is_cached(client, world, users):
    url = _public(world.programme)
    assert "Sen rutin" in client.get(url).content.decode().split('id="stale-heading"')[1]
    update(world.officer, world.measures.overdue, status="ongoing", progress=60)
    assert "Sen rutin" not in client.get(url).content.decode().split('id="stale-heading"')[1]
