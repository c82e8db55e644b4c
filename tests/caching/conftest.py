"""The workflow tests' users and programme, reused for the page cache tests."""

from tests.workflow.conftest import (  # noqa: F401  (fixtures)
    client,
    coordinator,
    fn,
    ks,
    officer,
    outsider,
    programme,
)
