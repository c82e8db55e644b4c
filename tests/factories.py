"""factory_boy factories. They build rows through the services where a service exists."""

import factory
from django.conf import settings
from django.contrib.auth import get_user_model

from committees.models import Committee, Partner
from committees.services import committee_create
from measures.models import Measure
from measures.services import measure_create
from programme.drafting.services import programme_create, section_create
from programme.models import Programme, Section


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    password = factory.django.Password("demo-losenord")


class CommitteeFactory(factory.Factory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Nämnd {n}")
    code = factory.Sequence(lambda n: f"N{n}")
    kind = Committee.Kind.COMMITTEE

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return committee_create(**kwargs)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")


class ProgrammeFactory(factory.Factory):
    class Meta:
        model = Programme

    actor = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Handlingsprogram {n}")
    municipality = settings.MUNICIPALITY_NAME
    period_from = 2026
    period_to = 2029
    owning_committee = factory.SubFactory(CommitteeFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return programme_create(**kwargs)


class SectionFactory(factory.Factory):
    class Meta:
        model = Section

    actor = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Avsnitt {n}")
    kind = Section.Kind.PROSTITUTION

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return section_create(**kwargs)


class MeasureFactory(factory.Factory):
    class Meta:
        model = Measure

    actor = factory.SubFactory(UserFactory)
    section = factory.SubFactory(SectionFactory)
    title = factory.Sequence(lambda n: f"Åtgärd {n}")
    responsible_committee = factory.SubFactory(CommitteeFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return measure_create(**kwargs)
