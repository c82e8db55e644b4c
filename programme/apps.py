from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Action programmes")

    def ready(self):
        from . import cache_generation

        cache_generation.connect()
