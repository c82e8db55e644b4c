"""Form pieces every app uses: the rich-text field and the edit form that carries its edit token."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

RICH_TEXT_HELP = _(
    "You can format the text: paragraphs <p>, bullet lists <ul><li>, numbered lists <ol><li>, "
    'bold <strong>, italic <em> and links <a href="https://…">. Other markup is removed on save.'
)


class RichTextarea(forms.Textarea):
    """A textarea for the safe HTML subset; static/js/richtext.js adds a formatting toolbar."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 6, "data-richtext": "", **(attrs or {})})


class RichTextField(forms.CharField):
    """Optional formatted text, limited to ``RICH_TEXT_MAX_LENGTH`` with a message that says so."""

    widget = RichTextarea

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", settings.RICH_TEXT_MAX_LENGTH)
        kwargs.setdefault("help_text", RICH_TEXT_HELP)
        kwargs.setdefault(
            "error_messages",
            {
                "max_length": _(
                    "This text is %(show_value)s characters long; the limit is "
                    "%(limit_value)s characters. Shorten it or split it up."
                )
            },
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # No maxlength attribute: a browser would cut a long paste silently; the server explains.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class LockedForm(forms.ModelForm):
    """An edit form that carries the version it was loaded at, for optimistic locking."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version
        else:
            del self.fields["lock_version"]

    def changes(self) -> dict:
        """The cleaned values that a service takes, without the lock version."""
        return {k: v for k, v in self.cleaned_data.items() if k in self._meta.fields}
