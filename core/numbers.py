"""Numbers as people write them: no trailing zeros, the reader's decimal separator.

The pages (the ``plain_number`` template filter) and the PDF (always Swedish) share this one
rule, so a target value reads "40" and "12,5" wherever it is shown.
"""

from decimal import Decimal, InvalidOperation

from django.utils import formats


def plain_number(value, decimal_separator: str | None = None) -> str:
    """``value`` (a Decimal, a number or its text) without trailing zeros; ``decimal_separator``
    defaults to the active language's (a comma in Swedish). Text that is no number is kept."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    text = format(number.normalize(), "f")
    if decimal_separator is None:
        decimal_separator = formats.get_format("DECIMAL_SEPARATOR")
    return text.replace(".", decimal_separator)
