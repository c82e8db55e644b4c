from django.urls import path

from . import views

urlpatterns = [
    path("program/nytt/", views.programme_create, name="create"),
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
]
