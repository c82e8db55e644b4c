"""Request ids: one id per request, on every log record it causes, carried into Celery tasks.

The id comes from the ``X-Request-ID`` header when a proxy set a sane one, otherwise it is
generated. It lives in a context variable, so a logging filter can add it to every record, and
a Celery signal copies it into the headers of every task the request publishes; the worker
puts it back into the context variable while the task runs.
"""

import contextvars
import logging
import re
import time
import uuid

from celery.signals import before_task_publish, task_postrun, task_prerun

HEADER = "X-Request-ID"
TASK_HEADER = "request_id"
# A proxy's id is reused only when it cannot smuggle anything into a log line.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
access_logger = logging.getLogger("handlingsprogram.request")


def current_request_id() -> str:
    """The id of the request (or task) being handled, or "-" outside one."""
    return request_id_var.get()


def _incoming_or_new(value: str | None) -> str:
    if value and _SAFE_ID.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` to every record, so formatters can print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class RequestIdMiddleware:
    """Give each request an id, answer it in ``X-Request-ID`` and log one line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _incoming_or_new(request.headers.get(HEADER))
        token = request_id_var.set(request_id)
        request.request_id = request_id
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


@before_task_publish.connect(dispatch_uid="core.requestid.publish")
def _add_request_id_to_task(headers=None, **kwargs):
    if headers is not None and request_id_var.get() != "-":
        headers.setdefault(TASK_HEADER, request_id_var.get())


_task_tokens: dict[str, contextvars.Token] = {}


@task_prerun.connect(dispatch_uid="core.requestid.prerun")
def _restore_request_id(task_id=None, task=None, **kwargs):
    request_id = task.request.get(TASK_HEADER) if task is not None else None
    if request_id is None and task is not None:
        request_id = (task.request.get("headers") or {}).get(TASK_HEADER)
    if request_id:
        _task_tokens[task_id] = request_id_var.set(_incoming_or_new(request_id))


@task_postrun.connect(dispatch_uid="core.requestid.postrun")
def _forget_request_id(task_id=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        request_id_var.reset(token)
