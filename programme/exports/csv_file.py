"""Writes export rows as CSV for Excel in Sweden: UTF-8 with a byte order mark (without it Excel
reads å, ä and ö as Latin-1), semicolons between cells (Swedish Excel splits on the list
separator, and the comma is the decimal sign), ISO dates and decimal numbers as the language
writes them."""

import csv
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from io import StringIO

from django.utils.formats import get_format

from .cells import starts_like_formula
from .selectors import Cell, Column

CONTENT_TYPE = "text/csv; charset=utf-8"
DELIMITER = ";"
BOM = "\ufeff"


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # 12.50 → "12,5" in Swedish: no trailing zeros, the language's decimal sign.
        number = f"{value:f}"
        if "." in number:
            number = number.rstrip("0").rstrip(".")
        return number.replace(".", get_format("DECIMAL_SEPARATOR"))
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    # A leading apostrophe makes Excel and LibreOffice take the cell for text, not a formula.
    return f"'{text}" if starts_like_formula(text) else text


def csv_bytes(*, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> bytes:
    """A header row and the rows, as the bytes of a .csv file."""
    output = StringIO()
    writer = csv.writer(output, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([_text(str(column.label)) for column in columns])
    for row in rows:
        writer.writerow([_text(value) for value in row])
    return (BOM + output.getvalue()).encode("utf-8")
