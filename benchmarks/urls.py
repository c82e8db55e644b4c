"""The project's URLs plus ``/bench/baseline/``: the stack's ceiling (middleware, no database)."""

from django.http import HttpResponse
from django.urls import path

from handlingsprogram.urls import urlpatterns as project_urlpatterns


def baseline(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/baseline/", baseline), *project_urlpatterns]
