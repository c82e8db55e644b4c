"""The ``isolate`` filter (core.bidi), a builtin of every template: user text in an attribute, the
page title or a translated sentence keeps its direction controls to itself."""

from django import template

from core import bidi

register = template.Library()


@register.filter(is_safe=True)
def isolate(value) -> str:
    # Safe in, safe out: the two added characters are no markup.
    return bidi.isolate(value)
