"""A title with an unclosed right-to-left override (U+202E) reverses only itself: every place that
shows user text isolates it (<bdi> in HTML and the PDF, U+2068…U+2069 in plain text such as the
page title, attributes and messages), so the app's own text around it reads as written."""

import re
from dataclasses import replace

import pytest
from django.urls import reverse

from programme.documents import render as pdf
from programme.documents.document import DocumentKind
from tests.factories import MeasureFactory, SectionFactory
from tests.programme.helpers import make_coordinator

from .pdf_support import measure_doc, page_texts, programme_doc

pytestmark = pytest.mark.django_db

RLO = "\u202e"
EVIL = f"Plan {RLO}ABC"
FSI, PDI = "\u2068", "\u2069"


@pytest.fixture
def coordinator_client(client):
    client.force_login(make_coordinator())
    return client


def test_pages_isolate_titles_in_headings_lists_and_the_page_title(coordinator_client):
    section = SectionFactory(title=EVIL)
    section.programme.title = EVIL
    section.programme.save()
    measure = MeasureFactory(section=section, title=EVIL)
    body = coordinator_client.get(section.programme.get_absolute_url()).content.decode()
    assert re.search(rf"<h1><bdi>{EVIL}</bdi> \d{{4}}", body)  # the period after it is not reversed
    title = body.split("<title>")[1].split("</title>")[0]
    assert f"{FSI}{EVIL}{PDI}" in title and f"{PDI} – " in title
    assert f'<a href="{measure.get_absolute_url()}"><bdi>{EVIL}</bdi></a>' in body
    assert f"<bdi>{EVIL}</bdi></a></li>" in body  # the contents list
    body = coordinator_client.get(measure.get_absolute_url()).content.decode()
    assert f"<bdi>{EVIL}</bdi>" in body.split("<h1")[1].split("</h1>")[0]
    assert f"<bdi>{EVIL}</bdi>" in body.split('class="breadcrumbs"')[1].split("</nav>")[0]


def test_a_message_built_with_a_title_isolates_it(coordinator_client):
    section = SectionFactory()
    MeasureFactory(section=section, title="Först")
    measure = MeasureFactory(section=section, title=EVIL)
    response = coordinator_client.post(
        reverse("measures:move", args=[measure.pk]), {"position": 1}, follow=True
    )
    message = str(next(iter(response.context["messages"])))
    assert f"{FSI}{EVIL}{PDI}" in message


def test_the_pdf_isolates_titles_so_the_text_after_them_reads_in_order():
    doc = programme_doc(
        DocumentKind.DRAFT, measures_per_section=1, title=f"Handlingsprogram {RLO}XYZ"
    )
    evil_measure = replace(measure_doc(1, 1), title=f"Utbildning {RLO}ABC")
    doc = replace(
        doc, sections=(replace(doc.sections[0], measures=(evil_measure,)), *doc.sections[1:])
    )
    html = pdf.document_html(doc)
    assert f"<bdi>Handlingsprogram {RLO}XYZ</bdi>" in html
    assert f"<bdi>Utbildning {RLO}ABC</bdi>" in html
    content, _pages = pdf.html_to_pdf(html)
    text = " ".join(page_texts(content))
    assert "2020–2023" in text  # the period after the title on the cover is not reversed
    assert "3202–0202" not in text
