"""Keep user text's bidirectional controls to itself.

A title may hold an unclosed right-to-left override (U+202E, pasted or hostile); shown as is,
it reverses whatever the page or the PDF prints after it, the app's own words included. HTML
content wraps user text in <bdi> (templates); where markup cannot go (the page title, attribute
values, messages, e-mail) the text is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE,
which closes every embedding and override opened inside it.
"""

import unicodedata

FSI, PDI = "\u2068", "\u2069"
# Explicit embeddings, overrides and isolates, and right-to-left letters: what can reorder text.
_REORDERING = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "R", "AL"}


def isolate(text) -> str:
    """``text`` as an isolated run: its direction controls end where it ends.

    Left-to-right text stays as it is (no invisible characters in copied text, PDF metadata or
    e-mail subjects for the titles nearly everyone writes).
    """
    text = "" if text is None else str(text)
    if any(unicodedata.bidirectional(char) in _REORDERING for char in text):
        return f"{FSI}{text}{PDI}"
    return text
