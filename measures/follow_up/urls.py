from django.urls import path

from . import views

# Under atgarder/, in the measures: namespace.
measure_patterns = [
    path("<id:pk>/uppfoljning/", views.measure_follow_up, name="follow_up"),
]

# Under namnder/, in the committees: namespace (handlingsprogram/urls.py joins them).
committee_patterns = [
    path("", views.committee_list, name="list"),
    path("<id:pk>/uppdrag/", views.committee_assignments, name="assignments"),
]
