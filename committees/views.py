from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.bidi import isolate

from . import selectors, services
from .forms import MembershipAddForm, MembershipRoleForm
from .models import Committee, Membership
from .permissions import can_manage_memberships


@login_required
def committee_members(request, pk: int):
    """The coordinator's page: who sits in the committee, with which role; add a member."""
    if not can_manage_memberships(request.user):
        raise PermissionDenied
    committee = get_object_or_404(Committee, pk=pk)
    form = MembershipAddForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        membership = services.membership_add(
            actor=request.user, committee=committee, **form.cleaned_data
        )
        messages.success(request, _("%(member)s was added.") % {"member": isolate(membership.user)})
        return redirect("committees:members", pk=committee.pk)
    # Bound here means posted and invalid.
    return _members_page(request, committee, form, status=400 if form.is_bound else 200)


def _members_page(request, committee, add_form, *, status: int, role_error=None):
    """The members page; ``role_error`` is (membership id, message) after a refused role change."""
    return render(
        request,
        "committees/committee_members.html",
        {
            "committee": committee,
            "form": add_form,
            "memberships": selectors.committee_memberships(committee=committee),
            "roles": Membership.Role.choices,
            "role_error": role_error,
        },
        status=status,
    )


@login_required
@require_POST
def membership_change(request, pk: int):
    """Change one member's role."""
    if not can_manage_memberships(request.user):
        raise PermissionDenied
    membership = get_object_or_404(Membership.objects.select_related("user", "committee"), pk=pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        committee = membership.committee
        add_form = MembershipAddForm(committee=committee)
        error = (membership.pk, form.errors["role"][0])
        return _members_page(request, committee, add_form, status=400, role_error=error)
    services.membership_change_role(actor=request.user, membership=membership, **form.cleaned_data)
    messages.success(
        request, _("The role of %(member)s was changed.") % {"member": isolate(membership.user)}
    )
    return redirect("committees:members", pk=membership.committee_id)


@login_required
@require_POST
def membership_remove(request, pk: int):
    """End one membership; the user loses the committee's rights at once."""
    if not can_manage_memberships(request.user):
        raise PermissionDenied
    membership = get_object_or_404(Membership.objects.select_related("user", "committee"), pk=pk)
    committee_id, member = membership.committee_id, membership.user
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("%(member)s was removed.") % {"member": isolate(member)})
    return redirect("committees:members", pk=committee_id)
