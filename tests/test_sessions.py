"""Signing in and out with Django's own sessions, cached in the "default" cache."""

import uuid
from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.support import require_redis

pytestmark = pytest.mark.django_db


def _signed_in(client, user) -> str:
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _page(client) -> str:
    return client.get(reverse("programme:list")).content.decode()


def test_signing_in_and_out_through_the_pages(client):
    UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    response = client.post(
        reverse("login"), {"username": "anna", "password": "demo-losenord"}, follow=True
    )
    assert "Anna Lindqvist" in response.content.decode()
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    assert "Anna Lindqvist" not in _page(client)
    assert not Session.objects.filter(session_key=key).exists()


def test_a_signed_out_session_cannot_be_used_again(client):
    """A copied cookie is worth nothing after sign-out: not in the database, not in the cache."""
    user = UserFactory(username="kopierad", first_name="Kopierad", last_name="Kaka")
    key = _signed_in(client, user)
    copy = type(client)()
    copy.cookies[settings.SESSION_COOKIE_NAME] = key
    assert "Kopierad Kaka" in _page(copy)
    client.post(reverse("logout"))
    assert "Kopierad Kaka" not in _page(copy)


def test_a_signed_in_request_reads_its_session_from_the_cache(client):
    user = UserFactory(username="snabb", first_name="Snabb", last_name="Läsare")
    _signed_in(client, user)
    _page(client)
    with CaptureQueriesContext(connection) as queries:
        assert "Snabb Läsare" in _page(client)
    assert not [q["sql"] for q in queries if Session._meta.db_table in q["sql"]]


def test_an_inactive_user_is_signed_out(client):
    user = UserFactory(username="slutat", first_name="Slutat", last_name="Konto")
    _signed_in(client, user)
    assert "Slutat Konto" in _page(client)
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert "Slutat Konto" not in _page(client)


def test_a_password_changed_elsewhere_ends_the_session(client):
    user = UserFactory(username="bytt", first_name="Bytt", last_name="Lösen")
    key = _signed_in(client, user)
    assert "Bytt Lösen" in _page(client)
    user.set_password("ett-helt-annat-losenord")
    user.save()
    assert "Bytt Lösen" not in _page(client)
    assert not Session.objects.filter(session_key=key).exists()  # flushed, as Django does


def test_a_deleted_user_is_signed_out(client):
    user = UserFactory(username="borta", first_name="Borta", last_name="Konto")
    _signed_in(client, user)
    user.delete()
    assert "Borta Konto" not in _page(client)


def test_beat_deletes_expired_sessions_daily_and_keeps_live_ones(client):
    from core.tasks import clear_expired_sessions
    from handlingsprogram.celery import app

    live = _signed_in(client, UserFactory(username="aktiv"))
    old = _signed_in(type(client)(), UserFactory(username="inaktiv"))
    Session.objects.filter(session_key=old).update(expire_date=timezone.now() - timedelta(days=1))
    clear_expired_sessions.delay().get()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]
    assert schedule["task"] == clear_expired_sessions.name
    assert clear_expired_sessions.name in app.tasks
    assert schedule["schedule"] == 24 * 60 * 60


def test_sessions_cached_in_redis_are_shared_and_end_with_sign_out(client, settings):
    """With CACHE_URL=redis://… every process reads the same sessions (the real Redis)."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": require_redis(),
            "KEY_PREFIX": f"test-sessions-{uuid.uuid4().hex}",
        },
    }
    cache = caches[settings.SESSION_CACHE_ALIAS]
    user = UserFactory(username="delad", first_name="Delad", last_name="Session")
    key = _signed_in(client, user)
    assert "Delad Session" in _page(client)
    cache_key = import_module(settings.SESSION_ENGINE).SessionStore(key).cache_key
    assert cache.get(cache_key) is not None
    client.post(reverse("logout"))
    assert cache.get(cache_key) is None
    assert "Delad Session" not in _page(client)


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_drops_the_old_session_table_and_signs_everybody_out(client):
    from django.core.management import call_command

    user = UserFactory(username="fore", first_name="Före", last_name="Uppgraderingen")
    _signed_in(client, user)
    call_command("migrate", "core", "zero", verbosity=0)
    with connection.cursor() as cursor:  # the table the removed app left behind
        cursor.execute(
            "CREATE TABLE usersessions_usersession (session_key varchar(40) PRIMARY KEY,"
            " session_data text NOT NULL, expire_date timestamp with time zone NOT NULL,"
            " user_id bigint NULL REFERENCES auth_user (id))"
        )
    call_command("migrate", "core", verbosity=0)
    assert "usersessions_usersession" not in connection.introspection.table_names()
    assert not Session.objects.exists()
    caches[
        settings.SESSION_CACHE_ALIAS
    ].clear()  # a restart's empty cache, or a shared one's expiry
    assert "Före Uppgraderingen" not in _page(client)
    # A database that never had the table migrates as well.
    call_command("migrate", "core", "zero", verbosity=0)
    call_command("migrate", "core", verbosity=0)
