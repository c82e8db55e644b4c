"""The archive package: built once the adopted PDF is done, valid E-ARK, with what the archive needs."""

import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from lxml import etree
from pypdf import PdfReader

from measures.models import Measure
from programme.decisions.consultation import consultation_answer_save
from programme.decisions.transitions import programme_transition
from programme.documents import archive, archive_content, tasks
from programme.models import (
    ArchivePackage,
    ConsultationInvitation,
    Programme,
    RenderJob,
    pdf_storage,
)
from tests.steps import adopt, send_to_consultation

from .eark_support import validate_package

pytestmark = pytest.mark.django_db

NS = {
    "mets": "http://www.loc.gov/METS/",
    "xlink": "http://www.w3.org/1999/xlink",
    "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
    "ead": "http://ead3.archivists.org/schema/",
}
MINUTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _adopt(programme, coordinator, capture, **extra):
    with capture(execute=True):
        adopt(programme, coordinator, **extra)
    programme.refresh_from_db()
    return programme.adopted_edition


def _open(package: ArchivePackage) -> zipfile.ZipFile:
    with package.file.storage.open(package.file.name, "rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_adopting_builds_one_valid_package_with_the_adopted_pdf_and_data(
    django_capture_on_commit_callbacks, programme, coordinator, ks, tmp_path
):
    adopted = _adopt(
        programme,
        coordinator,
        django_capture_on_commit_callbacks,
        minutes=SimpleUploadedFile("protokoll.pdf", MINUTES, content_type="application/pdf"),
    )
    package = ArchivePackage.objects.get(adopted_edition=adopted)
    pdf_job = RenderJob.objects.get(programme=programme, kind=RenderJob.Kind.ADOPTED)
    assert package.pdf_job == pdf_job

    zipped = _open(package)
    root = f"{package.package_id}/"
    names = set(zipped.namelist())
    assert all(name.startswith(root) for name in names)
    # Unpacked here: given the ZIP, the validator would unpack it into /tmp and leave it there.
    zipped.extractall(tmp_path)
    report = validate_package(tmp_path / str(package.package_id))
    assert report.structure.status.value == "WellFormed"
    assert report.metadata.schema_results.status.value == "VALID"
    errors = {
        m.rule_id
        for m in report.metadata.schematron_results.messages
        if m.severity.value == "Error"
    }
    # SIP14 (eark-validator 1.1.3) wants NOTETYPE="IDENTIFICATIONCODE" on the creator agent's
    # note, where CSIP16 wants csip:NOTETYPE="SOFTWARE VERSION" and CSIP15 allows one note:
    # no package meets both. Everything else must pass.
    assert errors <= {"SIP14"}

    mets = etree.fromstring(zipped.read(root + "METS.xml"))
    assert mets.get("OBJID") == str(package.package_id)
    listed = mets.xpath("//mets:file | //mets:mdRef", namespaces=NS)
    hrefs = set()
    for element in listed:
        href = element.xpath("string(mets:FLocat/@xlink:href | @xlink:href)", namespaces=NS)
        hrefs.add(root + href)
        data = zipped.read(root + href)
        assert element.get("CHECKSUMTYPE") == "SHA-256"
        assert element.get("CHECKSUM") == hashlib.sha256(data).hexdigest(), href
        assert int(element.get("SIZE")) == len(data)
    assert hrefs == names - {root + "METS.xml"}  # every file is listed, none is missing

    data = root + "representations/rep1/data/"
    pdf = zipped.read(data + pdf_job.download_name)
    with pdf_job.file.storage.open(pdf_job.file.name, "rb") as handle:
        assert pdf == handle.read()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Handlingsprogram mot människohandel" in " ".join(text.split())
    assert zipped.read(data + "protokollsutdrag.pdf") == MINUTES

    ead = etree.fromstring(zipped.read(root + "metadata/descriptive/ead.xml"))

    def field(path):
        return ead.xpath(f"string({path})", namespaces=NS)

    assert field("//ead:did/ead:unittitle") == "Handlingsprogram mot människohandel"
    assert field("//ead:genreform[@localtype='handlingstyp']/ead:part") == "Handlingsprogram"
    assert field("//ead:unitdate/@normal") == adopted.decision_date.isoformat()
    assert field("//ead:unitid[@localtype='paragraf']") == "KF § 123"
    assert field("//ead:unitid[@localtype='diarienummer']") == "KS 2025-000123"
    assert field("//ead:corpname[@localtype='beslutande']/ead:part") == "Kommunfullmäktige"
    assert field("//ead:origination[@localtype='arkivbildare']//ead:part") == (
        programme.owning_committee.name
    )

    snapshot = json.loads(zipped.read(data + "handlingsprogram.json"))
    assert snapshot["program"] == adopted.snapshot
    assert snapshot["beslut"]["paragraf"] == "KF § 123"
    rows = list(csv.DictReader(io.StringIO(zipped.read(data + "atgarder.csv").decode())))
    assert [(r["id"], r["rubrik"]) for r in rows] == [
        ("1.1", "Rutiner mellan socialtjänst och polis"),
        ("1.2", "Stödmottagning"),
        ("2.1", "Utbildning för hotellpersonal"),
    ]
    assert rows[0]["beskrivning"] == "Skriftliga rutiner mellan socialtjänsten och polisen."
    assert rows[0]["ansvarig_namnd"] == ks.name


def test_consultation_answers_are_in_the_package(
    django_capture_on_commit_callbacks, programme, coordinator, officer, ks
):
    send_to_consultation(programme, coordinator, [ks])
    invitation = ConsultationInvitation.objects.get(committee=ks)
    measure = Measure.objects.get(title="Stödmottagning")
    consultation_answer_save(
        actor=officer,
        invitation=invitation,
        position=ConsultationInvitation.Position.AGREES_WITH_REMARKS,
        text="<p>Vi tillstyrker.</p>",
        comments={measure.pk: "Öppettider behövs."},
        submit=True,
    )
    programme_transition(actor=coordinator, programme=programme, to_status=Programme.Status.DRAFT)
    adopted = _adopt(programme, coordinator, django_capture_on_commit_callbacks)
    zipped = _open(adopted.archive_package)
    root = f"{adopted.archive_package.package_id}/representations/rep1/data/"
    answers = json.loads(zipped.read(root + "remissvar.json"))
    [answer] = answers["remissomgangar"][0]["svar"]
    assert (answer["namnd"], answer["installning"]) == (ks.name, "agrees_with_remarks")
    assert answer["svar"] == "<p>Vi tillstyrker.</p>"
    assert answer["kommentarer"][0]["kommentar"] == "Öppettider behövs."
    assert "protokollsutdrag.pdf" not in " ".join(zipped.namelist())


def test_a_second_run_builds_nothing(django_capture_on_commit_callbacks, programme, coordinator):
    adopted = _adopt(programme, coordinator, django_capture_on_commit_callbacks)
    package = adopted.archive_package
    stored = pdf_storage().listdir("archive")[1]
    tasks.build_archive_package.delay(adopted.pk)
    assert archive.archive_package_build(adopted_edition_id=adopted.pk) == package
    assert ArchivePackage.objects.count() == 1
    assert pdf_storage().listdir("archive")[1] == stored


def test_no_package_before_the_adopted_pdf_is_done(programme, coordinator):
    adopt(programme, coordinator)  # on-commit work (the PDF) never runs in this test
    programme.refresh_from_db()
    assert archive.archive_package_build(adopted_edition_id=programme.adopted_edition.pk) is None
    assert not ArchivePackage.objects.exists()


def test_coordinators_download_the_package_from_the_versions_page(
    django_capture_on_commit_callbacks, client, programme, coordinator
):
    adopted = _adopt(programme, coordinator, django_capture_on_commit_callbacks)
    client.force_login(coordinator)
    page = client.get(reverse("programme:editions", args=[programme.pk]))
    url = reverse("programme:archive_download", args=[programme.pk])
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "-v1-arkivpaket.zip" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == adopted.archive_package.sha256


def test_the_versions_page_says_when_the_package_is_not_built_yet(client, programme, coordinator):
    adopt(programme, coordinator)  # the PDF, and so the package, never gets built here
    client.force_login(coordinator)
    page = client.get(reverse("programme:editions", args=[programme.pk])).content.decode()
    assert "created once the final PDF is ready" in page
    assert reverse("programme:archive_download", args=[programme.pk]) not in page
    response = client.get(reverse("programme:archive_download", args=[programme.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "council_member", "officer", "outsider"])
def test_everyone_but_coordinators_is_refused_the_package(
    django_capture_on_commit_callbacks, client, programme, coordinator, who, request
):
    adopted = _adopt(programme, coordinator, django_capture_on_commit_callbacks)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("programme:editions", args=[programme.pk])).content.decode()
    url = reverse("programme:archive_download", args=[programme.pk])
    assert url not in page
    assert "archive package" not in page.lower()
    response = client.get(url)
    assert response.status_code in (403, 404)
    assert b"PK" not in response.content[:2]
    assert ArchivePackage.objects.get() == adopted.archive_package  # nothing changed


def test_a_draft_is_404_for_the_package_to_those_who_may_not_see_it(client, programme, officer):
    client.force_login(officer)
    response = client.get(reverse("programme:archive_download", args=[programme.pk]))
    assert response.status_code == 404


def test_the_command_builds_what_is_missing(
    django_capture_on_commit_callbacks, programme, coordinator
):
    adopt(programme, coordinator)  # no on-commit work here: no PDF, no package
    programme.refresh_from_db()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("build_archive_packages", stdout=out)
    assert ArchivePackage.objects.filter(adopted_edition=programme.adopted_edition).exists()
    call_command("build_archive_packages", stdout=out)
    assert ArchivePackage.objects.count() == 1


def test_the_consultation_answers_take_three_queries_however_many(
    django_assert_num_queries, programme, coordinator, ks, fn, officer
):
    for _round in range(2):
        send_to_consultation(programme, coordinator, [ks, fn])
        invitation = ConsultationInvitation.objects.filter(committee=ks).latest("pk")
        consultation_answer_save(
            actor=officer,
            invitation=invitation,
            position=ConsultationInvitation.Position.AGREES,
            text="<p>Ja.</p>",
            comments={m.pk: "Bra." for m in Measure.objects.all()},
            submit=True,
        )
        programme_transition(
            actor=coordinator, programme=programme, to_status=Programme.Status.DRAFT
        )
    with django_assert_num_queries(3):
        answers = json.loads(archive_content.consultation_answers(programme_id=programme.pk))
    assert [len(r["svar"]) for r in answers["remissomgangar"]] == [2, 2]
    assert len(answers["remissomgangar"][1]["svar"][1]["kommentarer"]) == 3
