from django import template

from core.numbers import plain_number as _plain_number

register = template.Library()


@register.filter
def plain_number(value) -> str:
    """A number without trailing zeros, with the reader's decimal separator (core.numbers)."""
    return _plain_number(value)
