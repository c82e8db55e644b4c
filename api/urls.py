"""``/api/v1/``: the resources, the OpenAPI schema and its documentation page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("sections", views.SectionViewSet, basename="section")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("committees", views.CommitteeViewSet, basename="committee")
router.register("focus-areas", views.FocusAreaViewSet, basename="focus-area")

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
]
