"""Login safety: lock-out, password rules, secure cookies in production, log-out on POST only."""

import importlib

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_repeated_failed_logins_lock_the_account_even_for_the_right_password(client, settings):
    UserFactory(username="handlaggare.sn")
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "handlaggare.sn", "password": "fel"})
    response = client.post(url, {"username": "handlaggare.sn", "password": "demo-losenord"})
    assert response.status_code in {403, 429}
    assert "_auth_user_id" not in client.session


def test_a_refused_password_signs_no_one_in_and_counts_as_a_failed_login(client, settings):
    settings.REFUSED_PASSWORDS = ["demo-losenord"]
    user = UserFactory(username="handlaggare.sn", password="demo-losenord")
    url = reverse("login")
    response = client.post(url, {"username": "handlaggare.sn", "password": "demo-losenord"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="handlaggare.sn").failures_since_start == 1

    user.set_password("ett-eget-lösenord-som-ingen-har-publicerat")
    user.save()
    client.post(
        url,
        {"username": "handlaggare.sn", "password": "ett-eget-lösenord-som-ingen-har-publicerat"},
    )
    assert client.session["_auth_user_id"] == str(user.pk)


def test_weak_passwords_are_refused():
    with pytest.raises(ValidationError):
        password_validation.validate_password("12345678")


def test_log_out_needs_a_post(client):
    client.force_login(UserFactory())
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_production_cookies_are_secure(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x7" * 30 + "-Qz9_long-random")
    production = importlib.import_module("handlingsprogram.settings.production")
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY
