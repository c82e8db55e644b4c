from django.urls import path

from . import round_views, views

# Under atgarder/, in the measures: namespace.
measure_patterns = [
    path("<id:pk>/uppfoljning/", views.measure_follow_up, name="follow_up"),
]

# Under namnder/, in the committees: namespace (handlingsprogram/urls.py joins them).
committee_patterns = [
    path("", views.committee_list, name="list"),
    path("<id:pk>/uppdrag/", views.committee_assignments, name="assignments"),
]

# Under uppfoljning/, in the rounds: namespace (the yearly reporting rounds).
round_patterns = [
    path("program/<id:programme_pk>/", round_views.programme_rounds, name="programme"),
    path("program/<id:programme_pk>/ny/", round_views.round_open, name="open"),
    path("<id:pk>/", round_views.round_detail, name="detail"),
    path("<id:pk>/stang/", round_views.round_close, name="close"),
    path("del/<id:pk>/", round_views.part_detail, name="part"),
    path("del/<id:pk>/klar/", round_views.part_ready, name="part_ready"),
    path("del/<id:pk>/ateroppna/", round_views.part_reopen, name="part_reopen"),
]
