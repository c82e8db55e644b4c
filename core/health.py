"""Liveness and readiness: does the database answer, does the broker answer."""

from celery import current_app as celery_app
from django.conf import settings
from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


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
    """Answer 200 when the database answers, 503 when it does not; report the broker too."""
    database = _database_ok()
    body = {"database": "ok" if database else "unreachable", "broker": _broker_state()}
    body["status"] = "ok" if database else "unavailable"
    return JsonResponse(body, status=200 if database else 503)
