"""Create Skellefteå's demo committees, partners, logins and programmes. Idempotent."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from committees import roles
from committees.models import Committee, Partner
from committees.services import committee_get_or_create, membership_add, partner_get_or_create
from measures.follow_up.round_services import (
    round_close,
    round_open,
    round_part_mark_ready,
    round_part_save,
)
from measures.follow_up.services import progress_update_create
from measures.models import FocusArea, Measure, RoundPart
from measures.services import measure_create
from programme import demo_data
from programme.drafting.services import programme_create, section_create
from programme.models import Programme

GROUPS = {"coordinators": roles.COORDINATORS, "council_members": roles.COUNCIL_MEMBERS}


class Command(BaseCommand):
    help = "Create the demo data for Skellefteå kommun. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates logins with a published password; it refuses to run with "
                "DEBUG off. Use --force if this really is a demo installation."
            )
        with transaction.atomic():
            committees = {
                code: committee_get_or_create(name=name, code=code, kind=kind)
                for code, name, kind in demo_data.COMMITTEES
            }
            for name, kind in demo_data.PARTNERS:
                partner_get_or_create(name=name, kind=kind)
            for name in roles.ALL_GROUPS:
                Group.objects.get_or_create(name=name)
            users = self._users(committees)
            coordinator = users["samordnare"]
            plan = self._programme(
                coordinator, committees["SN"], demo_data.ACTION_PLAN_2019, based_on=None
            )
            if plan is not None:
                self._plan_measures(coordinator, plan, committees)
                # The 2019 plan was adopted before this system existed; record it as such.
                Programme.objects.filter(pk=plan.pk).update(status=Programme.Status.ADOPTED)
                self._plan_follow_up(plan, users)
                self._plan_rounds(plan, users)
            base = Programme.objects.get(title=demo_data.ACTION_PLAN_2019["title"], edition=1)
            programme = self._programme(coordinator, committees["SN"], demo_data.PROGRAMME, base)
            if programme is not None:
                self._programme_content(coordinator, programme, committees)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

    def _users(self, committees):
        User = get_user_model()
        users = {}
        for username, first, last, group, seat in demo_data.USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.se",
                },
            )
            if created:
                user.set_password(demo_data.DEMO_PASSWORD)
                user.save()
            if group:
                user.groups.add(Group.objects.get(name=GROUPS[group]))
            if seat:
                membership_add(user=user, committee=committees[seat[0]], role=seat[1])
            users[username] = user
        admin, created = User.objects.get_or_create(
            username="admin",
            defaults={"first_name": "Admin", "is_staff": True, "is_superuser": True},
        )
        if created:
            admin.set_password(demo_data.DEMO_PASSWORD)
            admin.save()
        admin.groups.add(Group.objects.get(name=roles.ADMINISTRATORS))
        return users

    def _programme(self, actor, owner, data, based_on):
        if Programme.objects.filter(title=data["title"], edition=1).exists():
            return None
        return programme_create(
            actor=actor,
            title=data["title"],
            municipality=settings.MUNICIPALITY_NAME,
            period_from=data["period_from"],
            period_to=data["period_to"],
            owning_committee=owner,
            introduction=data["introduction"],
            based_on=based_on,
        )

    def _plan_measures(self, actor, plan, committees):
        partners = {p.name: p for p in Partner.objects.all()}
        areas = {a.number: a for a in FocusArea.objects.all()}
        for section_data in demo_data.ACTION_PLAN_2019["sections"]:
            section = section_create(
                actor=actor,
                programme=plan,
                kind=section_data["kind"],
                title=section_data["title"],
                goals=section_data["goals"],
            )
            for title, code, co, partner_names, area_numbers in section_data["measures"]:
                measure_create(
                    actor=actor,
                    section=section,
                    title=title,
                    responsible_committee=committees[code],
                    co_responsible_committees=[committees[c] for c in co],
                    partners=[partners[n] for n in partner_names],
                    focus_areas=[areas[n] for n in area_numbers],
                    start_date=date(2019, 9, 1),
                    due_date=date(2020, 12, 31),
                    **self._indicator(title),
                )

    @staticmethod
    def _indicator(title: str) -> dict:
        indicator = demo_data.FOLLOW_UP_2019[title][0]
        if indicator is None:
            return {}
        text, target, unit = indicator
        return {"indicator": text, "indicator_target": target, "indicator_unit": unit}

    def _plan_follow_up(self, plan, users):
        """The plan's timeline, through the follow-up service as each committee's officer would."""
        officers = {"SN": users["handlaggare.sn"], "KS": users["handlaggare.ks"]}
        measures = Measure.objects.filter(section__programme=plan).select_related(
            "section__programme", "responsible_committee"
        )
        for measure in measures:
            officer = officers[measure.responsible_committee.code]
            for status, progress, note, value, as_of in demo_data.FOLLOW_UP_2019[measure.title][1]:
                progress_update_create(
                    actor=officer,
                    measure=measure,
                    edit_token=measure.edit_token,
                    status=status,
                    progress=progress,
                    note=note,
                    indicator_value=None if value is None else Decimal(value),
                    indicator_date=as_of,
                )

    def _plan_rounds(self, plan, users):
        """The plan's follow-up rounds, through the round services as each person would."""
        officers = {"SN": users["handlaggare.sn"], "KS": users["handlaggare.ks"]}
        coordinator = users["samordnare"]
        for index, (name, (start, end), deadline, reports) in enumerate(demo_data.ROUNDS):
            reporting_round = round_open(
                actor=coordinator,
                programme=plan,
                name=name,
                period_from=start,
                period_to=end,
                deadline=deadline,
            )
            parts = reporting_round.parts.select_related("committee", "round__programme")
            for part in parts:
                if part.committee.code not in reports:
                    continue
                note, added, decision = reports[part.committee.code]
                officer = officers[part.committee.code]
                self._report(officer, part, note, added)
                date_, paragraph, case_number = decision
                round_part_mark_ready(
                    actor=officer,
                    part=part,
                    decision_date=date_,
                    decision_paragraph=paragraph,
                    case_number=case_number,
                )
            if index < len(demo_data.ROUNDS) - 1:
                round_close(actor=coordinator, reporting_round=reporting_round)

    @staticmethod
    def _report(officer, part: RoundPart, note: str, added: int):
        measures = Measure.objects.filter(
            section__programme=part.round.programme, responsible_committee=part.committee
        ).select_related("section__programme")
        entries = []
        for measure in measures:
            progress = min(100, measure.progress + added)
            status = "completed" if progress == 100 else measure.status
            if status == Measure.Status.PLANNED:
                status = Measure.Status.ONGOING
            entries.append(
                {
                    "measure": measure,
                    "edit_token": measure.edit_token,
                    "status": status,
                    "progress": progress,
                    "note": note,
                }
            )
        round_part_save(actor=officer, part=part, entries=entries)

    def _programme_content(self, actor, programme, committees: dict[str, Committee]):
        partners = {p.name: p for p in Partner.objects.all()}
        areas = {a.number: a for a in FocusArea.objects.all()}
        sections = [
            section_create(actor=actor, programme=programme, **data) for data in demo_data.SECTIONS
        ]
        for row in demo_data.MEASURES:
            (index, title, description, code, co, partner_names, area_numbers,
             (indicator, target, unit), start, due, status, progress) = row  # fmt: skip
            measure_create(
                actor=actor,
                section=sections[index],
                title=title,
                description=f"<p>{description}</p>",
                responsible_committee=committees[code],
                co_responsible_committees=[committees[c] for c in co],
                partners=[partners[n] for n in partner_names],
                focus_areas=[areas[n] for n in area_numbers],
                indicator=indicator,
                indicator_target=target,
                indicator_unit=unit,
                start_date=start,
                due_date=due,
                status=status,
                progress=progress,
            )
