"""Reads for the drafting pages: deleted sections and measures that can be brought back."""

from measures.models import Measure
from programme.models import Programme, Section


def deleted_in_programme(*, programme: Programme) -> dict:
    """The deleted sections and measures of ``programme`` that can be brought back."""
    deleted_sections = _latest_deletions(
        Section.history.filter(programme_id=programme.pk, history_type="-").exclude(
            id__in=Section.objects.values("id")
        )
    )
    section_ids = [*programme.sections.values_list("pk", flat=True)]
    section_ids += [r.id for r in deleted_sections]
    deleted_measures = _latest_deletions(
        Measure.history.filter(section_id__in=section_ids, history_type="-")
        .exclude(id__in=Measure.objects.values("id"))
        .select_related("history_user")
    )
    return {"sections": deleted_sections, "measures": deleted_measures}


def _latest_deletions(records) -> list:
    # An object deleted, restored and deleted again has two deletion rows: show the last.
    latest = {}
    for record in records.select_related("history_user").order_by("history_date"):
        latest[record.id] = record
    return sorted(latest.values(), key=lambda r: r.history_date, reverse=True)
