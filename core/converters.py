"""URL path converters shared by every app's URL patterns."""

# The largest id a row can have: a signed 64-bit integer (SQLite's INTEGER, PostgreSQL's bigint).
LARGEST_ID = 2**63 - 1


class IdConverter:
    """``<id:pk>``: a row's id. A number no row can have does not match, so it answers 404.

    Django's ``int`` converter takes any length of digits, and SQLite refuses to bind an integer
    beyond 64 bits (``OverflowError``, a 500) when the view looks it up.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            # Django's documented way for a converter to say "no match".
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(int(value))
