"""Browser journey for the spreadsheet export: a visitor filters the overview of an adopted
programme and downloads what it shows; the coordinator does the same with a draft. The files are
opened as a spreadsheet program would (openpyxl, the csv module). Axe and 320 px checks on the
overview's download section and on the page for a link whose filters no longer fit."""

import csv
import io

import pytest
from openpyxl import load_workbook

from committees.models import Committee
from measures.models import Measure
from programme.models import Programme

from .conftest import check
from .test_workflow_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_320(page, selector: str | None = None) -> None:
    """At 320 px the page does not scroll sideways (a wide table scrolls in its own box, as
    WCAG's reflow allows for tables); with ``selector``, nothing in it reaches past 320 px (the
    overview's measure tables are wider on their own: that is the overview's, not the
    download section's)."""
    page.set_viewport_size({"width": 320, "height": 800})
    if selector is None:
        right = page.evaluate("() => document.documentElement.scrollWidth")
    else:
        right = page.evaluate(
            """(selector) => Math.max(...[...document.querySelectorAll(selector + ', ' + selector + ' *')]
                .map((element) => element.getBoundingClientRect().right))""",
            selector,
        )
    assert right <= 320, f"{selector or 'the page'} reaches {right} px at 320"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_visitor_downloads_the_filtered_measures_of_an_adopted_programme(live_server, page, demo):
    programme = Programme.objects.filter(status=Programme.Status.ADOPTED).first()
    ks = Committee.objects.get(code="KS")
    expected = list(
        Measure.objects.filter(section__programme=programme, responsible_committee=ks)
        .order_by("section__order", "order")
        .values_list("title", flat=True)
    )
    assert expected

    page.goto(f"{live_server.url}{programme.get_absolute_url()}")
    page.get_by_label("Responsible committee").select_option(label="Kommunstyrelsen")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**committee=*")
    section = page.get_by_role("region", name="Measures as a spreadsheet")
    assert "matches the filters" in section.inner_text()
    check(page, "overview-filtered-with-downloads")
    _fits_320(page, ".downloads")

    with page.expect_download() as info:
        section.get_by_role("link", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename.endswith("-atgarder.csv")
    with open(download.path(), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["Section", "Identifier", "Title"]
    assert [row[2] for row in rows[1:]] == expected
    assert {row[4] for row in rows[1:]} == {"KS"}

    with page.expect_download() as info:
        section.get_by_role("link", name="Download Excel (XLSX)").click()
    with open(info.value.path(), "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert sheet.freeze_panes == "A2"
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == expected


def test_the_coordinator_downloads_a_draft_and_a_stale_link_explains_itself(
    live_server, page, demo
):
    programme = Programme.objects.get(status=Programme.Status.DRAFT)
    total = Measure.objects.filter(section__programme=programme).count()
    _log_in(page, live_server.url, "samordnare")
    page.goto(f"{live_server.url}{programme.get_absolute_url()}")
    section = page.get_by_role("region", name="Measures as a spreadsheet")
    with page.expect_download() as info:
        section.get_by_role("link", name="Download Excel (XLSX)").click()
    with open(info.value.path(), "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert sheet.max_row == total + 1

    # A bookmarked link to a section deleted since: the reason, the fields, a way on.
    page.goto(f"{live_server.url}/program/{programme.pk}/atgarder.csv?section=999999&q=polis")
    assert page.get_by_role("heading", name="Download measures").is_visible()
    assert page.get_by_label("Search titles and descriptions").input_value() == "polis"
    check(page, "export-stale-filters")
    _fits_320(page)
    page.get_by_label("Section").select_option(index=0)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    with open(info.value.path(), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert all("polis" in " ".join(row).lower() for row in rows[1:])
