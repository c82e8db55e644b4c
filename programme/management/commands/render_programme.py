"""Render a programme's PDF synchronously, without a worker: ``render_programme <id> --output f``
(``--round <id>``: the follow-up report of one of its closed reporting rounds)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from measures.models import ReportingRound
from programme.documents import render as pdf
from programme.documents.document import DocumentKind
from programme.documents.round_report_render import round_report_render
from programme.documents.round_report_selectors import RoundNotClosed, round_report_document
from programme.documents.selectors import pdf_kind_for, programme_document_context
from programme.models import Programme


class Command(BaseCommand):
    help = "Render the PDF of a programme to a file, in this process."

    def add_arguments(self, parser):
        parser.add_argument("programme_id", type=int)
        parser.add_argument("--output", "-o", required=True, type=Path, help="Where to write it.")
        parser.add_argument(
            "--kind",
            choices=[kind.value for kind in DocumentKind],
            help="Edition; by default draft, or adopted for an adopted programme.",
        )
        parser.add_argument(
            "--round", type=int, dest="round_id", help="A closed round: its follow-up report."
        )

    def handle(self, *args, programme_id: int, output: Path, kind: str | None, **options):
        programme = Programme.objects.filter(pk=programme_id).first()
        if programme is None:
            raise CommandError(f"No programme with id {programme_id}.")
        if options.get("round_id") is not None:
            rendered = self._round_report(programme, options["round_id"])
        else:
            document = programme_document_context(
                programme=programme, kind=kind or pdf_kind_for(programme)
            )
            rendered = pdf.document_render(document)
        output.write_bytes(rendered.content)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output} ({rendered.pages} pages, {len(rendered.content)} bytes) in "
                f"{rendered.template_s + rendered.weasyprint_s:.1f} s."
            )
        )

    def _round_report(self, programme: Programme, round_id: int):
        reporting_round = (
            ReportingRound.objects.select_related("programme")
            .filter(pk=round_id, programme=programme)
            .first()
        )
        if reporting_round is None:
            raise CommandError(f"No reporting round {round_id} of programme {programme.pk}.")
        try:
            document = round_report_document(reporting_round=reporting_round)
        except RoundNotClosed:
            raise CommandError(
                f"Round {round_id} is open: only a closed round has a report."
            ) from None
        return round_report_render(document)
