from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.i18n import JavaScriptCatalog

from api import token_urls as api_token_urls
from api import urls as api_urls
from committees import urls as committee_urls
from core import health, language
from measures.follow_up import urls as follow_up_urls

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler500 = "core.errors.server_error"

urlpatterns = [
    path("health/", health.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sprak/", language.choose_language, name="language"),
    # window.gettext for the editor's buttons and dialogs (static/js/prose_editor.js).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path(
        "tillganglighet/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("api/v1/", include(api_urls)),
    path("konto/api-nycklar/", include(api_token_urls)),
    path("konto/aviseringar/", include("notifications.urls")),
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

if settings.OIDC_ENABLED:
    # Single sign-on's sign-in, callback and sign-out (mozilla-django-oidc); only when configured.
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
