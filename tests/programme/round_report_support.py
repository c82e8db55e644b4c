"""Shared set-up for the follow-up report tests: an adopted programme with a round, reported on
by two committees (one of them under a decision of its own)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from committees import roles
from committees.services import membership_add
from measures.follow_up.round_services import (
    round_close,
    round_open,
    round_part_mark_ready,
    round_part_save,
)
from measures.models import Measure, ReportingRound, RoundPart
from programme.models import Programme
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)
from tests.programme.helpers import make_coordinator


@dataclass
class RoundWorld:
    programme: Programme
    reporting_round: ReportingRound
    coordinator: object
    sn_officer: object
    council_member: object
    overdue: Measure  # due before the round closes, reported ongoing
    late_but_done: Measure  # due before, reported completed: not overdue
    not_due: Measure  # due after the round closes
    unreported: Measure  # Kommunstyrelsen's, never reported in the round


def council_member(username: str = "ledamot"):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])
    return user


def round_world(*, extra_measures: int = 0) -> RoundWorld:
    """An adopted programme, two sections, an open round with Socialnämnden's part reported and
    marked ready under its own decision; Kommunstyrelsen reported nothing."""
    sn = CommitteeFactory(name="Socialnämnden", code="SN")
    ks = CommitteeFactory(name="Kommunstyrelsen", code="KS")
    programme = ProgrammeFactory(owning_committee=sn, title="Handlingsprogram mot människohandel")
    first = SectionFactory(programme=programme, title="Prostitution")
    second = SectionFactory(programme=programme, title="Människohandel")
    today = timezone.localdate()
    overdue = MeasureFactory(
        section=first,
        responsible_committee=sn,
        title="Uppsökande arbete på nätet",
        indicator="Antal kontakter",
        indicator_target="120",
        indicator_unit="st",
        due_date=today - timedelta(days=30),
    )
    late_but_done = MeasureFactory(
        section=first,
        responsible_committee=sn,
        title="Rutiner för samverkan med Polisen",
        due_date=today - timedelta(days=60),
    )
    not_due = MeasureFactory(
        section=second,
        responsible_committee=sn,
        title="Stöd till utsatta för människohandel",
        due_date=today + timedelta(days=365),
    )
    unreported = MeasureFactory(
        section=second,
        responsible_committee=ks,
        title="Villkor mot sexköp i resepolicyn",
        due_date=today + timedelta(days=10),
    )
    for index in range(extra_measures):  # past due, never reported
        MeasureFactory(
            section=first, responsible_committee=sn, due_date=today - timedelta(days=index + 1)
        )
    Programme.objects.filter(pk=programme.pk).update(
        status=Programme.Status.ADOPTED,
        decision_date=date(2026, 3, 30),
        decision_paragraph="KF § 45",
        case_number="KS 2025-000321",
    )
    programme.refresh_from_db()
    coordinator = make_coordinator()
    officer = UserFactory(username="handlaggare.sn", first_name="Erik", last_name="Nilsson")
    membership_add(user=officer, committee=sn)
    reporting_round = round_open(
        actor=coordinator,
        programme=programme,
        name="Uppföljning 2026",
        period_from=date(2026, 1, 1),
        period_to=date(2026, 12, 31),
        deadline=today + timedelta(days=20),
    )
    part = RoundPart.objects.select_related("round__programme").get(
        round=reporting_round, committee=sn
    )
    reports = {
        overdue.pk: {"status": "ongoing", "progress": 40, "indicator_value": Decimal("42.5")},
        late_but_done.pk: {"status": "completed", "progress": 100},
        not_due.pk: {"status": "planned", "progress": 0},
    }
    entries = []
    for measure in Measure.objects.filter(pk__in=reports).select_related("section__programme"):
        entry = {
            "measure": measure,
            "edit_token": measure.edit_token,
            "note": f"<p>Kommentar om {measure.title.lower()}.</p>",
            **reports[measure.pk],
        }
        if "indicator_value" in entry:
            entry["indicator_date"] = today
        entries.append(entry)
    round_part_save(actor=officer, part=part, entries=entries)
    round_part_mark_ready(
        actor=officer,
        part=part,
        decision_date=date(2026, 11, 20),
        decision_paragraph="§ 112",
        case_number="SN 2026/77",
    )
    reporting_round.refresh_from_db()
    return RoundWorld(
        programme=programme,
        reporting_round=reporting_round,
        coordinator=coordinator,
        sn_officer=officer,
        council_member=council_member(),
        overdue=overdue,
        late_but_done=late_but_done,
        not_due=not_due,
        unreported=unreported,
    )


def close(world: RoundWorld) -> ReportingRound:
    world.reporting_round = round_close(
        actor=world.coordinator, reporting_round=world.reporting_round
    )
    return world.reporting_round
