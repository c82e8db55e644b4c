"""Personal API tokens: created and revoked by their owner on /konto/api-nycklar/, shown once,
stored as a hash only."""

import hashlib

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import MAX_TOKENS_PER_USER, token_create
from tests.factories import UserFactory

PAGE = "api_tokens:list"


@pytest.fixture
def user(db):
    return UserFactory(username="utvecklare")


def created_token(client) -> str:
    response = client.post(reverse(PAGE), {"name": "Intranätet"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.context["created"]["raw"]


def test_a_created_token_is_shown_once_and_stored_hashed(client, user):
    client.force_login(user)
    raw = created_token(client)
    token = ApiToken.objects.get(user=user, name="Intranätet")
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:6]
    stored = [str(value) for value in ApiToken.objects.filter(pk=token.pk).values().get().values()]
    assert not any(raw in value for value in stored)
    # The list page afterwards shows its name and first characters, never the value.
    page = client.get(reverse(PAGE)).content.decode()
    assert "Intranätet" in page and raw not in page


def test_a_token_signs_its_owner_in_until_revoked(client, user):
    client.force_login(user)
    raw = created_token(client)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get(reverse("api:programme-list")).status_code == 200
    token = ApiToken.objects.get(user=user)
    response = client.post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert api.get(reverse("api:programme-list")).status_code == 401


def test_nobody_revokes_anothers_token(client, user):
    other = UserFactory(username="annan")
    token, _raw = token_create(actor=other, name="Deras")
    client.force_login(user)
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_a_deactivated_users_token_signs_no_one_in(user):
    _token, raw = token_create(actor=user, name="Gammal")
    user.is_active = False
    user.save()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get(reverse("api:programme-list")).status_code == 401


def test_the_page_is_for_signed_in_users(client, db):
    assert client.get(reverse(PAGE)).status_code == 302
    assert client.post(reverse(PAGE), {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_a_token_without_a_name_is_refused_next_to_the_field(client, user):
    client.force_login(user)
    response = client.post(reverse(PAGE), {"name": "  "})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_too_many_tokens_are_refused_with_a_message(client, user):
    for number in range(MAX_TOKENS_PER_USER):
        token_create(actor=user, name=f"Nyckel {number}")
    client.force_login(user)
    response = client.post(reverse(PAGE), {"name": "En till"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert ApiToken.objects.filter(user=user).count() == MAX_TOKENS_PER_USER


def test_a_revoke_by_get_changes_nothing(client, user):
    token, _raw = token_create(actor=user, name="Kvar")
    client.force_login(user)
    assert client.get(reverse("api_tokens:revoke", args=[token.pk])).status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()
