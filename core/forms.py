"""Form pieces every app uses: the rich-text field (an editor from django-prose-editor) and the
edit form that carries its edit token."""

from django import forms
from django.conf import settings
from django.forms import Script
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import ProseEditorWidget

from .richtext import sanitize_html

EDITOR_MODULE = "django_prose_editor/editor.js"

RICH_TEXT_HELP = _(
    "Bold, italic, bulleted and numbered lists and links are kept; other formatting, for example "
    "from Word or a web page, is removed when you save."
)

# The formatting the editor offers: the subset that core.richtext keeps, no more. (core.richtext
# stays the authority on every write; this only decides which buttons there are.)
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    # The browser's spelling check helps people who write Swedish all day.
    "NoSpellCheck": False,
}
EDITOR_PRESET = "handlingsprogram"


class RichTextarea(ProseEditorWidget):
    """A textarea for the safe HTML subset that static/js/prose_editor.js turns into an editor.

    Its media load the library's editor module and ours from the app's static files as separate
    files, never the library's inline import map: a Content-Security-Policy without
    'unsafe-inline' would block that, and without JavaScript the textarea still works.
    """

    template_name = "core/widgets/rich_textarea.html"

    def __init__(self, attrs=None):
        super().__init__({"rows": 6, **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "css/editor.css",
                ]
            },
            js=[
                # Classic, so that window.gettext exists before the modules (deferred) run.
                Script(reverse_lazy("javascript-catalog")),
                Script(EDITOR_MODULE, type="module"),
                Script("js/prose_editor.js", type="module"),
            ],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Our module imports the editor from the same address the media load it from (hashed
        # in production), so the browser runs one copy.
        context["widget"]["attrs"]["data-editor-module"] = static(EDITOR_MODULE)
        return context


class RichTextField(ProseEditorFormField):
    """Optional formatted text, sanitised to the safe subset and limited to
    ``RICH_TEXT_MAX_LENGTH`` with a message that says so."""

    widget = RichTextarea

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", settings.RICH_TEXT_MAX_LENGTH)
        kwargs.setdefault("help_text", RICH_TEXT_HELP)
        kwargs.setdefault("widget", RichTextarea)
        kwargs.setdefault(
            "error_messages",
            {
                "max_length": _(
                    "This text is %(show_value)s characters long; the limit is "
                    "%(limit_value)s characters. Shorten it or split it up."
                )
            },
        )
        super().__init__(
            extensions=EDITOR_EXTENSIONS, preset=EDITOR_PRESET, sanitize=sanitize_html, **kwargs
        )

    def widget_attrs(self, widget):
        # No maxlength attribute: a browser would cut a long paste silently; the server explains.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class LockedForm(forms.ModelForm):
    """An edit form that carries the edit token it was loaded at, for optimistic locking."""

    edit_token = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_token"].initial = self.instance.edit_token
        else:
            del self.fields["edit_token"]

    def changes(self) -> dict:
        """The cleaned values that a service takes, without the edit token."""
        return {k: v for k, v in self.cleaned_data.items() if k in self._meta.fields}
