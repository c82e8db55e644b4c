from django import template
from django.utils.safestring import mark_safe

from core.richtext import sanitize_html

register = template.Library()


@register.filter
def richtext(value: str) -> str:
    """Show stored rich text. It was sanitised on save; sanitising again is idempotent and cheap."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - the output of nh3 is safe by construction
