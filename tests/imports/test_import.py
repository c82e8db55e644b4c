"""Import from a spreadsheet: preview, row errors, all or nothing, round trip with the export."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from committees.models import Committee
from measures.models import Measure
from programme.imports.reading import MAX_ROWS, MAX_UNPACKED_BYTES
from programme.models import Programme
from tests.factories import MeasureFactory, ProgrammeFactory, SectionFactory
from tests.steps import send_to_consultation

pytestmark = pytest.mark.django_db

COMPARED = [
    "title",
    "description",
    "expected_outcome",
    "indicator",
    "indicator_target",
    "indicator_unit",
    "start_date",
    "due_date",
    "status",
    "progress",
    "progress_note",
]


def _export(client, programme, extension: str) -> bytes:
    response = client.get(reverse(f"programme:measures_{extension}", args=[programme.pk]))
    assert response.status_code == 200
    return response.content


def _upload(client, programme, content: bytes, name: str):
    return client.post(
        reverse("programme:measures_import", args=[programme.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def _confirm(client, programme, response):
    return client.post(
        reverse("programme:measures_import_confirm", args=[programme.pk]),
        {"token": response.context["token"]},
    )


def _measures(programme) -> list[dict]:
    measures = Measure.objects.filter(section__programme=programme).order_by(
        "section__order", "order"
    )
    return [
        {
            **{name: getattr(m, name) for name in COMPARED},
            "identifier": m.identifier,
            "section": m.section.title,
            "responsible": m.responsible_committee.code,
            "co_responsible": sorted(c.code for c in m.co_responsible_committees.all()),
            "partners": sorted(p.name for p in m.partners.all()),
            "focus_areas": sorted(a.number for a in m.focus_areas.all()),
        }
        for m in measures
    ]


def _empty_draft_like(programme, actor) -> Programme:
    new = ProgrammeFactory(actor=actor, title="Nytt utkast")
    for section in programme.sections.order_by("order"):
        SectionFactory(actor=actor, programme=new, title=section.title)
    return new


def _csv(rows: list[list]) -> bytes:
    output = io.StringIO()
    csv.writer(output, delimiter=";").writerows(rows)
    return ("\ufeff" + output.getvalue()).encode()


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_an_export_imported_into_a_new_empty_draft_yields_identical_measures(
    client, coordinator, programme, extension
):
    client.force_login(coordinator)
    content = _export(client, programme, extension)
    draft = _empty_draft_like(programme, coordinator)

    preview = _upload(client, draft, content, f"atgarder.{extension}")
    assert preview.status_code == 200, preview.content.decode()[:2000]
    assert [row.title for row in preview.context["plan"].creates] == [
        "Rutiner mellan socialtjänst och polis",
        "Stödmottagning för unga",
        "Utbildning för hotellpersonal",
    ]
    assert not Measure.objects.filter(section__programme=draft).exists()  # nothing yet

    done = _confirm(client, draft, preview)
    assert done.status_code == 302
    assert done["Location"] == draft.get_absolute_url()
    assert _measures(draft) == _measures(programme)
    imported = Measure.objects.get(section__programme=draft, title__startswith="Rutiner")
    assert imported.indicator_target == Decimal("12.50")
    assert imported.history.first().history_user == coordinator


def test_every_row_error_is_reported_with_its_row_and_nothing_is_written(
    client, coordinator, programme
):
    client.force_login(coordinator)
    header = ["Avsnitt", "Rubrik", "Ansvarig nämnd (förkortning)", "Klart senast", "Genomfört (%)"]
    content = _csv(
        [
            header,
            ["Prostitution", "Ny åtgärd som går bra", "SN", "2027-01-31", "0"],
            ["Prostitution", "Okänd nämnd", "XYZ", "", ""],
            ["Prostitution", "Felaktigt datum", "SN", "31/12/2027", ""],
            [],
            ["Människohandel", "För mycket", "KS", "", "150"],
            ["Finns inte", "Fel avsnitt", "KS", "", ""],
        ]
    )
    measures_before = _measures(programme)
    committees_before = Committee.objects.count()

    response = _upload(client, programme, content, "utkast.csv")

    assert response.status_code == 400
    errors = [(e.row, e.column, e.message) for e in response.context["plan"].errors]
    assert errors == [
        (3, "Ansvarig nämnd (förkortning)", "Det finns ingen nämnd ”XYZ”."),
        (4, "Klart senast", "”31/12/2027” är inget datum; skriv det som ÅÅÅÅ-MM-DD."),
        (6, "Genomfört (%)", "Genomfört ska vara ett heltal från 0 till 100, inte ”150”."),
        (7, "Avsnitt", "Det finns inget avsnitt ”Finns inte” i det här programmet."),
    ]
    page = response.content.decode()
    assert "Filen har 4 fel: ingenting importerades" in page
    assert "<td>7</td>" in page
    assert _measures(programme) == measures_before
    assert Committee.objects.count() == committees_before  # an unknown committee is not created
    assert "measure_import" not in client.session


def test_a_changed_row_is_previewed_field_by_field_and_applied_on_confirmation(
    client, coordinator, programme
):
    client.force_login(coordinator)
    sheet_file = load_workbook(io.BytesIO(_export(client, programme, "xlsx")))
    sheet = sheet_file.active
    sheet["C2"] = "Rutiner mellan socialtjänst, polis och region"
    sheet["R2"] = 60
    edited = io.BytesIO()
    sheet_file.save(edited)

    preview = _upload(client, programme, edited.getvalue(), "atgarder.xlsx")
    assert preview.status_code == 200, preview.content.decode()[:2000]
    plan = preview.context["plan"]
    assert plan.creates == [] and plan.unchanged == 2
    (update,) = plan.updates
    assert [(c.label, c.old, c.new) for c in update.changes] == [
        (
            "Rubrik",
            "Rutiner mellan socialtjänst och polis",
            "Rutiner mellan socialtjänst, polis och region",
        ),
        ("Genomfört (%)", "40", "60"),
    ]
    page = preview.content.decode()
    assert "Rad 2: ändrar åtgärd 1.1" in page
    measure = Measure.objects.get(title="Rutiner mellan socialtjänst och polis")
    assert measure.progress == 40  # not yet

    assert _confirm(client, programme, preview).status_code == 302
    measure.refresh_from_db()
    assert (measure.title, measure.progress) == (
        "Rutiner mellan socialtjänst, polis och region",
        60,
    )
    # The unchanged rows were not written: their formatting and versions stay.
    assert (
        measure.description
        == "<p>Skriftliga rutiner.</p><ul><li>Socialtjänsten</li><li>Polisen</li></ul>"
    )
    assert Measure.objects.get(title="Stödmottagning för unga").edit_token == 1


def test_reimporting_an_unchanged_export_changes_nothing(client, coordinator, programme):
    client.force_login(coordinator)
    preview = _upload(client, programme, _export(client, programme, "csv"), "atgarder.csv")
    assert preview.status_code == 200
    assert preview.context["plan"].unchanged == 3
    assert "Filen ändrar ingenting i det här programmet." in preview.content.decode()


def test_formula_like_text_survives_the_round_trip(client, coordinator, programme, sn):
    MeasureFactory(
        actor=coordinator,
        section=programme.sections.get(order=2),
        title='=HYPERLINK("http://x";"y")',
        responsible_committee=sn,
    )
    client.force_login(coordinator)
    for extension in ("csv", "xlsx"):
        draft = _empty_draft_like(programme, coordinator)
        preview = _upload(client, draft, _export(client, programme, extension), f"a.{extension}")
        _confirm(client, draft, preview)
        assert Measure.objects.filter(
            section__programme=draft, title='=HYPERLINK("http://x";"y")'
        ).exists()


def test_the_programme_changed_since_the_preview_writes_nothing(client, coordinator, programme, sn):
    client.force_login(coordinator)
    draft = _empty_draft_like(programme, coordinator)
    preview = _upload(client, draft, _export(client, programme, "csv"), "atgarder.csv")
    MeasureFactory(
        actor=coordinator,
        section=draft.sections.first(),
        title="Under tiden",
        responsible_committee=sn,
    )

    response = _confirm(client, draft, preview)

    assert response.status_code == 409
    assert "Programmet har ändrats sedan förhandsvisningen" in response.content.decode()
    assert list(
        Measure.objects.filter(section__programme=draft).values_list("title", flat=True)
    ) == ["Under tiden"]


def test_a_confirmation_without_the_previews_token_writes_nothing(client, coordinator, programme):
    client.force_login(coordinator)
    draft = _empty_draft_like(programme, coordinator)
    _upload(client, draft, _export(client, programme, "csv"), "atgarder.csv")
    response = client.post(
        reverse("programme:measures_import_confirm", args=[draft.pk]), {"token": "gissat"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:measures_import", args=[draft.pk])
    assert not Measure.objects.filter(section__programme=draft).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", b"Avsnitt;Rubrik", "Välj en Excel-arbetsbok (.xlsx) eller en CSV-fil (.csv)."),
        ("a.xlsx", b"not a zip", "Filen gick inte att läsa som en Excel-arbetsbok (.xlsx)."),
        ("a.csv", "Avsnitt;Rubrik\nå".encode("latin-1"), "Filen är inte UTF-8-text."),
        ("a.csv", b"Avsnitt;Beskrivning\nProstitution;x", "saknas: Rubrik, Ansvarig nämnd"),
        ("a.csv", b"", "Den skickade filen var tom."),
        ("a.csv", b"x" * (2 * 1024 * 1024 + 1), "Filen är större än 2 MB."),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_at_the_field(
    client, coordinator, programme, name, content, message
):
    client.force_login(coordinator)
    before = _measures(programme)
    response = _upload(client, programme, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _measures(programme) == before


def test_a_workbook_that_unpacks_too_large_is_refused(client, coordinator, programme):
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"a" * (MAX_UNPACKED_BYTES + 1))
    assert len(packed.getvalue()) < 1024 * 1024
    client.force_login(coordinator)
    response = _upload(client, programme, packed.getvalue(), "bomb.xlsx")
    assert response.status_code == 400
    assert "Arbetsboken blir för stor när den packas upp." in response.content.decode()


def test_a_file_over_the_row_limit_is_refused(client, coordinator, programme):
    client.force_login(coordinator)
    rows = [["Avsnitt", "Rubrik", "Ansvarig nämnd (förkortning)"]] + [
        ["Prostitution", f"Åtgärd {n}", "SN"] for n in range(MAX_ROWS + 1)
    ]
    response = _upload(client, programme, _csv(rows), "stor.csv")
    assert response.status_code == 400
    assert f"Filen har fler än {MAX_ROWS} åtgärder" in response.content.decode()
    assert Measure.objects.filter(section__programme=programme).count() == 3


def test_only_coordinators_import_and_only_into_drafts(client, coordinator, officer, programme, ks):
    url = reverse("programme:measures_import", args=[programme.pk])
    confirm = reverse("programme:measures_import_confirm", args=[programme.pk])
    assert client.get(url).status_code == 404  # anonymous: a draft is not found
    client.force_login(officer)
    assert client.get(url).status_code == 404
    assert client.post(confirm, {"token": "x"}).status_code == 404
    send_to_consultation(programme, coordinator, [ks])
    before = _measures(programme)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 403  # in consultation the text is fixed
    assert client.post(confirm, {"token": "x"}).status_code == 403
    assert _measures(programme) == before


def test_the_overview_links_to_the_import_for_coordinators_of_a_draft(
    client, coordinator, officer, programme, ks
):
    url = reverse("programme:measures_import", args=[programme.pk])
    client.force_login(coordinator)
    assert url in client.get(programme.get_absolute_url()).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert (
        "Högst 2 MB och 500 åtgärder" in page.content.decode()
        or "högst 2 MB" in page.content.decode()
    )


def _preview_queries(client, programme, content) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert _upload(client, programme, content, "a.csv").status_code == 200
    return len(captured)


def test_the_preview_runs_the_same_number_of_queries_for_3_and_60_rows(
    client, coordinator, programme, sn
):
    client.force_login(coordinator)
    header = ["Avsnitt", "Nummer", "Rubrik", "Ansvarig nämnd (förkortning)", "Samverkanspartner"]

    def rows(count):
        return [header] + [
            ["Prostitution", "1.1" if n == 0 else "", f"Åtgärd {n}", "SN", ""] for n in range(count)
        ]

    assert _preview_queries(client, programme, _csv(rows(3))) == _preview_queries(
        client, programme, _csv(rows(60))
    )


def test_an_import_tells_each_committee_once_about_all_its_new_measures(
    client, coordinator, programme, officer, ks, django_capture_on_commit_callbacks
):
    from notifications.models import Kind, Notification

    MeasureFactory(
        actor=coordinator,
        section=programme.sections.first(),
        title="Uppsök på nätet",
        responsible_committee=ks,
    )
    client.force_login(coordinator)
    content = _export(client, programme, "csv")
    draft = _empty_draft_like(programme, coordinator)
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        assert _confirm(client, draft, _upload(client, draft, content, "a.csv")).status_code == 302

    (notice,) = Notification.objects.filter(kind=Kind.MEASURE_ASSIGNED, recipient=officer)
    assert "Stödmottagning för unga" in notice.body and "Uppsök på nätet" in notice.body
    assert "2" in notice.subject
