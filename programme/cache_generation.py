"""``Programme.content_generation``: a number that moves whenever anything a page shows about a
programme changes, so that page fragments can be cached under it (``programme.fragments``).
``Programme.document_generation`` moves with it, except for the PDF render records (shown on the
overview, not printed in the document): the PDF's content hash is remembered under it
(``programme.documents.jobs``).

The generation moves by model signals, in the same transaction as the change, so that every
write path counts: the services, the admin, the worker's render records and the data
migrations alike. A reader fetches the programme (and so its generation) before it reads the
content; under READ COMMITTED it therefore never stores content older than the generation in its
key. Changes that are rare and shown in every programme (a committee, partner or focus area
renamed, a programme adopted, which changes every lineage's list of editions) move them all.

Each app connects the receivers for its own models from its ``AppConfig.ready``, as Django
recommends: this module those of the programme's models and of the committees' (below it in the
layers), ``measures.cache_generation`` those of measures and focus areas, calling :func:`bump`.
So the dependency points the way the layers do, with no import of an upper layer hidden inside
a function.

Writes that bypass signals (``QuerySet.update``, ``bulk_create``) must call :func:`bump`
themselves; ``tests/caching/test_content_generation.py`` walks every service and checks that it does.
"""

from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from committees.models import Committee, Partner

from .models import (
    AdoptedEdition,
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
    """Move the content generation (and unless ``document`` is false, the document
    generation) of the programmes that ``condition`` selects."""
    generations = {"content_generation": F("content_generation") + 1}
    if document:
        generations["document_generation"] = F("document_generation") + 1
    Programme.objects.filter(condition).update(**generations)


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
    MeasureLineage: lambda row: Q(sections__measures__id=row.measure_id),
    RenderJob: lambda row: Q(pk=row.programme_id),
    StatusChange: lambda row: Q(pk=row.programme_id),
    ConsultationRound: lambda row: Q(pk=row.programme_id),
    ConsultationInvitation: lambda row: Q(consultation_rounds__id=row.round_id),
    ConsultationComment: lambda row: Q(consultation_rounds__invitations__id=row.invitation_id),
}
# Shown on the overview but not printed in the document.
_NOT_PRINTED = (RenderJob,)
# Shown in every programme that refers to them, and rarely changed: every programme moves.
_SHARED = (Committee, Partner, AdoptedEdition)


def _programme_saving(sender, instance, **kwargs):
    # A full save of an instance loaded earlier must not write back an older generation.
    # (`_state.adding` is documented API: Model._state in the model instance reference.)
    if not instance._state.adding and instance.pk is not None:
        instance.content_generation = F("content_generation") + 1
        instance.document_generation = F("document_generation") + 1


def _programme_saved(sender, instance, **kwargs):
    # Covers saves with update_fields too, which leave content_generation out.
    bump_programme(instance.pk, instance.based_on_id)
    # Deferred from now on: read again from the database if asked, and left out of later saves.
    instance.__dict__.pop("content_generation", None)
    instance.__dict__.pop("document_generation", None)


def _programme_deleting(sender, instance, **kwargs):
    # Its extensions lose their "based on" through SET_NULL, an update without signals.
    bump(Q(based_on_id=instance.pk))


def _owned_row_changed(sender, instance, **kwargs):
    bump(_OWNER[sender](instance), document=sender not in _NOT_PRINTED)


def shared_row_changed(sender, instance, **kwargs):
    """Receiver for rows shown in every programme: every programme moves."""
    bump_all()


def connect() -> None:
    """Register the receivers; called once from ``ProgrammeConfig.ready``."""
    uid = "content_generation"
    pre_save.connect(_programme_saving, sender=Programme, dispatch_uid=uid)
    post_save.connect(_programme_saved, sender=Programme, dispatch_uid=uid)
    pre_delete.connect(_programme_deleting, sender=Programme, dispatch_uid=uid)
    for model in _OWNER:
        post_save.connect(_owned_row_changed, sender=model, dispatch_uid=uid)
        # Before the delete, while the row's owner can still be found through the database.
        pre_delete.connect(_owned_row_changed, sender=model, dispatch_uid=uid)
    for model in _SHARED:
        post_save.connect(shared_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(shared_row_changed, sender=model, dispatch_uid=uid)
