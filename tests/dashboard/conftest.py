"""An adopted programme whose measures cover each case the dashboard counts, built through the
services (the follow-up's updates too); only the dates of old updates are set back by hand, as
nothing in the product writes an update in the past."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from committees import roles
from committees.services import membership_add
from measures.follow_up.round_services import round_close, round_open, round_part_save
from measures.follow_up.services import progress_update_create
from measures.models import Measure, ProgressUpdate
from programme.models import Programme
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)
from tests.programme.helpers import make_coordinator

PAST = date(2020, 6, 30)
FUTURE = date(2099, 12, 31)


def set_status(programme: Programme, status: str) -> Programme:
    # The workflow's adoption builds the adopted edition and the PDF; the dashboard reads neither.
    Programme.objects.filter(pk=programme.pk).update(status=status)
    return Programme.objects.get(pk=programme.pk)


def update(actor, measure: Measure, *, status: str, progress: int, note: str = "", **fields):
    measure = Measure.objects.select_related("section__programme").get(pk=measure.pk)
    return progress_update_create(
        actor=actor,
        measure=measure,
        edit_token=measure.edit_token,
        status=status,
        progress=progress,
        note=note,
        **fields,
    )


def backdate(entry: ProgressUpdate, days: int) -> None:
    ProgressUpdate.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def close_round(coordinator, programme, name, year, progress: dict[Measure, tuple[str, int]]):
    """Open a round asking every responsible committee, report ``progress`` and close it."""
    reporting_round = round_open(
        actor=coordinator,
        programme=programme,
        name=name,
        period_from=date(year, 1, 1),
        period_to=date(year, 12, 31),
        deadline=date(year + 1, 2, 1),
    )
    for part in reporting_round.parts.select_related("round__programme", "committee"):
        entries = []
        for measure, (status, value) in progress.items():
            if measure.responsible_committee_id != part.committee_id:
                continue
            current = Measure.objects.get(pk=measure.pk)
            entries.append(
                {
                    "measure": current,
                    "edit_token": current.edit_token,
                    "status": status,
                    "progress": value,
                    "note": f"<p>Rapport {name}</p>",
                }
            )
        if entries:
            round_part_save(actor=coordinator, part=part, entries=entries)
    return round_close(actor=coordinator, reporting_round=reporting_round)


@pytest.fixture
def users(db):
    council = UserFactory(username="ledamot", first_name="Lena", last_name="Ledamot")
    council.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])
    return SimpleNamespace(coordinator=make_coordinator(), council=council)


@pytest.fixture
def world(users):
    """Sections "Förebygga" (overdue, completed, fresh) and "Stöd" (stale, cancelled), and an
    empty "Övrigt"; Socialnämnden and Kommunstyrelsen responsible; adopted."""
    sn = CommitteeFactory(name="Socialnämnden", code="SN")
    ks = CommitteeFactory(name="Kommunstyrelsen", code="KS")
    officer = UserFactory(username="handlaggare.sn", first_name="Olle", last_name="Officer")
    membership_add(user=officer, committee=sn)
    programme = ProgrammeFactory(owning_committee=sn, title="Handlingsprogram")
    first = SectionFactory(programme=programme, title="Förebygga")
    second = SectionFactory(programme=programme, title="Stöd")
    SectionFactory(programme=programme, title="Övrigt")
    m = SimpleNamespace(
        overdue=MeasureFactory(
            section=first, title="Sen rutin", responsible_committee=sn, due_date=PAST
        ),
        completed=MeasureFactory(
            section=first, title="Klar utbildning", responsible_committee=sn, due_date=PAST
        ),
        fresh=MeasureFactory(
            section=first, title="Ny kampanj", responsible_committee=ks, due_date=FUTURE
        ),
        stale=MeasureFactory(
            section=second, title="Tyst mottagning", responsible_committee=ks, due_date=FUTURE
        ),
        cancelled=MeasureFactory(
            section=second, title="Struken insats", responsible_committee=ks, due_date=PAST
        ),
    )
    programme = set_status(programme, Programme.Status.ADOPTED)
    update(officer, m.overdue, status="ongoing", progress=20, note="<p>Intern anteckning</p>")
    backdate(ProgressUpdate.objects.get(measure=m.overdue), days=400)
    update(officer, m.completed, status="completed", progress=100)
    update(users.coordinator, m.fresh, status="ongoing", progress=50)
    backdate(update(users.coordinator, m.stale, status="delayed", progress=10), days=220)
    update(users.coordinator, m.cancelled, status="cancelled", progress=0)
    return SimpleNamespace(
        programme=programme, sn=sn, ks=ks, officer=officer, measures=m, sections=(first, second)
    )
