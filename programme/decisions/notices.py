"""The decision process's e-mails (notifications/), recorded in the transaction of the step that
causes them and sent after it commits: a rolled-back step sends nothing.

- a committee submits its consultation answer: the coordinators;
- a programme is submitted to the council: the council members (once per submission);
- a programme is adopted: the officers of each committee with measures in it, with a link to
  the committee's "Vårt uppdrag";
- a committee has not answered three days before the deadline: its officers (the reminder,
  ``consultation.consultation_send_reminders``).
"""

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from committees.models import Committee
from notifications.links import absolute_url, mail_language
from notifications.models import Kind
from notifications.selectors import coordinators, council_members, officers_by_committee
from notifications.services import Letter, notifications_record, notifications_record_many
from programme.models import ConsultationInvitation, Programme, StatusChange


def notify_consultation_answered(*, invitation: ConsultationInvitation) -> None:
    programme = invitation.round.programme
    with mail_language():
        values = {
            "committee": invitation.committee.name,
            "programme": programme.title,
            "position": invitation.get_position_display(),
            "url": absolute_url("programme:consultation", pk=programme.pk),
        }
        notifications_record(
            kind=Kind.CONSULTATION_ANSWERED,
            object_key=f"invitation:{invitation.pk}",
            recipients=coordinators(),
            subject=_("%(committee)s has answered the consultation on %(programme)s") % values,
            body=_(
                "%(committee)s has submitted its answer to the consultation on %(programme)s.\n"
                "Position: %(position)s\n\nRead the answers here: %(url)s"
            )
            % values,
        )


def notify_programme_submitted(*, programme: Programme, change: StatusChange) -> None:
    with mail_language():
        values = {
            "programme": programme.title,
            "url": absolute_url("programme:detail", pk=programme.pk),
        }
        notifications_record(
            kind=Kind.PROGRAMME_SUBMITTED,
            object_key=f"programme:{programme.pk}",
            # A programme sent back and submitted again is news again.
            occasion=f"statuschange:{change.pk}",
            recipients=council_members(),
            subject=_("Submitted to the council: %(programme)s") % values,
            body=_(
                "%(programme)s has been submitted to the municipal council for decision.\n\n"
                "Read it here: %(url)s"
            )
            % values,
        )


def notify_programme_adopted(*, programme: Programme) -> None:
    committees = Committee.objects.filter(
        Q(responsible_measures__section__programme=programme)
        | Q(co_responsible_measures__section__programme=programme)
    ).distinct()
    committees = {committee.pk: committee for committee in committees}
    officers = officers_by_committee(committees)
    with mail_language():
        decided = date_format(programme.decision_date, "j F Y") if programme.decision_date else ""
        letters = []
        for committee_id, committee in committees.items():
            values = {
                "programme": programme.title,
                "committee": committee.name,
                "date": decided,
                "paragraph": programme.decision_paragraph,
                "url": absolute_url("committees:assignments", pk=committee_id),
            }
            letters.append(
                Letter(
                    kind=Kind.PROGRAMME_ADOPTED,
                    object_key=f"programme:{programme.pk}",
                    occasion=f"committee:{committee_id}",
                    recipients=officers[committee_id],
                    subject=_("Adopted: %(programme)s") % values,
                    body=_(
                        "The municipal council adopted %(programme)s on %(date)s (%(paragraph)s). "
                        "%(committee)s has measures in it.\n\n"
                        "See everything the council gave %(committee)s under “Our assignment”: "
                        "%(url)s"
                    )
                    % values,
                )
            )
        notifications_record_many(letters=letters)
