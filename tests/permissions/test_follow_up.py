"""The follow-up service and form: only the follow-up fields change, and only for those allowed."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.editing import ConcurrentEditError
from measures.follow_up.services import progress_note_create, progress_update_create
from measures.models import Measure, ProgressUpdate
from measures.permissions import can_edit_measure, measures_editable_by

pytestmark = pytest.mark.django_db


def _fields(measure):
    """The measure's row and its whole timeline: what a refused write must leave as it was."""
    return {
        "measure": Measure.objects.filter(pk=measure.pk).values().get(),
        "timeline": list(ProgressUpdate.objects.filter(measure=measure).values()),
    }


def test_the_responsible_officer_changes_the_follow_up_and_nothing_else_through_the_form(
    client, world
):
    measure = world.objects["measure_adopted"]
    before = _fields(measure)
    client.force_login(world.user("officer_responsible"))
    client.post(
        reverse("measures:follow_up", kwargs={"pk": measure.pk}),
        {
            "status": "ongoing",
            "progress": "40",
            "note": "<p>Rutinen är skriven.</p><script>alert(1)</script>",
            "indicator_value": "7",
            "edit_token": measure.edit_token,
            "title": "Kapad",
            "responsible_committee": world.objects["committee_ks"].pk,
            "due_date": "2001-01-01",
            "section": world.objects["measure_draft"].section_id,
        },
    )
    after = _fields(measure)["measure"]
    before = before["measure"]
    changed = {name for name in after if after[name] != before[name]}
    # No indicator on this measure: the posted value is not a field of the form.
    assert changed == {"status", "progress", "progress_note", "edit_token", "updated_at"}
    assert after["progress_note"] == "<p>Rutinen är skriven.</p>"
    assert after["responsible_committee_id"] == world.objects["committee_sn"].pk
    (entry,) = ProgressUpdate.objects.filter(measure=measure)
    assert (entry.kind, entry.status, entry.progress, entry.note) == (
        "update",
        "ongoing",
        40,
        "<p>Rutinen är skriven.</p>",
    )
    assert (entry.author, entry.committee) == (
        world.user("officer_responsible"),
        world.objects["committee_sn"],
    )


@pytest.mark.parametrize("role", ["officer_other", "officer_co_responsible", "council_member"])
def test_the_service_refuses_everyone_but_the_responsible_committee_and_coordinators(world, role):
    measure = world.objects["measure_adopted"]
    before = _fields(measure)
    with pytest.raises(PermissionDenied):
        progress_update_create(
            actor=world.user(role),
            measure=measure,
            edit_token=measure.edit_token,
            status="delayed",
            progress=10,
            note="<p>Försenat</p>",
        )
    assert _fields(measure) == before


def test_a_co_responsible_note_is_a_signed_entry_that_leaves_the_follow_up_as_it_was(world):
    measure = world.objects["measure_adopted"]
    progress_update_create(
        actor=world.user("officer_responsible"),
        measure=measure,
        edit_token=measure.edit_token,
        status="ongoing",
        progress=30,
        note="<p>SN: påbörjat.</p>",
    )
    measure.refresh_from_db()
    before = Measure.objects.filter(pk=measure.pk).values().get()
    note = progress_note_create(
        actor=world.user("officer_co_responsible"),
        measure=measure,
        edit_token=measure.edit_token,
        note="<b>Fritid</b> deltar <img src=x onerror=alert(1)>",
    )
    assert Measure.objects.filter(pk=measure.pk).values().get() == before
    assert (note.kind, note.status, note.progress) == ("note", "", None)
    assert (note.author, note.committee) == (
        world.user("officer_co_responsible"),
        world.objects["committee_fn"],
    )
    assert note.note == "<b>Fritid</b> deltar"
    timeline = list(ProgressUpdate.objects.filter(measure=measure))
    assert [entry.kind for entry in timeline] == ["note", "update"]
    assert timeline[1].note == "<p>SN: påbörjat.</p>"


def test_a_note_written_against_an_older_version_is_refused_and_adds_nothing(world):
    measure = world.objects["measure_adopted"]
    stale = measure.edit_token
    progress_update_create(
        actor=world.user("officer_responsible"),
        measure=measure,
        edit_token=stale,
        status="ongoing",
        progress=30,
    )
    before = _fields(measure)
    with pytest.raises(ConcurrentEditError):
        progress_note_create(
            actor=world.user("officer_co_responsible"),
            measure=measure,
            edit_token=stale,
            note="Vi hjälper till.",
        )
    assert _fields(measure) == before


def test_an_officer_of_another_committee_may_not_add_a_note(world):
    measure = world.objects["measure_adopted"]
    before = _fields(measure)
    with pytest.raises(PermissionDenied):
        progress_note_create(
            actor=world.user("officer_other"),
            measure=measure,
            edit_token=measure.edit_token,
            note="x",
        )
    assert _fields(measure) == before


def test_the_editable_measures_of_an_officer_are_their_committees_in_adopted_programmes(world):
    assert list(measures_editable_by(world.user("officer_responsible"))) == [
        world.objects["measure_adopted"]
    ]
    assert list(measures_editable_by(world.user("officer_other"))) == [
        world.objects["measure_adopted_ks"]
    ]
    assert not measures_editable_by(world.user("officer_co_responsible")).exists()
    assert not measures_editable_by(world.user("council_member")).exists()
    assert not measures_editable_by(world.user("anonymous")).exists()


def test_nobody_changes_the_text_of_an_adopted_programme_and_coordinators_change_drafts(world):
    coordinator = world.user("coordinator")
    assert not can_edit_measure(coordinator, world.objects["measure_adopted"])
    assert can_edit_measure(coordinator, world.objects["measure_draft"])
    assert not can_edit_measure(world.user("officer_responsible"), world.objects["measure_draft"])


def test_the_measure_page_offers_the_form_only_to_those_who_may_use_it(client, world):
    url = reverse("measures:detail", kwargs={"pk": world.objects["measure_adopted"].pk})
    offers = {}
    for role in (
        "officer_responsible",
        "officer_co_responsible",
        "officer_other",
        "council_member",
    ):
        client.force_login(world.user(role))
        page = client.get(url).content.decode()
        offers[role] = ("Lämna en lägesrapport" in page, "Lägg till i lägesbeskrivningen" in page)
    assert offers == {
        "officer_responsible": (True, False),
        "officer_co_responsible": (False, True),
        "officer_other": (False, False),
        "council_member": (False, False),
    }
