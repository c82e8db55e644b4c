"""Numbers read the same on the pages and in the PDF: no trailing zeros, Swedish decimal comma."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.numbers import plain_number
from programme.documents.common import number_sv


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


def test_the_pdfs_format_numbers_like_the_swedish_pages_in_any_language():
    """The PDFs are Swedish whoever asks: a Decimal from the table and its text in a closed
    round's snapshot both print as the Swedish page shows them."""
    values = (Decimal("40.00"), Decimal("12.50"), Decimal("0.25"), "12.50", "120", None)
    with translation.override("sv"):
        shown = [plain_number(value) for value in values]
    for language in ("sv", "en"):
        with translation.override(language):
            assert [number_sv(value) for value in values] == shown
