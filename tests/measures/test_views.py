import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import Measure
from tests.factories import CommitteeFactory, MeasureFactory, PartnerFactory, SectionFactory
from tests.programme.helpers import make_coordinator, make_programme

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>Text<script>alert("x")</script></p><p onmouseover="alert(1)" style="color:red">hover</p>'
    '<a href="javascript:alert(1)">js</a><img src="file:///etc/passwd" onerror="alert(1)">'
    '<a href="https://polisen.se">ok</a><iframe src="https://evil.example"></iframe>'
)


@pytest.fixture
def coordinator_client(client):
    client.force_login(make_coordinator())
    return client


def measure_data(measure=None, **overrides):
    committee = measure.responsible_committee if measure else CommitteeFactory()
    data = {"title": "Utbildning för hotellpersonal", "responsible_committee": committee.pk}
    if measure:
        data.update(edit_token=measure.edit_token, status=measure.status, progress=0)
    data.update(overrides)
    return data


def test_create_measure_with_committees_partners_and_formatted_text(coordinator_client):
    section = SectionFactory()
    co, partner = CommitteeFactory(), PartnerFactory()
    response = coordinator_client.post(
        reverse("measures:create", args=[section.pk]),
        measure_data(
            co_responsible_committees=[co.pk],
            partners=[partner.pk],
            description="<p><strong>Fet</strong> och <em>kursiv</em></p>",
            indicator="Antal utbildade",
            indicator_target="40",
            indicator_unit="personer",
        ),
    )
    measure = Measure.objects.get()
    assert response.status_code == 302
    assert (measure.identifier, measure.indicator_target) == ("1.1", 40)
    assert list(measure.co_responsible_committees.all()) == [co]
    assert list(measure.partners.all()) == [partner]
    page = coordinator_client.get(measure.get_absolute_url()).content.decode()
    assert "<strong>Fet</strong>" in page


def test_hostile_html_is_stored_inert_and_renders_inert(coordinator_client):
    measure = MeasureFactory()
    coordinator_client.post(
        reverse("measures:edit", args=[measure.pk]), measure_data(measure, description=HOSTILE)
    )
    measure.refresh_from_db()
    for bad in (
        "<script",
        "onmouseover",
        "onerror",
        "javascript:",
        "file:",
        "style=",
        "<iframe",
        "<img",
    ):
        assert bad not in measure.description
    assert '<a href="https://polisen.se" rel="noopener noreferrer">ok</a>' in measure.description
    page = coordinator_client.get(measure.get_absolute_url()).content.decode()
    # The stored text is shown inside <main>; the site's own scripts follow it.
    main = page[page.index("<main") : page.index("</main>")]
    for bad in ("<script", "onmouseover", "onerror", "javascript:", "file:", "<iframe", "<img"):
        assert bad not in main


def test_invalid_measure_keeps_input_and_changes_nothing(coordinator_client):
    measure = MeasureFactory(title="Original")
    response = coordinator_client.post(
        reverse("measures:edit", args=[measure.pk]),
        measure_data(
            measure,
            title="",
            description="<p>Min text</p>",
            start_date="2027-05-01",
            due_date="2026-01-01",
        ),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_title"' in body and 'href="#id_due_date"' in body
    assert "&lt;p&gt;Min text&lt;/p&gt;" in body
    measure.refresh_from_db()
    assert measure.title == "Original"


def test_garbage_never_gives_a_500(coordinator_client):
    measure = MeasureFactory()
    for data in (
        {"edit_token": "abc", "title": "x", "responsible_committee": "999999"},
        {"indicator_target": "1e400", "start_date": "2026-13-45", "edit_token": "1"},
        {"co_responsible_committees": ["x"], "edit_token": "1"},
    ):
        response = coordinator_client.post(reverse("measures:edit", args=[measure.pk]), data)
        assert response.status_code == 400
    response = coordinator_client.post(
        reverse("measures:move", args=[measure.pk]), {"position": "-1"}
    )
    assert response.status_code == 400


def test_a_concurrent_measure_edit_is_refused_with_their_change_and_my_input(coordinator_client):
    measure = MeasureFactory(title="Original")
    stale = measure_data(measure, title="Min titel", description="<p>Min beskrivning</p>")
    coordinator_client.post(
        reverse("measures:edit", args=[measure.pk]), measure_data(measure, title="Deras titel")
    )
    response = coordinator_client.post(reverse("measures:edit", args=[measure.pk]), stale)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Deras titel" in body
    assert 'value="Min titel"' in body
    assert "Min beskrivning" in body
    measure.refresh_from_db()
    assert measure.title == "Deras titel"


def test_move_delete_and_restore_through_the_pages(coordinator_client):
    programme = make_programme(sections=2, measures_per_section=2)
    first = Measure.objects.get(title="Åtgärd 1.1")
    target = programme.sections.get(order=2)
    response = coordinator_client.post(
        reverse("measures:move", args=[first.pk]), {"section": target.pk, "position": 1}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.identifier == "2.1"
    assert Measure.objects.get(title="Åtgärd 1.2").identifier == "1.1"
    coordinator_client.post(reverse("measures:delete", args=[first.pk]))
    assert Measure.objects.get(title="Åtgärd 2.1").identifier == "2.1"
    record = Measure.history.get(title="Åtgärd 1.1", history_type="-")
    coordinator_client.post(reverse("measures:restore", args=[record.history_id]))
    assert Measure.objects.get(title="Åtgärd 1.1").identifier == "2.3"


def _overview_queries(client, programme) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programme:detail", args=[programme.pk]))
    assert response.status_code == 200
    return len(queries)


def test_overview_query_count_does_not_grow_with_measures(coordinator_client):
    small = make_programme(sections=3, measures_per_section=1)
    large = make_programme(sections=3, measures_per_section=100)
    for measure in Measure.objects.filter(section__programme=large)[:50]:
        measure.partners.add(PartnerFactory())
    assert Measure.objects.filter(section__programme=large).count() == 300
    assert _overview_queries(coordinator_client, small) == _overview_queries(
        coordinator_client, large
    )


def test_list_pages_query_counts_do_not_grow(coordinator_client):
    make_programme(sections=1)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(url).status_code == 200
        return len(queries)

    one = make_programme(sections=1)
    few = count(reverse("programme:list"))
    few_deleted = count(reverse("programme:deleted", args=[one.pk]))
    for _ in range(20):
        make_programme(sections=1)
    for measure in Measure.objects.filter(section__programme=one):
        coordinator_client.post(reverse("measures:delete", args=[measure.pk]))
    for _ in range(5):
        MeasureFactory(section=one.sections.first())
    for measure in Measure.objects.filter(section__programme=one):
        coordinator_client.post(reverse("measures:delete", args=[measure.pk]))
    assert count(reverse("programme:list")) == few
    assert count(reverse("programme:deleted", args=[one.pk])) == few_deleted


def test_the_edit_page_loads_the_editor_without_inline_script(coordinator_client):
    """The editor's assets come from the app's static files as separate files: no inline script
    (no import map), no style attribute, so a Content-Security-Policy needs no 'unsafe-inline'."""
    measure = MeasureFactory()
    page = coordinator_client.get(reverse("measures:edit", args=[measure.pk])).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all(" src=" in tag for tag in scripts), scripts
    assert 'type="importmap"' not in page and " style=" not in page
    assert 'src="/static/js/prose_editor.js" type="module"' in page
    assert "data-django-prose-editor-handlingsprogram=" in page
    assert "https://" not in "".join(scripts)  # nothing from a CDN
    # Without JavaScript the textarea says how to format, with the tags shown, not applied.
    assert "<noscript>" in page and "&lt;strong&gt;fetstil&lt;/strong&gt;" in page


def test_the_editor_buttons_are_named_in_swedish(client):
    catalog = client.get(reverse("javascript-catalog")).content.decode()
    for swedish in ("Fet", "Kursiv", "Punktlista", "Numrerad lista", "Redigera länk"):
        assert json.dumps(swedish) in catalog


def test_an_empty_bullet_from_the_editor_is_not_stored(coordinator_client):
    measure = MeasureFactory(description="")
    coordinator_client.post(
        reverse("measures:edit", args=[measure.pk]),
        measure_data(measure, description="<p>Text</p><ul><li><p></p></li></ul>"),
    )
    measure.refresh_from_db()
    assert measure.description == "<p>Text</p>"
