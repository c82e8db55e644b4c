"""The start page ("Att göra"): what needs the signed-in user, per role."""

from django.shortcuts import redirect, render

from measures.permissions import can_view_dashboard
from programme.permissions import (
    START_COORDINATOR,
    START_COUNCIL,
    START_OFFICER,
    start_page_parts,
)

from . import selectors


def start(request):
    """Each role's list of what to do next; the programme list for everyone else."""
    parts = start_page_parts(request.user)
    if not parts:
        return redirect("programme:list")
    user = request.user
    context = {"parts": parts}
    if START_COORDINATOR in parts:
        context["coordinator"] = {
            "rounds": selectors.open_rounds(user=user),
            "follow_up_rounds": list(selectors.follow_up_rounds_open(user=user)),
            "submitted": list(selectors.programmes_submitted(user=user)),
            "overdue": selectors.measures_overdue(user=user),
        }
    if START_OFFICER in parts:
        context["officer"] = {
            "invitations": list(selectors.invitations_to_answer(user=user)),
            "round_parts": list(selectors.round_parts_to_report(user=user)),
            "measures": selectors.committee_measures_due(user=user),
            "committees": list(selectors.committees_of(user=user)),
        }
    if START_COUNCIL in parts:
        adopted = selectors.programmes_recently_adopted(user=user)
        for programme in adopted:
            programme.can_view_dashboard = can_view_dashboard(user, programme)
        context["council"] = {
            # The coordinator sees what waits for the council in their own part.
            "submitted": []
            if START_COORDINATOR in parts
            else list(selectors.programmes_submitted(user=user)),
            "adopted": adopted,
        }
    return render(request, "programme/start/start.html", context)
