from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("<int:pk>/", views.measure_detail, name="detail"),
]

# Permissions issue: the committees' follow-up form.
from . import followup_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/uppfoljning/", followup_views.measure_follow_up, name="follow_up"),
]
