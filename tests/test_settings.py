import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _django_check(settings_module: str, **env) -> subprocess.CompletedProcess:
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": settings_module, **env}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _django_check("handlingsprogram.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "kort-men-hemlig-nyckel",  # under 50 characters
        "ab12" * 12 + "c",  # 49 characters
        "x" * 60,  # long, but fewer than 5 different characters
        "django-insecure-" + "k7#Qz9_lR2w!" * 4,  # made by startproject, not for production
    ],
    ids=["short", "49-characters", "few-characters", "django-insecure"],
)
def test_production_refuses_to_start_with_a_weak_secret_key(key):
    # What gunicorn does on start (no system checks run there).
    result = subprocess.run(
        [sys.executable, "-c", "from handlingsprogram.wsgi import application"],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "handlingsprogram.settings.production",
            "SECRET_KEY": key,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters" in result.stderr
    assert key not in result.stderr  # the refusal does not print the key


def test_production_passes_the_deployment_checklist_with_a_secret_key():
    result = _django_check(
        "handlingsprogram.settings.production", SECRET_KEY="x7" * 30 + "-Qz9_long-random"
    )
    assert result.returncode == 0, result.stderr + result.stdout


def _settings_print(script: str, **env) -> str:
    """What ``script`` prints after ``django.setup()`` with the dev settings and ``env`` only."""
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "handlingsprogram.settings.dev",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_embedded_default_is_sqlite_in_the_project_folder_with_tasks_in_process():
    engine, name, eager = _settings_print(
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'],"
        " s.CELERY_TASK_ALWAYS_EAGER)"
    ).split()
    assert engine == "django.db.backends.sqlite3"
    assert Path(name).parent == ROOT
    assert eager == "True"


def _postgres_connection_params(**env) -> str:
    """The prepare_threshold the PostgreSQL backend would connect with (no connection made)."""
    return _settings_print(
        "from django.db import connection;"
        "print(connection.settings_dict['ENGINE'], connection.get_connection_params()"
        "['prepare_threshold'])",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        **env,
    )


def test_per_request_statements_are_prepared_unless_turned_off_for_pgbouncer():
    assert _postgres_connection_params() == "handlingsprogram.postgresql 5"
    turned_off = _postgres_connection_params(DATABASE_PREPARED_STATEMENTS="false")
    assert turned_off == "handlingsprogram.postgresql None"


def test_production_refuses_the_published_demo_password_of_a_seeded_database(tmp_path):
    """A demo database served under production settings: its accounts' published password does
    not sign anyone in; the same account with a password of its own does."""
    script = """
import django
django.setup()
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from programme import demo_data

call_command("migrate", verbosity=0)
user = get_user_model().objects.create_user("samordnare", password=demo_data.DEMO_PASSWORD)
request = RequestFactory().post("/konto/login/")
print(authenticate(request, username="samordnare", password=demo_data.DEMO_PASSWORD))
user.set_password("ett-eget-lösenord-som-ingen-har-publicerat")
user.save()
print(authenticate(request, username="samordnare", password="ett-eget-lösenord-som-ingen-har-publicerat"))
"""
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "handlingsprogram.settings.production",
        "SECRET_KEY": "x7" * 30 + "-Qz9_long-random",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'seeded.sqlite3'}",
        "CELERY_BROKER_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["None", "samordnare"]
