from django.urls import path

from . import views

urlpatterns = [
    path("program/<id:pk>/atgarder.xlsx", views.measures_xlsx, name="measures_xlsx"),
    path("program/<id:pk>/atgarder.csv", views.measures_csv, name="measures_csv"),
]
