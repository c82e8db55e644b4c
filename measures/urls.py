from django.urls import path

from . import views
from .follow_up import urls as follow_up_urls

app_name = "measures"

urlpatterns = [
    path("<int:pk>/", views.measure_detail, name="detail"),
    path("avsnitt/<int:section_pk>/ny/", views.measure_create, name="create"),
    path("<int:pk>/redigera/", views.measure_edit, name="edit"),
    path("<int:pk>/flytta/", views.measure_move, name="move"),
    path("<int:pk>/ta-bort/", views.measure_delete, name="delete"),
    path("<int:pk>/historik/", views.measure_history, name="history"),
    path("aterstall/<int:history_id>/", views.measure_restore, name="restore"),
]

urlpatterns += follow_up_urls.measure_patterns
