from django.urls import path

from . import views, workflow_urls

app_name = "programme"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("program/<int:pk>/", views.programme_detail, name="detail"),
]
urlpatterns += workflow_urls.urlpatterns
