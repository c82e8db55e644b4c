from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind


class NotificationSettingsForm(forms.Form):
    """One checkbox per kind of e-mail: ticked, the user receives it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.BooleanField(label=kind.label, required=False)

    @classmethod
    def for_user(cls, settings: list[tuple[str, str, bool]]) -> "NotificationSettingsForm":
        return cls(initial={kind: on for kind, _label, on in settings})

    def kinds_on(self) -> list[str]:
        return [kind for kind in Kind.values if self.cleaned_data.get(kind)]


LEGEND = _("Send me an e-mail when")
