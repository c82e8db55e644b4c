"""Download a programme's measures as XLSX or CSV, with the overview's filters from the query."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from programme.models import Programme
from programme.overview.forms import OverviewFilterForm
from programme.shortcuts import programme_get_visible

from . import csv_file, xlsx
from .selectors import COLUMNS, measure_export_rows


def _filename(programme: Programme, extension: str) -> str:
    """Like the PDF's: ``handlingsprogram-skelleftea-2026-2029-v1-atgarder.xlsx``."""
    place = slugify(programme.municipality.removesuffix(" kommun"))
    period = f"{programme.period_from}-{programme.period_to}"
    return f"handlingsprogram-{place}-{period}-v{programme.edition}-atgarder.{extension}"


def _export(request, pk: int, extension: str):
    """The programme (404 unless the user may read it), the filters, and the file or the form."""
    programme = programme_get_visible(user=request.user, pk=pk)
    form = OverviewFilterForm(request.GET or None, programme=programme)
    if form.is_bound and not form.is_valid():
        # A link whose filters no longer fit (a section deleted since): say which, keep the rest.
        return render(
            request,
            "programme/exports/invalid_filters.html",
            {"programme": programme, "filter_form": form, "extension": extension},
            status=400,
        )
    rows = measure_export_rows(programme=programme, filters=form.filters())
    if extension == "xlsx":
        content = xlsx.workbook_bytes(
            title=str(programme), sheet_name=_("Measures"), columns=COLUMNS, rows=rows
        )
        content_type = xlsx.CONTENT_TYPE
    else:
        content = csv_file.csv_bytes(columns=COLUMNS, rows=rows)
        content_type = csv_file.CONTENT_TYPE
    disposition = content_disposition_header(True, _filename(programme, extension))
    return HttpResponse(
        content, content_type=content_type, headers={"Content-Disposition": disposition}
    )


# A draft's export must not wait in a shared cache for the next visitor.
@require_GET
@cache_control(private=True, no_cache=True)
def measures_xlsx(request, pk: int):
    """The measures as an Excel workbook."""
    return _export(request, pk, "xlsx")


@require_GET
@cache_control(private=True, no_cache=True)
def measures_csv(request, pk: int):
    """The measures as CSV for Excel."""
    return _export(request, pk, "csv")
