from django.urls import path

from . import public_views, workflow_views

urlpatterns = [
    path("program/<int:pk>/status/", workflow_views.transition, name="transition"),
    path("program/<int:pk>/remiss/", workflow_views.consultation_overview, name="consultation"),
    path(
        "program/<int:pk>/remiss/skicka/",
        workflow_views.consultation_send,
        name="consultation_send",
    ),
    path("remissvar/<int:pk>/", workflow_views.consultation_answer, name="consultation_answer"),
    path("program/<int:pk>/antagande/", workflow_views.adoption_record, name="adopt"),
    path("program/<int:pk>/revidera/", workflow_views.revise, name="revise"),
    path("program/<int:pk>/versioner/", workflow_views.versions, name="versions"),
    path("publikt/<int:pk>/", public_views.public_programme, name="public"),
    path(
        "publikt/<int:pk>/protokollsutdrag.pdf", public_views.public_minutes, name="public_minutes"
    ),
]
