from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from committees import urls as committee_urls
from core import health
from measures.follow_up import urls as follow_up_urls

handler500 = "core.errors.server_error"

urlpatterns = [
    path("health/", health.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path(
        "tillganglighet/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("konto/", include("django.contrib.auth.urls")),
    path("atgarder/", include("measures.urls")),
    path(
        "namnder/",
        include(
            (
                follow_up_urls.committee_patterns + committee_urls.urlpatterns,
                committee_urls.app_name,
            )
        ),
    ),
    path("uppfoljning/", include((follow_up_urls.round_patterns, "rounds"))),
    path("", include("programme.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
