"""Helpers for tests that need a real service, a worker process or a browser.

Outside CI such a test skips with its reason; under CI=true it fails instead, so a missing
service can never turn a CI run green by skipping.
"""

import os
import socket

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip (locally) or fail (in CI) unless ``condition`` holds."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


def port_open(host: str, port: int, timeout: float = 1.0) -> bool:
    """Does something listen on ``host:port``?"""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


# The Redis the cache tests use; a test may empty it, so it is none of the databases the broker
# and the other tests use (a developer sharing the machine points it at one of their own).
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")


def require_redis() -> str:
    """The Redis URL for tests that need a real Redis (skipped locally, failed in CI without)."""
    from urllib.parse import urlsplit

    parts = urlsplit(REDIS_URL)
    require(
        port_open(parts.hostname or "127.0.0.1", parts.port or 6379),
        f"Redis is not running at {REDIS_URL}",
    )
    return REDIS_URL


def mail_server_down():
    """Settings under which e-mail goes to an SMTP port where nothing listens: sending fails
    with the real connection error, as when the municipality's mail server is away."""
    from django.test import override_settings

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again when this block ends: nothing listens
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
    )
