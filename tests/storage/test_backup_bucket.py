"""``python -m ops.backup`` with the files in a bucket (SeaweedFS): the backup holds the bucket's
objects, and a restore brings them back exactly (by hash), removing what came after."""

import json
import tarfile

import pytest

from tests.drills.support import app_env, manage
from tests.ops.test_backup import (
    CHANGE_AND_DELETE,
    RENDER_A_PDF,
    _files,
    _fingerprint,
    _ops,
    _shell,
)
from tests.support import require_redis

pytestmark = pytest.mark.postgres

ADD_A_STRAY_FILE = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
print(default_storage.save("pdf/after-the-backup.pdf", ContentFile(b"%PDF-later")))
"""


def test_a_backup_holds_the_buckets_objects_and_a_restore_brings_them_back(
    database, bucket, tmp_path
):
    media = tmp_path / "media"
    env = app_env(
        DJANGO_SETTINGS_MODULE="handlingsprogram.settings.production",
        DATABASE_URL=database,
        MEDIA_ROOT=str(media),
        CELERY_BROKER_URL="",
        PAGE_CACHE_URL=require_redis(),
        LOG_LEVEL="WARNING",
        **bucket.env(),
    )
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo", "--force")
    assert _shell(env, RENDER_A_PDF).strip().splitlines()[-1] != "0"
    before, objects_before = _fingerprint(database), bucket.objects()
    assert any(name.endswith(".pdf") for name in objects_before)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))

    _ops(env, "create", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["storages"]["default"]["backend"] == "S3Storage"
    with tarfile.open(tmp_path / "backup" / "media.tar.gz") as archive:
        archived = {m.name.removeprefix("./") for m in archive.getmembers() if m.isfile()}
    assert archived == set(objects_before)

    _shell(env, CHANGE_AND_DELETE)
    stray = _shell(env, ADD_A_STRAY_FILE).strip().splitlines()[-1]
    assert _fingerprint(database) != before
    assert bucket.objects() != objects_before and stray in bucket.objects()

    _ops(env, "restore", str(tmp_path / "backup"), "--yes")

    assert _fingerprint(database) == before
    assert bucket.objects() == objects_before


def test_a_backup_of_local_files_restores_into_the_bucket(database, bucket, tmp_path):
    """Moving onto object storage: back up MEDIA_ROOT, name the bucket, restore."""
    media = tmp_path / "media"
    local = app_env(
        DATABASE_URL=database, MEDIA_ROOT=str(media), CELERY_BROKER_URL="", LOG_LEVEL="WARNING"
    )
    manage(local, "migrate", "--noinput", "-v", "0")
    manage(local, "seed_demo", "--force")
    assert _shell(local, RENDER_A_PDF).strip().splitlines()[-1] != "0"
    files = _files(media)
    _ops(local, "create", str(tmp_path / "backup"))

    _ops({**local, **bucket.env()}, "restore", str(tmp_path / "backup"), "--yes")

    assert bucket.objects() == files
