"""The compose stack publishes nothing beyond this host: the reverse proxy is the only way in."""

import os
import re
import shutil
import subprocess
from pathlib import Path

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
