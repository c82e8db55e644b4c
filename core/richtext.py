"""The one safe subset of HTML that programme texts may hold, sanitised with nh3 (Ammonia).

What is stored is exactly what the web page and the PDF show: sanitise on every write,
then mark safe on display. The editor (django-prose-editor) offers the same subset, but this
module is the authority: anything can be posted to a form.
"""

import re
from html import escape
from html.parser import HTMLParser

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


class _PlainText(HTMLParser):
    """Collects the text of the allowed subset with the line breaks its blocks imply."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[int | None] = []  # per open list: None for <ul>, the last number for <ol>
        self.in_item = 0
        self.link: tuple[str, int] | None = None  # (href, where its text starts in parts)

    def handle_starttag(self, tag, attrs):
        if tag == "p" and not self.in_item:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("ul", "ol"):
            if not self.in_item:  # a nested list's items start their own lines
                self.parts.append("\n\n")
            self.lists.append(0 if tag == "ol" else None)
        elif tag == "li":
            self.in_item += 1
            marker = "• "
            if self.lists and self.lists[-1] is not None:
                self.lists[-1] += 1
                marker = f"{self.lists[-1]}. "
            # NUL stands for the indent of a nested item until spaces are tidied in text().
            self.parts.append("\n" + "\0" * max(len(self.lists) - 1, 0) + marker)
        elif tag == "a":
            self.link = (dict(attrs).get("href") or "", len(self.parts))

    def handle_endtag(self, tag):
        if tag == "p" and not self.in_item:
            self.parts.append("\n\n")
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            if not self.in_item:
                self.parts.append("\n\n")
        elif tag == "li":
            self.in_item = max(self.in_item - 1, 0)
        elif tag == "a" and self.link:
            href, start = self.link
            self.link = None
            # The address is part of what the text says, unless the text already shows it.
            if href and href.removeprefix("mailto:") not in "".join(self.parts[start:]):
                self.parts.append(f" ({href})")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        text = re.sub(r" *\n *", "\n", re.sub(r" {2,}", " ", "".join(self.parts)))
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
        return text.replace("\0", "  ")


def rich_text_as_plain(value: str) -> str:
    """Stored rich text as plain text: paragraphs apart by a blank line, list items one a line
    ("• " or "1. "), line breaks kept and a link's address after its text; for spreadsheets."""
    if not value:
        return ""
    parser = _PlainText()
    parser.feed(value)
    parser.close()
    return parser.text()


_BULLET = re.compile(r"^\s*[•*-]\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


def plain_as_rich_text(text: str) -> str:
    """Plain text (as :func:`rich_text_as_plain` writes it, or typed in a spreadsheet) as rich
    text: blocks apart by blank lines become paragraphs, or lists when every line is an item;
    other line breaks are kept. Formatting that plain text cannot hold is not invented."""
    if not text or not text.strip():
        return ""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    html = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
            if all(pattern.match(line) for line in lines):
                items = "".join(f"<li>{escape(pattern.sub('', line))}</li>" for line in lines)
                html.append(f"<{tag}>{items}</{tag}>")
                break
        else:
            html.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
    return sanitize_html("".join(html))
