"""``Programme.content_version``: a number that moves whenever anything a page shows about a
programme changes, so that rendered pages can be cached under it (``programme.pagecache``).
``Programme.document_version`` moves with it, except for the PDF render records (shown on the
overview, not printed in the document): the PDF's content hash is remembered under it
(``programme.documents.jobs``).

The version is bumped by model signals, in the same transaction as the change, so that every
write path counts: the services, the admin, the worker's render records and the data
migrations alike. A reader fetches the programme (and so its version) before it reads the
content; under READ COMMITTED it therefore never stores content older than the version in its
key. Changes that are rare and shown in every programme (a committee, partner or focus area
renamed, a programme adopted, which changes every lineage's list of versions) bump them all.

Writes that bypass signals (``QuerySet.update``, ``bulk_create``) must call :func:`bump`
themselves; ``tests/caching/test_content_version.py`` walks every service and checks that it does.
"""

from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from committees.models import Committee, Partner
from measures.models import FocusArea, Measure, ProgressUpdate, ReportingRound, RoundPart

from .models import (
    AdoptedVersion,
    ConsultationComment,
    ConsultationInvitation,
    ConsultationRound,
    MeasureLineage,
    Programme,
    RenderJob,
    Section,
    StatusChange,
)


def bump(condition: Q, *, document: bool = True) -> None:
    """Move the content version (and unless ``document`` is false, the document version) of the
    programmes that ``condition`` selects."""
    versions = {"content_version": F("content_version") + 1}
    if document:
        versions["document_version"] = F("document_version") + 1
    Programme.objects.filter(condition).update(**versions)


def bump_programme(programme_id: int, based_on_id: int | None = None) -> None:
    # An extension shows its base's title, so a change to the base moves it too; an adopted
    # programme shows its revision in progress (or the "Revise" button when there is none), so
    # a revision started, moved on or withdrawn moves its base.
    bump(Q(pk=programme_id) | Q(based_on_id=programme_id) | Q(pk=based_on_id))


def bump_all() -> None:
    bump(Q())


# Which programmes a changed row belongs to, as a filter on Programme.
_OWNER = {
    Section: lambda row: Q(pk=row.programme_id),
    Measure: lambda row: Q(sections__id=row.section_id),
    ProgressUpdate: lambda row: Q(sections__measures__id=row.measure_id),
    ReportingRound: lambda row: Q(pk=row.programme_id),
    RoundPart: lambda row: Q(reporting_rounds__id=row.round_id),
    MeasureLineage: lambda row: Q(sections__measures__id=row.measure_id),
    RenderJob: lambda row: Q(pk=row.programme_id),
    StatusChange: lambda row: Q(pk=row.programme_id),
    ConsultationRound: lambda row: Q(pk=row.programme_id),
    ConsultationInvitation: lambda row: Q(consultation_rounds__id=row.round_id),
    ConsultationComment: lambda row: Q(consultation_rounds__invitations__id=row.invitation_id),
}
# Shown on the pages but not printed in the document: the PDF prints the measure's current
# follow-up (its own columns), not the timeline nor the reporting rounds ("Vårt uppdrag" lists
# a committee's open parts).
_NOT_PRINTED = (RenderJob, ProgressUpdate, ReportingRound, RoundPart)
# Shown in every programme that refers to them, and rarely changed: every programme moves.
_SHARED = (Committee, Partner, FocusArea, AdoptedVersion)


def _programme_saving(sender, instance, **kwargs):
    # A full save of an instance loaded earlier must not write back an older version.
    if not instance._state.adding and instance.pk is not None:
        instance.content_version = F("content_version") + 1
        instance.document_version = F("document_version") + 1


def _programme_saved(sender, instance, **kwargs):
    # Covers saves with update_fields too, which leave content_version out.
    bump_programme(instance.pk, instance.based_on_id)
    # Deferred from now on: read again from the database if asked, and left out of later saves.
    instance.__dict__.pop("content_version", None)
    instance.__dict__.pop("document_version", None)


def _programme_deleting(sender, instance, **kwargs):
    # Its extensions lose their "based on" through SET_NULL, an update without signals.
    bump(Q(based_on_id=instance.pk))


def _owned_row_changed(sender, instance, **kwargs):
    bump(_OWNER[sender](instance), document=sender not in _NOT_PRINTED)


def _shared_row_changed(sender, instance, **kwargs):
    bump_all()


def _measure_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        bump(Q(sections__measures__id=instance.pk))
    elif pk_set:
        bump(Q(sections__measures__id__in=pk_set))
    else:  # cleared from the committee's, partner's or focus area's side
        bump_all()


def connect() -> None:
    """Register the receivers; called once from ``ProgrammeConfig.ready``."""
    uid = "content_version"
    pre_save.connect(_programme_saving, sender=Programme, dispatch_uid=uid)
    post_save.connect(_programme_saved, sender=Programme, dispatch_uid=uid)
    pre_delete.connect(_programme_deleting, sender=Programme, dispatch_uid=uid)
    for model in _OWNER:
        post_save.connect(_owned_row_changed, sender=model, dispatch_uid=uid)
        # Before the delete, while the row's owner can still be found through the database.
        pre_delete.connect(_owned_row_changed, sender=model, dispatch_uid=uid)
    for model in _SHARED:
        post_save.connect(_shared_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_shared_row_changed, sender=model, dispatch_uid=uid)
    for field in ("co_responsible_committees", "partners", "focus_areas"):
        through = getattr(Measure, field).through
        m2m_changed.connect(_measure_links_changed, sender=through, dispatch_uid=uid)
