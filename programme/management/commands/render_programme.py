"""Render a programme's PDF synchronously, without a worker: ``render_programme <id> --output f``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programme.documents import render as pdf
from programme.documents.document import DocumentKind
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

    def handle(self, *args, programme_id: int, output: Path, kind: str | None, **options):
        programme = Programme.objects.filter(pk=programme_id).first()
        if programme is None:
            raise CommandError(f"No programme with id {programme_id}.")
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
