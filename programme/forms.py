"""Forms for programmes and sections, and the rich-text field that every long text uses."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from measures.models import FocusArea, Measure

from .models import Programme, Section

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


class ProgrammeForm(LockedForm):
    introduction = RichTextField(label=_("Introduction"))
    based_on = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        required=False,
        label=_("Start from an earlier programme"),
        help_text=_(
            "Its sections and measures are copied into the new programme, which records that it "
            "extends it. The earlier programme is not changed."
        ),
    )

    class Meta:
        model = Programme
        fields = [
            "title",
            "municipality",
            "period_from",
            "period_to",
            "owning_committee",
            "introduction",
        ]

    def __init__(self, *args, bases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owning_committee"].queryset = Committee.objects.filter(active=True)
        if bases is None:
            del self.fields["based_on"]
        else:
            self.fields["based_on"].queryset = bases


class SectionForm(LockedForm):
    introduction = RichTextField(label=_("Introduction"))
    goals = RichTextField(label=_("Goals"))

    class Meta:
        model = Section
        fields = ["kind", "title", "introduction", "goals"]


class PositionForm(forms.Form):
    """Where to put a section or measure: a number, so moving works without drag and drop."""

    position = forms.IntegerField(label=_("New position"), min_value=1)


class OverviewFilterForm(forms.Form):
    """The overview's filters, read from the query string."""

    q = forms.CharField(label=_("Search titles and descriptions"), required=False, max_length=200)
    section = forms.ModelChoiceField(
        queryset=Section.objects.none(), required=False, label=_("Section")
    )
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.all(), required=False, label=_("Responsible committee")
    )
    status = forms.ChoiceField(
        choices=[("", _("All statuses")), *Measure.Status.choices],
        required=False,
        label=_("Status"),
    )
    focus_area = forms.ModelChoiceField(
        queryset=FocusArea.objects.all(), required=False, label=_("National focus area")
    )
    overdue = forms.BooleanField(required=False, label=_("Only overdue measures"))

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = programme.sections.order_by("order")
        for name in ("section", "committee", "focus_area"):
            self.fields[name].empty_label = _("All")
