"""The measures' part of ``Programme.content_generation`` (see ``programme.cache_generation``).

A measure, its links (co-responsible committees, partners, focus areas) and the focus areas
are shown on their programme's pages, so a change to them moves the content generation of the programmes
they belong to, in the same transaction, through model signals. These receivers live here, in
the app that owns the models, and are connected from ``MeasuresConfig.ready``.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from programme.cache_generation import bump, bump_all, shared_row_changed

from .models import FocusArea, Measure, ProgressUpdate, ReportingRound, RoundPart

LINKS = ("co_responsible_committees", "partners", "focus_areas")


def _measure_changed(sender, instance, **kwargs):
    bump(Q(sections__id=instance.section_id))


def _timeline_changed(sender, instance, **kwargs):
    # The measure page shows the timeline; the PDF prints the measure's current follow-up (its own
    # columns, which move with the measure's save), not the timeline.
    bump(Q(sections__measures__id=instance.measure_id), document=False)


def _round_changed(sender, instance, **kwargs):
    # "Vårt uppdrag" and the round pages show the rounds; the PDF does not print them.
    programme = Q(reporting_rounds__id=getattr(instance, "round_id", instance.pk))
    bump(programme, document=False)


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
    """Register the receivers; called once from ``MeasuresConfig.ready``."""
    uid = "content_generation"
    post_save.connect(_measure_changed, sender=Measure, dispatch_uid=uid)
    # Before the delete, while the measure's programme can still be found through its section.
    pre_delete.connect(_measure_changed, sender=Measure, dispatch_uid=uid)
    post_save.connect(_timeline_changed, sender=ProgressUpdate, dispatch_uid=uid)
    pre_delete.connect(_timeline_changed, sender=ProgressUpdate, dispatch_uid=uid)
    for model in (ReportingRound, RoundPart):
        post_save.connect(_round_changed, sender=model, dispatch_uid=uid)
        pre_delete.connect(_round_changed, sender=model, dispatch_uid=uid)
    # Shown by name in every programme, and rarely changed.
    post_save.connect(shared_row_changed, sender=FocusArea, dispatch_uid=uid)
    post_delete.connect(shared_row_changed, sender=FocusArea, dispatch_uid=uid)
    for field in LINKS:
        through = getattr(Measure, field).through
        m2m_changed.connect(_measure_links_changed, sender=through, dispatch_uid=uid)
