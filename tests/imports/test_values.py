"""Each kind of cell an import checks: what it accepts, and the reason it gives for what not."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from committees.models import Committee
from programme.imports.plan import import_plan
from programme.imports.reading import SourceRow

pytestmark = pytest.mark.django_db

BASE = {"section": "Prostitution", "title": "Ny åtgärd", "responsible_code": "SN"}


def _plan(programme, **cells):
    return import_plan(programme=programme, rows=[SourceRow(number=2, cells={**BASE, **cells})])


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ({"title": "  "}, "Rubrik", "Varje åtgärd behöver en rubrik."),
        ({"title": "x" * 251}, "Rubrik", "Högst 250 tecken, inte 251."),
        ({"responsible_code": ""}, "Ansvarig nämnd", "Varje åtgärd behöver en ansvarig nämnd."),
        (
            {"responsible_code": "", "responsible_name": "Okända nämnden"},
            "Ansvarig nämnd",
            "Det finns ingen nämnd ”Okända nämnden”.",
        ),
        (
            {"co_responsible_codes": "KS; XX"},
            "Medverkande nämnder (förkortningar)",
            "Det finns ingen nämnd ”XX”.",
        ),
        (
            {"partners": "Polisen; Okänd partner"},
            "Samverkanspartner",
            "Det finns ingen samverkanspartner ”Okänd partner”.",
        ),
        (
            {"focus_areas": "99. Påhittat"},
            "Nationella insatsområden",
            "Det finns inget nationellt insatsområde ”99. Påhittat”.",
        ),
        ({"indicator_target": "tolv"}, "Målvärde", "”tolv” är inget tal."),
        ({"indicator_target": "1,234"}, "Målvärde", "Målvärdet får ha högst två decimaler."),
        (
            {"start_date": "2027-02-30"},
            "Startdatum",
            "”2027-02-30” är inget datum; skriv det som ÅÅÅÅ-MM-DD.",
        ),
        (
            {"start_date": "2027-06-01", "due_date": "2027-01-01"},
            "Klart senast",
            "Slutdatumet får inte ligga före startdatumet.",
        ),
        (
            {"status": "Klar"},
            "Status",
            "”Klar” är ingen status; använd någon av: Planerad, Pågående, Genomförd, Försenad, Avbruten.",
        ),
        (
            {"progress": "-1"},
            "Genomfört (%)",
            "Genomfört ska vara ett heltal från 0 till 100, inte ”-1”.",
        ),
        (
            {"progress": "12.5"},
            "Genomfört (%)",
            "Genomfört ska vara ett heltal från 0 till 100, inte ”12.5”.",
        ),
        (
            {"section": "Köp av sexuella tjänster"},
            "Avsnitt",
            "Det finns inget avsnitt ”Köp av sexuella tjänster” i det här programmet.",
        ),
        (
            {"identifier": "2.1"},
            "Avsnitt",
            "Åtgärd 2.1 ligger i avsnittet ”Människohandel”; flytta den på åtgärdens sida.",
        ),
    ],
)
def test_a_cell_that_cannot_be_imported_refuses_its_row_with_the_reason(
    programme, cells, column, reason
):
    plan = _plan(programme, **cells)
    assert plan.rows == []
    assert [(e.row, e.column, e.message) for e in plan.errors] == [(2, column, reason)]


def test_an_inactive_committee_is_refused(programme, ks):
    # Committees are deactivated in the admin; there is no service for it.
    Committee.objects.filter(pk=ks.pk).update(active=False)
    plan = _plan(programme, responsible_code="KS")
    assert plan.errors[0].message == "Kommunstyrelsen är inte en aktiv nämnd."


def test_two_rows_for_one_measure_are_refused(programme):
    rows = [
        SourceRow(number=2, cells={**BASE, "identifier": "1.1", "title": "A"}),
        SourceRow(number=3, cells={**BASE, "identifier": "1.1", "title": "B"}),
    ]
    plan = import_plan(programme=programme, rows=rows)
    assert [(e.row, e.message) for e in plan.errors] == [(3, "Rad 2 ändrar redan åtgärd 1.1.")]


@pytest.mark.parametrize(
    ("cells", "field", "value"),
    [
        ({"indicator_target": 12.5}, "indicator_target", "12.50"),
        ({"indicator_target": "1 000,5"}, "indicator_target", "1000.50"),
        ({"start_date": datetime(2027, 1, 2)}, "start_date", "2027-01-02"),
        ({"start_date": date(2027, 1, 2)}, "start_date", "2027-01-02"),
        ({"start_date": "2027-01-02 00:00:00"}, "start_date", "2027-01-02"),
        ({"status": "Ongoing"}, "status", "ongoing"),
        ({"status": "pågående"}, "status", "ongoing"),
        ({"progress": 40.0}, "progress", 40),
        ({"progress": "40 %"}, "progress", 40),
        ({"focus_areas": "3"}, "focus_areas", None),
        ({"co_responsible_codes": "KS, FN"}, "co_responsible_committees", None),
        ({"description": "Rad ett\nrad två"}, "description", "<p>Rad ett<br>rad två</p>"),
    ],
)
def test_cells_are_read_as_people_write_them(programme, cells, field, value):
    plan = _plan(programme, **cells)
    assert plan.errors == []
    (row,) = plan.rows
    if value is not None:
        assert row.values[field] == value
    else:
        assert row.values[field]
    if field == "indicator_target":
        assert Decimal(row.values[field])
