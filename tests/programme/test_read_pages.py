import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme.models import Programme
from tests.factories import MeasureFactory, ProgrammeFactory, SectionFactory

from .helpers import make_coordinator

pytestmark = pytest.mark.django_db


def _programme_with_measures(count: int) -> Programme:
    programme = ProgrammeFactory(title="Handlingsprogram mot människohandel")
    sections = [SectionFactory(programme=programme, title=f"Område {i}") for i in range(3)]
    for i in range(count):
        MeasureFactory(section=sections[i % 3], title=f"Åtgärd nummer {i}")
    return programme


def test_the_programme_page_lists_sections_and_measures_with_their_facts(client):
    programme = _programme_with_measures(4)
    client.force_login(make_coordinator())
    response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    for section in programme.sections.all():
        assert section.title in page
    for measure in programme.sections.first().measures.all():
        assert measure.title in page
        assert measure.identifier in page
        assert measure.responsible_committee.name in page


def test_a_draft_is_not_found_for_an_anonymous_visitor(client):
    programme = ProgrammeFactory()
    assert client.get(programme.get_absolute_url()).status_code == 404
    assert programme.title not in client.get("/").content.decode()


def test_an_adopted_programme_is_public(client):
    programme = ProgrammeFactory()
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.ADOPTED)
    assert client.get(programme.get_absolute_url()).status_code == 200


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_programme_page_runs_the_same_number_of_queries_for_3_and_60_measures(client):
    client.force_login(make_coordinator())
    small = _programme_with_measures(3)
    large = _programme_with_measures(60)
    assert _queries_for(client, small.get_absolute_url()) == _queries_for(
        client, large.get_absolute_url()
    )


def test_stored_hostile_html_renders_inert(client):
    measure = MeasureFactory(
        description='<p>Ok</p><img src=x onerror="alert(1)"><script>alert(2)</script>'
    )
    client.force_login(make_coordinator())
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "<p>Ok</p>" in page
    assert "onerror" not in page
    assert "<script>alert" not in page
