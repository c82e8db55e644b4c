"""The workflow tests read the pages in English; the people, committees and programme are
tests/fixtures.py's, the steps (remiss, adoption) tests/steps.py's."""

from tests.fixtures import client  # noqa: F401
