"""A committee officer signs in through a real OpenID Connect provider, updates a follow-up and
signs out; the group taken away at the provider is access taken away at the next sign-in; a
forged or replayed callback signs nobody in.

The provider (tests/sso/provider.mjs) runs in its own process; its login and consent pages are
the package's own. Chromium drives both sites, as a user's browser would.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from committees.models import Membership
from measures.models import Measure
from tests.e2e.conftest import check

from .conftest import sso_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUP_MAP = '{"hp-socialnamnden": "SN", "hp-samordnare": "coordinator"}'
OWN_MEASURE = "Samtalsstöd för personer som köper sex"  # SN, in the adopted 2019 plan
KS_MEASURE = "Utbildning för hotell- och taxipersonal"  # KS


def _account(groups: list[str]) -> dict:
    return {
        "email": "anna.lind@skelleftea.example",
        "name": "Anna Lind",
        "given_name": "Anna",
        "family_name": "Lind",
        "preferred_username": "anna.lind",
        "groups": groups,
    }


def _sign_in_at_provider(page, live_server) -> bool:
    """Sign Anna in through the provider's pages; did it ask for consent?"""
    page.goto(live_server.url + reverse("login"))
    page.click("main a[href^='/oidc/authenticate/']")
    page.wait_for_url("http://127.0.0.1:*/interaction/**")
    login_page = page.url
    page.fill("input[name=login]", "anna.lind")
    page.fill("input[name=password]", "whatever-the-provider-asks")
    page.click("button[type=submit]")
    # Next comes the provider's consent page (a new interaction) or, consent given, the app.
    page.wait_for_url(
        lambda url: (
            url != login_page and ("/interaction/" in url or url.startswith(live_server.url))
        )
    )
    consent = "/interaction/" in page.url
    if consent:
        page.click("button[type=submit]")
    # Signed in: the start page, or the programme list for someone the start page has nothing for.
    landings = {live_server.url + reverse(name) for name in ("programme:start", "programme:list")}
    page.wait_for_url(lambda url: url in landings)
    return consent


def _sign_out(page, live_server) -> None:
    page.click("header form[action='/oidc/logout/'] button")
    # RP-initiated logout: the provider asks, ends its own session and sends the browser back.
    page.click("button[name=logout][value=yes]")
    page.wait_for_url(live_server.url + "/")
    assert page.locator(f"header a[href^='{reverse('login')}']").count() == 1


@pytest.fixture
def outside_blocked(page):
    # The provider's default pages import a web font; this machine has no way out.
    page.route("https://**", lambda route: route.abort())
    return page


def test_an_officer_signs_in_with_the_municipalitys_account_and_loses_access_with_the_group(
    live_server, provider, outside_blocked, demo
):
    page = outside_blocked
    provider.set_account("anna.lind", **_account(["hp-socialnamnden", "hp-all-staff"]))
    own = Measure.objects.get(title=OWN_MEASURE)
    callbacks = []
    page.on("request", lambda r: callbacks.append(r.url) if "/oidc/callback/" in r.url else None)

    with sso_settings(provider.environ(OIDC_GROUP_MAP=GROUP_MAP)):
        page.goto(live_server.url + reverse("login"))
        check(page, "sso-01-login")
        page.set_viewport_size({"width": 320, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.set_viewport_size({"width": 1280, "height": 900})
        first = page.locator("main a, main button").first
        assert first.get_attribute("href").startswith("/oidc/authenticate/")

        assert _sign_in_at_provider(page, live_server)  # login page, then consent page
        check(page, "sso-02-signed-in")
        assert page.locator("header .user-name").inner_text() == "Anna Lind"
        user = get_user_model().objects.get(username="anna.lind")
        assert (user.email, user.has_usable_password()) == ("anna.lind@skelleftea.example", False)
        assert [m.committee.code for m in Membership.objects.filter(user=user)] == ["SN"]

        # Socialnämnden's assignment: its measures and only those are editable.
        page.click(f"nav a[href='{reverse('committees:list')}']")
        page.click("main table a")
        check(page, "sso-03-assignment")
        editable = page.locator("main a[href$='/uppfoljning/']")
        hrefs = {editable.nth(i).get_attribute("href") for i in range(editable.count())}
        assert reverse("measures:follow_up", kwargs={"pk": own.pk}) in hrefs
        for href in hrefs:
            measure = Measure.objects.get(pk=int(href.strip("/").split("/")[-2]))
            assert measure.responsible_committee.code == "SN"
        assert KS_MEASURE not in page.content()
        ks = Measure.objects.get(title=KS_MEASURE)
        response = page.goto(live_server.url + reverse("measures:follow_up", kwargs={"pk": ks.pk}))
        assert response.status == 403

        # Her follow-up, as any officer does it.
        page.goto(live_server.url + reverse("measures:follow_up", kwargs={"pk": own.pk}))
        page.select_option("#id_status", "ongoing")
        page.fill("#id_progress", "40")
        page.click("main form button[type=submit]")
        page.wait_for_url(live_server.url + own.get_absolute_url())
        own.refresh_from_db()
        assert (own.status, own.progress) == ("ongoing", 40)
        assert own.history.latest().history_user == user

        page.goto(live_server.url + reverse("programme:list"))
        _sign_out(page, live_server)
        check(page, "sso-04-signed-out")

        # The callback that signed Anna in, sent again: its state was used up, nobody signs in.
        assert len(callbacks) == 1
        page.goto(callbacks[0])
        assert page.locator("header .user-name").count() == 0

        # The provider takes Anna out of Socialnämnden's group; her next sign-in shows it.
        provider.set_account("anna.lind", **_account(["hp-all-staff"]))
        _sign_in_at_provider(page, live_server)
        check(page, "sso-05-signed-in-again")
        assert not Membership.objects.filter(user=user).exists()
        assert page.locator(f"nav a[href='{reverse('committees:list')}']").count() == 0
        response = page.goto(live_server.url + reverse("measures:follow_up", kwargs={"pk": own.pk}))
        assert response.status == 403


def test_a_forged_callback_is_refused(live_server, provider, outside_blocked, demo):
    page = outside_blocked
    provider.set_account("anna.lind", **_account(["hp-socialnamnden"]))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    no_local = {"LOCAL_LOGIN": "false", "LOCAL_LOGIN_BREAK_GLASS_USER": "nodkonto"}
    with sso_settings(provider.environ(OIDC_GROUP_MAP=GROUP_MAP, **no_local)):
        # A sign-in is under way (the session holds its state) when a made-up answer arrives.
        page.goto(live_server.url + reverse("oidc_authentication_init"))
        page.wait_for_url("http://127.0.0.1:*/interaction/**")
        response = page.goto(live_server.url + "/oidc/callback/?code=made-up&state=made-up")
        assert response.status == 400

        # The right state with a code the provider never issued: the provider refuses it, and
        # the user reads why on the login page.
        (auth_request,) = [url for url in requests if url.startswith(provider.issuer + "/auth?")]
        state = parse_qs(urlsplit(auth_request).query)["state"][0]
        page.goto(live_server.url + f"/oidc/callback/?code=made-up&state={state}")
        page.wait_for_url(live_server.url + reverse("login") + "?sso=failed")
        check(page, "sso-failed")  # the login page without local login: the form folded away
        assert page.locator("main [role=alert]").count() == 1
        assert not page.locator("main details.break-glass input[name=password]").is_visible()
        page.click("main details.break-glass summary")
        assert page.locator("main details.break-glass input[name=password]").is_visible()
        page.set_viewport_size({"width": 320, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        check(page, "sso-break-glass-320")
        assert page.locator("header .user-name").count() == 0
    assert not get_user_model().objects.filter(username="anna.lind").exists()


def test_groups_sent_in_the_id_token_only_grant_the_seat(
    live_server, provider, outside_blocked, demo
):
    # Entra ID's userinfo has neither groups nor preferred_username: they come from the ID token.
    page = outside_blocked
    provider.set_account("anna.lind", **_account(["hp-socialnamnden"]))
    provider.send_in_id_token_only("groups", "preferred_username")
    with sso_settings(provider.environ(OIDC_GROUP_MAP=GROUP_MAP)):
        _sign_in_at_provider(page, live_server)
        assert page.locator("header .user-name").inner_text() == "Anna Lind"
    user = get_user_model().objects.get(username="anna.lind")
    assert [m.committee.code for m in Membership.objects.filter(user=user)] == ["SN"]
