"""The project's URLs plus two reference views for ``python -m benchmarks.pages``.

``/bench/baseline/`` is the stack's ceiling (middleware, no database). ``/bench/bytes/<n>/``
answers ``n`` bytes from memory: what the same stack can send of a page that size with no work
at all, the reference for the pages whose size, not their queries, limits them.
"""

from functools import cache

from django.http import Http404, HttpResponse
from django.urls import path

from handlingsprogram.urls import urlpatterns as project_urlpatterns


def baseline(request):
    return HttpResponse("ok", content_type="text/plain")


@cache
def _body(size: int) -> bytes:
    return b"x" * size


def same_size(request, size: int):
    if size > 20_000_000:
        raise Http404
    return HttpResponse(_body(size), content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench/baseline/", baseline),
    path("bench/bytes/<int:size>/", same_size),
    *project_urlpatterns,
]
