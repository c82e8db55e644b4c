from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handlingsprogram.pagecache import render_cached
from programme import page_heads
from programme.permissions import can_view_programme

from . import selectors, services
from .forms import MembershipAddForm, MembershipRoleForm
from .models import Committee, Membership
from .permissions import can_manage_memberships, can_view_committee


@login_required
def committee_list(request):
    """The committees whose assignment the user may see."""
    return render(
        request,
        "committees/committee_list.html",
        {
            "committees": selectors.committee_list(user=request.user),
            "can_manage_memberships": can_manage_memberships(request.user),
        },
    )


@login_required
def committee_assignments(request, pk: int):
    """Vårt uppdrag: every measure the council gave this committee, across programmes."""
    exists, heads = page_heads.committee_page_heads(request.user, pk)
    if not exists:
        raise Http404
    if not can_view_committee(request.user, pk):
        raise PermissionDenied
    shown = tuple(
        (head.pk, head.content_version) for head in heads if can_view_programme(request.user, head)
    )

    def context():
        committee = get_object_or_404(Committee, pk=pk)
        assignments = selectors.committee_assignments(user=request.user, committee=committee)
        return {
            "committee": committee,
            "assignments": assignments,
            "overdue_count": sum(m.is_overdue for e in assignments for m in e.responsible),
            "can_manage_memberships": can_manage_memberships(request.user),
        }

    # Every programme it may show: a change to any of them, or a committee renamed (which moves
    # them all), gives a new key.
    return render_cached(
        request, "committees/committee_assignments.html", versions=(pk, shown), context=context
    )


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
        messages.success(request, _("%(member)s was added.") % {"member": membership.user})
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
        request, _("The role of %(member)s was changed.") % {"member": membership.user}
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
    messages.success(request, _("%(member)s was removed.") % {"member": member})
    return redirect("committees:members", pk=committee_id)
