"""The session and its user, read in one statement, answer as Django's own classes do."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY, backends
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handlingsprogram import fastauth
from handlingsprogram.usersessions.models import UserSession
from tests.factories import UserFactory
from tests.support import require

pytestmark = pytest.mark.django_db


def _fields(user) -> dict:
    return {k: v for k, v in vars(user).items() if not k.startswith("_")}


def _signed_in(client, user) -> str:
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_the_user_read_with_the_session_is_the_one_django_would_load(client):
    user = UserFactory(username="lasare")
    user.last_login = timezone.now()
    user.save()
    store = fastauth.SessionStore(_signed_in(client, user))
    assert store.load()[SESSION_KEY] == str(user.pk)
    ours = store.prefetched_user
    theirs = backends.ModelBackend().get_user(user.pk)
    assert _fields(ours) == _fields(theirs)
    # Converted as the ORM converts them (SQLite stores both as text and integers).
    assert ours.last_login == theirs.last_login and ours.last_login.tzinfo is not None
    assert ours.is_active is True and ours.is_superuser is False


def test_the_session_row_names_its_user_from_the_data_it_holds(client):
    user = UserFactory(username="radare")
    key = _signed_in(client, user)
    assert UserSession.objects.get(session_key=key).user_id == user.pk
    anonymous = fastauth.SessionStore()
    anonymous["language"] = "en"
    anonymous.create()
    assert UserSession.objects.get(session_key=anonymous.session_key).user_id is None
    assert fastauth.SessionStore(anonymous.session_key).load() == {"language": "en"}
    client.post(reverse("logout"))
    assert not UserSession.objects.filter(session_key=key).exists()


def test_an_expired_or_unknown_session_is_empty(client):
    user = UserFactory(username="gammal")
    key = _signed_in(client, user)
    UserSession.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = fastauth.SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None and expired.prefetched_user is None
    assert fastauth.SessionStore("x" * 32).load() == {}
    assert "gammal" not in client.get(reverse("programme:list")).content.decode()


def test_a_signed_in_request_reads_session_and_user_in_one_statement(client):
    user = UserFactory(username="snabb", first_name="Snabb", last_name="Läsare")
    _signed_in(client, user)
    client.get(reverse("programme:list"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programme:list"))
    assert "Snabb Läsare" in response.content.decode()
    reads = [q["sql"] for q in queries if "session_data" in q["sql"]]
    assert len(reads) == 1
    assert not any(q["sql"].lstrip().startswith('SELECT "auth_user"') for q in queries)


def test_once_read_request_user_is_the_user_itself(client):
    user = UserFactory(username="direkt.objekt")
    request = client.get(reverse("programme:list")).wsgi_request
    assert type(request.user).__name__ == "AnonymousUser"
    _signed_in(client, user)
    request = client.get(reverse("programme:list")).wsgi_request
    assert type(request.user) is type(user) and request.user.pk == user.pk


def test_an_inactive_user_is_signed_out(client):
    user = UserFactory(username="slutat", first_name="Slutat", last_name="Konto")
    _signed_in(client, user)
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert "Slutat Konto" not in client.get(reverse("programme:list")).content.decode()
    assert fastauth.ModelBackend().get_user(user.pk) is None


def test_a_password_changed_elsewhere_ends_the_session(client):
    user = UserFactory(username="bytt", first_name="Bytt", last_name="Lösen")
    key = _signed_in(client, user)
    assert "Bytt Lösen" in client.get(reverse("programme:list")).content.decode()
    user.set_password("ett-helt-annat-losenord")
    user.save()
    assert "Bytt Lösen" not in client.get(reverse("programme:list")).content.decode()
    assert not UserSession.objects.filter(session_key=key).exists()  # flushed, as Django does


def test_deleting_a_user_ends_their_sessions(client):
    user = UserFactory(username="borta")
    key = _signed_in(client, user)
    user.delete()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert "borta" not in client.get(reverse("programme:list")).content.decode()


def test_the_backend_without_a_session_asks_django():
    user = UserFactory(username="direkt")
    assert _fields(fastauth.ModelBackend().get_user(user.pk)) == _fields(
        backends.ModelBackend().get_user(user.pk)
    )
    assert fastauth.ModelBackend().get_user(987654) is None


def test_signing_in_and_out_through_the_pages(client):
    UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")
    response = client.post(
        reverse("login"), {"username": "anna", "password": "demo-losenord"}, follow=True
    )
    assert "Anna Lindqvist" in response.content.decode()
    client.post(reverse("logout"))
    assert "Anna Lindqvist" not in client.get(reverse("programme:list")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_postgresql_prepares_the_statement_once_per_connection(client):
    require(connection.vendor == "postgresql", "prepared statements need PostgreSQL")
    user = UserFactory(username="forberedd", first_name="Förberedd", last_name="Läsare")
    _signed_in(client, user)
    for _ in range(2):
        assert "Förberedd Läsare" in client.get(reverse("programme:list")).content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert sum("session_data" in statement for statement in statements) == 1
    # A new connection prepares it again.
    connection.close()
    assert "Förberedd Läsare" in client.get(reverse("programme:list")).content.decode()


def test_beat_deletes_expired_sessions_daily_and_keeps_live_ones(client, settings):
    from handlingsprogram.celery import app
    from handlingsprogram.usersessions.tasks import clear_expired_sessions

    live = _signed_in(client, UserFactory(username="aktiv"))
    old = _signed_in(type(client)(), UserFactory(username="inaktiv"))
    UserSession.objects.filter(session_key=old).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    clear_expired_sessions.delay().get()
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [live]
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]
    assert schedule["task"] == clear_expired_sessions.name
    assert clear_expired_sessions.name in app.tasks
    assert schedule["schedule"] == 24 * 60 * 60


@pytest.mark.django_db(transaction=True)
def test_with_prepared_statements_turned_off_the_same_statement_runs_unprepared(client):
    require(connection.vendor == "postgresql", "prepared statements need PostgreSQL")
    user = UserFactory(username="pgbouncer", first_name="Utan", last_name="Förberedelse")
    _signed_in(client, user)
    # What DATABASE_PREPARED_STATEMENTS=false puts in the settings (tests/test_settings.py).
    options = connection.settings_dict["OPTIONS"]
    options["prepare_threshold"] = None
    connection.close()
    try:
        for _ in range(2):
            assert "Utan Förberedelse" in client.get(reverse("programme:list")).content.decode()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            assert cursor.fetchone()[0] == 0
    finally:
        del options["prepare_threshold"]
        connection.close()
