from django.apps import AppConfig


class UserSessionsConfig(AppConfig):
    name = "handlingsprogram.usersessions"
    label = "usersessions"
    default_auto_field = "django.db.models.BigAutoField"
