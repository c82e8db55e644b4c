"""Ctrl+P on the overview and a measure prints the programme, not the app around it: the print
stylesheet (static/css/app.css, @media print) hides navigation, filters, buttons and skip links."""

import re

import pytest

from measures.models import Measure
from programme.models import Programme

pytestmark = pytest.mark.django_db(transaction=True)

HIDDEN_IN_PRINT = [
    ".skip-link",
    "header nav",
    ".header-tools",
    ".site-footer",
    ".breadcrumbs",
    ".toolbar",
    ".filters",
    ".row-actions",
    "main button",
    "main .button",
]


def test_printing_shows_the_content_without_the_controls(page, demo):
    page.goto("/konto/login/")
    page.fill("#id_username", "samordnare")
    page.fill("#id_password", "demo-losenord")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))
    programme = Programme.objects.get(status=Programme.Status.DRAFT)
    measure = Measure.objects.filter(section__programme=programme).first()
    Measure.objects.filter(pk=measure.pk).update(
        description='<p>Se <a href="https://polisen.se/manniskohandel">Polisen</a>.</p>'
    )
    for url in (programme.get_absolute_url(), measure.get_absolute_url()):
        page.goto(url)
        page.emulate_media(media="screen")
        assert page.locator("header nav").is_visible()
        page.emulate_media(media="print")
        for selector in HIDDEN_IN_PRINT:
            for element in page.locator(selector).all():
                assert not element.is_visible(), f"{selector} prints on {url}"
        assert page.locator("h1").is_visible()
    # The measure page: an external link's address is printed after it.
    link = page.locator(".richtext a[href^='https://polisen.se']")
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "polisen.se/manniskohandel" in after
    page.goto(programme.get_absolute_url())
    assert page.locator("table.measures-table").first.is_visible()
