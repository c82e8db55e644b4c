"""Revisions, superseding, snapshots that never change, and the comparison of two versions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from measures.follow_up.services import (
    progress_note_create,
    progress_timeline_copy,
    progress_update_create,
)
from measures.models import Measure, ProgressUpdate
from measures.services import measure_create, measure_update
from programme.decisions.revisions import programme_revise
from programme.decisions.selectors import edition_choices, programme_lineage
from programme.decisions.snapshots import programme_snapshot, snapshot_compare, word_diff
from programme.models import AdoptedEdition, Programme, StatusChange
from tests.steps import adopt

pytestmark = pytest.mark.django_db
S = Programme.Status


def _measure(programme, title):
    return Measure.objects.get(section__programme=programme, title=title)


@pytest.fixture
def adopted(programme, coordinator):
    adopt(programme, coordinator, paragraph="KF § 10")
    programme.refresh_from_db()
    return programme


def test_revise_creates_the_next_version_as_a_draft_copy(adopted, coordinator, ks):
    measure = _measure(adopted, "Stödmottagning")
    progress_update_create(
        actor=coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        status="ongoing",
        progress=30,
        note="<p>Stödmottagningen är öppen.</p>",
    )
    revision = programme_revise(actor=coordinator, programme=adopted)
    assert (revision.edition, revision.status, revision.based_on) == (2, S.DRAFT, adopted)
    old = programme_snapshot(programme=adopted)
    new = programme_snapshot(programme=revision)
    for key in ("title", "introduction", "period"):
        assert old[key] == new[key]
    assert [m["key"] for s in old["sections"] for m in s["measures"]] == [
        m["key"] for s in new["sections"] for m in s["measures"]
    ]
    assert not snapshot_compare(old, new).has_changes
    copy = _measure(revision, "Stödmottagning")
    # The current follow-up is carried over, and so is the timeline
    # (test_a_revision_carries_the_timeline_over).
    assert (copy.status, copy.progress, copy.progress_note) == (
        "ongoing",
        30,
        "<p>Stödmottagningen är öppen.</p>",
    )
    assert StatusChange.objects.get(programme=revision).to_status == S.DRAFT
    adopted.refresh_from_db()
    assert adopted.status == S.ADOPTED


def test_only_one_revision_at_a_time_and_only_of_adopted_programmes(
    adopted, coordinator, programme
):
    programme_revise(actor=coordinator, programme=adopted)
    with pytest.raises(ValidationError) as excinfo:
        programme_revise(actor=coordinator, programme=adopted)
    assert excinfo.value.code == "revision_exists"
    draft = Programme.objects.get(edition=2)
    with pytest.raises(ValidationError) as excinfo:
        programme_revise(actor=coordinator, programme=draft)
    assert excinfo.value.code == "not_adopted"
    assert Programme.objects.count() == 2


def test_only_a_coordinator_may_revise(adopted, officer):
    with pytest.raises(PermissionDenied):
        programme_revise(actor=officer, programme=adopted)
    assert Programme.objects.count() == 1


def test_adopting_a_revision_supersedes_the_previous_version_which_stays_as_adopted(
    adopted, coordinator, ks
):
    frozen = AdoptedEdition.objects.get(programme=adopted).snapshot
    revision = programme_revise(actor=coordinator, programme=adopted)
    measure = _measure(revision, "Stödmottagning")
    measure_update(
        actor=coordinator, measure=measure, edit_token=measure.edit_token, title="Ny titel"
    )
    adopt(revision, coordinator, paragraph="KF § 200")
    adopted.refresh_from_db()
    assert adopted.status == S.SUPERSEDED
    change = StatusChange.objects.filter(programme=adopted).last()
    assert (change.from_status, change.to_status) == (S.ADOPTED, S.SUPERSEDED)
    assert "KF § 200" in change.comment
    assert AdoptedEdition.objects.get(programme=adopted).snapshot == frozen
    assert [p.edition for p in programme_lineage(programme=adopted)] == [1, 2]


def test_the_adopted_snapshot_ignores_later_changes_to_the_live_rows(adopted, coordinator):
    frozen = AdoptedEdition.objects.get(programme=adopted).snapshot
    # Even a write that bypasses the services (the admin, a script) leaves the record alone.
    Measure.objects.filter(section__programme=adopted).update(title="Manipulerad")
    assert AdoptedEdition.objects.get(programme=adopted).snapshot == frozen


def test_comparison_of_a_known_pair(adopted, coordinator, ks):
    revision = programme_revise(actor=coordinator, programme=adopted)
    changed = _measure(revision, "Rutiner mellan socialtjänst och polis")
    measure_update(
        actor=coordinator,
        measure=changed,
        edit_token=changed.edit_token,
        description="<p>Skriftliga rutiner mellan socialtjänsten, polisen och åklagaren.</p>",
    )
    _measure(revision, "Utbildning för hotellpersonal").delete()
    section = revision.sections.get(order=2)
    measure_create(
        actor=coordinator,
        section=section,
        title="Kartläggning till politiken",
        responsible_committee=ks,
    )
    adopt(revision, coordinator, paragraph="KF § 201")

    old = AdoptedEdition.objects.get(programme=adopted).snapshot
    new = AdoptedEdition.objects.get(programme=revision).snapshot
    result = snapshot_compare(old, new)
    assert [c.title for c in result.added] == ["Kartläggning till politiken"]
    assert [c.title for c in result.removed] == ["Utbildning för hotellpersonal"]
    assert [c.title for c in result.changed] == ["Rutiner mellan socialtjänst och polis"]
    assert result.unchanged_count == 1
    (field,) = result.changed[0].fields
    assert field.name == "description"
    assert field.old == "Skriftliga rutiner mellan socialtjänsten och <del>polisen</del>."
    assert field.new == (
        "Skriftliga rutiner mellan socialtjänsten<ins>, polisen</ins> och <ins>åklagaren</ins>."
    )
    # The new measure took the removed one's number; the lineage key still tells them apart.
    assert result.added[0].identifier == result.removed[0].old["identifier"] == "2.1"


def test_word_diff_marks_removed_and_added_words_and_escapes_html():
    old, new = word_diff("Polisen och <socialtjänsten> samverkar", "Polisen och regionen samverkar")
    assert old == "Polisen och <del>&lt;socialtjänsten&gt;</del> samverkar"
    assert new == "Polisen och <ins>regionen</ins> samverkar"


def test_version_choices_list_adopted_editions_and_the_current_draft(adopted, coordinator):
    revision = programme_revise(actor=coordinator, programme=adopted)
    keys = [c.key for c in edition_choices(user=coordinator, programme=revision)]
    assert keys == [f"adopted-{adopted.pk}", f"live-{revision.pk}"]


def test_a_version_1_programme_extending_an_older_plan_is_not_its_revision(coordinator, programme):
    follower = Programme.objects.create(
        title="Nytt",
        municipality="X",
        period_from=2030,
        period_to=2031,
        owning_committee=programme.owning_committee,
        based_on=programme,
    )
    assert programme_lineage(programme=follower) == [follower]


def _timeline(measure):
    return list(
        ProgressUpdate.objects.filter(measure=measure)
        .order_by("created_at", "pk")
        .values_list(
            "kind", "status", "progress", "note", "signed_by", "committee_id", "created_at"
        )
    )


def test_a_revision_carries_the_timeline_over(adopted, coordinator, officer):
    measure = _measure(adopted, "Stödmottagning")
    for progress in (20, 45):
        measure.refresh_from_db()
        progress_update_create(
            actor=coordinator,
            measure=measure,
            edit_token=measure.edit_token,
            status="ongoing",
            progress=progress,
            note=f"<p>{progress} procent.</p>",
        )
    measure.refresh_from_db()
    progress_note_create(
        actor=coordinator, measure=measure, edit_token=measure.edit_token, note="<p>Not.</p>"
    )
    before = _timeline(measure)
    assert len(before) == 3

    revision = programme_revise(actor=coordinator, programme=adopted)
    copy = _measure(revision, "Stödmottagning")
    assert _timeline(copy) == before
    assert (copy.status, copy.progress) == ("ongoing", 45)
    assert not ProgressUpdate.objects.filter(measure=copy, round__isnull=False).exists()
    # The adopted edition keeps its own entries; each edition's timeline goes on separately.
    assert _timeline(measure) == before
    # A measure without a timeline gets none.
    assert not ProgressUpdate.objects.filter(
        measure=_measure(revision, "Rutiner mellan socialtjänst och polis")
    ).exists()


def test_only_the_revisions_editor_copies_a_timeline(adopted, coordinator, officer):
    measure = _measure(adopted, "Stödmottagning")
    progress_update_create(
        actor=coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        status="ongoing",
        progress=20,
    )
    revision = programme_revise(actor=coordinator, programme=adopted)
    copy = _measure(revision, "Stödmottagning")
    count = ProgressUpdate.objects.count()
    with pytest.raises(PermissionDenied):
        progress_timeline_copy(actor=officer, source=measure, target=copy)
    # Nor into the adopted edition itself (its text is frozen).
    with pytest.raises(PermissionDenied):
        progress_timeline_copy(actor=coordinator, source=copy, target=measure)
    assert ProgressUpdate.objects.count() == count
