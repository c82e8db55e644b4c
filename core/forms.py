"""Form pieces every app uses: the rich-text field (an editor from django-prose-editor) and the
edit form that carries its edit token."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.forms import Script
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import ProseEditorWidget

from .editing import edit_merge
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


def show_length_limit(field: forms.CharField) -> None:
    """Say a text field's limit and count against it (static/js/char-counter.js) instead of the
    maxlength attribute, with which a browser cuts a long paste silently; the server refuses a
    longer text with a message next to the field and keeps it in the form."""
    limit = field.max_length
    field.widget.attrs.pop("maxlength", None)
    field.widget.attrs["data-max-length"] = limit
    note = _("At most %(limit)s characters.") % {"limit": limit}
    field.help_text = format_lazy("{} {}", field.help_text, note) if field.help_text else note
    field.error_messages["max_length"] = _(
        "This text is %(show_value)s characters long; the limit is %(limit_value)s characters. "
        "Shorten it."
    )


KEEP_MINE, KEEP_SAVED = "mine", "theirs"
CLASHING = "clashing"


@dataclass(frozen=True)
class Clash:
    """A field both editors changed: the two versions as a reader sees them, and the choice."""

    name: str
    label: str
    mine: object
    saved: object
    choice: forms.BoundField


class LockedForm(forms.ModelForm):
    """An edit form that carries the version it was loaded at, for optimistic locking.

    When the save meets a newer version, :meth:`rebase` merges: fields only the other person
    changed take their values, fields both changed get a choice (``keep_<field>``) that the
    next post must answer. The names of those fields travel in hidden ``clashing`` inputs.
    """

    edit_token = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.TextInput) and getattr(field, "max_length", None):
                show_length_limit(field)
        if self.instance.pk:
            self.fields["edit_token"].initial = self.instance.edit_token
        else:
            del self.fields["edit_token"]
        getlist = getattr(self.data, "getlist", None)
        posted = getlist(CLASHING) if getlist else []
        self.clashing = [n for n in dict.fromkeys(posted) if n in self._edited_names()]
        # Read now: validation writes the posted values onto the instance.
        self.saved = {n: self._saved_value(self.instance, n) for n in self.clashing}
        self.taken = []
        for name in self.clashing:
            self._add_choice(name)

    @property
    def media(self):
        return super().media + forms.Media(
            js=[
                Script(reverse_lazy("javascript-catalog")),
                Script("js/char-counter.js", defer=True),
            ]
        )

    def _edited_names(self) -> list[str]:
        return [n for n in self._meta.fields if n in self.fields]

    def _add_choice(self, name: str) -> None:
        self.fields[f"keep_{name}"] = forms.ChoiceField(
            label=_("Which version of “%(field)s” should be saved?")
            % {"field": self.fields[name].label},
            choices=[(KEEP_MINE, _("Keep my change")), (KEEP_SAVED, _("Use the saved one"))],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose which version to keep.")},
        )

    def clean(self):
        cleaned = super().clean()
        for name in self.clashing:
            if cleaned.get(f"keep_{name}") == KEEP_SAVED:
                cleaned[name] = self.saved[name]
        return cleaned

    @staticmethod
    def _saved_value(instance, name: str):
        field = instance._meta.get_field(name)
        if field.many_to_many:
            return list(getattr(instance, name).all())
        return getattr(instance, name)

    def changes(self) -> dict:
        """The cleaned values that a service takes, without the edit token and the choices."""
        return {k: v for k, v in self.cleaned_data.items() if k in self._edited_names()}

    def rebase(self, current) -> None:
        """After a refused save: take the newer values of the fields only others changed, ask
        for a choice where both changed, and carry the current version for the next save."""
        merge = edit_merge(
            current, edit_token=int(self.data.get("edit_token") or 0), proposed=self.changes()
        )
        data = self.data.copy()
        for key in [k for k in data if k.startswith("keep_")]:
            del data[key]  # a choice made against an older version does not carry over
        for name in merge.taken:
            value = self.fields[name].prepare_value(self._saved_value(current, name))
            if isinstance(value, list | tuple):
                data.setlist(name, [str(v) for v in value])
            else:
                data[name] = "" if value is None else value
        data.setlist(CLASHING, merge.clashes)
        data["edit_token"] = current.edit_token
        self.data, self.taken, self.clashing = data, merge.taken, merge.clashes
        self.saved = {n: self._saved_value(current, n) for n in merge.clashes}
        for name in merge.clashes:
            self._add_choice(name)

    @property
    def clashes(self) -> list[Clash]:
        return [
            Clash(
                name,
                self.fields[name].label,
                self.readable(name, self.cleaned_data.get(name, self.data.get(name))),
                self.readable(name, self.saved[name]),
                self[f"keep_{name}"],
            )
            for name in self.clashing
        ]

    def readable(self, name: str, value):
        """``value`` of the field ``name`` as a reader sees it: formatted text rendered, links by
        name (the conflict box shows both versions this way, never raw markup)."""
        field = self.fields[name]
        if isinstance(field, RichTextField):
            return mark_safe(sanitize_html(value or ""))  # noqa: S308 - sanitised to the subset
        if isinstance(field, forms.ModelMultipleChoiceField):
            return ", ".join(sorted(str(v) for v in value or ())) or "–"
        if isinstance(field, forms.ModelChoiceField):
            return value or "–"
        if isinstance(field, forms.ChoiceField):
            labels = {str(key): label for key, label in field.choices}
            return labels.get(str(value), value) or "–"
        return "–" if value in (None, "") else value
