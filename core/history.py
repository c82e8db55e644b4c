"""Reads of django-simple-history records that every history page shows the same way."""

from .editing import history_m2m_prefetches, record_changes


def history_entries(*, obj) -> list[dict]:
    """The object's history, newest first: who, when, what kind, and the field-by-field changes."""
    records = list(
        obj.history.select_related("history_user")
        .prefetch_related(*history_m2m_prefetches(type(obj)))
        .order_by("-history_id")
    )
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        entries.append(
            {
                "record": record,
                "user": record.history_user,
                "changes": record_changes(record, previous),
            }
        )
    return entries
