"""Django's PostgreSQL backend with a health check that costs no round trip.

With ``CONN_HEALTH_CHECKS`` Django runs ``SELECT 1`` before the first query of every request on
a persistent connection: on the benchmark machine one request in seven of a cached page's time
(docs/benchmarks.md). This backend asks libpq instead whether the connection is still open: it
reads whatever the server has sent without waiting (a server that shut down or restarted has
sent its goodbye and closed the socket) and looks at the connection's status. A connection the
server dropped without a word fails its first query instead; Django then closes it at the end
of that request (``is_usable``, unchanged, still runs ``SELECT 1`` after an error), and the next
request connects again. The database-restart drill (tests/drills) checks the whole cycle.

It also offers :meth:`DatabaseWrapper.prepared_cursor`, for the few statements every request
runs (``handlingsprogram.prepared``): PostgreSQL plans a written-out statement once per
connection instead of once per request, which on the benchmark machine was two thirds of what
the database spent on a cached page (docs/benchmarks.md). Django's own cursors bind parameters
on the client and are never prepared, whatever the threshold; only these statements are.
"""

import psycopg
from django.db.backends.postgresql import base, operations


class _PreparingCursor(base.ServerBindingCursor):
    """Binds parameters on the server and prepares each statement the first time it runs."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=prepare is not False, binary=binary)


class DatabaseOperations(operations.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        if isinstance(cursor, _PreparingCursor):
            # psycopg keeps no client-side text of a prepared statement: log it as Django would
            # with server-side binding.
            try:
                return self.compose_sql(sql, params)
            except psycopg.DataError:
                return None
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_connection_params(self):
        params = super().get_connection_params()
        # Django turns prepared statements off unless OPTIONS asks for them, to keep transaction
        # pooling (PgBouncer before 1.22) working; DATABASE_PREPARED_STATEMENTS=false (settings)
        # puts OPTIONS["prepare_threshold"] = None and keeps them off here too. Any number lets
        # prepared_cursor prepare; Django's client-side binding cursors never prepare.
        if "prepare_threshold" not in self.settings_dict["OPTIONS"]:
            params["prepare_threshold"] = 5
        return params

    def prepared_cursor(self):
        """A cursor whose statements are prepared once per connection (see the module)."""
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            return self._prepare_cursor(_PreparingCursor(self.connection))

    def close_if_health_check_failed(self):
        if (
            self.pool
            or self.connection is None
            or not self.health_check_enabled
            or self.health_check_done
        ):
            return super().close_if_health_check_failed()
        if not self._still_open():
            self.close()
        self.health_check_done = True

    def _still_open(self) -> bool:
        if self.connection.broken or self.connection.closed:
            return False
        pgconn = self.connection.pgconn
        try:
            pgconn.consume_input()
        except psycopg.OperationalError:
            return False
        return pgconn.status == psycopg.pq.ConnStatus.OK
