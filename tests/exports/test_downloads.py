"""Downloading a programme's measures as XLSX and CSV: the columns, the formats, the filters."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from measures.models import FocusArea
from programme.exports.selectors import COLUMNS
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

HEADERS_SV = [
    "Avsnitt",
    "Nummer",
    "Rubrik",
    "Beskrivning",
    "Ansvarig nämnd (förkortning)",
    "Ansvarig nämnd",
    "Medverkande nämnder (förkortningar)",
    "Medverkande nämnder",
    "Samverkanspartner",
    "Nationella insatsområden",
    "Förväntat resultat",
    "Indikator",
    "Målvärde",
    "Enhet",
    "Startdatum",
    "Klart senast",
    "Status",
    "Genomfört (%)",
    "Lägesbeskrivning",
]


def _xlsx(client, programme, query: str = ""):
    response = client.get(reverse("programme:measures_xlsx", args=[programme.pk]) + query)
    assert response.status_code == 200, response.content[:300]
    return response, load_workbook(io.BytesIO(response.content)).active


def _csv(client, programme, query: str = ""):
    response = client.get(reverse("programme:measures_csv", args=[programme.pk]) + query)
    assert response.status_code == 200, response.content[:300]
    return response, list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )


def _focus(*numbers):
    return "; ".join(str(area) for area in FocusArea.objects.filter(number__in=numbers))


def test_the_xlsx_has_a_frozen_swedish_header_and_one_typed_row_per_measure(
    client, coordinator, programme
):
    client.force_login(coordinator)
    response, sheet = _xlsx(client, programme)

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="handlingsprogram-skelleftea-2026-2029-v1-atgarder.xlsx"'
    )
    assert sheet.title == "Åtgärder"
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == HEADERS_SV
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["C"].width == 45  # title
    assert sheet.column_dimensions["B"].width == 10  # identifier
    assert sheet.max_row == 4
    row = [cell.value for cell in sheet[2]]
    assert row == [
        "Prostitution",
        "1.1",
        "Rutiner mellan socialtjänst och polis",
        "Skriftliga rutiner.\n\n• Socialtjänsten\n• Polisen",
        "SN",
        "Socialnämnden",
        "FN; KS",
        "Fritidsnämnden; Kommunstyrelsen",
        "Polisen; Region Västerbotten",
        _focus(1, 3),
        "Färre ärenden faller mellan stolarna.",
        "Antal utbildade handläggare",
        12.5,
        "personer",
        row[14],
        row[15],
        "Pågående",
        40,
        "Första mötet hölls i mars.",
    ]
    start, due = sheet["O2"], sheet["P2"]
    assert start.is_date and start.value.date() == date(2026, 1, 15)
    assert due.is_date and due.value.date() == date(2027, 6, 30)
    assert start.number_format == "yyyy-mm-dd"
    assert sheet["M2"].data_type == "n"
    assert sheet["D2"].alignment.wrap_text
    assert [sheet.cell(row=r, column=2).value for r in (2, 3, 4)] == ["1.1", "1.2", "2.1"]
    assert sheet["O3"].value is None  # no start date: an empty cell, not "None"


def test_the_csv_is_utf8_with_bom_and_semicolons_for_excel_in_sweden(
    client, coordinator, programme
):
    client.force_login(coordinator)
    response, rows = _csv(client, programme)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('-v1-atgarder.csv"')
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "Förväntat resultat".encode() in response.content
    assert rows[0] == HEADERS_SV
    assert len(rows) == 4
    assert rows[1] == [
        "Prostitution",
        "1.1",
        "Rutiner mellan socialtjänst och polis",
        "Skriftliga rutiner.\n\n• Socialtjänsten\n• Polisen",
        "SN",
        "Socialnämnden",
        "FN; KS",
        "Fritidsnämnden; Kommunstyrelsen",
        "Polisen; Region Västerbotten",
        _focus(1, 3),
        "Färre ärenden faller mellan stolarna.",
        "Antal utbildade handläggare",
        "12,5",
        "personer",
        "2026-01-15",
        "2027-06-30",
        "Pågående",
        "40",
        "Första mötet hölls i mars.",
    ]
    assert rows[2][14:16] == ["", ""]
    assert b"\r\n" in response.content


def test_in_english_the_headers_and_the_decimal_sign_follow_the_language(
    client, coordinator, programme
):
    client.force_login(coordinator)
    client.cookies["django_language"] = "en"
    _, rows = _csv(client, programme)
    assert rows[0] == [str(column.label) for column in COLUMNS]
    assert rows[0][:3] == ["Section", "Identifier", "Title"]
    assert rows[1][12] == "12.5"
    assert rows[1][16] == "Ongoing"
    _, sheet = _xlsx(client, programme)
    assert sheet.title == "Measures"


def test_a_whole_number_target_has_no_decimals(client, coordinator, programme):
    MeasureFactory(
        actor=coordinator,
        section=programme.sections.get(order=2),
        title="Mål i hela tal",
        responsible_committee=programme.sections.first().measures.first().responsible_committee,
        indicator_target=Decimal("100.00"),
    )
    client.force_login(coordinator)
    _, rows = _csv(client, programme)
    assert rows[-1][12] == "100"


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("?q=hotell", ["Utbildning för hotellpersonal"]),
        ("?status=ongoing", ["Rutiner mellan socialtjänst och polis"]),
        ("?q=&status=", None),  # empty filters: every measure
    ],
)
def test_the_overview_filters_narrow_both_files(client, coordinator, programme, query, titles):
    client.force_login(coordinator)
    every = [m.title for m in programme.sections.first().measures.all()] + [
        "Utbildning för hotellpersonal"
    ]
    expected = titles or every
    _, sheet = _xlsx(client, programme, query)
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == expected
    _, rows = _csv(client, programme, query)
    assert [row[2] for row in rows[1:]] == expected


def test_section_committee_focus_area_and_overdue_filters_apply(client, coordinator, programme, ks):
    client.force_login(coordinator)
    second = programme.sections.get(order=2)
    cases = {
        f"?section={second.pk}": ["Utbildning för hotellpersonal"],
        f"?committee={ks.pk}": ["Stödmottagning för unga"],
        f"?focus_area={FocusArea.objects.get(number=3).pk}": [
            "Rutiner mellan socialtjänst och polis"
        ],
        "?overdue=on": [],
        f"?section={second.pk}&committee={ks.pk}": [],
    }
    for query, expected in cases.items():
        _, rows = _csv(client, programme, query)
        assert [row[2] for row in rows[1:]] == expected, query
        assert len(rows[0]) == len(COLUMNS)


def test_filters_that_do_not_fit_the_programme_answer_400_with_the_reason(
    client, coordinator, programme
):
    client.force_login(coordinator)
    url = reverse("programme:measures_xlsx", args=[programme.pk])
    response = client.get(url + "?section=999999&q=polis")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Filtren i länken passar inte det här programmet" in page
    assert 'id="id_section_error"' in page
    assert 'value="polis"' in page  # the input is kept
    assert f'action="{url}"' in page
