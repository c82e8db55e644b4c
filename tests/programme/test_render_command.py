"""``manage.py render_programme``: a PDF without a worker."""

import pytest
from django.core.management import CommandError, call_command

from programme.models import RenderJob
from tests.factories import MeasureFactory

from .pdf_support import page_texts
from .round_report_support import close, round_world

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


def test_renders_a_closed_rounds_follow_up_report_and_refuses_an_open_one(tmp_path):
    world = round_world()
    programme_id, round_id = world.programme.pk, world.reporting_round.pk
    output = tmp_path / "rapport.pdf"
    with pytest.raises(CommandError, match=f"Round {round_id} is open"):
        call_command("render_programme", programme_id, "--round", round_id, "-o", str(output))
    assert not output.exists()
    close(world)

    call_command("render_programme", programme_id, "--round", round_id, "-o", str(output))

    text = " ".join(page_texts(output.read_bytes()))
    assert "Uppföljning 2026" in text and "Bilaga: Nämndernas rapportering" in text
    assert not RenderJob.objects.exists()
