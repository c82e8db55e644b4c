from django.urls import path

from . import views

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("program/<id:pk>/", views.programme_detail, name="detail"),
]
