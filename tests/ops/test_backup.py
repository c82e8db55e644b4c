"""Backup and restore (ops/backup.py), performed for real on a PostgreSQL database of our own.

Back up the demo with a rendered PDF, then change and delete data and files, restore, and find
every table (history included) and every stored file exactly as it was.
"""

import hashlib
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.drills.support import PROJECT, app_env, manage
from tests.servers import database_of_our_own
from tests.support import require_redis

pytestmark = pytest.mark.postgres

DATABASE = "hp_ops_backup_test"


def _fingerprint(url: str) -> dict[str, str]:
    """Every table's row count and a hash of its whole content, in a stable order."""
    with psycopg.connect(url, autocommit=True) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        result = {}
        for table in tables:
            count, digest = db.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: S608
            ).fetchone()
            result[table] = f"{count}:{digest}"
        return result


def _files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _shell(env: dict, code: str) -> str:
    return manage(env, "shell", "-c", code)


def _ops(env: dict, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ops.backup", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture
def database():
    yield from database_of_our_own(DATABASE)


RENDER_A_PDF = """
from django.contrib.auth import get_user_model
from programme.models import Programme, RenderJob
from programme.documents.jobs import render_job_request
actor = get_user_model().objects.get(username="samordnare")
programme = Programme.objects.get(status="draft")
render_job_request(actor=actor, programme=programme, kind="draft")
print(RenderJob.objects.filter(status="done").count())
"""

CHANGE_AND_DELETE = """
from django.contrib.auth import get_user_model
from measures.models import Measure
from measures.follow_up.services import progress_update_create
from measures.services import measure_delete
from programme.models import RenderJob
actor = get_user_model().objects.get(username="samordnare")
measure = Measure.objects.filter(section__programme__status="draft").order_by("pk").first()
progress_update_create(actor=actor, measure=measure, edit_token=measure.edit_token,
                       status="ongoing", progress=10, note="<p>Ändrat efter säkerhetskopian</p>")
measure_delete(actor=actor, measure=Measure.objects.get(pk=measure.pk))
for job in RenderJob.objects.all():
    if job.file:
        job.file.storage.delete(job.file.name)
RenderJob.objects.all().delete()
"""


def test_a_restored_backup_brings_back_data_history_and_pdfs_as_they_were(database, tmp_path):
    media = tmp_path / "media"
    env = app_env(
        DJANGO_SETTINGS_MODULE="handlingsprogram.settings.production",
        DATABASE_URL=database,
        MEDIA_ROOT=str(media),
        CELERY_BROKER_URL="",
        # A shared page cache, which the restore empties (it once failed there, after restoring).
        PAGE_CACHE_URL=require_redis(),
        LOG_LEVEL="WARNING",
    )
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo", "--force")
    assert _shell(env, RENDER_A_PDF).strip().splitlines()[-1] != "0"
    before, files_before = _fingerprint(database), _files(media)
    assert any(name.endswith(".pdf") for name in files_before)
    assert int(before["measures_historicalmeasure"].split(":")[0]) > 0

    _ops(env, "create", str(tmp_path / "backup"))
    _shell(env, CHANGE_AND_DELETE)
    changed = _fingerprint(database)
    assert changed["measures_measure"] != before["measures_measure"]
    assert changed["programme_renderjob"].startswith("0:")
    assert _files(media) != files_before

    _ops(env, "restore", str(tmp_path / "backup"), "--yes")

    assert _fingerprint(database) == before
    assert _files(media) == files_before


def test_restore_refuses_without_yes_and_a_damaged_backup(database, tmp_path):
    env = app_env(DATABASE_URL=database, MEDIA_ROOT=str(tmp_path / "media"), CELERY_BROKER_URL="")
    manage(env, "migrate", "--noinput", "-v", "0")
    _ops(env, "create", str(tmp_path / "backup"))

    refused = subprocess.run(
        [sys.executable, "-m", "ops.backup", "restore", str(tmp_path / "backup")],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0 and "--yes" in refused.stderr
    with (tmp_path / "backup" / "media.tar.gz").open("ab") as handle:
        handle.write(b"damage")
    damaged = subprocess.run(
        [sys.executable, "-m", "ops.backup", "restore", str(tmp_path / "backup"), "--yes"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert damaged.returncode != 0 and "checksum" in damaged.stderr
