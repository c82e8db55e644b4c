"""Every change to what a page shows moves the programme's content_generation, in its transaction."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from committees import roles
from core.editing import ConcurrentEditError
from measures import services as measure_services
from measures.follow_up import round_services
from measures.follow_up import services as follow_up_services
from measures.models import FocusArea, Measure, RoundPart
from programme.decisions.consultation import consultation_answer_save
from programme.decisions.revisions import programme_revise
from programme.decisions.transitions import programme_transition
from programme.documents.jobs import render_job_request
from programme.drafting import services
from programme.models import Programme
from tests.factories import PartnerFactory, ProgrammeFactory, UserFactory
from tests.steps import adopt, send_to_consultation


def generation(programme) -> int:
    return Programme.objects.values_list("content_generation", flat=True).get(pk=programme.pk)


def first_measure(programme) -> Measure:
    return Measure.objects.filter(section__programme=programme).order_by("section__order", "order")[
        0
    ]


def _section(programme):
    return programme.sections.order_by("order")[0]


DRAFT_CHANGES = {
    "programme text": lambda p, a, c: services.programme_update(
        actor=a, programme=p, edit_token=p.edit_token, title="Ny titel"
    ),
    "section added": lambda p, a, c: services.section_create(
        actor=a, programme=p, title="Köp av sexuella tjänster", kind="sex_purchase"
    ),
    "section text": lambda p, a, c: services.section_update(
        actor=a, section=_section(p), edit_token=_section(p).edit_token, goals="<p>Mål</p>"
    ),
    "section moved": lambda p, a, c: services.section_move(
        actor=a, section=_section(p), position=2
    ),
    "section deleted": lambda p, a, c: services.section_delete(actor=a, section=_section(p)),
    "measure added": lambda p, a, c: measure_services.measure_create(
        actor=a, section=_section(p), title="Ny åtgärd", responsible_committee=c
    ),
    "measure text": lambda p, a, c: measure_services.measure_update(
        actor=a,
        measure=first_measure(p),
        edit_token=first_measure(p).edit_token,
        title="Ändrad åtgärd",
    ),
    "measure partners": lambda p, a, c: measure_services.measure_update(
        actor=a,
        measure=first_measure(p),
        edit_token=first_measure(p).edit_token,
        partners=[PartnerFactory(name="Polisen")],
    ),
    "measure moved": lambda p, a, c: measure_services.measure_move(
        actor=a, measure=first_measure(p), section=_section(p), position=2
    ),
    "measures reordered": lambda p, a, c: measure_services.measure_reorder(
        actor=a,
        section=_section(p),
        measure_ids=list(_section(p).measures.order_by("-order").values_list("pk", flat=True)),
    ),
    "measure deleted": lambda p, a, c: measure_services.measure_delete(
        actor=a, measure=first_measure(p)
    ),
    "sent to consultation": lambda p, a, c: send_to_consultation(p, a, [c]),
    "pdf asked for": lambda p, a, c: render_job_request(actor=a, programme=p, kind="draft"),
}


@pytest.mark.parametrize("change", DRAFT_CHANGES, ids=list(DRAFT_CHANGES))
def test_a_change_to_a_draft_moves_its_version(change, programme, coordinator, ks):
    before = generation(programme)
    DRAFT_CHANGES[change](Programme.objects.get(pk=programme.pk), coordinator, ks)
    assert generation(programme) > before


def test_a_deleted_measure_restored_moves_the_version(programme, coordinator):
    measure = first_measure(programme)
    measure_pk = measure.pk
    measure_services.measure_delete(actor=coordinator, measure=measure)
    record = Measure.history.get(id=measure_pk, history_type="-")
    before = generation(programme)
    measure_services.measure_restore(actor=coordinator, record=record)
    assert generation(programme) > before


def test_a_refused_edit_leaves_the_version_as_it_was(programme, coordinator):
    measure = first_measure(programme)
    title = measure.title
    before = generation(programme)
    with pytest.raises(ConcurrentEditError):
        measure_services.measure_update(
            actor=coordinator, measure=measure, edit_token=measure.edit_token + 5, title="X"
        )
    assert generation(programme) == before
    assert Measure.objects.get(pk=measure.pk).title == title


def test_a_change_leaves_other_programmes_alone(programme, coordinator):
    other = ProgrammeFactory(actor=coordinator)
    before = generation(other)
    measure = first_measure(programme)
    measure_services.measure_update(
        actor=coordinator, measure=measure, edit_token=measure.edit_token, title="Ändrad"
    )
    assert generation(other) == before


def test_consultation_answers_and_follow_up_move_the_version(programme, coordinator, officer, ks):
    send_to_consultation(programme, coordinator, [ks])
    invitation = programme.consultation_rounds.get().invitations.get(committee=ks)
    before = generation(programme)
    consultation_answer_save(actor=officer, invitation=invitation, text="<p>Vi tillstyrker.</p>")
    assert generation(programme) > before

    for status in (Programme.Status.DRAFT, Programme.Status.SUBMITTED):
        programme_transition(
            actor=coordinator, programme=Programme.objects.get(pk=programme.pk), to_status=status
        )
    adopt(Programme.objects.get(pk=programme.pk), coordinator)
    measure = first_measure(programme)
    before = generation(programme)
    follow_up_services.progress_update_create(
        actor=officer,
        measure=measure,
        edit_token=measure.edit_token,
        status="ongoing",
        progress=40,
    )
    after_follow_up = generation(programme)
    assert after_follow_up > before
    measure = Measure.objects.get(pk=measure.pk)
    follow_up_services.progress_note_create(
        actor=officer, measure=measure, edit_token=measure.edit_token, note="Klart i maj."
    )
    assert generation(programme) > after_follow_up


@pytest.mark.parametrize("kind", ["committee", "partner", "focus area"])
def test_renaming_a_shared_name_moves_every_programme(kind, programme, coordinator, ks):
    other = ProgrammeFactory(actor=coordinator)
    before = (generation(programme), generation(other))
    row = {
        "committee": lambda: ks,
        "partner": lambda: PartnerFactory(name="Migrationsverket"),
        "focus area": lambda: FocusArea.objects.order_by("pk")[0],
    }[kind]()
    row.name = f"{row.name} (nytt namn)"
    row.save()
    assert generation(programme) > before[0]
    assert generation(other) > before[1]


def test_a_revision_started_moved_on_or_withdrawn_moves_the_adopted_programme(
    programme, coordinator
):
    # The adopted programme's page says "a revision is in progress" (or offers "Revise").
    adopt(programme, coordinator)
    before = generation(programme)
    revision = programme_revise(actor=coordinator, programme=programme)
    started = generation(programme)
    assert started > before
    programme_transition(
        actor=coordinator, programme=revision, to_status=Programme.Status.WITHDRAWN
    )
    assert generation(programme) > started


def test_a_stale_programme_instance_saved_later_does_not_turn_the_version_back(
    programme, coordinator
):
    stale = Programme.objects.get(pk=programme.pk)
    measure = first_measure(programme)
    measure_services.measure_update(
        actor=coordinator, measure=measure, edit_token=measure.edit_token, title="Ändrad"
    )
    after_edit = generation(programme)
    stale.save()
    assert generation(programme) > after_edit


def test_group_and_seat_changes_are_not_content(programme, coordinator):
    # They change what one user may see, which the page key holds (roles.signature), not content.
    before = generation(programme)
    user = UserFactory(username="ny.ledamot")
    user.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])
    assert generation(programme) == before


def document_generation(programme) -> int:
    return Programme.objects.values_list("document_generation", flat=True).get(pk=programme.pk)


def test_a_pdf_request_moves_the_page_generation_but_not_the_document_generation(
    programme, coordinator
):
    before = (generation(programme), document_generation(programme))
    render_job_request(actor=coordinator, programme=programme, kind="draft")
    assert generation(programme) > before[0]
    assert document_generation(programme) == before[1]
    measure = first_measure(programme)
    measure_services.measure_update(
        actor=coordinator, measure=measure, edit_token=measure.edit_token, title="Ändrad"
    )
    assert document_generation(programme) > before[1]


def test_every_round_service_moves_the_page_generation_but_not_the_document_generation(
    programme, coordinator, officer, ks
):
    """The rounds are shown on "Vårt uppdrag" (cached under the version), not in the PDF."""
    programme_transition(
        actor=coordinator, programme=programme, to_status=Programme.Status.SUBMITTED
    )
    adopt(Programme.objects.get(pk=programme.pk), coordinator)

    def versions():
        return Programme.objects.values_list("content_generation", "document_generation").get(
            pk=programme.pk
        )

    def part():
        return RoundPart.objects.select_related("round__programme").get(committee=ks)

    steps = [
        lambda: round_services.round_open(
            actor=coordinator,
            programme=Programme.objects.get(pk=programme.pk),
            name="Uppföljning 2027",
            period_from=date(2027, 1, 1),
            period_to=date(2027, 12, 31),
            deadline=date(2028, 2, 1),
        ),
        lambda: round_services.round_part_mark_ready(actor=officer, part=part()),
        lambda: round_services.round_part_reopen(actor=coordinator, part=part()),
        lambda: round_services.round_close(actor=coordinator, reporting_round=part().round),
    ]
    for step in steps:
        content, document = versions()
        step()
        assert versions()[0] > content
        assert versions()[1] == document
