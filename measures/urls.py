from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("<int:pk>/", views.measure_detail, name="detail"),
]
