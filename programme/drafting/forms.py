"""Forms for programmes and sections."""

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from core.forms import LockedForm, RichTextField
from programme.models import Programme, Section


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
