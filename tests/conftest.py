import pytest
from django.core.cache import caches

# One Playwright for the whole run: the browser tests of every folder share these fixtures.
from tests.browser import browser, demo, page  # noqa: F401

# The people, committees and programme that the tests of several folders share.
from tests.fixtures import (  # noqa: F401
    coordinator,
    council_member,
    fn,
    ks,
    officer,
    outsider,
    programme,
    sn,
)

# Real Celery workers: the worker tests of every folder start them the same way.
from tests.servers import broker, start_worker  # noqa: F401


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Keep files that tests store out of the project folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_caches():
    """Start every test with empty caches: a rolled-back database can hand out the same ids again."""
    for cache in caches.all():
        cache.clear()
