"""The status pipeline: every transition's allowed path, refused path, permission and history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from measures.follow_up.services import progress_update_create
from measures.models import Measure
from measures.services import measure_create, measure_update
from programme.decisions import transitions as workflow
from programme.decisions.transitions import TransitionRefused, programme_transition
from programme.drafting.services import programme_update, section_create, section_update
from programme.models import AdoptedEdition, Programme, RenderJob, StatusChange
from tests.steps import adopt, in_days, send_to_consultation

pytestmark = pytest.mark.django_db
S = Programme.Status


def _state(programme):
    programme.refresh_from_db()
    return (programme.status, StatusChange.objects.filter(programme=programme).count())


def _go(programme, actor, to, **data):
    return programme_transition(actor=actor, programme=programme, to_status=to, **data)


def test_the_pipeline_is_data_with_one_entry_per_allowed_step():
    assert set(workflow.TRANSITIONS) == {
        (S.DRAFT, S.CONSULTATION),
        (S.CONSULTATION, S.DRAFT),
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.DRAFT),
        (S.SUBMITTED, S.ADOPTED),
        (S.DRAFT, S.WITHDRAWN),
        (S.ADOPTED, S.SUPERSEDED),
    }


def test_the_full_path_writes_one_history_row_per_step(programme, coordinator, ks):
    send_to_consultation(programme, coordinator, [ks])
    _go(programme, coordinator, S.DRAFT, comment="Svaren är inne")
    _go(programme, coordinator, S.SUBMITTED)
    adopt(programme, coordinator)
    history = list(
        StatusChange.objects.filter(programme=programme).values_list("from_status", "to_status")
    )
    assert history == [
        (S.DRAFT, S.CONSULTATION),
        (S.CONSULTATION, S.DRAFT),
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.ADOPTED),
    ]
    change = StatusChange.objects.get(programme=programme, to_status=S.DRAFT)
    assert change.actor == coordinator
    assert change.comment == "Svaren är inne"
    assert change.at is not None
    assert programme.status == S.ADOPTED


@pytest.mark.parametrize(
    ("path", "to"),
    [
        ([], S.WITHDRAWN),
        ([S.SUBMITTED], S.DRAFT),
        ([S.SUBMITTED], S.ADOPTED),
    ],
)
def test_each_simple_transition_is_allowed_and_recorded(programme, coordinator, path, to):
    for step in path:
        _go(programme, coordinator, step)
    data = {}
    if to == S.ADOPTED:
        data = {
            "decision_date": in_days(-1),
            "decision_paragraph": "KF § 1",
            "case_number": "KS 2025-1",
        }
    _go(programme, coordinator, to, comment="ok", **data)
    programme.refresh_from_db()
    assert programme.status == to
    assert StatusChange.objects.filter(programme=programme).last().to_status == to


@pytest.mark.parametrize(
    ("path", "to"),
    [
        ([], S.ADOPTED),  # a draft cannot skip the council
        ([], S.SUPERSEDED),
        ([], S.DRAFT),
        ([S.SUBMITTED], S.CONSULTATION),
        ([S.WITHDRAWN], S.DRAFT),  # withdrawn is final
        ([S.SUBMITTED], S.WITHDRAWN),
        ([S.SUBMITTED], "nonsense"),
    ],
)
def test_a_transition_outside_the_pipeline_is_refused_and_changes_nothing(
    programme, coordinator, path, to
):
    for step in path:
        _go(programme, coordinator, step)
    before = _state(programme)
    with pytest.raises(TransitionRefused) as excinfo:
        _go(programme, coordinator, to)
    assert excinfo.value.code == "no_such_transition"
    assert _state(programme) == before


def test_superseded_cannot_be_reached_by_hand(programme, coordinator):
    adopt(programme, coordinator)
    with pytest.raises(TransitionRefused):
        _go(programme, coordinator, S.SUPERSEDED)
    assert _state(programme) == (S.ADOPTED, 2)


@pytest.mark.parametrize("user_fixture", ["officer", "outsider"])
@pytest.mark.parametrize("to", [S.SUBMITTED, S.WITHDRAWN, S.CONSULTATION])
def test_only_a_coordinator_may_move_a_programme(programme, request, user_fixture, to, ks):
    user = request.getfixturevalue(user_fixture)
    before = _state(programme)
    with pytest.raises(PermissionDenied):
        _go(programme, user, to, committees=[ks], deadline=in_days(10))
    assert _state(programme) == before
    assert not programme.consultation_rounds.exists()


def test_a_stale_expected_status_is_refused(programme, coordinator):
    _go(programme, coordinator, S.SUBMITTED)
    with pytest.raises(TransitionRefused) as excinfo:
        _go(programme, coordinator, S.WITHDRAWN, expected_status=S.DRAFT)
    assert excinfo.value.code == "stale_status"
    assert _state(programme) == (S.SUBMITTED, 1)


def test_adoption_without_the_decision_is_refused_and_changes_nothing(programme, coordinator):
    _go(programme, coordinator, S.SUBMITTED)
    with pytest.raises(ValidationError) as excinfo:
        _go(programme, coordinator, S.ADOPTED, decision_date=in_days(1), decision_paragraph="")
    assert set(excinfo.value.message_dict) == {"decision_date", "decision_paragraph", "case_number"}
    assert _state(programme) == (S.SUBMITTED, 1)
    assert not AdoptedEdition.objects.exists()


def test_consultation_needs_committees_and_a_future_deadline(programme, coordinator, ks):
    with pytest.raises(ValidationError) as excinfo:
        _go(programme, coordinator, S.CONSULTATION, committees=[], deadline=in_days(0))
    assert set(excinfo.value.message_dict) == {"committees", "deadline"}
    assert _state(programme) == (S.DRAFT, 0)
    assert not programme.consultation_rounds.exists()


def test_adoption_freezes_a_snapshot_with_the_decision(programme, coordinator, ks):
    adopt(programme, coordinator, paragraph="KF § 77")
    version = AdoptedEdition.objects.get(programme=programme)
    assert (version.edition, version.decision_paragraph, version.case_number) == (
        1,
        "KF § 77",
        "KS 2025-000123",
    )
    programme.refresh_from_db()
    assert programme.decision_paragraph == "KF § 77"
    snapshot = version.snapshot
    assert snapshot["title"] == "Handlingsprogram mot människohandel"
    assert [s["title"] for s in snapshot["sections"]] == ["Prostitution", "Människohandel"]
    first = snapshot["sections"][0]["measures"][0]
    assert first["identifier"] == "1.1"
    assert first["title"] == "Rutiner mellan socialtjänst och polis"
    assert first["responsible_committee"]["name"] == "Kommunstyrelsen"
    assert "status" not in first and "progress" not in first


def test_an_adopted_edition_cannot_be_saved_again_or_deleted(programme, coordinator):
    adopt(programme, coordinator)
    version = AdoptedEdition.objects.get(programme=programme)
    version.snapshot = {"title": "forged"}
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        version.delete()
    assert AdoptedEdition.objects.get(pk=version.pk).snapshot["title"] != "forged"


# --- the text is frozen outside draft; follow-up is not -----------------------------------------


def _frozen(programme, coordinator, ks, status):
    if status == S.CONSULTATION:
        send_to_consultation(programme, coordinator, [ks])
    elif status == S.SUBMITTED:
        _go(programme, coordinator, S.SUBMITTED)
    elif status == S.ADOPTED:
        adopt(programme, coordinator)
    elif status == S.WITHDRAWN:
        _go(programme, coordinator, S.WITHDRAWN)
    programme.refresh_from_db()
    return programme


FROZEN = [S.CONSULTATION, S.SUBMITTED, S.ADOPTED, S.WITHDRAWN]


@pytest.mark.parametrize("status", FROZEN)
def test_text_changing_services_refuse_a_frozen_programme(programme, coordinator, ks, status):
    _frozen(programme, coordinator, ks, status)
    section = programme.sections.first()
    measure = Measure.objects.filter(section=section).first()
    before = (programme.title, section.title, measure.title, Measure.objects.count())
    attempts = [
        lambda: programme_update(
            actor=coordinator, programme=programme, edit_token=programme.edit_token, title="X"
        ),
        lambda: section_create(actor=coordinator, programme=programme, title="Nytt"),
        lambda: section_update(
            actor=coordinator, section=section, edit_token=section.edit_token, title="X"
        ),
        lambda: measure_create(
            actor=coordinator, section=section, title="Ny", responsible_committee=ks
        ),
        lambda: measure_update(
            actor=coordinator, measure=measure, edit_token=measure.edit_token, title="X"
        ),
        lambda: measure_update(
            actor=coordinator, measure=measure, edit_token=measure.edit_token, partners=[]
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as excinfo:
            attempt()
        assert excinfo.value.code == "text_frozen"
    programme.refresh_from_db()
    section.refresh_from_db()
    measure.refresh_from_db()
    assert (programme.title, section.title, measure.title, Measure.objects.count()) == before


def test_follow_up_fields_stay_changeable_after_adoption(programme, coordinator, ks):
    _frozen(programme, coordinator, ks, S.ADOPTED)
    measure = Measure.objects.filter(section__programme=programme).first()
    progress_update_create(
        actor=coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        status=Measure.Status.ONGOING,
        progress=40,
        note="<p>Rutinerna är skrivna.</p>",
    )
    measure.refresh_from_db()
    assert (measure.status, measure.progress) == (Measure.Status.ONGOING, 40)


def test_a_draft_stays_editable(programme, coordinator):
    programme_update(
        actor=coordinator, programme=programme, edit_token=programme.edit_token, title="Nytt"
    )
    programme.refresh_from_db()
    assert programme.title == "Nytt"


def test_adoption_renders_the_adopted_pdf_after_commit(
    programme, coordinator, django_capture_on_commit_callbacks
):
    _go(programme, coordinator, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        adopt(programme, coordinator, paragraph="KF § 77")
    job = RenderJob.objects.get(programme=programme)
    assert (job.kind, job.status, job.requested_by) == ("adopted", "done", coordinator)
    with job.file.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(handle).pages)
    assert "Antaget av kommunfullmäktige" in text
    assert "KF § 77" in text
    assert "UTKAST" not in text


def test_a_refused_adoption_queues_no_pdf(
    programme, coordinator, django_capture_on_commit_callbacks
):
    # Submitting queues the proposal's PDF; the refused adoption queues nothing more.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        adopt(programme, coordinator, paragraph="")
    assert not RenderJob.objects.exclude(kind=RenderJob.Kind.SUBMISSION).exists()
