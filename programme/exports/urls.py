from django.urls import path

from . import views

urlpatterns = [
    path("program/<int:pk>/atgarder.xlsx", views.measures_xlsx, name="measures_xlsx"),
    path("program/<int:pk>/atgarder.csv", views.measures_csv, name="measures_csv"),
]
