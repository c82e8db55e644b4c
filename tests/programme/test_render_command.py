"""``manage.py render_programme``: a PDF without a worker."""

import pytest
from django.core.management import CommandError, call_command

from programme.models import RenderJob
from tests.factories import MeasureFactory

from .pdf_support import page_texts

pytestmark = pytest.mark.django_db


def test_renders_the_programme_to_the_given_file_synchronously(tmp_path):
    measure = MeasureFactory(title="Tillsyn av korttidsuthyrning")
    output = tmp_path / "program.pdf"

    call_command("render_programme", measure.section.programme.pk, "--output", str(output))

    text = " ".join(page_texts(output.read_bytes()))
    assert "Tillsyn av korttidsuthyrning" in text
    assert "UTKAST" in text
    assert not RenderJob.objects.exists()


def test_an_unknown_programme_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No programme with id 999"):
        call_command("render_programme", 999, "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
