import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.support import port_open

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_health_answers_200_with_the_database_storage_and_broker_state(client, settings):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["storage"] == "ok"  # the local media folder (not made yet: its parent takes it)
    assert body["broker"] == ("in-process" if settings.CELERY_TASK_ALWAYS_EAGER else "ok")
    assert body["status"] == "ok"


@pytest.mark.django_db
def test_health_answers_503_when_the_local_media_folder_cannot_be_written(
    client, settings, tmp_path
):
    # A file where the folder would be made: the storage could save nothing there.
    (tmp_path / "not-a-folder").write_text("")
    settings.MEDIA_ROOT = tmp_path / "not-a-folder" / "media"
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {
        "database": "ok",
        "storage": "unwritable",
        "broker": "in-process" if settings.CELERY_TASK_ALWAYS_EAGER else "ok",
        "status": "unavailable",
    }


def _health_in_subprocess(env_overrides: dict) -> tuple[int, dict]:
    """Ask /health/ from a fresh process whose settings point where ``env_overrides`` say."""
    script = (
        "import django, json, os;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'handlingsprogram.settings.test');"
        "django.setup();"
        "from django.test import Client;"
        "r = Client().get('/health/');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = {"PATH": "/usr/bin:/bin", "ALLOWED_HOSTS": "testserver", **env_overrides}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    return answer["status"], answer["body"]


def test_health_answers_503_when_the_database_does_not_answer():
    assert not port_open("127.0.0.1", 1)
    status, body = _health_in_subprocess({"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"})
    assert status == 503
    assert body["database"] == "unreachable"


def test_health_reports_an_unreachable_broker_without_failing():
    assert not port_open("127.0.0.1", 2)
    status, body = _health_in_subprocess(
        {"CELERY_BROKER_URL": "redis://127.0.0.1:2/0", "CELERY_TASK_ALWAYS_EAGER": "false"}
    )
    assert status == 200
    assert body["broker"] == "unreachable"
