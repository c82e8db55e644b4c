"""Formula injection: a text cell that begins with one of these is read as a formula by Excel,
LibreOffice or Google Sheets (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``); a tab or a
carriage return can hide such a start. Both writers neutralise these cells, each in its format's
own way (OWASP, "CSV Injection"). Numbers and dates are no text and stay as they are."""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value) -> bool:
    """Is ``value`` text that a spreadsheet could take for a formula?"""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)
