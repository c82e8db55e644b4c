"""The two lookups every signed-in request makes, the session and the user, as written-out SQL.

Django's own versions build the same statements through the ORM on every request; on the 2-core
benchmark machine that compilation took longer than everything else a cached page does (about
0.7 ms each, against 0.1 ms for the database to answer; docs/benchmarks.md). Behaviour is
Django's: an expired or unknown session is empty, an inactive user is not signed in.
``tests/test_fastauth.py`` checks both against Django's classes.
"""

from django.contrib.auth import backends, get_user_model
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


def _fetch_one(model, columns: list[str], where: str, params: list):
    using = router.db_for_read(model)
    sql = f"SELECT {', '.join(columns)} FROM {model._meta.db_table} WHERE {where}"  # noqa: S608
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return using, cursor.fetchone()


class SessionStore(db.SessionStore):
    """Django's database session store, reading the session with one written-out statement.

    Only the key and the encoded data are read: text columns, which need no conversion.
    """

    def _get_session_from_db(self):
        fields = [self.model._meta.get_field(name) for name in ("session_key", "session_data")]
        using, row = _fetch_one(
            self.model,
            [field.column for field in fields],
            "session_key = %s AND expire_date > %s",
            [self.session_key, timezone.now()],
        )
        if row is None:
            self._session_key = None
            return None
        return self.model.from_db(using, [field.attname for field in fields], row)


class ModelBackend(backends.ModelBackend):
    """Django's ModelBackend, fetching the signed-in user with one written-out statement."""

    def get_user(self, user_id):
        model = get_user_model()
        # raw() rather than a bare cursor: it applies each field's database converters.
        sql = f"SELECT * FROM {model._meta.db_table} WHERE {model._meta.pk.column} = %s"  # noqa: S608
        user = next(iter(model._default_manager.raw(sql, [user_id])), None)
        return user if user is not None and self.user_can_authenticate(user) else None
