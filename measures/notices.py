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
from notifications.services import notifications_record

from .models import Measure


def notify_measure_assigned(*, measure: Measure) -> None:
    committee = measure.responsible_committee
    with mail_language():
        values = {
            "identifier": measure.identifier,
            "title": measure.title,
            "programme": measure.section.programme.title,
            "committee": committee.name,
            "url": absolute_url("committees:assignments", pk=committee.pk),
        }
        notifications_record(
            kind=Kind.MEASURE_ASSIGNED,
            object_key=f"measure:{measure.pk}",
            occasion=f"committee:{committee.pk}",
            recipients=officers_by_committee({committee.pk})[committee.pk],
            subject=_("New measure for %(committee)s: %(identifier)s %(title)s") % values,
            body=_(
                "%(committee)s has been made responsible for measure %(identifier)s “%(title)s” "
                "in the draft of %(programme)s.\n\n"
                "The committee's measures are listed under “Our assignment” once the programme "
                "is sent for consultation or adopted: %(url)s"
            )
            % values,
        )
