from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Committee, Membership


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


class MembershipAddForm(forms.Form):
    """Seat a user in the committee."""

    user = UserChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("last_name", "username"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)

    def __init__(self, *args, committee: Committee, **kwargs):
        self.committee = committee
        super().__init__(*args, **kwargs)

    def clean_user(self):
        user = self.cleaned_data["user"]
        if Membership.objects.filter(committee=self.committee, user=user).exists():
            raise forms.ValidationError(
                _("%(user)s is already a member; change the role in the table instead."),
                code="already_member",
                params={"user": user},
            )
        return user


class MembershipRoleForm(forms.Form):
    """Change a member's role."""

    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        error_messages={
            "required": _("Choose officer or chair."),
            "invalid_choice": _("Choose officer or chair."),
        },
    )
