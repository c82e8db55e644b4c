import os
import subprocess
import sys
from pathlib import Path

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
