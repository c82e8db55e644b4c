"""Behind reverse proxies: lock-outs are per real client, and only a declared proxy is believed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"  # what gunicorn sees as REMOTE_ADDR for every request through the proxy


def _fail_until_locked(client, settings, forwarded_for):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "handlaggare.sn", "password": "fel"},
            headers={"X-Forwarded-For": forwarded_for},
        )


def _sign_in(client, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": "handlaggare.sn", "password": "demo-losenord"},
        headers={"X-Forwarded-For": forwarded_for},
    )


def test_behind_one_proxy_an_attacker_cannot_lock_out_another_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="handlaggare.sn")
    attacker = Client(REMOTE_ADDR=PROXY)
    # The attacker also forges the header; the proxy appends the address it really saw.
    _fail_until_locked(attacker, settings, forwarded_for="82.2.2.2, 81.1.1.1")
    assert _sign_in(attacker, "82.2.2.2, 81.1.1.1").status_code in {403, 429}
    assert "_auth_user_id" not in attacker.session

    officer = Client(REMOTE_ADDR=PROXY)
    assert _sign_in(officer, "82.2.2.2").status_code == 302
    assert "_auth_user_id" in officer.session


def test_without_a_declared_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(username="handlaggare.sn")
    client = Client(REMOTE_ADDR="81.1.1.1")
    # A client that varies the header cannot escape its lock-out: its own address counts.
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "handlaggare.sn", "password": "fel"},
            headers={"X-Forwarded-For": f"82.2.2.{n}"},
        )
    assert _sign_in(client, "83.3.3.3").status_code in {403, 429}
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("count", "header"), [("0", "None"), ("1", "('HTTP_X_FORWARDED_PROTO', 'https')")]
)
def test_production_believes_the_https_header_only_from_a_declared_proxy(count, header):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(getattr(settings, 'SECURE_PROXY_SSL_HEADER'))",
        ],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "handlingsprogram.settings.production",
            "SECRET_KEY": "x7" * 30 + "-Qz9_long-random",
            "TRUSTED_PROXY_COUNT": count,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == header, result.stderr
