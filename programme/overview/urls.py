from django.urls import path

from . import views

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("program/<int:pk>/", views.programme_detail, name="detail"),
]
