from django.urls import path

from . import views

urlpatterns = [
    path("program/<id:pk>/uppfoljningsoversikt/", views.dashboard, name="dashboard"),
    path("publikt/<id:pk>/uppfoljning/", views.public_dashboard, name="public_dashboard"),
]
