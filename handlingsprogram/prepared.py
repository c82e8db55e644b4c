"""A cursor for the statements every request runs, prepared where the database allows it.

On PostgreSQL (``handlingsprogram.postgresql``) the statement is planned once per connection;
elsewhere (SQLite in development) this is an ordinary cursor. Statements go through Django's
cursor wrapper either way, so they are logged and counted like any other query.
"""

from django.db import connections


def cursor(using: str = "default"):
    connection = connections[using]
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared is not None else connection.cursor()
