"""Forms for the workflow pages. They collect input; the rules live in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from committees.models import Committee
from core.bidi import isolate
from programme.models import ConsultationInvitation, Programme

from .transitions import validate_minutes

COMMENT_MAX_LENGTH = 2000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the form's fields (or at the top)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=Programme.Status.choices, widget=forms.HiddenInput)
    expected_status = forms.ChoiceField(choices=Programme.Status.choices, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SendToConsultationForm(forms.Form):
    committees = forms.ModelMultipleChoiceField(
        label=_("Committees to consult"),
        queryset=Committee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one committee to consult.")},
    )
    deadline = forms.DateField(
        label=_("Answer deadline"),
        widget=DateInput(),
        error_messages={"required": _("Give the date by which the committees must answer.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        # The owning committee drafts the programme and the council decides on it: neither is asked.
        self.fields["committees"].queryset = (
            Committee.objects.filter(active=True)
            .exclude(pk=programme.owning_committee_id)
            .exclude(kind=Committee.Kind.COUNCIL)
        )


class AdoptionForm(forms.Form):
    decision_date = forms.DateField(
        label=_("Date of the council's decision"),
        widget=DateInput(),
        error_messages={"required": _("Give the date of the council's decision.")},
    )
    decision_paragraph = forms.CharField(
        label=_("Paragraph"),
        max_length=50,
        help_text=_("For example KF § 123."),
        error_messages={"required": _("Give the paragraph, for example KF § 123.")},
    )
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=50,
        help_text=_("For example KS 2019-000123."),
        error_messages={"required": _("Give the case number, for example KS 2019-000123.")},
    )
    minutes = forms.FileField(
        label=_("Minutes extract (PDF, optional)"),
        required=False,
        help_text=_("A PDF of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_minutes(self):
        upload = self.cleaned_data.get("minutes")
        if upload:
            try:
                validate_minutes(upload)
            except ValidationError as error:
                raise ValidationError(error.message_dict["minutes"]) from error
        return upload


class AnswerForm(forms.Form):
    """A committee's answer: position, text, and one optional comment per measure."""

    position = forms.ChoiceField(
        label=_("Your committee's position"),
        choices=ConsultationInvitation.Position.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    text = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # Submitting cannot be undone: the officer confirms it on the form (works without JavaScript).
    confirm = forms.BooleanField(
        label=_("I understand that the answer cannot be changed after it is submitted."),
        required=False,
    )

    def __init__(self, *args, measures, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = measures
        self.submitting = submitting
        for measure in measures:
            self.fields[self.comment_field(measure)] = forms.CharField(
                label=_("Comment on %(identifier)s %(title)s")
                % {"identifier": measure.identifier, "title": isolate(measure.title)},
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            measure.comment_field_name = self.comment_field(measure)

    @staticmethod
    def comment_field(measure) -> str:
        return f"comment_{measure.pk}"

    def clean(self):
        cleaned = super().clean()
        if self.submitting and not cleaned.get("confirm"):
            self.add_error(
                "confirm",
                forms.ValidationError(
                    _("Confirm that the answer is final before you submit it."),
                    code="confirm_required",
                ),
            )
        return cleaned

    def comments(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data.get(self.comment_field(m), "") for m in self.measures}

    def bound_comment_fields(self):
        return [(m, self[self.comment_field(m)]) for m in self.measures]


class CompareForm(forms.Form):
    a = forms.ChoiceField(label=_("Compare"))
    b = forms.ChoiceField(label=_("with"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            raise ValidationError(_("Choose two different versions."), code="same_version")
        return data
