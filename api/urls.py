"""``/api/v1/``: the resources, the OpenAPI schema, our documentation page and Swagger UI."""

from django.urls import path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("sections", views.SectionViewSet, basename="section")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("rounds", views.RoundViewSet, basename="round")
router.register("committees", views.CommitteeViewSet, basename="committee")
router.register("focus-areas", views.FocusAreaViewSet, basename="focus-area")

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Our own page first: Swagger UI fails axe-core (color-contrast, link-name,
    # nested-interactive), so it is offered from there as an extra, not as the documentation.
    path("docs/", TemplateView.as_view(template_name="api/docs.html"), name="docs"),
    path(
        "docs/swagger/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="swagger",
    ),
]
