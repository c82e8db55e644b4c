"""Who may see and do what with programmes: the one place that answers it.

Foundation rules (the permissions issue refines them per role and committee):
- an anonymous visitor sees adopted and superseded programmes only (public documents);
- a signed-in user sees every programme;
- a draft that a user may not see answers 404, so its existence is not revealed.
"""

from django.db.models import QuerySet

from committees import roles

from .models import Programme

PUBLIC_STATUSES = (Programme.Status.ADOPTED, Programme.Status.SUPERSEDED)


def programmes_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The programmes ``user`` may read, as a queryset."""
    queryset = Programme.objects.all() if queryset is None else queryset
    if user.is_authenticated:
        return queryset
    return queryset.filter(status__in=PUBLIC_STATUSES)


def can_view_programme(user, programme: Programme) -> bool:
    """May ``user`` read ``programme``?"""
    return user.is_authenticated or programme.status in PUBLIC_STATUSES


def can_request_pdf(user, programme: Programme) -> bool:
    """May ``user`` ask for a PDF of ``programme``? Coordinators, for programmes not yet adopted.

    Adopted (and superseded) programmes are rendered by the system and downloadable by everyone.
    """
    if not user.is_authenticated or programme.status in PUBLIC_STATUSES:
        return False
    return user.is_superuser or user.groups.filter(name=roles.COORDINATORS).exists()
