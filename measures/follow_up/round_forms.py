from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from measures.forms import DateInput
from measures.models import Measure

from .forms import FollowUpForm


class RoundOpenForm(forms.Form):
    """The coordinator's new round: name, period, deadline and the committees asked."""

    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_('For example "Follow-up 2027".')
    )
    period_from = forms.DateField(label=_("Period from"), widget=DateInput)
    period_to = forms.DateField(label=_("Period to"), widget=DateInput)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput)
    committees = forms.ModelMultipleChoiceField(
        label=_("Committees asked"),
        queryset=Committee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every committee responsible for a measure is asked unless you untick it."),
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = committees
        self.initial.setdefault("committees", list(committees))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and end < start:
            self.add_error(
                "period_to",
                ValidationError(
                    _("The period must not end before it begins."), code="period_order"
                ),
            )
        return cleaned


def round_entry_form(data, *, measure: Measure) -> FollowUpForm:
    """One measure's field set in a round, pre-filled from its latest update (the measure's
    current follow-up); only a changed field set becomes an update."""
    initial = {
        "edit_token": measure.edit_token,
        "note": measure.progress_note,
        "indicator_value": measure.indicator_value,
    }
    return FollowUpForm(data, prefix=f"m{measure.pk}", initial=initial, measure=measure)


class PartReadyForm(forms.Form):
    """Marking a part ready, with the committee's own decision if it took one."""

    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DateInput)
    decision_paragraph = forms.CharField(label=_("Paragraph (§)"), max_length=50, required=False)
    case_number = forms.CharField(label=_("Case number (dnr)"), max_length=100, required=False)
