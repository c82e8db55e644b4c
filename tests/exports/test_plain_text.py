"""Stored rich text as the plain text a spreadsheet cell holds."""

import pytest

from core.richtext import rich_text_as_plain, sanitize_html


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        ("Bara text", "Bara text"),
        ("<p>Första</p>\n<p>Andra</p>", "Första\n\nAndra"),
        ("<p>Rad ett<br>rad två</p>", "Rad ett\nrad två"),
        (
            "<p>Polis &amp; socialtjänst <strong>tillsammans</strong></p>",
            "Polis & socialtjänst tillsammans",
        ),
        (
            "<p>Inledning</p><ul><li>Ett</li><li>Två</li></ul><p>Slut</p>",
            "Inledning\n\n• Ett\n• Två\n\nSlut",
        ),
        ("<ol><li>Ett</li><li><p>Två</p></li></ol>", "1. Ett\n2. Två"),
        (
            "<ul><li>Ett<ol><li>a</li><li>b</li></ol></li><li>Två</li></ul>",
            "• Ett\n  1. a\n  2. b\n• Två",
        ),
        (
            '<p>Se <a href="https://example.se/plan">planen</a>.</p>',
            "Se planen (https://example.se/plan).",
        ),
        ('<p><a href="https://example.se">https://example.se</a></p>', "https://example.se"),
        ('<p><a href="mailto:info@example.se">info@example.se</a></p>', "info@example.se"),
        (
            "<p>  många   mellanslag\n och radbrytning i källan </p>",
            "många mellanslag och radbrytning i källan",
        ),
    ],
)
def test_rich_text_becomes_plain_text_with_its_line_breaks(html, text):
    assert rich_text_as_plain(sanitize_html(html)) == text
