"""The written-out session and user lookups answer as Django's own do."""

from datetime import timedelta

import pytest
from django.contrib.auth import backends
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from handlingsprogram import fastauth
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fields(user) -> dict:
    return {k: v for k, v in vars(user).items() if not k.startswith("_")}


def test_the_user_is_the_one_django_would_load():
    user = UserFactory(username="lasare")
    user.last_login = timezone.now()
    user.save()
    ours = fastauth.ModelBackend().get_user(user.pk)
    theirs = backends.ModelBackend().get_user(user.pk)
    assert _fields(ours) == _fields(theirs)
    assert ours.last_login == theirs.last_login and ours.is_active is True


def test_an_inactive_or_unknown_user_is_not_signed_in():
    user = UserFactory(username="slutat", is_active=False)
    assert fastauth.ModelBackend().get_user(user.pk) is None
    assert backends.ModelBackend().get_user(user.pk) is None
    assert fastauth.ModelBackend().get_user(987654) is None


def test_a_session_reads_back_what_was_stored():
    store = db.SessionStore()
    store["language"] = "sv"
    store["_auth_user_id"] = "7"
    store.create()
    assert fastauth.SessionStore(store.session_key).load() == {
        "language": "sv",
        "_auth_user_id": "7",
    }


def test_an_expired_or_unknown_session_is_empty():
    store = db.SessionStore()
    store["_auth_user_id"] = "7"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = fastauth.SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None
    assert fastauth.SessionStore("x" * 32).load() == {}


def test_signing_in_and_out_through_the_pages(client):
    UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    response = client.post(
        reverse("login"), {"username": "anna", "password": "demo-losenord"}, follow=True
    )
    assert "Anna Lindqvist" in response.content.decode()
    client.post(reverse("logout"))
    assert "Anna Lindqvist" not in client.get(reverse("programme:list")).content.decode()
