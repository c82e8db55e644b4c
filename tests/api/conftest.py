"""The API tests: the permission tests' world (one user per role), and API clients."""

import pytest
from rest_framework.test import APIClient

from api.services import token_create
from tests.permissions.conftest import ROLES, world

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
