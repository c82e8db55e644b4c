"""The API tests: the permission tests' world (one user per role), and API clients."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from api.services import token_create
from committees import roles
from measures.follow_up.round_services import (
    round_close,
    round_open,
    round_part_mark_ready,
    round_part_save,
)
from measures.follow_up.services import progress_note_create
from measures.models import Measure, RoundPart
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)
from tests.permissions.conftest import ROLES, world
from tests.steps import adopt

__all__ = ["ROLES", "world"]  # the permission tests' world, as a fixture here too


@pytest.fixture
def api():
    return APIClient()


def client_for(town, role: str, *, how: str = "session") -> APIClient:
    """An API client signed in as ``role``: by session or by a personal token."""
    client = APIClient()
    user = town.user(role)
    if not user.is_authenticated:
        return client
    if how == "session":
        client.force_login(user)
    else:
        _token, raw = token_create(actor=user, name="Test")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.fixture
def adopted(db, request):
    """A programme adopted through the workflow: with its adopted version and decision."""
    coordinator = UserFactory(username="samordnare.api")
    coordinator.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    committee = CommitteeFactory(code="SN", name="Socialnämnden")
    programme = ProgrammeFactory(
        actor=coordinator, title=request.param if hasattr(request, "param") else "Handlingsprogram"
    )
    section = SectionFactory(actor=coordinator, programme=programme)
    MeasureFactory(actor=coordinator, section=section, responsible_committee=committee)
    adopt(programme, coordinator)
    programme.refresh_from_db()
    return programme, coordinator


def _report(officer, reporting_round, measure, note: str, progress: int):
    part = RoundPart.objects.select_related("round__programme").get(
        round=reporting_round, committee=measure.responsible_committee
    )
    measure = Measure.objects.select_related("section__programme").get(pk=measure.pk)
    entry = {"measure": measure, "edit_token": measure.edit_token, "status": "ongoing",
             "progress": progress, "note": note}  # fmt: skip
    round_part_save(actor=officer, part=part, entries=[entry])
    return part


@pytest.fixture
def follow_up(world):
    """In the world's adopted programme: a closed round (Socialnämnden reported and marked its
    part ready under its own decision), an open one with a report, and a co-responsible note."""
    coordinator, officer = world.user("coordinator"), world.user("officer_responsible")
    programme, measure = world.objects["programme_adopted"], world.objects["measure_adopted"]
    closed = round_open(actor=coordinator, programme=programme, name="Uppföljning 2025",
                        period_from=date(2025, 1, 1), period_to=date(2025, 12, 31),
                        deadline=date(2026, 2, 15))  # fmt: skip
    part = _report(officer, closed, measure, "<p>Rapport 2025</p>", 40)
    round_part_mark_ready(actor=officer, part=part, decision_date=date(2026, 2, 10),
                          decision_paragraph="SN § 7", case_number="SN 2026/12")  # fmt: skip
    closed = round_close(actor=coordinator, reporting_round=closed)
    progress_note_create(
        actor=world.user("officer_co_responsible"),
        measure=Measure.objects.get(pk=measure.pk),
        edit_token=Measure.objects.get(pk=measure.pk).edit_token,
        note="<p>Intern kommentar från Fritid</p>",
    )
    open_round = round_open(actor=coordinator, programme=programme, name="Uppföljning 2026",
                            period_from=date(2026, 1, 1), period_to=date(2026, 12, 31),
                            deadline=date(2027, 2, 15))  # fmt: skip
    _report(officer, open_round, measure, "<p>Rapport 2026</p>", 60)
    return {"closed": closed, "open": open_round, "measure": measure}
