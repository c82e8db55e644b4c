from django.urls import path

from . import views

urlpatterns = [
    path("program/<int:pk>/pdf/", views.pdf_request, name="pdf_request"),
    path("program/<int:pk>/pdf/senaste/", views.pdf_latest, name="pdf_latest"),
    path("program/<int:pk>/pdf/<int:job_id>/status/", views.pdf_status, name="pdf_status"),
    path("program/<int:pk>/pdf/<int:job_id>/", views.pdf_download, name="pdf_download"),
]
