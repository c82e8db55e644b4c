"""The compose stack publishes nothing beyond this host: the reverse proxy is the only way in."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from tests.support import require

ROOT = Path(__file__).resolve().parents[2]


def test_compose_publishes_gunicorn_on_loopback_only():
    compose = shutil.which("docker-compose")
    require(compose is not None, "docker-compose not found")
    result = subprocess.run(
        [compose, "-f", "docker-compose.yml", "config"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "SECRET_KEY": "validate", "POSTGRES_PASSWORD": "v"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    published = re.findall(r"^\s*ports:\n((?:\s*- .*\n)+)", result.stdout, flags=re.MULTILINE)
    entries = [line.strip()[2:] for block in published for line in block.splitlines()]
    assert entries, result.stdout
    assert all(entry.startswith("127.0.0.1:") for entry in entries), entries


def test_compose_offers_object_storage_under_a_profile_and_wires_the_app_to_it():
    compose = shutil.which("docker-compose")
    require(compose is not None, "docker-compose not found")
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "validate",
        "POSTGRES_PASSWORD": "v",
        "COMPOSE_PROFILES": "objectstorage",
        "AWS_STORAGE_BUCKET_NAME": "hp-files",
        "AWS_ACCESS_KEY_ID": "key",
        "AWS_SECRET_ACCESS_KEY": "secret",
    }
    result = subprocess.run(
        [compose, "-f", "docker-compose.yml", "config"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    services = yaml.safe_load(result.stdout)["services"]
    storage = services["objectstorage"]
    assert storage["profiles"] == ["objectstorage"]
    assert "ports" not in storage  # only the app reaches it
    assert "-bucket=hp-files" in storage["command"]
    assert storage["environment"]["AWS_SECRET_ACCESS_KEY"] == "secret"
    for name in ("web", "worker", "beat"):
        app = services[name]["environment"]
        assert app["AWS_STORAGE_BUCKET_NAME"] == "hp-files"
        assert app["AWS_S3_ENDPOINT_URL"] == "http://objectstorage:8333"
        assert app["AWS_ACCESS_KEY_ID"] == "key"
