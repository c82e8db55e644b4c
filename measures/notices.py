"""The e-mail to a committee's officers when a measure is newly assigned to it (notifications/).

Recorded in the transaction that assigns the measure, sent after it commits. Measures are
assigned while their programme is a draft, which officers do not see yet; the mail says so and
links to the committee's "Vårt uppdrag", where the measure appears once the programme goes on
consultation or is adopted.
"""

from django.utils.translation import gettext as _

from notifications.links import absolute_url, mail_language
from notifications.models import Kind
from notifications.selectors import officers_by_committee
from notifications.services import Letter, notifications_record_many

from .models import Measure


def notify_measure_assigned(*, measure: Measure) -> None:
    notify_measures_assigned(measures=[measure])


def notify_measures_assigned(*, measures: list[Measure]) -> None:
    """One mail per committee naming all of ``measures`` it has been made responsible for: an
    import of a spreadsheet assigns many at once, and its officers hear of them once."""
    by_committee: dict[int, list[Measure]] = {}
    for measure in measures:
        by_committee.setdefault(measure.responsible_committee_id, []).append(measure)
    officers = officers_by_committee(set(by_committee))
    with mail_language():
        notifications_record_many(
            letters=[
                _assigned_letter(committee_id, assigned, officers.get(committee_id, []))
                for committee_id, assigned in by_committee.items()
            ]
        )


def _assigned_letter(committee_id: int, assigned: list[Measure], officers: list) -> Letter:
    committee = assigned[0].responsible_committee
    first = assigned[0]
    values = {
        "identifier": first.identifier,
        "title": first.title,
        "count": len(assigned),
        "programme": first.section.programme.title,
        "committee": committee.name,
        "url": absolute_url("committees:assignments", pk=committee_id),
        "list": "\n".join(f"- {m.identifier} {m.title}" for m in assigned),
    }
    if len(assigned) == 1:
        subject = _("New measure for %(committee)s: %(identifier)s %(title)s") % values
        body = _(
            "%(committee)s has been made responsible for measure %(identifier)s "
            "“%(title)s” in the draft of %(programme)s.\n\n"
            "The committee's measures are listed under “Our assignment” once the "
            "programme is sent for consultation or adopted: %(url)s"
        )
    else:
        subject = _("%(count)s new measures for %(committee)s") % values
        body = _(
            "%(committee)s has been made responsible for %(count)s measures in the draft "
            "of %(programme)s:\n\n%(list)s\n\n"
            "The committee's measures are listed under “Our assignment” once the "
            "programme is sent for consultation or adopted: %(url)s"
        )
    return Letter(
        kind=Kind.MEASURE_ASSIGNED,
        # One measure keeps its own key; a batch is keyed on its first measure and size.
        object_key=f"measure:{first.pk}" + (f"+{len(assigned) - 1}" if assigned[1:] else ""),
        occasion=f"committee:{committee_id}",
        recipients=officers,
        subject=subject,
        body=body % values,
    )
