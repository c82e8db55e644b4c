from django.urls import path

from . import views

urlpatterns = [
    path("program/nytt/", views.programme_create, name="create"),
    path("program/<id:pk>/redigera/", views.programme_edit, name="edit"),
    path("program/<id:pk>/historik/", views.programme_history, name="history"),
    path("program/<id:pk>/borttaget/", views.deleted_items, name="deleted"),
    path(
        "program/<id:pk>/borttaget/avsnitt/<id:history_id>/",
        views.section_restore,
        name="section_restore",
    ),
    path("program/<id:pk>/avsnitt/nytt/", views.section_create, name="section_create"),
    path("avsnitt/<id:pk>/redigera/", views.section_edit, name="section_edit"),
    path("avsnitt/<id:pk>/flytta/", views.section_move, name="section_move"),
    path("avsnitt/<id:pk>/ta-bort/", views.section_delete, name="section_delete"),
    path("avsnitt/<id:pk>/historik/", views.section_history, name="section_history"),
]
