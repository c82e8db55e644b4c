"""Browser journey for the import: the coordinator exports a draft, edits the workbook (here
with openpyxl, as Excel would), uploads it, is shown the one misspelt committee, corrects it,
reviews what will be created and changed, and confirms. Axe and 320 px on each new page."""

import io
import re

import pytest
from openpyxl import load_workbook

from measures.models import Measure
from programme.models import Programme

from .conftest import check
from .test_export_journey import _fits_320
from .test_workflow_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _workbook_with(content: bytes, *, committee: str) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    original = sheet["C2"].value
    sheet["C2"] = f"{original} (reviderad)"
    section = sheet["A2"].value
    sheet.append([section, None, "Informationsinsats på arbetsplatser", None, committee])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_the_coordinator_imports_an_edited_export_after_correcting_a_committee(
    live_server, page, demo, tmp_path
):
    programme = Programme.objects.get(status=Programme.Status.DRAFT)
    count = Measure.objects.filter(section__programme=programme).count()
    _log_in(page, live_server.url, "samordnare")
    page.goto(f"{live_server.url}{programme.get_absolute_url()}")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download Excel (XLSX)").click()
    exported = info.value.path().read_bytes()

    page.get_by_role("link", name="Import measures from a spreadsheet").click()
    page.wait_for_url(re.compile(r".*/importera/$"))
    check(page, "import-upload")
    _fits_320(page)

    misspelt = tmp_path / "atgarder.xlsx"
    misspelt.write_bytes(_workbook_with(exported, committee="SNN"))
    page.get_by_label("Spreadsheet (XLSX or CSV)").set_input_files(str(misspelt))
    page.get_by_role("button", name="Show what the import would do").click()
    errors = page.get_by_role("table", name="Errors by row")
    errors.wait_for()
    assert f"{count + 2}" in errors.inner_text()
    assert "There is no committee “SNN”." in errors.inner_text()
    check(page, "import-errors")
    _fits_320(page)
    assert Measure.objects.filter(section__programme=programme).count() == count

    corrected = tmp_path / "rattad.xlsx"
    corrected.write_bytes(_workbook_with(exported, committee="SN"))
    page.get_by_label("Spreadsheet (XLSX or CSV)").set_input_files(str(corrected))
    page.get_by_role("button", name="Show what the import would do").click()
    page.get_by_role("heading", name="What the import would do").wait_for()
    new = page.get_by_role("table", name="New measures, added at the end of their section")
    assert "Informationsinsats på arbetsplatser" in new.inner_text()
    changed = page.get_by_role("table", name=re.compile(r"Row 2: changes measure 1\.1"))
    assert "(reviderad)" in changed.inner_text()
    check(page, "import-preview")
    _fits_320(page)
    assert Measure.objects.filter(section__programme=programme).count() == count

    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(rf".*/program/{programme.pk}/$"))
    assert "Imported: 1 new measures, 1 changed." in page.content()
    check(page, "imported")
    assert Measure.objects.filter(section__programme=programme).count() == count + 1
    assert Measure.objects.filter(
        section__programme=programme, title="Informationsinsats på arbetsplatser"
    ).exists()
