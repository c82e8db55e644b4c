from django.urls import path

from . import views

urlpatterns = [
    path("program/<id:pk>/pdf/", views.pdf_request, name="pdf_request"),
    path("program/<id:pk>/pdf/senaste/", views.pdf_latest, name="pdf_latest"),
    path("program/<id:pk>/pdf/<id:job_id>/status/", views.pdf_status, name="pdf_status"),
    path("program/<id:pk>/pdf/<id:job_id>/", views.pdf_download, name="pdf_download"),
    path(
        "program/<id:pk>/uppfoljning/<id:round_pk>/pdf/",
        views.round_report_download,
        name="round_report",
    ),
    path("remissvar/<id:pk>/remissversion.pdf", views.consultation_pdf, name="consultation_pdf"),
    path("kommunens-logotyp/", views.municipality_logo_file, name="municipality_logo"),
    path("program/<id:pk>/arkivpaket/", views.archive_download, name="archive_download"),
]
