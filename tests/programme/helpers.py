"""Shared set-up for the drafting tests: users in their roles, and a small programme."""

from django.contrib.auth.models import Group

from committees import roles
from tests.factories import MeasureFactory, ProgrammeFactory, SectionFactory, UserFactory


def make_coordinator(username: str = "samordnare"):
    user = UserFactory(username=username, first_name="Anna", last_name="Lindqvist")
    user.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    return user


def make_programme(*, sections: int = 3, measures_per_section: int = 1, actor=None):
    programme = ProgrammeFactory(actor=actor) if actor else ProgrammeFactory()
    for s in range(sections):
        section = SectionFactory(programme=programme, title=f"Avsnitt {s + 1}")
        for m in range(measures_per_section):
            MeasureFactory(section=section, title=f"Åtgärd {s + 1}.{m + 1}")
    return programme
