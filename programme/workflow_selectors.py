"""Reads for the workflow panel, the versions and comparison pages, and the public page.

A programme's *versions* are the chain of revisions: a programme with version N > 1 was created
by revising its ``based_on`` (version N − 1). A version-1 programme's ``based_on`` is an earlier
document it extends (e.g. the 2019 action plan), not an earlier version of itself.
"""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from .consultation_selectors import invitations_for_user
from .models import AdoptedVersion, Programme, StatusChange
from .permissions import (
    PUBLIC_STATUSES,
    can_run_workflow,
    can_view_consultation,
    can_view_programme,
    is_public,
)
from .revisions import revision_in_progress
from .versions import programme_snapshot
from .workflow import available_transitions


def programme_lineage(*, programme: Programme) -> list[Programme]:
    """Every version of ``programme``, oldest first."""
    chain = [programme]
    current = programme
    while current.version > 1 and current.based_on_id:
        current = Programme.objects.select_related("adopted_version").get(pk=current.based_on_id)
        chain.insert(0, current)
    current = programme
    while True:
        following = (
            current.extensions.filter(version=current.version + 1)
            .exclude(status=Programme.Status.WITHDRAWN)
            .first()
        )
        if following is None:
            break
        chain.append(following)
        current = following
    return chain


def adopted_versions(*, programme: Programme) -> list[AdoptedVersion]:
    """The adopted versions in ``programme``'s chain, newest first."""
    ids = [p.pk for p in programme_lineage(programme=programme)]
    return list(
        AdoptedVersion.objects.filter(programme_id__in=ids)
        .select_related("programme")
        .order_by("-version")
    )


@dataclass
class VersionChoice:
    key: str
    label: str
    programme: Programme
    adopted: AdoptedVersion | None

    def snapshot(self) -> dict:
        if self.adopted is not None:
            return self.adopted.snapshot
        return programme_snapshot(programme=self.programme)


def version_choices(*, user, programme: Programme) -> list[VersionChoice]:
    """The versions ``user`` may compare: each adopted version, and the current text of any
    version in the chain that is not adopted yet (if the user may read it)."""
    choices = []
    for member in programme_lineage(programme=programme):
        adopted = AdoptedVersion.objects.filter(programme=member).first()
        if adopted is not None:
            label = _("Version %(version)s as adopted %(date)s (%(paragraph)s)") % {
                "version": adopted.version,
                "date": adopted.decision_date.isoformat(),
                "paragraph": adopted.decision_paragraph,
            }
            choices.append(VersionChoice(f"adopted-{member.pk}", label, member, adopted))
        elif can_view_programme(user, member):
            label = _("Version %(version)s, current text (%(status)s)") % {
                "version": member.version,
                "status": member.get_status_display().lower(),
            }
            choices.append(VersionChoice(f"live-{member.pk}", label, member, None))
    return choices


def programme_get_public(*, pk: int) -> Programme:
    """An adopted or superseded programme, readable by anyone; 404 otherwise."""
    try:
        return Programme.objects.select_related("owning_committee").get(
            pk=pk, status__in=PUBLIC_STATUSES
        )
    except Programme.DoesNotExist as exc:
        raise Http404 from exc


def adopted_version_of(*, programme: Programme) -> AdoptedVersion:
    """The programme's adopted version. A programme marked adopted before this tool recorded
    versions (e.g. imported) gets an unsaved stand-in built from its text, frozen since then."""
    version = AdoptedVersion.objects.filter(programme=programme).first()
    if version is not None:
        return version
    return AdoptedVersion(
        programme=programme,
        version=programme.version,
        snapshot=programme_snapshot(programme=programme),
        decision_date=programme.decision_date,
        decision_paragraph=programme.decision_paragraph,
        case_number=programme.case_number,
    )


def workflow_panel(*, user, programme: Programme) -> dict:
    """What the workflow panel on the programme page shows to ``user``."""
    history = list(
        StatusChange.objects.filter(programme=programme).select_related("actor").order_by("at")
    )
    transitions = [
        {"to": to, "transition": t}
        for to, t in available_transitions(user=user, programme=programme)
    ]
    may_run = can_run_workflow(user, programme)
    revision = (
        revision_in_progress(programme) if programme.status == Programme.Status.ADOPTED else None
    )
    has_rounds = programme.consultation_rounds.exists() if user.is_authenticated else False
    has_versions = (
        programme.version > 1 or AdoptedVersion.objects.filter(programme=programme).exists()
    )
    return {
        "history": history,
        "transitions": transitions,
        "can_view_consultation": has_rounds and can_view_consultation(user, programme),
        "my_invitations": invitations_for_user(user=user, programme=programme),
        "can_revise": may_run and programme.status == Programme.Status.ADOPTED and revision is None,
        "revision": revision,
        "has_versions": has_versions,
        "is_public": is_public(programme),
    }
