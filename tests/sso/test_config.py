"""Single sign-on is configured from the environment only; unconfigured, nothing of it exists."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse

from committees import roles
from handlingsprogram.settings import sso
from tests.factories import CommitteeFactory, UserFactory

from .conftest import OFFLINE, sso_settings

LOCAL = ["axes.backends.AxesStandaloneBackend", sso.LOCAL_BACKEND, "x.ObjectPermissionBackend"]


def test_without_a_client_id_nothing_of_single_sign_on_is_installed(client, db):
    assert not settings.OIDC_ENABLED
    assert not any("sso" in backend for backend in settings.AUTHENTICATION_BACKENDS)
    with pytest.raises(Resolver404):
        resolve("/oidc/authenticate/")
    page = client.get(reverse("login")).content.decode()
    assert "/oidc/" not in page
    assert sso.settings({}, LOCAL) == {
        "OIDC_ENABLED": False,
        "LOCAL_LOGIN": True,
        "ROLES_FROM_PROVIDER": False,
        "AUTHENTICATION_BACKENDS": LOCAL,
    }


def test_configured_the_provider_backend_comes_after_the_local_ones():
    values = sso.settings(OFFLINE, LOCAL)
    assert values["AUTHENTICATION_BACKENDS"] == [*LOCAL, sso.OIDC_BACKEND]
    assert values["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert values["OIDC_USE_PKCE"] is True
    assert values["OIDC_USERNAME_CLAIM"] == "preferred_username"
    assert values["OIDC_GROUP_MAP"] == {}


def test_local_login_off_keeps_passwords_for_the_break_glass_backend_only():
    values = sso.settings(
        {**OFFLINE, "LOCAL_LOGIN": "false", "LOCAL_LOGIN_BREAK_GLASS_USER": "nod"}, LOCAL
    )
    backends = values["AUTHENTICATION_BACKENDS"]
    assert sso.LOCAL_BACKEND not in backends
    assert backends[1] == sso.BREAK_GLASS_BACKEND
    assert values["LOCAL_LOGIN_BREAK_GLASS_USER"] == "nod"


def test_the_group_map_takes_a_target_or_a_list_of_targets():
    values = sso.settings(
        {**OFFLINE, "OIDC_GROUP_MAP": '{"a": "coordinator", "b": ["SN", "KS:chair"]}'}, LOCAL
    )
    assert values["OIDC_GROUP_MAP"] == {"a": ["coordinator"], "b": ["SN", "KS:chair"]}


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"LOCAL_LOGIN": "false"}, "LOCAL_LOGIN=false needs single sign-on"),
        ({"OIDC_RP_CLIENT_ID": "x"}, "needs OIDC_RP_CLIENT_SECRET"),
        ({**OFFLINE, "OIDC_GROUP_MAP": "{not json"}, "not valid JSON"),
        ({**OFFLINE, "OIDC_GROUP_MAP": '["SN"]'}, "must be a JSON object"),
        ({**OFFLINE, "OIDC_GROUP_MAP": '{"a": 3}'}, "must be a text or a list"),
        ({**OFFLINE, "LOCAL_LOGIN": "perhaps"}, "LOCAL_LOGIN must be true or false"),
    ],
)
def test_a_wrong_configuration_stops_the_start_with_what_is_wrong(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        sso.settings(environ, LOCAL)


def test_configured_the_login_page_offers_the_municipalitys_account_first(client, db):
    with sso_settings(OFFLINE):
        page = client.get(reverse("login")).content.decode()
        assert page.index('href="/oidc/authenticate/') < page.index('name="password"')
        assert resolve("/oidc/callback/").url_name == "oidc_authentication_callback"
    with pytest.raises(Resolver404):
        resolve("/oidc/callback/")


def test_an_unreachable_provider_is_a_failed_sign_in_with_a_message_not_an_error(client, db):
    with sso_settings(OFFLINE):
        start = client.get(reverse("oidc_authentication_init"))
        assert start.status_code == 302
        (state,) = client.session["oidc_states"]
        response = client.get("/oidc/callback/", {"code": "some-code", "state": state})
        assert response.status_code == 302
        assert response["Location"] == reverse("login") + "?sso=failed"
        page = client.get(response["Location"]).content.decode()
        assert "lyckades inte" in page
        assert "_auth_user_id" not in client.session
        # Not a password attempt: django-axes counts nothing towards a lock-out.
        assert not AccessAttempt.objects.exists()


def test_with_a_group_map_the_membership_page_says_where_memberships_come_from(client, db):
    committee = CommitteeFactory()
    coordinator = UserFactory()
    coordinator.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    client.force_login(coordinator)
    url = reverse("committees:members", kwargs={"pk": committee.pk})
    notice = "identity provider"
    with sso_settings(OFFLINE):
        assert notice not in _english(client, url)
    with sso_settings({**OFFLINE, "OIDC_GROUP_MAP": '{"sn": "SN"}'}):
        assert notice in _english(client, url)
    assert notice not in _english(client, url)


def _english(client, url: str) -> str:
    client.cookies["django_language"] = "en"
    return client.get(url).content.decode()


def test_a_request_signed_in_through_the_provider_reads_as_many_statements_as_with_a_password(
    client, db
):
    user = UserFactory()
    url = reverse("programme:list")

    def statements(backend: str) -> int:
        client.force_login(user, backend=backend)
        client.get(url)  # the page cache warms up
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).context["user"] == user
        client.logout()
        return len(queries)

    with sso_settings(OFFLINE):
        assert statements(sso.OIDC_BACKEND) == statements(sso.LOCAL_BACKEND)


@pytest.mark.parametrize(
    "environ",
    [OFFLINE, {**OFFLINE, "OIDC_OP_LOGOUT_ENDPOINT": "http://127.0.0.1:9/session/end"}],
    ids=["provider-without-end-session", "session-without-id-token"],
)
def test_sign_out_without_the_providers_part_ends_the_session_here(client, db, environ):
    # The break-glass user signed in with a password: no ID token, nothing to end at the provider.
    with sso_settings(environ):
        client.force_login(UserFactory(), backend=sso.LOCAL_BACKEND)
        response = client.post(reverse("oidc_logout"))
        assert response["Location"] == reverse("programme:list")
        assert "_auth_user_id" not in client.session
