"""core.richtext: what the editor (or anyone posting to the form) sends is reduced to the safe
subset, and nothing empty is kept: an empty bullet would reach the adopted PDF as a bare dot."""

import pytest

from core.richtext import sanitize_html


@pytest.mark.parametrize(
    ("submitted", "stored"),
    [
        # "Punktlista" clicked on nothing, in the old toolbar's and in the editor's markup.
        ("<ul>\n  <li></li>\n</ul>", ""),
        ("<ul><li><p></p></li></ul>", ""),
        ("<ol><li><p> </p></li><li><p>&nbsp;</p></li></ol>", ""),
        # An empty item among full ones goes; the list stays.
        (
            "<ul><li><p>Ett</p></li><li><p></p></li><li>Två</li></ul>",
            "<ul><li><p>Ett</p></li><li>Två</li></ul>",
        ),
        # Empty paragraphs (Enter pressed twice, Word's <o:p>&nbsp;</o:p>) go.
        ("<p>Första</p><p></p><p><br></p><p>&nbsp;</p><p>Andra</p>", "<p>Första</p><p>Andra</p>"),
        ('<p class="MsoNormal"><b><o:p>\u00a0</o:p></b></p><p>Text</p>', "<p>Text</p>"),
        ("<p></p>", ""),
    ],
)
def test_empty_paragraphs_and_list_items_are_never_stored(submitted, stored):
    assert sanitize_html(submitted) == stored


def test_formatting_between_words_keeps_its_space():
    assert sanitize_html("<p>ett<strong> </strong>två</p>") == "<p>ett two</p>".replace(
        "two", "två"
    )


def test_the_safe_subset_survives_unchanged():
    html = (
        '<p>Ett <strong>fett</strong> och <em>kursivt</em> ord, <a href="https://example.se" '
        'rel="noopener noreferrer">en länk</a>.</p><ol><li><p>Ett</p></li></ol>'
    )
    assert sanitize_html(html) == html


def test_word_markup_scripts_and_styles_are_removed():
    pasted = (
        '<p class="MsoNormal"><span style="mso-bidi-font-weight:bold">Word-text</span></p>'
        "<script>alert(1)</script><style>p{}</style>"
    )
    assert sanitize_html(pasted) == "<p>Word-text</p>"


def test_an_empty_link_title_is_dropped():
    assert sanitize_html('<p><a href="https://example.se" title="">länk</a></p>') == (
        '<p><a href="https://example.se" rel="noopener noreferrer">länk</a></p>'
    )
