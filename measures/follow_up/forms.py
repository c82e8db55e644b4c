from django import forms
from django.utils.translation import gettext_lazy as _

from measures.models import Measure
from measures.permissions import FOLLOW_UP_FIELDS


class FollowUpForm(forms.ModelForm):
    """The responsible committee's follow-up: the four follow-up fields and nothing else."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Measure
        fields = FOLLOW_UP_FIELDS
        widgets = {"progress": forms.NumberInput(attrs={"min": 0, "max": 100})}
        help_texts = {
            "progress": _("A whole number from 0 to 100."),
            "progress_note": _(
                "What has been done and what remains. Paragraphs and lists are kept."
            ),
        }


class ProgressNoteForm(forms.Form):
    """A co-responsible committee's note, appended to the measure's progress note."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Progress note"),
        widget=forms.Textarea,
        help_text=_(
            "Your note is added below the existing notes, signed with your committee and today's date."
        ),
    )
