"""Writes export rows as an XLSX workbook with openpyxl: a header row that stays in view,
column widths that fit the columns, dates as dates and numbers as numbers."""

from collections.abc import Sequence
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .cells import starts_like_formula
from .selectors import Cell, Column

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"  # ISO 8601, as Swedish dates are written anyway
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def _set(cell, value: Cell, column: Column) -> None:
    if isinstance(value, str):
        # Control characters that XML 1.0 cannot hold (pasted from elsewhere) would stop the save.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str):
        # openpyxl turns text that begins with "=" into a formula; text is stored as text, and
        # the quote prefix keeps Excel from reading a formula even when the cell is edited.
        cell.data_type = "s"
        if starts_like_formula(value):
            cell.quotePrefix = True
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    cell.alignment = WRAPPED if column.long_text else TOP


def workbook_bytes(
    *, title: str, sheet_name: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]
) -> bytes:
    """The rows under a bold, frozen header row, as the bytes of an .xlsx file."""
    workbook = Workbook()
    sheet = workbook.active
    # Excel's limit for a sheet name is 31 characters.
    sheet.title = sheet_name[:31]
    workbook.properties.title = title
    header = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        _set(cell, str(column.label), column)
        cell.font = header
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row_number, row in enumerate(rows, start=2):
        for index, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            _set(sheet.cell(row=row_number, column=index), value, column)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 1)}"
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
