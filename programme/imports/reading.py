"""Reads an uploaded XLSX or CSV into rows keyed by the export's columns, within stated limits."""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from programme.exports.cells import FORMULA_TRIGGERS
from programme.exports.selectors import COLUMNS

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500  # a programme has 20-300 measures
# An .xlsx is a zip: a small file can unpack to gigabytes, which openpyxl would hold in memory.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
REQUIRED = ("section", "title")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass(frozen=True)
class SourceRow:
    number: int  # as the spreadsheet numbers it: the header is row 1
    cells: dict  # column key → value as read (text, number, date or None)


def _header_keys() -> dict[str, str]:
    """Every column's label in both languages (case-insensitive) → its key."""
    keys = {}
    for language in ("sv", "en"):
        with translation.override(language):
            keys.update({str(column.label).strip().lower(): column.key for column in COLUMNS})
    return keys


def _unneutralised(value):
    """The export's apostrophe before a formula-like text goes again (see exports.cells)."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] in FORMULA_TRIGGERS:
        return value[1:]
    return value


def _blank(row) -> bool:
    return all(value is None or str(value).strip() == "" for value in row)


def _numbered(rows) -> list[tuple[int, list]]:
    """Non-blank rows with their numbers in the file, stopping just past the row limit."""
    kept = []
    for number, row in enumerate(rows, start=1):
        if not _blank(row):
            kept.append((number, list(row)))
            if len(kept) > MAX_ROWS + 1:
                break
    return kept


def _xlsx_rows(content: bytes) -> list[tuple[int, list]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError(
            _("The file could not be read as an Excel workbook (.xlsx).")
        ) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(_("The workbook is too large once unpacked."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = _numbered(sheet.iter_rows(max_col=len(COLUMNS) + 10, values_only=True))
        workbook.close()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError) as error:
        raise ImportFileError(
            _("The file could not be read as an Excel workbook (.xlsx).")
        ) from error
    return rows


def _csv_rows(content: bytes) -> list[tuple[int, list]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        return _numbered(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(_("The file could not be read as CSV.")) from error


def read_table(*, name: str, content: bytes) -> list[SourceRow]:
    """The file's data rows, keyed by column; refuses files over the limits or without the
    columns every row needs."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_BYTES // (1024 * 1024)}
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "xlsx":
        rows = _xlsx_rows(content)
    elif extension == "csv":
        rows = _csv_rows(content)
    else:
        raise ImportFileError(_("Choose an Excel workbook (.xlsx) or a CSV file (.csv)."))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(limit)s measures; import at most %(limit)s at a time.")
            % {"limit": MAX_ROWS}
        )
    labels = _header_keys()
    keys = [labels.get(str(value or "").strip().lower()) for value in rows[0][1]]
    missing = [
        str(column.label) for column in COLUMNS if column.key in REQUIRED and column.key not in keys
    ]
    if "responsible_code" not in keys and "responsible_name" not in keys:
        missing.append(_("Responsible committee"))
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    table = []
    for number, row in rows[1:]:  # a CSV row may end before the header does
        cells = {key: _unneutralised(value) for key, value in zip(keys, row, strict=False) if key}
        table.append(SourceRow(number=number, cells=cells))
    return table
