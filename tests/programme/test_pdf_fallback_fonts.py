"""Issue 14 (11): emoji and symbols that Open Sans lacks print with the shipped Noto fallbacks.

Before, a measure titled "Stödlinje ☎ dygnet runt ✓" printed two empty boxes (.notdef): Open
Sans has neither glyph and the PDF may load no host font. Now the fallbacks are embedded like
Open Sans (PDF/A: every font in the file) and every typed character has a real glyph.
"""

import io
import shutil
import subprocess

import pytest
from fontTools.ttLib import TTFont

from programme.documents import render as pdf
from programme.documents.document import DocumentKind
from tests.support import require

from .pdf_support import measure_doc, programme_doc, reader

SYMBOLS = "☎ ✓ ✔ ★ → ⚠ € ≤ ∞ 😀 👍 🙂"
TITLE = f"Stödlinje dygnet runt {SYMBOLS}"


@pytest.fixture(scope="module")
def symbol_pdf() -> bytes:
    document = programme_doc(DocumentKind.DRAFT, measures_per_section=1)
    first = document.sections[0]
    measure = measure_doc(1, 1, title=TITLE, description=f"<p>Ring oss ☎ – klart ✓ {SYMBOLS}</p>")
    sections = (first.__class__(**{**vars(first), "measures": (measure,)}), *document.sections[1:])
    document = document.__class__(**{**vars(document), "sections": sections})
    return pdf.document_render(document).content


def _embedded_fonts(content: bytes) -> dict[str, TTFont]:
    """Each font in the file by its base name, parsed from its embedded program."""
    fonts = {}
    for page in reader(content).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2")
            assert program is not None, f"{font['/BaseFont']} is not embedded"
            fonts[str(font["/BaseFont"])] = TTFont(io.BytesIO(program.get_object().get_data()))
    return fonts


def _glyphs_used(content: bytes) -> dict[str, set[int]]:
    """The glyph ids each font's text draws, read from the fonts' ToUnicode maps (bfchar)."""
    used: dict[str, set[int]] = {}
    for page in reader(content).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            ids = used.setdefault(str(font["/BaseFont"]), set())
            for block in cmap.split("beginbfchar")[1:]:
                for line in block.split("endbfchar")[0].strip().splitlines():
                    ids.add(int(line.split(">")[0].strip("< "), 16))
    return used


def test_emoji_and_symbols_use_the_noto_fallbacks_embedded_in_the_file(symbol_pdf):
    names = _embedded_fonts(symbol_pdf)
    assert any("Noto-Emoji" in name for name in names), names
    assert any("Noto-Sans-Symbols-2" in name for name in names), names
    assert all("Open-Sans" in name or "Noto" in name for name in names), names


def test_no_character_prints_as_an_empty_notdef_box(symbol_pdf):
    # Glyph 0 is .notdef, the empty box: no font may draw it.
    for name, ids in _glyphs_used(symbol_pdf).items():
        assert 0 not in ids, f"{name} draws .notdef"
    text = " ".join(page.extract_text() for page in reader(symbol_pdf).pages)
    for character in SYMBOLS.split():
        assert character in text, character


def test_pdffonts_lists_every_font_embedded_and_subset(symbol_pdf, tmp_path):
    require(shutil.which("pdffonts") is not None, "pdffonts (poppler-utils) is not installed")
    path = tmp_path / "symbols.pdf"
    path.write_bytes(symbol_pdf)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert any("Noto-Emoji" in line for line in lines), lines
    assert any("Noto-Sans-Symbols-2" in line for line in lines), lines
    for line in lines:
        columns = line.split()
        # name type encoding emb sub uni object ID: "yes yes yes" = embedded, subset, ToUnicode.
        assert columns[-5:-2] == ["yes", "yes", "yes"], line
