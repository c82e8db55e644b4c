"""Text that a spreadsheet could take for a formula opens as text, in both formats."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from measures.follow_up.services import progress_update_create
from programme.exports.cells import FORMULA_TRIGGERS
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [f'{trigger}HYPERLINK("http://x";"y")' for trigger in FORMULA_TRIGGERS]


@pytest.fixture
def hostile(coordinator, programme, sn):
    """One measure per leading character, in title, indicator, unit and progress note."""
    section = programme.sections.get(order=2)
    for payload in PAYLOADS:
        measure = MeasureFactory(
            actor=coordinator,
            section=section,
            title=payload,
            indicator=payload,
            indicator_unit=payload[:50],
            responsible_committee=sn,
        )
        # Rich text is stored as HTML: its plain text begins with the payload all the same.
        progress_update_create(
            actor=coordinator,
            measure=measure,
            edit_token=measure.edit_token,
            status=measure.status,
            progress=measure.progress,
            note=f"<p>{payload.strip()}</p>",
        )
    return programme


def _download(client, programme, name):
    response = client.get(reverse(name, args=[programme.pk]))
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=[repr(t) for t in FORMULA_TRIGGERS])
def test_the_xlsx_stores_a_formula_like_cell_as_text(client, coordinator, hostile, index):
    payload = PAYLOADS[index]
    client.force_login(coordinator)
    content = _download(client, hostile, "programme:measures_xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    # Section 2 begins with the hotel measure; the hostile ones follow in order.
    (row,) = [row for row in sheet.iter_rows(min_row=2) if row[1].value == f"2.{index + 2}"]
    for cell, text in ((row[2], payload), (row[11], payload), (row[13], payload[:50])):
        assert cell.data_type == "s", cell.coordinate
        assert cell.data_type != "f"
        assert cell.quotePrefix  # Excel keeps it text even when the cell is edited
        # Written without lxml, a bare carriage return reads back as a line feed (XML's line-end
        # rule); with lxml installed openpyxl escapes it and it comes back as it was.
        assert cell.value.replace("\r", "\n") == text.replace("\r", "\n")
    # The workbook holds no formula anywhere.
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_a_title_beginning_with_an_equals_sign_is_not_a_formula_in_the_xlsx(
    client, coordinator, hostile
):
    client.force_login(coordinator)
    sheet = load_workbook(io.BytesIO(_download(client, hostile, "programme:measures_xlsx"))).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]
    hyperlink = next(cell for cell in cells if cell.value == '=HYPERLINK("http://x";"y")')
    assert hyperlink.data_type == "s"
    assert hyperlink.data_type != "f"


@pytest.mark.parametrize("payload", PAYLOADS, ids=[repr(t) for t in FORMULA_TRIGGERS])
def test_the_csv_prefixes_a_formula_like_cell_with_an_apostrophe(
    client, coordinator, hostile, payload
):
    client.force_login(coordinator)
    content = _download(client, hostile, "programme:measures_csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=";"))
    matching = [row for row in rows[1:] if row[2] == f"'{payload}"]
    assert len(matching) == 1
    row = matching[0]
    assert row[11] == f"'{payload}"  # indicator
    assert row[13] == f"'{payload[:50]}"  # unit
    # Plain text from the stored HTML: the leading tab or return is gone, "=", "+", "-" and "@"
    # stay and are neutralised.
    note = payload.strip()
    assert row[18] == (f"'{note}" if note[0] in "=+-@" else note)


def test_ordinary_text_is_left_as_it_is(client, coordinator, programme):
    client.force_login(coordinator)
    content = _download(client, programme, "programme:measures_csv").decode("utf-8-sig")
    assert "'" not in content
