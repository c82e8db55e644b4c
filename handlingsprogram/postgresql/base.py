"""Django's PostgreSQL backend with a health check that costs no round trip.

With ``CONN_HEALTH_CHECKS`` Django runs ``SELECT 1`` before the first query of every request on
a persistent connection: on the benchmark machine one request in seven of a cached page's time
(docs/benchmarks.md). This backend asks libpq instead whether the connection is still open: it
reads whatever the server has sent without waiting (a server that shut down or restarted has
sent its goodbye and closed the socket) and looks at the connection's status. A connection the
server dropped without a word fails its first query instead; Django then closes it at the end
of that request (``is_usable``, unchanged, still runs ``SELECT 1`` after an error), and the next
request connects again. The database-restart drill (tests/drills) checks the whole cycle.
"""

import psycopg
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
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
