"""LOCAL_LOGIN=false: the password sign-in is for the named break-glass superuser only."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

from .conftest import OFFLINE, sso_settings

pytestmark = pytest.mark.django_db

NO_LOCAL = {**OFFLINE, "LOCAL_LOGIN": "false", "LOCAL_LOGIN_BREAK_GLASS_USER": "nodkonto"}


def _log_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": "demo-losenord"})


def test_the_break_glass_superuser_signs_in_with_a_password(client):
    UserFactory(username="nodkonto", is_superuser=True, is_staff=True)
    with sso_settings(NO_LOCAL):
        page = client.get(reverse("login")).content.decode()
        assert page.index('href="/oidc/authenticate/') < page.index("<details")
        response = _log_in(client, "nodkonto")
        assert response.status_code == 302
        assert client.get(reverse("programme:list")).context["user"].username == "nodkonto"


@pytest.mark.parametrize(
    ("username", "superuser"),
    [("handlaggare", False), ("annan.admin", True), ("nodkonto", False)],
)
def test_nobody_else_signs_in_with_a_password(client, username, superuser):
    UserFactory(username=username, is_superuser=superuser)
    with sso_settings(NO_LOCAL):
        response = _log_in(client, username)
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
        # The form comes back open, with the message and the user name kept.
        page = response.content.decode()
        assert '<details class="break-glass" open>' in page
        assert f'value="{username}"' in page


def test_a_password_session_of_anybody_else_ends_when_local_login_is_turned_off(client):
    user = UserFactory(username="handlaggare")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("programme:list")).context["user"].is_authenticated
    with sso_settings(NO_LOCAL):
        assert not client.get(reverse("programme:list")).context["user"].is_authenticated


def test_wrong_passwords_still_lock_the_break_glass_account(client, settings):
    UserFactory(username="nodkonto", is_superuser=True)
    with sso_settings(NO_LOCAL):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("login"), {"username": "nodkonto", "password": "fel"})
        response = _log_in(client, "nodkonto")
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
