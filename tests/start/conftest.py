"""State for the start page tests, built through the services."""

from datetime import date

import pytest

from committees.services import membership_add
from measures.follow_up.round_services import round_open, round_part_mark_ready
from programme.decisions.consultation import consultation_answer_save
from programme.decisions.transitions import programme_transition
from programme.models import Programme
from tests.factories import MeasureFactory, ProgrammeFactory, SectionFactory, UserFactory

# The pages in English; the other people, committees and programme are tests/fixtures.py's.
from tests.fixtures import client  # noqa: F401
from tests.steps import adopt, in_days, send_to_consultation


@pytest.fixture
def fn_officer(fn):
    user = UserFactory(username="handlaggare.fn")
    membership_add(user=user, committee=fn)
    return user


def programme_with_measures(coordinator, committee, title, due_in_days=()):
    """A draft with one measure per entry of ``due_in_days``, due that many days from today."""
    programme = ProgrammeFactory(actor=coordinator, title=title)
    section = SectionFactory(actor=coordinator, programme=programme)
    for number, days in enumerate(due_in_days, start=1):
        MeasureFactory(
            actor=coordinator,
            section=section,
            title=f"{title}: åtgärd {number}",
            responsible_committee=committee,
            due_date=in_days(days),
        )
    return programme


def build_world(size: int, *, coordinator, ks, fn, fn_officer):
    """``size`` programmes of each kind: in consultation (FN has answered), submitted, adopted
    with measures overdue, due soon and due later."""
    for n in range(size):
        on_remiss = programme_with_measures(coordinator, ks, f"Remissprogram {n}", (10,))
        send_to_consultation(on_remiss, coordinator, [ks, fn], days=10 + n)
        invitation = on_remiss.consultation_rounds.get().invitations.get(committee=fn)
        consultation_answer_save(
            actor=fn_officer, invitation=invitation, position="agrees", text="Bra.", submit=True
        )
        submitted = programme_with_measures(coordinator, ks, f"Inlämnat {n}", (5,))
        programme_transition(
            actor=coordinator, programme=submitted, to_status=Programme.Status.SUBMITTED
        )
        adopted = programme_with_measures(coordinator, ks, f"Antaget {n}", (-3, 12, 90))
        MeasureFactory(
            actor=coordinator,
            section=adopted.sections.first(),
            title=f"Antaget {n}: fritid",
            responsible_committee=fn,
        )
        adopt(adopted, coordinator, paragraph=f"KF § {100 + n}")
        # A follow-up round asking Kommunstyrelsen (its measures) and Fritidsnämnden, which is
        # ready already.
        reporting_round = round_open(
            actor=coordinator,
            programme=Programme.objects.get(pk=adopted.pk),
            name=f"Uppföljning {2030 + n}",
            period_from=date(2030 + n, 1, 1),
            period_to=date(2030 + n, 12, 31),
            deadline=in_days(20 + n),
            committees=[ks, fn],
        )
        round_part_mark_ready(actor=fn_officer, part=reporting_round.parts.get(committee=fn))
