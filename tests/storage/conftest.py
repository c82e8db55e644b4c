import pytest

# The pages in English (the people and programme are tests/fixtures.py's).
from tests.fixtures import client  # noqa: F401

# A PostgreSQL database of the backup tests' own (test_backup_bucket.py).
from tests.ops.test_backup import database  # noqa: F401

from .support import seaweedfs_started


@pytest.fixture(scope="session")
def seaweedfs():
    """One SeaweedFS for the folder's tests (starting one takes seconds); each test empties it."""
    yield from seaweedfs_started()


@pytest.fixture
def bucket(seaweedfs):
    seaweedfs.empty()
    yield seaweedfs
    seaweedfs.empty()
