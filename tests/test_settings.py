import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import require_redis

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


def _database_and_sessions(**env) -> str:
    """Engine, pool, CONN_MAX_AGE, health checks and session engine (no connection made)."""
    return _settings_print(
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['ENGINE'], d.get('OPTIONS', {}).get('pool'), d['CONN_MAX_AGE'],"
        " d['CONN_HEALTH_CHECKS'], s.SESSION_ENGINE)",
        **env,
    )


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


POSTGRES = "postgres://nobody@127.0.0.1:1/none"
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "handlingsprogram.settings.production",
    "SECRET_KEY": "x7" * 30 + "-Qz9_long-random",
}


def test_postgresql_uses_djangos_backend_with_its_pool_unless_turned_off():
    pool = "{'min_size': 1, 'max_size': 4, 'timeout': 3.0}"
    cached = "django.contrib.sessions.backends.cached_db"
    assert _database_and_sessions(DATABASE_URL=POSTGRES) == (
        f"django.db.backends.postgresql {pool} 0 True {cached}"
    )
    sized = _database_and_sessions(
        DATABASE_URL=POSTGRES, DATABASE_POOL_MIN_SIZE="2", DATABASE_POOL_MAX_SIZE="8"
    )
    assert "{'min_size': 2, 'max_size': 8, 'timeout': 3.0} 0" in sized
    # Without the pool, connections persist for CONN_MAX_AGE (production: a minute).
    assert _database_and_sessions(DATABASE_URL=POSTGRES, DATABASE_POOL="false") == (
        f"django.db.backends.postgresql None 0 True {cached}"
    )
    assert _database_and_sessions(
        DATABASE_URL=POSTGRES, DATABASE_POOL="false", **PRODUCTION
    ).startswith("django.db.backends.postgresql None 60 True")
    assert _database_and_sessions(
        DATABASE_URL=POSTGRES, DATABASE_POOL="false", CONN_MAX_AGE="5", **PRODUCTION
    ).startswith("django.db.backends.postgresql None 5 True")
    assert _database_and_sessions(DATABASE_URL=POSTGRES, **PRODUCTION).startswith(
        f"django.db.backends.postgresql {pool} 0 True"
    )


def test_production_reads_sessions_from_the_database_unless_the_cache_is_shared():
    """A process's own memory cannot see a sign-out in another process, so production caches
    sessions only in a shared cache (CACHE_URL)."""
    assert _database_and_sessions(**PRODUCTION).endswith(" django.contrib.sessions.backends.db")
    shared = _database_and_sessions(CACHE_URL="redis://127.0.0.1:6379/1", **PRODUCTION)
    assert shared.endswith(" django.contrib.sessions.backends.cached_db")


def test_a_redis_page_cache_url_gives_a_cache_that_works():
    """PAGE_CACHE_URL=redis://… must give a cache that stores and answers (it once handed
    MAX_ENTRIES, a local-memory option, to redis-py, and every page went uncached)."""
    url = require_redis()
    answer = _settings_print(
        "import uuid; from django.core.cache import caches; cache = caches['pages'];"
        "key = 'settings-test-' + uuid.uuid4().hex; cache.set(key, 'stored', 30);"
        "print(type(cache).__name__, cache.get(key)); cache.delete(key)",
        PAGE_CACHE_URL=url,
    )
    assert answer == "FailSoftRedisCache stored"
