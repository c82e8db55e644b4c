from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared mechanics")

    def ready(self):
        from .converters import IdConverter

        # Before any URLconf is imported (Django loads it on the first request or reverse()).
        register_converter(IdConverter, "id")
