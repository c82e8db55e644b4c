from django.urls import path

from . import views

app_name = "committees"

urlpatterns = [
    path("", views.committee_list, name="list"),
    path("<int:pk>/uppdrag/", views.committee_assignments, name="assignments"),
    path("<int:pk>/medlemmar/", views.committee_members, name="members"),
    path("medlemskap/<int:pk>/roll/", views.membership_change, name="membership_change"),
    path("medlemskap/<int:pk>/ta-bort/", views.membership_remove, name="membership_remove"),
]
