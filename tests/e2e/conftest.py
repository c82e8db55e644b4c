"""Browser tests: every test here is marked ``browser``; the harness is tests/browser.py."""

import pytest

from tests.browser import (
    ARTIFACTS,
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    WCAG_TAGS,
    axe_check,
    check,
    editor,
    shot,
)

__all__ = [
    "ARTIFACTS",
    "AXE",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "ROOT",
    "WCAG_TAGS",
    "axe_check",
    "check",
    "editor",
    "shot",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
