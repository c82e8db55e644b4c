"""A programme with one measure that fills every column, built through the services (in place of
tests/fixtures.py's programme; the people and committees are that module's)."""

from datetime import date
from decimal import Decimal

import pytest

from measures.follow_up.services import progress_update_create
from measures.models import FocusArea, Measure
from tests.factories import MeasureFactory, PartnerFactory, ProgrammeFactory, SectionFactory


@pytest.fixture
def programme(coordinator, sn, ks, fn):
    """Two sections; the first measure fills every column, the others differ in one filter each."""
    programme = ProgrammeFactory(
        actor=coordinator, title="Handlingsprogram mot prostitution och människohandel"
    )
    first = SectionFactory(actor=coordinator, programme=programme, title="Prostitution")
    second = SectionFactory(actor=coordinator, programme=programme, title="Människohandel")
    full = MeasureFactory(
        actor=coordinator,
        section=first,
        title="Rutiner mellan socialtjänst och polis",
        description="<p>Skriftliga rutiner.</p><ul><li>Socialtjänsten</li><li>Polisen</li></ul>",
        responsible_committee=sn,
        co_responsible_committees=[ks, fn],
        partners=[PartnerFactory(name="Polisen"), PartnerFactory(name="Region Västerbotten")],
        focus_areas=FocusArea.objects.filter(number__in=[1, 3]),
        expected_outcome="<p>Färre ärenden faller mellan stolarna.</p>",
        indicator="Antal utbildade handläggare",
        indicator_target=Decimal("12.50"),
        indicator_unit="personer",
        start_date=date(2026, 1, 15),
        due_date=date(2027, 6, 30),
    )
    progress_update_create(
        actor=coordinator,
        measure=full,
        edit_token=full.edit_token,
        status=Measure.Status.ONGOING,
        progress=40,
        note="<p>Första mötet hölls i mars.</p>",
    )
    MeasureFactory(
        actor=coordinator, section=first, title="Stödmottagning för unga", responsible_committee=ks
    )
    MeasureFactory(
        actor=coordinator,
        section=second,
        title="Utbildning för hotellpersonal",
        responsible_committee=fn,
    )
    return programme
