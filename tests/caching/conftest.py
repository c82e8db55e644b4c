"""The page cache tests read the pages in English; the users and programme are tests/fixtures.py's."""

from tests.fixtures import client  # noqa: F401
