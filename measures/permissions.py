"""Who may change what on a measure: the one place that answers it.

- The text, dates, assignment and order of a measure follow its programme:
  ``programme.permissions.can_edit_programme``.
- The follow-up fields (status, progress, progress note, indicator value) are refined by the
  permissions issue (the responsible committee's officers); for now coordinators may update them.
"""

from programme.permissions import can_edit_programme, is_coordinator

from .models import Measure

FOLLOW_UP_FIELDS = ("status", "progress", "progress_note", "indicator_value")


def can_edit_measure(user, measure: Measure) -> bool:
    """May ``user`` change the measure's text, dates, committees, partners or position?"""
    return can_edit_programme(user, measure.section.programme)


def can_update_follow_up(user, measure: Measure) -> bool:
    """May ``user`` change the follow-up fields of ``measure``?"""
    return is_coordinator(user)
