from django.urls import path

from . import views

app_name = "committees"

# The pages about a committee's measures live in measures/follow_up (joined in the root urls).
urlpatterns = [
    path("<id:pk>/medlemmar/", views.committee_members, name="members"),
    path("medlemskap/<id:pk>/roll/", views.membership_change, name="membership_change"),
    path("medlemskap/<id:pk>/ta-bort/", views.membership_remove, name="membership_remove"),
]
