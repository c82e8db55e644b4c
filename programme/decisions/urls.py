from django.urls import path

from . import public, views

urlpatterns = [
    path("program/<int:pk>/status/", views.transition, name="transition"),
    path("program/<int:pk>/remiss/", views.consultation_overview, name="consultation"),
    path(
        "program/<int:pk>/remiss/skicka/",
        views.consultation_send,
        name="consultation_send",
    ),
    path("remissvar/<int:pk>/", views.consultation_answer, name="consultation_answer"),
    path("program/<int:pk>/antagande/", views.adoption_record, name="adopt"),
    path("program/<int:pk>/revidera/", views.revise, name="revise"),
    path("program/<int:pk>/versioner/", views.versions, name="versions"),
    path("publikt/<int:pk>/", public.public_programme, name="public"),
    path("publikt/<int:pk>/protokollsutdrag.pdf", public.public_minutes, name="public_minutes"),
]
