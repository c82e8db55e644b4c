"""Issue 14, section 5: the PDF and the programme page carry a governing document's block.

Document type, decided by, decision date and paragraph, case number, period of validity,
document owner, to be revised by, and the municipality's logo when MUNICIPALITY_LOGO names one.
"""

import io
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from PIL import Image

from committees import roles
from programme.documents import content
from programme.documents import render as pdf
from programme.documents.fetcher import LOGO_URL, BlockedURLError, StaticOnlyURLFetcher
from programme.documents.logo import municipality_logo
from programme.documents.selectors import programme_document_context
from programme.models import Programme
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)
from tests.steps import adopt

from .pdf_support import page_texts, reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted():
    owner = CommitteeFactory(name="Socialnämnden")
    programme = MeasureFactory(section__programme__owning_committee=owner).section.programme
    Programme.objects.filter(pk=programme.pk).update(
        status=Programme.Status.ADOPTED,
        period_from=2026,
        period_to=2029,
        decision_date=date(2026, 2, 24),
        decision_paragraph="KF § 45",
        case_number="KS 2025-000045",
    )
    programme.refresh_from_db()
    return programme


@pytest.fixture
def logo(settings, tmp_path):
    """A PNG logo in MEDIA_ROOT, named by MUNICIPALITY_LOGO."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logos").mkdir()
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), (11, 79, 108)).save(buffer, format="PNG")
    (tmp_path / "logos" / "kommun.png").write_bytes(buffer.getvalue())
    settings.MUNICIPALITY_LOGO = "logos/kommun.png"
    content.layout_fingerprint.cache_clear()
    yield tmp_path / "logos" / "kommun.png"
    content.layout_fingerprint.cache_clear()


def _cover(programme, kind) -> str:
    document = programme_document_context(programme=programme, kind=kind)
    return page_texts(pdf.document_render(document).content)[0]


def test_the_adopted_pdf_cover_carries_the_governing_document_block(adopted):
    cover = _cover(adopted, "adopted")
    for line in (
        "Dokumentuppgifter",
        "Dokumenttyp Handlingsprogram",
        "Beslutat av Kommunfullmäktige",
        "Beslutsdatum 2026-02-24",
        "Paragraf KF § 45",
        "Diarienummer KS 2025-000045",
        "Giltighetstid 2026-01-01 – 2029-12-31",
        "Dokumentägare Socialnämnden",
        "Revideras senast 2029-12-31",
    ):
        assert line in cover, (line, cover)


def test_a_proposal_is_to_be_decided_by_the_council_and_carries_no_decision(adopted):
    Programme.objects.filter(pk=adopted.pk).update(status=Programme.Status.SUBMITTED)
    adopted.refresh_from_db()
    cover = _cover(adopted, "submission")
    assert "Beslutas av Kommunfullmäktige" in cover
    assert "Beslutsdatum" not in cover and "KF § 45" not in cover
    assert "Revideras senast 2029-12-31" in cover


def test_the_programme_page_shows_the_same_block(client, adopted):
    client.cookies["django_language"] = "en"
    page = client.get(adopted.get_absolute_url()).content.decode()
    for text in (
        "Document details",
        "Action programme",
        "Decided by",
        "Municipal council",
        "2026-02-24",
        "KF § 45",
        "KS 2025-000045",
        "2026-01-01 – 2029-12-31",
        "Socialnämnden",
        "To be revised by",
        "2029-12-31",
    ):
        assert text in page, text
    assert reverse("programme:municipality_logo") not in page  # none by default
    swedish = Client().get(adopted.get_absolute_url()).content.decode()
    assert "Dokumentuppgifter" in swedish and "Revideras senast" in swedish


def test_no_logo_is_configured_by_default(client):
    assert municipality_logo() is None
    assert client.get(reverse("programme:municipality_logo")).status_code == 404
    fetcher = StaticOnlyURLFetcher()
    with pytest.raises(BlockedURLError):
        fetcher.fetch(LOGO_URL)
    assert fetcher.blocked == [LOGO_URL]


def test_the_logo_is_on_the_pdf_cover_and_the_page(client, adopted, logo):
    fetcher = StaticOnlyURLFetcher()
    html = pdf.document_html(programme_document_context(programme=adopted, kind="adopted"))
    file, _pages = pdf.html_to_pdf(html, fetcher=fetcher)
    assert fetcher.blocked == []
    images = [
        name
        for name, xobject in reader(file).pages[0]["/Resources"].get("/XObject", {}).items()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert images, "the logo is not on the cover"

    page = client.get(adopted.get_absolute_url()).content.decode()
    url = reverse("programme:municipality_logo")
    assert f'src="{url}"' in page and 'class="governing__logo"' in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == logo.read_bytes()


def test_a_new_logo_renders_the_pdfs_again(settings, logo):
    with_logo = content.layout_fingerprint()
    settings.MUNICIPALITY_LOGO = ""
    content.layout_fingerprint.cache_clear()
    assert content.layout_fingerprint() != with_logo


@pytest.mark.parametrize(
    "value", ["../secret.png", "/etc/passwd", "logos/kommun.txt", "logos/missing.png"]
)
def test_a_logo_outside_the_folders_or_of_another_type_is_ignored(settings, logo, value):
    (logo.parent / "kommun.txt").write_text("not an image")
    (logo.parent.parent.parent / "secret.png").write_bytes(logo.read_bytes())
    settings.MUNICIPALITY_LOGO = value
    assert municipality_logo() is None


def test_the_public_page_shows_the_block_and_the_logo(client, logo):
    coordinator = UserFactory(username="samordnare")
    coordinator.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    programme = ProgrammeFactory(actor=coordinator, period_from=2026, period_to=2029)
    MeasureFactory(
        actor=coordinator, section=SectionFactory(actor=coordinator, programme=programme)
    )
    adopt(programme, coordinator, paragraph="KF § 45")
    client.cookies["django_language"] = "en"
    page = client.get(reverse("programme:public", args=[programme.pk])).content.decode()
    for text in ("Document details", "Decided by", "KF § 45", "2026-01-01 – 2029-12-31"):
        assert text in page, text
    assert f'src="{reverse("programme:municipality_logo")}"' in page


def test_a_programme_adopted_without_recorded_details_is_still_decided_by_the_council(
    client, adopted
):
    # As the demo's 2019 plan: adopted before the system kept the decision's details.
    Programme.objects.filter(pk=adopted.pk).update(
        decision_date=None, decision_paragraph="", case_number=""
    )
    adopted.refresh_from_db()
    client.cookies["django_language"] = "en"
    page = client.get(adopted.get_absolute_url()).content.decode()
    assert "Decided by" in page and "To be decided by" not in page
    cover = _cover(adopted, "adopted")
    assert "Beslutat av Kommunfullmäktige" in cover and "Beslutas av" not in cover
