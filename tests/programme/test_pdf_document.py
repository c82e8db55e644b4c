"""The programme PDF: content, page numbers, metadata, PDF/A and tagging declarations, fonts."""

import gc
import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pydyf
import pytest
import weasyprint
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf.generic import IndirectObject
from weasyprint.html import UA_STYLESHEET as WEASYPRINT_UA_STYLESHEET
from weasyprint.text.ffi import harfbuzz_subset

from programme.documents import content
from programme.documents import render as pdf
from programme.documents import weasyprint_tuning as tuning
from programme.documents.document import DocumentKind
from programme.documents.selectors import programme_document_context
from programme.models import Programme
from tests.factories import CommitteeFactory, MeasureFactory, PartnerFactory, SectionFactory
from tests.support import require

from .pdf_support import page_texts, programme_doc, reader, xmp


@pytest.fixture(scope="module")
def draft_pdf():
    return pdf.document_render(programme_doc(DocumentKind.DRAFT))


@pytest.fixture(scope="module")
def adopted_pdf():
    return pdf.document_render(programme_doc(DocumentKind.ADOPTED))


def _struct_types(node, found: set[str], depth: int = 0) -> set[str]:
    node = node.get_object()
    if "/S" in node:
        found.add(str(node["/S"]))
    kids = node.get("/K")
    if kids is None or depth > 60:
        return found
    kids = kids if isinstance(kids, list) else [kids]
    for kid in kids:
        if isinstance(kid, IndirectObject) or hasattr(kid, "get"):
            kid_object = kid.get_object()
            if hasattr(kid_object, "get") and kid_object.get("/Type") != "/MCR":
                _struct_types(kid_object, found, depth + 1)
    return found


def test_text_layer_has_titles_measures_and_swedish_characters(draft_pdf):
    text = " ".join(page_texts(draft_pdf.content))
    for expected in (
        "Handlingsprogram mot prostitution, människohandel och köp av sexuella tjänster",
        "Skellefteå kommun",
        "1. Prostitution",
        "2. Människohandel",
        "3. Köp av sexuella tjänster",
        "1.2 Samverkansrutiner för åtgärd 1.2 – särskilt stöd",
        "Innehåll",
        "Bilaga: Nämndernas uppdrag",
        "Ansvarig nämnd: Socialnämnden",
        "Samverkanspartner: Polisen, Region Västerbotten",
        "Målvärde: 80,5 %",
    ):
        assert expected in text, expected
    assert "åäöÅÄÖ" not in text  # sanity: the string above is not a fixture artefact
    assert re.search(r"[åäö]", text) and re.search(r"[ÅÄÖ]", text)


def test_every_page_is_numbered_sida_x_av_y_and_page_count_matches(draft_pdf):
    texts = page_texts(draft_pdf.content)
    assert len(texts) == draft_pdf.pages >= 6
    for number, text in enumerate(texts, start=1):
        assert f"Sida {number} av {len(texts)}" in text


def test_table_of_contents_gives_the_page_each_section_starts_on(draft_pdf):
    texts = page_texts(draft_pdf.content)
    toc = texts[1]
    for title in ("1. Prostitution", "2. Människohandel"):
        page = next(i for i, t in enumerate(texts, start=1) if i > 2 and t.find(title) != -1)
        assert re.search(re.escape(title) + r"[ .]*" + str(page) + r"\b", toc), (title, page, toc)


def test_draft_is_marked_utkast_on_every_page_and_adopted_is_not(draft_pdf, adopted_pdf):
    assert all("UTKAST" in text for text in page_texts(draft_pdf.content))
    assert not any("UTKAST" in text for text in page_texts(adopted_pdf.content))


def test_adopted_cover_carries_the_council_decision(adopted_pdf):
    cover = page_texts(adopted_pdf.content)[0]
    assert "Antaget av kommunfullmäktige 2020-02-25, KF § 123, dnr KS 2019-000123" in cover
    assert "Version 2" in cover and "2020–2023" in cover


def test_running_header_shows_title_and_version_after_the_cover(draft_pdf):
    texts = page_texts(draft_pdf.content)
    assert "Version 2 ·" not in texts[0]
    assert "köp av sexuella tjänster · Version 2" in texts[2]


def test_follow_up_edition_shows_status_and_progress_the_draft_does_not(draft_pdf):
    follow_up = pdf.document_render(programme_doc(DocumentKind.FOLLOW_UP, measures_per_section=1))
    text = " ".join(page_texts(follow_up.content))
    assert "Status: Pågår, 40 % genomfört; utfall 42 %" in text
    assert "Utbildningen är halvvägs genomförd." in text
    assert "genomfört" not in " ".join(page_texts(draft_pdf.content))


def test_document_metadata(draft_pdf):
    info = reader(draft_pdf.content).metadata
    assert info.title.startswith("Handlingsprogram mot prostitution")
    assert info.author == "Skellefteå kommun"
    assert "version 2" in info.subject
    assert info.creation_date is not None
    assert reader(draft_pdf.content).trailer["/Root"]["/Lang"] == "sv"


def test_declares_pdf_a_2a_in_xmp_with_an_srgb_output_intent(draft_pdf):
    metadata = xmp(draft_pdf.content)
    assert re.search(r"pdfaid:part(=\"|>)2", metadata)
    assert re.search(r"pdfaid:conformance(=\"|>)A", metadata)
    root = reader(draft_pdf.content).trailer["/Root"]
    intents = root["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert "/DestOutputProfile" in intents[0].get_object()
    assert "/EmbeddedFiles" not in root.get("/Names", {})


def test_is_tagged_with_headings_lists_and_tables_with_header_cells(draft_pdf):
    root = reader(draft_pdf.content).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    types = _struct_types(root["/StructTreeRoot"], set())
    assert {"/H1", "/H2", "/H4", "/P", "/L", "/LI", "/Table", "/TH", "/TD"} <= types


def test_fonts_are_the_shipped_open_sans_and_all_embedded(draft_pdf):
    fonts = {}
    for page in reader(draft_pdf.content).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts
    assert all("Open-Sans" in name for name in fonts), fonts


def test_fonts_are_subset_by_harfbuzz_rather_than_the_slow_fonttools_fallback():
    require(
        harfbuzz_subset is not None,
        "libharfbuzz-subset0 is missing: WeasyPrint falls back to fontTools, markedly slower",
    )


def test_bookmarks_list_sections_and_measures(draft_pdf):
    outline = reader(draft_pdf.content).outline
    flat = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                flat.append(item.title)

    walk(outline)
    assert "1. Prostitution" in flat
    assert "2.1 Samverkansrutiner för åtgärd 2.1 – särskilt stöd" in flat
    assert "Bilaga: Nämndernas uppdrag" in flat


def test_download_name_follows_municipality_period_and_version():
    assert content.document_filename(programme_doc(DocumentKind.ADOPTED)) == (
        "handlingsprogram-skelleftea-2020-2023-v2.pdf"
    )
    assert content.document_filename(programme_doc(DocumentKind.DRAFT)).endswith("-v2-utkast.pdf")


def test_content_hash_changes_with_content_and_kind_only():
    base = content.content_hash(programme_doc(DocumentKind.DRAFT))
    assert base == content.content_hash(programme_doc(DocumentKind.DRAFT))
    assert base != content.content_hash(programme_doc(DocumentKind.DRAFT, edition=3))
    assert base != content.content_hash(programme_doc(DocumentKind.FOLLOW_UP))


@pytest.mark.django_db
def test_document_context_carries_every_measure_field_from_the_database():
    section = SectionFactory(title="Människohandel", goals="<ul><li>Skydd och stöd.</li></ul>")
    co = CommitteeFactory(name="Kulturnämnden", code="KN")
    measure = MeasureFactory(
        section=section,
        title="Villkor mot sexköp i föreningsbidrag",
        description="<p>Bidrag kräver <strong>villkor</strong>.</p><script>x()</script>",
        co_responsible_committees=[co],
        partners=[PartnerFactory(name="Länsstyrelsen Västerbotten")],
        indicator="Andel föreningar med villkoret",
        indicator_target="12.50",
        indicator_unit="%",
        start_date=date(2026, 2, 1),
        due_date=date(2026, 12, 31),
    )
    later = MeasureFactory(
        section=section, title="Tillsyn av lokaler", co_responsible_committees=[]
    )
    programme = section.programme
    Programme.objects.filter(pk=programme.pk).update(
        status=Programme.Status.ADOPTED,
        decision_date=date(2026, 3, 30),
        decision_paragraph="KF § 45",
        case_number="KS 2025-000321",
    )
    programme.refresh_from_db()

    document = programme_document_context(programme=programme, kind=DocumentKind.ADOPTED)

    (section_doc,) = document.sections
    measure_doc, later_doc = section_doc.measures
    assert later_doc.title == later.title and later_doc.identifier.endswith(".2")
    assert later_doc.co_responsible_committees == () and later_doc.partners == ()
    assert measure_doc.identifier == f"{section.order}.{measure.order}"
    assert measure_doc.description == "<p>Bidrag kräver <strong>villkor</strong>.</p>"
    assert measure_doc.co_responsible_committees == ("Kulturnämnden",)
    assert measure_doc.partners == ("Länsstyrelsen Västerbotten",)
    assert measure_doc.indicator_target == "12,5"
    assert (measure_doc.start_date, measure_doc.due_date) == ("2026-02-01", "2026-12-31")
    assert document.programme.decision.paragraph == "KF § 45"
    assert document.status == "Antaget"
    assert [c.name for c in document.committees] == sorted(
        [measure.responsible_committee.name, later.responsible_committee.name, "Kulturnämnden"],
        key=str.casefold,
    )


def _programme_with_measures(count: int) -> Programme:
    section = SectionFactory(title="Människohandel")
    co = CommitteeFactory()
    for _ in range(count):
        MeasureFactory(section=section, co_responsible_committees=[co])
    return section.programme


def _document_queries(programme: Programme) -> int:
    with CaptureQueriesContext(connection) as captured:
        programme_document_context(programme=programme, kind=DocumentKind.DRAFT)
    return len(captured)


@pytest.mark.django_db
def test_the_document_reads_the_owner_from_a_loaded_relation_and_never_more_with_the_rows():
    """Six queries for a programme row alone, five when the owning committee came with it (as
    the pages load it), for one measure as for twenty."""
    for count in (1, 20):
        pk = _programme_with_measures(count).pk
        assert _document_queries(Programme.objects.get(pk=pk)) == 6
        loaded = Programme.objects.select_related("owning_committee").get(pk=pk)
        assert _document_queries(loaded) == 5


def test_page_references_are_built_once_per_page_count_and_match_pydyf():
    # programme.documents.weasyprint_tuning replaces pydyf's page_references (rebuilt on every
    # access, which made tagging quadratic) with a cached one; it must give what pydyf's gives.
    assert pydyf.PDF.page_references.fget is tuning.page_references_cached
    document = pydyf.PDF()
    for _ in range(3):
        page = pydyf.Dictionary({"Type": "/Page"})
        document.add_object(page)
        document.add_page(page)
    expected = tuple(f"{number} 0 R".encode() for number in document.pages["Kids"][::3])
    assert document.page_references == expected
    assert document.page_references is document.page_references
    page = pydyf.Dictionary({"Type": "/Page"})
    document.add_object(page)
    document.add_page(page)
    assert len(document.page_references) == 4
    assert document.page_references[-1] == f"{page.number} 0 R".encode()


def test_every_structure_element_points_at_a_page_of_the_document(draft_pdf):
    pdf_reader = reader(draft_pdf.content)
    pages = {page.indirect_reference.idnum for page in pdf_reader.pages}
    seen = []

    def walk(node, depth=0):
        node = node.get_object()
        if "/Pg" in node:
            seen.append(node.raw_get("/Pg").idnum)
        kids = node.get("/K")
        if kids is None or depth > 60:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, IndirectObject):
                walk(kid, depth + 1)

    walk(pdf_reader.trailer["/Root"]["/StructTreeRoot"])
    assert set(seen) == pages


@pytest.mark.parametrize("kind", [DocumentKind.DRAFT, DocumentKind.FOLLOW_UP])
def test_the_weasyprint_tuning_leaves_the_file_byte_for_byte_the_same(kind, monkeypatch):
    # programme.documents.weasyprint_tuning only saves work and memory: the file must be exactly
    # what WeasyPrint and pydyf give as they come.
    html = pdf.document_html(programme_doc(kind), created=datetime(2026, 1, 1, tzinfo=UTC))
    assert tuning.narrowed_ua_stylesheet() is not WEASYPRINT_UA_STYLESHEET  # it applies here
    ours, pages = pdf.html_to_pdf(html)
    monkeypatch.setattr(tuning, "ProgrammeHTML", weasyprint.HTML)
    monkeypatch.setattr(pydyf.PDF, "page_references", tuning.PYDYF_PAGE_REFERENCES)
    monkeypatch.setattr(tuning, "render_without_collecting", lambda layout: layout())
    monkeypatch.setattr(tuning, "pack_streams_when_drawn", lambda document: None)
    monkeypatch.setattr(tuning, "release_pages", None)
    plain, plain_pages = pdf.html_to_pdf(html)
    assert (pages, ours) == (plain_pages, plain)


def test_every_page_packs_its_content_stream_when_it_is_drawn(monkeypatch):
    packed = []
    pack = tuning.paint_and_pack

    def recording(paint, stream, scale=1):
        pack(paint, stream, scale)
        packed.append(len(stream.stream) == 1 and stream.extra.get("Filter") == "/FlateDecode")

    monkeypatch.setattr(tuning, "paint_and_pack", recording)
    _content, pages = pdf.html_to_pdf(pdf.document_html(programme_doc(DocumentKind.DRAFT)))
    assert len(packed) == pages and all(packed)


def test_garbage_collection_is_back_on_after_a_render():
    assert gc.isenabled()
    pdf.html_to_pdf(pdf.document_html(programme_doc(DocumentKind.DRAFT)))
    assert gc.isenabled()


def _count_struct(node, kind: str, depth: int = 0) -> int:
    node = node.get_object()
    found = int(node.get("/S") == kind)
    kids = node.get("/K")
    if kids is None or depth > 60:
        return found
    for kid in kids if isinstance(kids, list) else [kids]:
        if isinstance(kid, IndirectObject) or hasattr(kid, "get"):
            kid_object = kid.get_object()
            if hasattr(kid_object, "get") and kid_object.get("/Type") != "/MCR":
                found += _count_struct(kid_object, kind, depth + 1)
    return found


def test_an_empty_bullet_stored_before_the_fix_prints_no_list_item():
    """ "Punktlista" clicked on nothing used to store <ul><li></li></ul>, printed as a bare bullet;
    text is sanitised again on display, so such stored text prints without it."""
    one_section = programme_doc(DocumentKind.ADOPTED, measures_per_section=1).sections[:1]

    def list_items(description):
        [measure] = one_section[0].measures
        section = replace(one_section[0], measures=(replace(measure, description=description),))
        doc = programme_doc(DocumentKind.ADOPTED, sections=(section,), committees=())
        content = pdf.document_render(doc).content
        root = reader(content).trailer["/Root"]
        return _count_struct(root["/StructTreeRoot"], "/LI"), " ".join(page_texts(content))

    clean, clean_text = list_items("<p>Före</p><ul><li><p>Första punkten</p></li></ul>")
    with_empty, text = list_items(
        "<p>Före</p><ul><li><p>Första punkten</p></li><li></li></ul><ul>\n  <li></li>\n</ul>"
    )
    assert "Före Första punkten" in clean_text and "Före Första punkten" in text
    assert with_empty == clean
