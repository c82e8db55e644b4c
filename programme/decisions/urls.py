from django.urls import path

from . import public, views

urlpatterns = [
    path("program/<id:pk>/status/", views.transition, name="transition"),
    path("program/<id:pk>/remiss/", views.consultation_overview, name="consultation"),
    path(
        "program/<id:pk>/remiss/skicka/",
        views.consultation_send,
        name="consultation_send",
    ),
    path("remissvar/<id:pk>/", views.consultation_answer, name="consultation_answer"),
    path("program/<id:pk>/antagande/", views.adoption_record, name="adopt"),
    path("program/<id:pk>/revidera/", views.revise, name="revise"),
    path("program/<id:pk>/versioner/", views.editions, name="editions"),
    path("publikt/<id:pk>/", public.public_programme, name="public"),
    path("publikt/<id:pk>/protokollsutdrag.pdf", public.public_minutes, name="public_minutes"),
]
