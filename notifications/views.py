"""The page where a user turns each kind of e-mail on or off (/konto/aviseringar/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.views import INVALID

from .forms import LEGEND, NotificationSettingsForm
from .permissions import can_change_notification_settings
from .selectors import notification_settings
from .services import notification_settings_save


@login_required
def settings_page(request):
    if not can_change_notification_settings(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = NotificationSettingsForm(request.POST)
        if form.is_valid():
            notification_settings_save(actor=request.user, kinds_on=form.kinds_on())
            messages.success(request, _("Your e-mail settings are saved."))
            return redirect("notifications:settings")
        status = INVALID
    else:
        form = NotificationSettingsForm.for_user(notification_settings(request.user))
        status = 200
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "legend": LEGEND, "has_email": bool(request.user.email)},
        status=status,
    )
