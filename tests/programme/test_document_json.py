"""The documents' canonical JSON, pinned byte for byte: the PDFs' content hashes are taken over
it, so a change here would make every stored PDF look outdated (and render each one again)."""

from programme.documents.document import (
    AssignmentDoc,
    CommitteeDoc,
    Decision,
    GoverningFacts,
    MeasureDoc,
    ProgrammeCover,
    ProgrammeDocument,
    SectionDoc,
)
from programme.documents.round_report import (
    Chart,
    PartDoc,
    ReportedMeasureDoc,
    ReportSectionDoc,
    RoundReportDocument,
    StatusCount,
    SummaryRow,
)

DECISION = Decision(date="2026-03-02", paragraph="§ 12", case_number="KS 2025/9")
COVER = ProgrammeCover(
    municipality="Skellefteå kommun",
    title="Handlingsprogram mot prostitution",
    period="2026–2029",
    edition=2,
    owning_committee="Kommunstyrelsen",
    decision=DECISION,
)


def _measure(identifier: str, title: str) -> MeasureDoc:
    return MeasureDoc(
        identifier=identifier,
        anchor=f"atgard-{identifier}",
        title=title,
        description="<p>Förebygga &amp; stödja.</p>",
        expected_outcome="",
        resources="",
        responsible_committee="Socialnämnden",
        co_responsible_committees=("Kommunstyrelsen",),
        partners=(),
        focus_areas=("1. Förebyggande arbete",),
        indicator="Antal kontakter",
        indicator_target="12,5",
        indicator_unit="st",
        start_date="2026-01-01",
        due_date="",
        status="Pågår",
        progress=40,
        progress_note="",
        indicator_value="",
    )


def _programme_document() -> ProgrammeDocument:
    return ProgrammeDocument(
        kind="adopted",
        programme=COVER,
        status="Antaget",
        introduction="<p>Inledning \u2068ÅÄÖ\u2069</p>",
        sections=(
            SectionDoc(
                number=1,
                anchor="avsnitt-1",
                title="Prostitution",
                introduction="",
                goals="",
                measures=(_measure("1.1", "Uppsökande arbete"), _measure("1.2", "Stöd")),
            ),
            SectionDoc(
                number=2, anchor="avsnitt-2", title="Tom", introduction="", goals="", measures=()
            ),
        ),
        committees=(
            CommitteeDoc(
                name="Socialnämnden",
                assignments=(
                    AssignmentDoc(
                        identifier="1.1",
                        anchor="atgard-1.1",
                        title="Uppsökande arbete",
                        responsible=True,
                    ),
                ),
            ),
        ),
        facts=GoverningFacts(
            decided=True,
            decision_date="2026-03-02",
            decision_paragraph="§ 12",
            case_number="KS 2025/9",
            valid_from="2026-01-01",
            valid_to="2029-12-31",
            owner="Kommunstyrelsen",
            revise_by="2029-12-31",
        ),
    )


REPORTED = ReportedMeasureDoc(
    identifier="1.1",
    anchor="atgard-1.1",
    title="Uppsökande arbete",
    committee="Socialnämnden",
    reported=True,
    status="Pågår",
    progress=40,
    indicator="",
    indicator_value="42,5",
    indicator_target="120",
    indicator_unit="",
    indicator_date="2026-10-01",
    due_date="2026-06-30",
    overdue=True,
    note="<p>Kommentar</p>",
    reported_at="2026-10-02",
    signed_by="Anna Ö",
)


def _round_report_document() -> RoundReportDocument:
    row = SummaryRow(
        label="Pågår", counts=(StatusCount(status="ongoing", label="Pågår", count=1),), overdue=1
    )
    chart = Chart(caption="Alla", description="1 pågår", svg="data:image/svg+xml,x", rows=(row,))
    return RoundReportDocument(
        kind="round_report",
        round_name="Uppföljning 2026",
        period_from="2026-01-01",
        period_to="2026-12-31",
        deadline="2026-11-30",
        closed="2026-12-01",
        programme=COVER,
        status_order=("planned", "ongoing"),
        overall=chart,
        by_section=chart,
        by_committee=chart,
        overdue=(REPORTED,),
        sections=(
            ReportSectionDoc(
                number=1, anchor="avsnitt-1", title="Prostitution", measures=(REPORTED,)
            ),
        ),
        parts=(PartDoc(committee="Socialnämnden", ready=True, ready_date="", decision=None),),
    )


COVER_JSON = (
    '{"municipality":"Skellefteå kommun","title":"Handlingsprogram mot prostitution",'
    '"period":"2026–2029","edition":2,"owning_committee":"Kommunstyrelsen",'
    '"decision":{"date":"2026-03-02","paragraph":"§ 12","case_number":"KS 2025/9"}}'
)


def _measure_json(identifier: str, title: str) -> str:
    return (
        f'{{"identifier":"{identifier}","anchor":"atgard-{identifier}","title":"{title}",'
        '"description":"<p>Förebygga &amp; stödja.</p>","expected_outcome":"","resources":"",'
        '"responsible_committee":"Socialnämnden","co_responsible_committees":["Kommunstyrelsen"],'
        '"partners":[],"focus_areas":["1. Förebyggande arbete"],"indicator":"Antal kontakter",'
        '"indicator_target":"12,5","indicator_unit":"st","start_date":"2026-01-01","due_date":"",'
        '"status":"Pågår","progress":40,"progress_note":"","indicator_value":""}'
    )


PROGRAMME_JSON = (
    f'{{"kind":"adopted","programme":{COVER_JSON},"status":"Antaget",'
    '"introduction":"<p>Inledning \u2068ÅÄÖ\u2069</p>",'
    '"sections":[{"number":1,"anchor":"avsnitt-1","title":"Prostitution","introduction":"",'
    f'"goals":"","measures":[{_measure_json("1.1", "Uppsökande arbete")},'
    f"{_measure_json('1.2', 'Stöd')}]}},"
    '{"number":2,"anchor":"avsnitt-2","title":"Tom","introduction":"","goals":"","measures":[]}],'
    '"committees":[{"name":"Socialnämnden","assignments":[{"identifier":"1.1",'
    '"anchor":"atgard-1.1","title":"Uppsökande arbete","responsible":true}]}],'
    '"facts":{"decided":true,"decision_date":"2026-03-02","decision_paragraph":"§ 12",'
    '"case_number":"KS 2025/9","valid_from":"2026-01-01","valid_to":"2029-12-31",'
    '"owner":"Kommunstyrelsen","revise_by":"2029-12-31"}}'
)

REPORTED_JSON = (
    '{"identifier":"1.1","anchor":"atgard-1.1","title":"Uppsökande arbete",'
    '"committee":"Socialnämnden","reported":true,"status":"Pågår","progress":40,"indicator":"",'
    '"indicator_value":"42,5","indicator_target":"120","indicator_unit":"",'
    '"indicator_date":"2026-10-01","due_date":"2026-06-30","overdue":true,'
    '"note":"<p>Kommentar</p>","reported_at":"2026-10-02","signed_by":"Anna Ö"}'
)
CHART_JSON = (
    '{"caption":"Alla","description":"1 pågår","svg":"data:image/svg+xml,x",'
    '"rows":[{"label":"Pågår","counts":[{"status":"ongoing","label":"Pågår","count":1}],'
    '"overdue":1}]}'
)
ROUND_REPORT_JSON = (
    '{"kind":"round_report","round_name":"Uppföljning 2026","period_from":"2026-01-01",'
    '"period_to":"2026-12-31","deadline":"2026-11-30","closed":"2026-12-01",'
    f'"programme":{COVER_JSON},"status_order":["planned","ongoing"],'
    f'"overall":{CHART_JSON},"by_section":{CHART_JSON},"by_committee":{CHART_JSON},'
    f'"overdue":[{REPORTED_JSON}],'
    '"sections":[{"number":1,"anchor":"avsnitt-1","title":"Prostitution",'
    f'"measures":[{REPORTED_JSON}]}}],'
    '"parts":[{"committee":"Socialnämnden","ready":true,"ready_date":"","decision":null}]}'
)


def test_the_programme_documents_canonical_json_is_pinned():
    """Fields in declared order, no spaces, UTF-8 as is (no \\u escapes), no properties."""
    document = _programme_document()
    assert document.canonical_json() == PROGRAMME_JSON
    assert document.measure_count == 2


def test_the_round_reports_canonical_json_is_pinned():
    document = _round_report_document()
    assert document.canonical_json() == ROUND_REPORT_JSON
    assert (document.measure_count, document.reported_count) == (1, 1)
