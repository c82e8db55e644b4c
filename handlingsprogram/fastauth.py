"""The session and the signed-in user, read in one written-out statement per request.

Django reads them in two statements built by the ORM: the session, then the user whose id is in
the session data. On the 2-core benchmark machine building those took longer than everything
else a cached page does, and each round trip to the database costs as much again
(docs/benchmarks.md). Here the session row carries the user's id in a column of its own
(``usersessions.UserSession``, filled in on every save), so that loading a session fetches its
user in the same prepared statement (``handlingsprogram.prepared``).

Every decision stays Django's: ``django.contrib.auth.get_user`` still checks the backend, the
user's active flag and the session's password hash, and flushes a session that fails; the
backend is only handed the user row this request already read instead of reading it again.
An expired or unknown session is empty, as with Django's store. ``tests/test_fastauth.py``
checks all of it against Django's own classes.
"""

from contextvars import ContextVar

from django.contrib import auth
from django.contrib.auth import backends, get_user_model
from django.contrib.auth import middleware as auth_middleware
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from handlingsprogram import prepared

# The user the session store read with the session, while django.contrib.auth.get_user runs.
_read_with_session: ContextVar = ContextVar("read_with_session", default=None)


def _user_pk(value):
    """The user id stored in session data, as the column holds it (None if there is none)."""
    if value is None:
        return None
    try:
        return get_user_model()._meta.pk.to_python(value)
    except ValidationError:  # data that names no user id: nobody is signed in
        return None


class _Statement:
    """The session-and-user statement for one database connection, and how to read its rows."""

    def __init__(self, connection, session_model):
        user_model = get_user_model()
        quote = connection.ops.quote_name
        fields = user_model._meta.concrete_fields
        self.sql = (
            "SELECT s.session_key, s.session_data, "  # noqa: S608  (names from the models)
            + ", ".join(f"u.{quote(field.column)}" for field in fields)
            + f" FROM {quote(session_model._meta.db_table)} s"
            f" LEFT JOIN {quote(user_model._meta.db_table)} u"
            f" ON u.{quote(user_model._meta.pk.column)} = s.user_id"
            " WHERE s.session_key = %s AND s.expire_date > %s"
        )
        self.attnames = [field.attname for field in fields]
        # What raw() would apply to each column (nothing on PostgreSQL; dates and flags on SQLite).
        self.converters = []
        for index, field in enumerate(fields):
            column = field.get_col("u")
            for converter in connection.ops.get_db_converters(column) + field.get_db_converters(
                connection
            ):
                self.converters.append((index, converter, column))

    @classmethod
    def of(cls, connection, session_model) -> "_Statement":
        """Built once per connection object (each thread has its own)."""
        statement = getattr(connection, "_fastauth_statement", None)
        if statement is None:
            statement = cls(connection, session_model)
            connection._fastauth_statement = statement
        return statement

    def user(self, connection, using: str, values):
        values = list(values)
        for index, converter, column in self.converters:
            values[index] = converter(values[index], column, connection)
        return get_user_model().from_db(using, self.attnames, values)


class SessionStore(db.SessionStore):
    """Django's database session store, on ``UserSession``; loading reads the user as well."""

    prefetched_user = None

    @classmethod
    def get_model_class(cls):
        from handlingsprogram.usersessions.models import UserSession

        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        session.user_id = _user_pk(data.get(auth.SESSION_KEY))
        return session

    def _get_session_from_db(self):
        model = self.model
        using = router.db_for_read(model)
        connection = connections[using]
        statement = _Statement.of(connection, model)
        with prepared.cursor(using) as cursor:
            cursor.execute(statement.sql, [self.session_key, timezone.now()])
            row = cursor.fetchone()
        self.prefetched_user = None
        if row is None:
            self._session_key = None
            return None
        if row[2] is not None:
            self.prefetched_user = statement.user(connection, using, row[2:])
        return model.from_db(using, ["session_key", "session_data"], row[:2])


class SessionUserMixin:
    """For an authentication backend: ``get_user`` takes the user the session's statement read,
    asking the backend's ``user_can_authenticate`` as Django's ModelBackend does."""

    def get_user(self, user_id):
        user = _read_with_session.get()
        if user is not None and str(user.pk) == str(user_id):
            return user if self.user_can_authenticate(user) else None
        return super().get_user(user_id)


class ModelBackend(SessionUserMixin, backends.ModelBackend):
    """Django's ModelBackend; the user comes from the session's statement where it was read."""


def _get_user(request):
    if not hasattr(request, "_cached_user"):
        session = request.session
        session.get(auth.SESSION_KEY)  # loads the session, and the user with it
        read = getattr(session, "prefetched_user", None)
        session.prefetched_user = None  # handed over once, for this request
        token = _read_with_session.set(read)
        try:
            request._cached_user = auth.get_user(request)
        finally:
            _read_with_session.reset(token)
        # From now on request.user is the user itself, as after Django's login(): the lazy
        # wrapper only had to put off the reading, and it costs a call per attribute.
        request.user = request._cached_user
    return request._cached_user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with ``request.user`` resolved through the user the session already read."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _get_user(request))
