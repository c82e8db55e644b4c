"""Liveness and readiness: do the database and the file store answer, does the broker answer."""

import functools
import os
from pathlib import Path

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from celery import current_app as celery_app
from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from storages.backends.s3 import S3Storage

# A load balancer gives /health/ a few seconds in all: the bucket answers within these or is
# reported unreachable (botocore's defaults are 60 s each, with retries).
BUCKET_TIMEOUTS = Config(connect_timeout=1, read_timeout=2, retries={"total_max_attempts": 1})
# Any key will do: a bucket that works answers a HEAD of a missing one with 404 ("no such file").
PROBE_KEY = "health-check"


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _bucket_probe(storage: S3Storage) -> S3Storage:
    """The default storage's bucket, settings and credentials, with the short timeouts above.

    Kept per storage instance: a new one opens a new boto3 session (about 0.1 s of CPU).
    """
    options = settings.STORAGES["default"].get("OPTIONS", {})
    client_config = storage.client_config.merge(BUCKET_TIMEOUTS)
    return type(storage)(**{**options, "client_config": client_config})


def _local_folder_writable(path: str) -> bool:
    # The storage makes its folder with the first file; until then the parent must take it.
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK)


def _storage_state() -> str:
    """The bucket answers a read-only request, or the local media folder can be written."""
    storage = storages["default"]
    if isinstance(storage, S3Storage):
        try:
            _bucket_probe(storage).exists(PROBE_KEY)
        except (BotoCoreError, ClientError):  # no answer in time, or refused (403: the key)
            return "unreachable"
        return "ok"
    return "ok" if _local_folder_writable(storage.path("")) else "unwritable"


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # kombu raises several unrelated types for "unreachable"
        return "unreachable"
    return "ok"


@never_cache
def health(request):
    """Answer 200 when the database and the file store answer, 503 when either does not;
    report the broker too (a process without it still serves pages)."""
    database = _database_ok()
    storage = _storage_state()
    body = {
        "database": "ok" if database else "unreachable",
        "storage": storage,
        "broker": _broker_state(),
    }
    healthy = database and storage == "ok"
    body["status"] = "ok" if healthy else "unavailable"
    return JsonResponse(body, status=200 if healthy else 503)
