from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import RichTextField
from measures.forms import DateInput
from measures.models import Measure


class FollowUpForm(forms.Form):
    """The responsible committee's progress update: a new timeline entry, pre-filled with the
    current status and progress. The indicator's fields appear only where the measure has one."""

    edit_token = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status)
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
        help_text=_("A whole number from 0 to 100."),
    )
    note = RichTextField(
        label=_("Progress note"),
        help_text=_(
            "What has been done since the last update and what remains. Paragraphs, lists, bold, "
            "italic and links are kept."
        ),
    )
    indicator_value = forms.DecimalField(
        label=_("Indicator value"), max_digits=12, decimal_places=2, required=False
    )
    indicator_date = forms.DateField(
        label=_("Value as of"),
        required=False,
        widget=DateInput,
        help_text=_("The date the value refers to. Leave it empty for today."),
    )

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("status", measure.status)
        self.initial.setdefault("progress", measure.progress)
        if measure.indicator:
            unit = f" ({measure.indicator_unit})" if measure.indicator_unit else ""
            self.fields["indicator_value"].label = f"{measure.indicator}{unit}"
        else:
            del self.fields["indicator_value"]
            del self.fields["indicator_date"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("indicator_date") and cleaned.get("indicator_value") is None:
            self.add_error(
                "indicator_value",
                ValidationError(_("Give the value that the date refers to."), code="required"),
            )
        return cleaned


class ProgressNoteForm(forms.Form):
    """A signed note on the timeline, usually from a co-responsible committee; no status change."""

    edit_token = forms.IntegerField(widget=forms.HiddenInput)
    note = RichTextField(
        label=_("Progress note"),
        required=True,
        help_text=_(
            "Your note is added to the measure's timeline, signed with your name, your committee "
            "and today's date. Paragraphs, lists, bold, italic and links are kept."
        ),
    )
