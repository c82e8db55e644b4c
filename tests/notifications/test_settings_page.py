"""/konto/aviseringar/: each user turns each kind of e-mail on or off, for themselves only."""

import pytest
from django.urls import reverse

from notifications.models import Kind, NotificationOptOut
from notifications.services import notification_settings_save
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("notifications:settings")


@pytest.fixture
def user(db):
    return UserFactory(username="handlaggare.ks")


def test_the_page_asks_for_a_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.post(PAGE, {}).status_code == 302
    assert not NotificationOptOut.objects.exists()


def test_every_kind_is_on_at_first_and_the_account_menu_links_the_page(client, user):
    client.force_login(user)
    response = client.get(PAGE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "E-postaviseringar" in page
    assert f'href="{PAGE}"' in page  # the account menu, beside "API-nycklar"
    for kind in Kind.values:
        assert f'name="{kind}"' in page
    assert all(response.context["form"].initial.values())
    assert page.count("checked") == len(Kind.values)


def test_turning_kinds_off_is_saved_for_that_user_only(client, user):
    other = UserFactory(username="annan")
    notification_settings_save(actor=other, kinds_on=[Kind.MEASURE_DUE_SOON])
    before = set(NotificationOptOut.objects.filter(user=other).values_list("kind", flat=True))
    client.force_login(user)
    kept_on = [Kind.MEASURE_OVERDUE, Kind.ROUND_DEADLINE]
    response = client.post(PAGE, dict.fromkeys(kept_on, "on") | {"unknown_kind": "on"})
    assert response.status_code == 302 and response["Location"] == PAGE
    off = set(NotificationOptOut.objects.filter(user=user).values_list("kind", flat=True))
    assert off == set(Kind.values) - set(kept_on)
    assert set(NotificationOptOut.objects.filter(user=other).values_list("kind", flat=True)) == (
        before
    )
    page = client.get(PAGE)
    assert "Dina e-postinställningar är sparade." in page.content.decode()
    assert {k for k, on in page.context["form"].initial.items() if on} == set(kept_on)
    # Turning one back on removes only its row.
    client.post(PAGE, dict.fromkeys([*kept_on, Kind.PROGRAMME_ADOPTED], "on"))
    assert Kind.PROGRAMME_ADOPTED not in set(
        NotificationOptOut.objects.filter(user=user).values_list("kind", flat=True)
    )


def test_a_user_without_an_address_is_told_so(client):
    user = UserFactory(username="utan.adress", email="")
    client.force_login(user)
    assert "ingen e-postadress" in client.get(PAGE).content.decode()


def test_the_page_reads_a_fixed_number_of_queries(client, user, django_assert_max_num_queries):
    notification_settings_save(actor=user, kinds_on=[])
    client.force_login(user)
    with django_assert_max_num_queries(8):
        assert client.get(PAGE).status_code == 200
