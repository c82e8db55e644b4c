"""The one safe subset of HTML that programme texts may hold, sanitised with nh3 (Ammonia).

What is stored is exactly what the web page and the PDF show: sanitise on every write,
then mark safe on display. The editor (django-prose-editor) offers the same subset, but this
module is the authority: anything can be posted to a form.
"""

import re

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Nothing but white space (no-break spaces included) and line breaks.
_BLANK = r"(?:\s|\u00a0|&nbsp;|<br>)*"
# nh3's output is normalised (lower-case tags, no attributes on these), so these patterns see
# every empty element; each pass may empty a parent, hence the loop in _drop_empty.
_EMPTY_INLINE = re.compile(r"<(strong|b|em|i)>((?:\s|\u00a0|&nbsp;)*)</\1>")
_EMPTY_BLOCK = re.compile(rf"<(p|li)>{_BLANK}</\1>|<(ul|ol)>\s*</\2>")


def sanitize_html(value: str) -> str:
    """Return ``value`` reduced to the allowed subset; scripts, styles and other URL schemes go,
    and so do empty paragraphs, list items and lists (a bare bullet must not reach the PDF)."""
    if not value:
        return ""
    cleaned = nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        # The editor's link dialog sends title="" when its title field is left empty.
        attribute_filter=_drop_empty_attribute,
    )
    return _drop_empty(cleaned).strip()


def _drop_empty_attribute(tag: str, attribute: str, value: str) -> str | None:
    return value if value.strip() else None


def _drop_empty(html: str) -> str:
    while True:
        # Empty bold or italic keeps its white space, which may separate two words.
        reduced = _EMPTY_BLOCK.sub("", _EMPTY_INLINE.sub(r"\2", html))
        if reduced == html:
            return html
        html = reduced
