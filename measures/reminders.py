"""Reminders to the responsible committee's officers, recorded and sent by beat (measures/tasks.py).

Four kinds, each e-mailed at most once per officer, object and occasion (notifications/):
a measure due within ``DUE_SOON_DAYS`` (once per due date), a measure overdue by the one rule
(``selectors.overdue_in_force_q``, once per due date), a measure without an update for
``SILENCE_DAYS`` (once per last update), and a round part not ready ``ROUND_DEADLINE_DAYS``
before its round's deadline (once per deadline). Only the programme in force (adopted) and open
rounds are reminded of.
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notifications.links import absolute_url, mail_language
from notifications.models import Kind
from notifications.selectors import officers_by_committee
from notifications.services import Letter, notifications_deliver_pending, notifications_record_many
from programme.models import Programme

from .models import Measure, ReportingRound, RoundPart
from .selectors import DONE_STATUSES, overdue_in_force_q

DUE_SOON_DAYS = 14
ROUND_DEADLINE_DAYS = 7
SILENCE_DAYS = 183  # six months
REMINDER_KINDS = (
    Kind.MEASURE_DUE_SOON,
    Kind.MEASURE_OVERDUE,
    Kind.MEASURE_NO_UPDATE,
    Kind.ROUND_DEADLINE,
)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _in_force():
    return (
        Measure.objects.filter(section__programme__status=Programme.Status.ADOPTED)
        .exclude(status__in=DONE_STATUSES)
        .select_related("section__programme", "responsible_committee")
    )


def _measure_texts(kind: str, measure: Measure, when: date) -> tuple[str, str]:
    values = {
        "identifier": measure.identifier,
        "title": measure.title,
        "programme": measure.section.programme.title,
        "committee": measure.responsible_committee.name,
        "date": _day(when),
        "url": absolute_url("measures:follow_up", pk=measure.pk),
    }
    if kind == Kind.MEASURE_DUE_SOON:
        subject = _("Measure %(identifier)s is due on %(date)s")
        body = _(
            "%(committee)s is responsible for measure %(identifier)s “%(title)s” in "
            "%(programme)s. It is due on %(date)s and is not marked completed."
        )
    elif kind == Kind.MEASURE_OVERDUE:
        subject = _("Measure %(identifier)s is overdue")
        body = _(
            "%(committee)s is responsible for measure %(identifier)s “%(title)s” in "
            "%(programme)s. It was due on %(date)s and is not marked completed."
        )
    else:
        subject = _("Measure %(identifier)s has had no update for six months")
        body = _(
            "%(committee)s is responsible for measure %(identifier)s “%(title)s” in "
            "%(programme)s. Its follow-up was last updated on %(date)s."
        )
    footer = _("Record its status and progress here: %(url)s")
    return subject % values, f"{body % values}\n\n{footer % values}"


def _measure_letters(measures: list[tuple[str, Measure, date, str]]) -> list[Letter]:
    officers = officers_by_committee({m.responsible_committee_id for _k, m, _d, _o in measures})
    return [
        Letter(
            kind,
            f"measure:{measure.pk}",
            officers[measure.responsible_committee_id],
            *_measure_texts(kind, measure, when),
            occasion=occasion,
        )
        for kind, measure, when, occasion in measures
    ]


def _measures_due(today: date) -> list[tuple[str, Measure, date, str]]:
    due_soon = _in_force().filter(
        due_date__gte=today, due_date__lte=today + timedelta(days=DUE_SOON_DAYS)
    )
    overdue = _in_force().filter(overdue_in_force_q(today=today))
    silence_since = today - timedelta(days=SILENCE_DAYS)
    silent = (
        _in_force()
        .annotate(last_update=Max("progress_updates__created_at"))
        .filter(
            Q(last_update__date__lt=silence_since)
            | Q(last_update__isnull=True, section__programme__decision_date__lt=silence_since)
        )
    )
    found = [(Kind.MEASURE_DUE_SOON, m, m.due_date, m.due_date.isoformat()) for m in due_soon]
    found += [(Kind.MEASURE_OVERDUE, m, m.due_date, m.due_date.isoformat()) for m in overdue]
    for measure in silent:
        since = (
            timezone.localdate(measure.last_update)
            if measure.last_update
            else measure.section.programme.decision_date
        )
        found.append((Kind.MEASURE_NO_UPDATE, measure, since, since.isoformat()))
    return found


def _round_part_letters(today: date) -> list[Letter]:
    parts = list(
        RoundPart.objects.filter(
            state=RoundPart.State.OPEN,
            round__state=ReportingRound.State.OPEN,
            round__deadline__gte=today,
            round__deadline__lte=today + timedelta(days=ROUND_DEADLINE_DAYS),
        ).select_related("round__programme", "committee")
    )
    officers = officers_by_committee({part.committee_id for part in parts})
    letters = []
    for part in parts:
        values = {
            "round": part.round.name,
            "programme": part.round.programme.title,
            "committee": part.committee.name,
            "deadline": _day(part.round.deadline),
            "url": absolute_url("rounds:part", pk=part.pk),
        }
        letters.append(
            Letter(
                kind=Kind.ROUND_DEADLINE,
                object_key=f"roundpart:{part.pk}",
                occasion=part.round.deadline.isoformat(),
                recipients=officers[part.committee_id],
                subject=_("Follow-up round “%(round)s”: your part is due on %(deadline)s") % values,
                body=_(
                    "%(committee)s has not marked its part of the follow-up round “%(round)s” "
                    "(%(programme)s) ready. The deadline is %(deadline)s.\n\nReport here: %(url)s"
                )
                % values,
            )
        )
    return letters


def reminders_record(*, today: date | None = None) -> int:
    """Record every reminder that is due today and not yet recorded; return how many are new."""
    today = today or timezone.localdate()
    with mail_language(), transaction.atomic():
        letters = _measure_letters(_measures_due(today)) + _round_part_letters(today)
        return notifications_record_many(letters=letters, deliver_after_commit=False)


def reminders_send(*, today: date | None = None) -> int:
    """Beat's run: record what is due, then send every recorded e-mail not yet sent; return how
    many were sent. Safe to run as often as beat likes."""
    reminders_record(today=today)
    return notifications_deliver_pending(kinds=REMINDER_KINDS)
