"""A save on a stale form merges instead of overwriting: fields only the other editor changed take
the newer values, fields both changed wait for the user's choice, shown side by side.

The mechanism is shared (core.editing, core.forms.LockedForm, core.views.save_or_rerender); the
measure form exercises it here, with one check each for sections and programmes.
"""

from collections import defaultdict

import pytest
from django.test import Client
from django.urls import reverse

from measures.models import Measure
from tests.drills.support import post_forms
from tests.factories import MeasureFactory, SectionFactory
from tests.programme.helpers import make_coordinator

pytestmark = pytest.mark.django_db

DESCRIPTION = "<p>Utbilda taxiförare.</p>"
ADDED = "<p>Utbilda taxiförare.</p><p>Även hotellpersonal.</p>"


@pytest.fixture
def anna(client):
    client.force_login(make_coordinator(username="anna"))
    return client


def page_form(response) -> dict:
    """The edit form's fields as the browser would post them back unchanged."""
    _action, fields = next(f for f in post_forms(response.content) if f[0] == "")
    data = defaultdict(list)
    for name, value in fields:
        data[name].append(value)
    return dict(data)


def opened(client, url) -> dict:
    return page_form(client.get(url))


def test_saving_again_after_a_conflict_keeps_the_other_editors_change(anna):
    measure = MeasureFactory(description=DESCRIPTION, indicator="Antal utbildade")
    url = reverse("measures:edit", args=[measure.pk])
    bertil = make_coordinator(username="bertil")
    other = Client()
    other.force_login(bertil)
    bertils_form = opened(other, url)
    annas_form = opened(anna, url)
    annas_form["description"] = [ADDED]
    assert anna.post(url, annas_form).status_code == 302

    bertils_form["indicator"] = ["Andel utbildade"]
    conflict = other.post(url, bertils_form)
    assert conflict.status_code == 409
    measure.refresh_from_db()
    assert measure.indicator == "Antal utbildade"  # nothing of Bertil's saved yet

    # Bertil presses Spara on the conflict page as it is.
    again = other.post(url, page_form(conflict))
    assert again.status_code == 302, again.content.decode()[:2000]
    measure.refresh_from_db()
    assert measure.description == ADDED
    assert measure.indicator == "Andel utbildade"


def test_a_field_both_changed_is_shown_side_by_side_and_waits_for_a_choice(anna):
    measure = MeasureFactory(description=DESCRIPTION, title="Utbildning")
    url = reverse("measures:edit", args=[measure.pk])
    other = Client()
    other.force_login(make_coordinator(username="bertil"))
    bertils_form = opened(other, url)
    annas_form = opened(anna, url)
    annas_form["description"] = [ADDED]
    anna.post(url, annas_form)

    bertils_form["description"] = ["<p>Utbilda <strong>alla</strong> förare.</p>"]
    bertils_form["title"] = ["Utbildning för förare"]
    conflict = other.post(url, bertils_form)
    assert conflict.status_code == 409
    body = conflict.content.decode()
    # Both versions as readable formatted text, not as markup.
    assert "<p>Även hotellpersonal.</p>" in body
    assert "Utbilda <strong>alla</strong> förare." in body
    assert "&lt;p&gt;" not in body.split('id="conflict-title"')[1].split("</section>")[0]
    assert 'name="keep_description"' in body
    assert 'name="keep_title"' not in body  # only Bertil changed the title

    # Saving without choosing is refused, next to the choice; nothing changes.
    unchosen = other.post(url, page_form(conflict))
    assert unchosen.status_code == 400
    assert 'id="id_keep_description_error"' in unchosen.content.decode()
    measure.refresh_from_db()
    assert (measure.description, measure.title) == (ADDED, "Utbildning")

    # "Use the saved one": Anna's text stays, Bertil's other change lands.
    choice = page_form(unchosen)
    choice["keep_description"] = ["theirs"]
    assert other.post(url, choice).status_code == 302
    measure.refresh_from_db()
    assert (measure.description, measure.title) == (ADDED, "Utbildning för förare")


def test_keeping_my_change_replaces_the_saved_one_only_when_chosen(anna):
    measure = MeasureFactory(description=DESCRIPTION)
    url = reverse("measures:edit", args=[measure.pk])
    other = Client()
    other.force_login(make_coordinator(username="bertil"))
    bertils_form = opened(other, url)
    annas_form = opened(anna, url)
    annas_form["description"] = [ADDED]
    anna.post(url, annas_form)
    bertils_form["description"] = ["<p>Bertils text.</p>"]
    choice = page_form(other.post(url, bertils_form))
    choice["keep_description"] = ["mine"]
    assert other.post(url, choice).status_code == 302
    assert Measure.objects.get(pk=measure.pk).description == "<p>Bertils text.</p>"


def test_a_section_conflict_merges_the_same_way(anna):
    section = SectionFactory(title="Prostitution", introduction="<p>Inledning.</p>")
    url = reverse("programme:section_edit", args=[section.pk])
    other = Client()
    other.force_login(make_coordinator(username="bertil"))
    bertils_form = opened(other, url)
    annas_form = opened(anna, url)
    annas_form["introduction"] = ["<p>Inledning.</p><p>Mer.</p>"]
    assert anna.post(url, annas_form).status_code == 302
    bertils_form["title"] = ["Prostitution och människohandel"]
    conflict = other.post(url, bertils_form)
    assert conflict.status_code == 409
    assert other.post(url, page_form(conflict)).status_code == 302
    section.refresh_from_db()
    assert section.introduction == "<p>Inledning.</p><p>Mer.</p>"
    assert section.title == "Prostitution och människohandel"
