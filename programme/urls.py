from django.urls import path

from . import pdf_views, views

app_name = "programme"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("program/<int:pk>/", views.programme_detail, name="detail"),
    path("program/<int:pk>/pdf/", pdf_views.pdf_request, name="pdf_request"),
    path("program/<int:pk>/pdf/senaste/", pdf_views.pdf_latest, name="pdf_latest"),
    path("program/<int:pk>/pdf/<int:job_id>/status/", pdf_views.pdf_status, name="pdf_status"),
    path("program/<int:pk>/pdf/<int:job_id>/", pdf_views.pdf_download, name="pdf_download"),
]
