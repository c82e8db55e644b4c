from django.urls import path

from . import views

urlpatterns = [
    path(
        "program/<id:pk>/atgarder/importera/",
        views.measures_import_upload,
        name="measures_import",
    ),
    path(
        "program/<id:pk>/atgarder/importera/bekrafta/",
        views.measures_import_confirm,
        name="measures_import_confirm",
    ),
]
