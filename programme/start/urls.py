from django.urls import path

from . import views

urlpatterns = [
    path("att-gora/", views.start, name="start"),
]
