"""The measure form and the form that moves a measure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Committee, Partner
from core.forms import LockedForm, RichTextField
from programme.models import Section

from .models import FocusArea, Measure

PLAN_FIELDS = [
    "title",
    "description",
    "responsible_committee",
    "co_responsible_committees",
    "partners",
    "focus_areas",
    "expected_outcome",
    "indicator",
    "indicator_target",
    "indicator_unit",
    "start_date",
    "due_date",
    "resources",
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MeasureForm(LockedForm):
    """The plan of a measure. Its follow-up has its own form and timeline (``measures.follow_up``)."""

    description = RichTextField(label=_("Description"))
    expected_outcome = RichTextField(label=_("Expected outcome"))
    resources = RichTextField(label=_("Resources"))

    class Meta:
        model = Measure
        fields = PLAN_FIELDS
        widgets = {
            "co_responsible_committees": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "focus_areas": forms.CheckboxSelectMultiple,
            "start_date": DateInput,
            "due_date": DateInput,
        }
        help_texts = {
            "indicator": _("How the effect of the measure is followed up."),
            "indicator_target": _("The value the indicator should reach, for example 40."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Committee.objects.filter(active=True)
        self.fields["responsible_committee"].queryset = active
        self.fields["co_responsible_committees"].queryset = active
        self.fields["partners"].queryset = Partner.objects.filter(active=True)
        self.fields["focus_areas"].queryset = FocusArea.objects.filter(active=True)

    def changes(self) -> dict:
        return {
            k: v for k, v in self.cleaned_data.items() if k in self.fields and k != "edit_token"
        }


class MoveMeasureForm(forms.Form):
    """Move a measure to a section of the same programme, at a position."""

    # Not required: the overview's up/down buttons send only the position (their page form holds
    # nothing but the token, see templates/programme/programme_detail.html), within the section.
    section = forms.ModelChoiceField(
        queryset=Section.objects.none(), label=_("Section"), required=False, empty_label=None
    )
    position = forms.IntegerField(
        label=_("Position in the section"),
        min_value=1,
        help_text=_("1 puts it first; a number past the end puts it last."),
    )

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["section"].queryset = measure.section.programme.sections.order_by("order")
        self.initial.setdefault("section", measure.section_id)
        self.initial.setdefault("position", measure.order)

    def clean_section(self):
        return self.cleaned_data["section"] or self.measure.section


class RestoreMeasureForm(forms.Form):
    """Where a deleted measure goes back to, when its own section is gone too."""

    section = forms.ModelChoiceField(queryset=Section.objects.none(), label=_("Section"))

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = programme.sections.order_by("order")
