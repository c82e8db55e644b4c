from django.urls import path

from . import views
from .follow_up import urls as follow_up_urls

app_name = "measures"

urlpatterns = [
    path("<id:pk>/", views.measure_detail, name="detail"),
    path("avsnitt/<id:section_pk>/ny/", views.measure_create, name="create"),
    path("<id:pk>/redigera/", views.measure_edit, name="edit"),
    path("<id:pk>/flytta/", views.measure_move, name="move"),
    path("<id:pk>/ta-bort/", views.measure_delete, name="delete"),
    path("<id:pk>/historik/", views.measure_history, name="history"),
    path("aterstall/<id:history_id>/", views.measure_restore, name="restore"),
]

urlpatterns += follow_up_urls.measure_patterns
