from django.urls import path

from . import pdf_views, views, workflow_urls

app_name = "programme"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("program/nytt/", views.programme_create, name="create"),
    path("program/<int:pk>/", views.programme_detail, name="detail"),
    path("program/<int:pk>/redigera/", views.programme_edit, name="edit"),
    path("program/<int:pk>/historik/", views.programme_history, name="history"),
    path("program/<int:pk>/borttaget/", views.deleted_items, name="deleted"),
    path(
        "program/<int:pk>/borttaget/avsnitt/<int:history_id>/",
        views.section_restore,
        name="section_restore",
    ),
    path("program/<int:pk>/avsnitt/nytt/", views.section_create, name="section_create"),
    path("avsnitt/<int:pk>/redigera/", views.section_edit, name="section_edit"),
    path("avsnitt/<int:pk>/flytta/", views.section_move, name="section_move"),
    path("avsnitt/<int:pk>/ta-bort/", views.section_delete, name="section_delete"),
    path("avsnitt/<int:pk>/historik/", views.section_history, name="section_history"),
    path("program/<int:pk>/pdf/", pdf_views.pdf_request, name="pdf_request"),
    path("program/<int:pk>/pdf/senaste/", pdf_views.pdf_latest, name="pdf_latest"),
    path("program/<int:pk>/pdf/<int:job_id>/status/", pdf_views.pdf_status, name="pdf_status"),
    path("program/<int:pk>/pdf/<int:job_id>/", pdf_views.pdf_download, name="pdf_download"),
]
urlpatterns += workflow_urls.urlpatterns
