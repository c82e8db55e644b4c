"""The measure admin shows the follow-up and changes none of it: that is the follow-up service's."""

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import MeasureFactory

# admin_client: pytest-django's, a signed-in superuser.
pytestmark = pytest.mark.django_db

FOLLOW_UP = {
    "status": "completed",
    "progress": "100",
    "progress_note": "Klar",
    "indicator_value": "7",
}


def _follow_up(measure: Measure) -> tuple:
    measure.refresh_from_db()
    return (measure.status, measure.progress, measure.progress_note, measure.indicator_value)


def _form(measure: Measure, **changes) -> dict:
    """What the measure's admin form would post, with ``changes``."""
    return {
        "section": measure.section_id,
        "order": measure.order,
        "title": measure.title,
        "responsible_committee": measure.responsible_committee_id,
        **changes,
    }


def test_posting_the_follow_up_to_the_measure_admin_changes_nothing(admin_client):
    measure = MeasureFactory(indicator="Utbildade", indicator_unit="personer")
    before, versions = _follow_up(measure), measure.history.count()
    version = measure.history.earliest().history_id
    pages = [
        reverse("admin:measures_measure_change", args=[measure.pk]),
        # django-simple-history's page of a historical version, whose form saves on POST.
        reverse("admin:measures_measure_simple_history", args=[measure.pk, version]),
    ]
    for page in pages:
        response = admin_client.post(page, _form(measure, title="Ändrad i admin", **FOLLOW_UP))
        assert response.status_code == 403, page

    assert _follow_up(measure) == before
    assert measure.title != "Ändrad i admin"
    assert measure.history.count() == versions


def test_a_historical_version_shows_the_follow_up_as_text_not_as_inputs(admin_client):
    measure = MeasureFactory()
    version = measure.history.earliest().history_id
    page = admin_client.get(
        reverse("admin:measures_measure_simple_history", args=[measure.pk, version])
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert measure.get_status_display() in html
    for field in ("status", "progress", "progress_note", "indicator_value"):
        assert f'name="{field}"' not in html, field
