"""Keep user text's bidirectional controls to itself.

A title may hold an unclosed right-to-left override (U+202E, pasted or hostile); shown as is,
it reverses whatever the page or the PDF prints after it, the app's own words included. HTML
content wraps user text in <bdi> (templates); where markup cannot go (the page title, attribute
values, messages, e-mail) the text is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE,
which closes every embedding and override opened inside it.
"""

FSI, PDI = "\u2068", "\u2069"


def isolate(text) -> str:
    """``text`` as an isolated run: its direction controls end where it ends."""
    text = "" if text is None else str(text)
    return f"{FSI}{text}{PDI}" if text else text
