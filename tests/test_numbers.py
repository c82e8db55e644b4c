"""Numbers read the same on the pages and in the PDF: no trailing zeros, Swedish decimal comma."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.numbers import plain_number
from programme.documents.selectors import _number


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("40.00"), "40"),
        ("40.00", "40"),
        (Decimal("12.50"), "12,5"),
        ("0.00", "0"),
        (Decimal("1000"), "1000"),
        (7, "7"),
        (None, ""),
        ("", ""),
        ("ej ett tal", "ej ett tal"),
    ],
)
def test_plain_number(value, shown):
    # In Swedish, the default; an earlier test's request may have left English active.
    with translation.override("sv"):
        assert plain_number(value) == shown


def test_the_template_filter_uses_the_readers_language():
    template = Template("{% load numbers %}{{ value|plain_number }}")
    with translation.override("sv"):
        assert template.render(Context({"value": "12.50"})) == "12,5"
    with translation.override("en"):
        assert template.render(Context({"value": "12.50"})) == "12.5"


def test_the_pdf_formats_numbers_like_the_pages():
    with translation.override("sv"):
        for value in (Decimal("40.00"), Decimal("12.50"), Decimal("0.25")):
            assert _number(value) == plain_number(value)
