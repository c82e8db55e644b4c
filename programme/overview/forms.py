"""The overview's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from measures.models import FocusArea, Measure
from programme.models import Programme, Section

from .selectors import OverviewFilters


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

    def filters(self) -> OverviewFilters:
        """What a valid form narrows the measures to; no filter when unbound or invalid."""
        if not (self.is_bound and self.is_valid()):
            return OverviewFilters()
        data = self.cleaned_data
        return OverviewFilters(
            section=data["section"].pk if data["section"] else None,
            committee=data["committee"].pk if data["committee"] else None,
            status=data["status"],
            focus_area=data["focus_area"].pk if data["focus_area"] else None,
            overdue=data["overdue"],
            q=data["q"].strip(),
        )
