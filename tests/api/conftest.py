"""The API tests: the permission tests' world (one user per role), and API clients."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from api.services import token_create
from committees import roles
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)
from tests.permissions.conftest import ROLES, world
from tests.workflow.conftest import adopt

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
