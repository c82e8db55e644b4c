"""The follow-up report of a reporting round: its document (from the closed round's snapshot),
who may download it, and the PDF itself (text by pdftotext, PDF/A-2a declarations, tagging)."""

import base64
import re
import shutil
import subprocess
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils.html import escape

from measures.follow_up.chart import STATUS_COLOURS, bar_chart_data_uri, stacked_bar_chart
from measures.follow_up.services import progress_update_create
from measures.models import Measure, ReportingRound
from measures.permissions import can_download_round_report
from programme.documents import jobs, round_report_content
from programme.documents.round_report_render import round_report_render
from programme.documents.round_report_selectors import (
    RoundNotClosed,
    round_report_document,
    round_report_round,
)
from programme.models import Programme, RenderJob
from tests.factories import UserFactory
from tests.support import require

from .pdf_support import reader, xmp
from .round_report_support import close, round_world
from .test_pdf_document import _struct_types

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return round_world()


def _document(world):
    return round_report_document(reporting_round=round_report_round(pk=world.reporting_round.pk))


def test_an_open_round_has_no_report_and_asking_for_one_changes_nothing(world):
    with pytest.raises(RoundNotClosed):
        _document(world)
    with pytest.raises(RoundNotClosed):
        jobs.round_report_request(actor=world.coordinator, reporting_round=world.reporting_round)
    assert not RenderJob.objects.exists()


def test_the_report_counts_statuses_overall_per_section_and_per_committee(world):
    close(world)
    document = _document(world)

    overall = {row.label: (row.total, row.overdue) for row in document.overall.rows}
    assert overall == {
        "Planerad": (2, 0),  # Kommunstyrelsen's unreported measure keeps its status (planned)
        "Pågår": (1, 1),
        "Genomförd": (1, 0),
        "Försenad": (0, 0),
        "Avbruten": (0, 0),
    }
    sections = {row.label: row for row in document.by_section.rows}
    assert list(sections) == ["1. Prostitution", "2. Människohandel"]
    assert [item.count for item in sections["1. Prostitution"].counts] == [0, 1, 1, 0, 0]
    assert sections["1. Prostitution"].overdue == 1
    committees = {row.label: (row.total, row.overdue) for row in document.by_committee.rows}
    assert committees == {"Kommunstyrelsen": (1, 0), "Socialnämnden": (3, 1)}
    assert (document.reported_count, document.measure_count) == (3, 4)


def test_overdue_is_derived_on_the_closing_day_past_due_and_not_done(world):
    close(world)
    document = _document(world)
    assert [m.title for m in document.overdue] == [world.overdue.title]
    measures = {m.title: m for section in document.sections for m in section.measures}
    assert measures[world.overdue.title].overdue
    assert not measures[world.late_but_done.title].overdue  # completed
    assert not measures[world.not_due.title].overdue
    assert not measures[world.unreported.title].reported
    reported = measures[world.overdue.title]
    assert (reported.status, reported.progress) == ("Pågår", 40)
    assert (reported.indicator_value, reported.indicator_target) == ("42,5", "120")
    assert reported.note == "<p>Kommentar om uppsökande arbete på nätet.</p>"
    assert reported.signed_by  # who reported it


def test_the_appendix_names_each_part_with_its_decision(world):
    close(world)
    ks, sn = _document(world).parts
    assert (ks.committee, ks.ready, ks.decision) == ("Kommunstyrelsen", False, None)
    assert sn.committee == "Socialnämnden" and sn.ready
    assert (sn.decision.date, sn.decision.paragraph, sn.decision.case_number) == (
        "2026-11-20",
        "§ 112",
        "SN 2026/77",
    )


def test_a_closed_round_is_frozen_later_updates_do_not_change_its_report(world):
    close(world)
    before = round_report_content.round_report_hash(_document(world))
    measure = Measure.objects.select_related("section__programme").get(pk=world.overdue.pk)
    progress_update_create(
        actor=world.coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        status="completed",
        progress=100,
        note="<p>Klart efter omgången.</p>",
    )
    Measure.objects.filter(pk=world.not_due.pk).update(title="Ändrad titel")
    after = _document(world)
    assert round_report_content.round_report_hash(after) == before
    assert [m.title for m in after.overdue] == [world.overdue.title]


def _counted(read) -> tuple[object, int]:
    queries = []

    def counting(execute, sql, params, many, context):
        queries.append(sql)  # counted as they run: the debug log is a bounded deque
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        result = read()
    return result, len(queries)


def test_the_document_is_read_in_a_fixed_number_of_queries():
    """One query for the round with its programme and owner; the document adds none (its
    measures are in the snapshot), or one for the owner's name where the owner is not loaded."""
    world = round_world(extra_measures=12)
    close(world)
    reporting_round, loading = _counted(lambda: round_report_round(pk=world.reporting_round.pk))
    document, building = _counted(lambda: round_report_document(reporting_round=reporting_round))
    assert document.measure_count == 16 and len(document.overdue) == 13
    assert (loading, building) == (1, 0)
    without_owner = ReportingRound.objects.select_related("programme").get(pk=reporting_round.pk)
    again, building = _counted(lambda: round_report_document(reporting_round=without_owner))
    assert building == 1 and again == document


def test_who_may_download_a_closed_rounds_report(world):
    reporting_round = round_report_round(pk=world.reporting_round.pk)
    assert not can_download_round_report(world.coordinator, reporting_round)  # open: none yet
    close(world)
    reporting_round = round_report_round(pk=world.reporting_round.pk)
    for user in (world.coordinator, world.council_member, world.sn_officer, UserFactory()):
        assert can_download_round_report(user, reporting_round)
    assert can_download_round_report(AnonymousUser(), reporting_round)  # a public programme
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.WITHDRAWN)
    reporting_round = round_report_round(pk=world.reporting_round.pk)
    assert not can_download_round_report(world.council_member, reporting_round)
    assert not can_download_round_report(world.coordinator, reporting_round)


def _svg_of(uri: str) -> str:
    assert uri.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(uri.split(",", 1)[1]).decode()


def test_the_chart_is_the_dashboards_svg_without_script_and_escapes_labels():
    chart = stacked_bar_chart([("<b>Nämnd & co</b>", [("ongoing", 3)]), ("Tom", [("ongoing", 0)])])
    svg = _svg_of(bar_chart_data_uri(chart, title="Status per nämnd"))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;b&gt;Nämnd &amp; co&lt;/b&gt;" in svg
    assert svg.count('class="chart__bar ') == 1  # an empty count draws no bar
    # A standalone document for an <img>: well-formed, its colours its own (no page CSS applies).
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own template's output, not untrusted)
    bar = root.find(".//{http://www.w3.org/2000/svg}rect[@class='chart__bar chart__bar--ongoing']")
    assert bar.get("fill") == STATUS_COLOURS["ongoing"]
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Status per nämnd"


def test_the_report_draws_its_charts_with_the_dashboards_engine(world):
    close(world)
    document = _document(world)
    for chart in (document.overall, document.by_section, document.by_committee):
        svg = _svg_of(chart.svg)
        assert 'class="chart chart--bars"' in svg
        for row in chart.rows:
            assert escape(row.label[:20]) in svg
    overall = _svg_of(document.overall.svg)
    for code in document.status_order:
        if any(
            item.count
            for row in document.overall.rows
            for item in row.counts
            if item.status == code
        ):
            assert f'fill="{STATUS_COLOURS[code]}"' in overall


def _pdftotext(content: bytes, tmp_path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    return " ".join(result.stdout.decode().split())


def test_the_report_pdf_text_and_archival_structure(world, tmp_path):
    close(world)
    rendered = round_report_render(_document(world))
    text = _pdftotext(rendered.content, tmp_path)
    for expected in (
        "UPPFÖLJNINGSRAPPORT",  # text-transform on the cover
        "Uppföljning 2026",
        "Handlingsprogram mot människohandel",
        "Sammanfattning",
        "Åtgärdernas status",
        "Status per avsnitt",
        "Status per nämnd",
        "Försenade åtgärder",
        f"{world.overdue.identifier} {world.overdue.title}",
        "Rapporterad status: Pågår, 40 % genomfört – slutdatum "
        f"{world.overdue.due_date.isoformat()} passerat",
        "Utfall mot målvärde: 42,5 st",
        "av målvärdet 120 st",
        "Nämndens kommentar: Kommentar om uppsökande arbete på nätet.",
        "Status (ingen rapport i omgången): Planerad",
        "Bilaga: Nämndernas rapportering",
        "Socialnämnden",
        "2026-11-20 § 112 SN 2026/77",
        "Inte klarmarkerad",
        "Programmet antaget av kommunfullmäktige 2026-03-30, KF § 45, dnr KS 2025-000321",
    ):
        assert expected in text, expected
    pages = rendered.pages
    for number in range(1, pages + 1):
        assert f"Sida {number} av {pages}" in text

    pdf = reader(rendered.content)
    root = pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "sv"
    types = _struct_types(root["/StructTreeRoot"], set())
    assert {"/H1", "/H2", "/H4", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure"} <= types
    metadata = xmp(rendered.content)
    assert re.search(r"pdfaid:part(=\"|>)2", metadata)
    assert re.search(r"pdfaid:conformance(=\"|>)A", metadata)
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()) and all("Open-Sans" in name for name in fonts), fonts
    assert pdf.metadata.title.startswith("Uppföljning 2026")
    assert pdf.metadata.author == world.programme.municipality
