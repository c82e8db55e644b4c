"""Everything a user reads is in Swedish: every message has a translation, and the compiled
catalogue that Django loads matches the source catalogue."""

import ast
import gettext
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "sv" / "LC_MESSAGES"


def _po_entries(path: Path) -> dict[str, str]:
    """A small .po reader: msgid -> msgstr (plural forms joined), fuzzy entries marked None."""
    entries, current, key, fuzzy = {}, {}, None, False

    def flush():
        nonlocal current, fuzzy
        if current.get("msgid"):
            if "msgctxt" in current:  # gettext's key for a message with a context
                current["msgid"] = f"{current['msgctxt']}\x04{current['msgid']}"
            plural = [v for k, v in sorted(current.items()) if k.startswith("msgstr[")]
            entries[current["msgid"]] = (
                None if fuzzy else (current.get("msgstr") or "|".join(plural))
            )
        current, fuzzy = {}, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
    flush()
    return entries


# django: the pages; djangojs: the editor's buttons and dialogs (static/js/prose_editor.js).
DOMAINS = pytest.mark.parametrize("domain", ["django", "djangojs"])


@DOMAINS
def test_every_message_has_a_swedish_translation(domain):
    entries = _po_entries(LOCALE / f"{domain}.po")
    assert entries, "the Swedish catalogue is empty"
    untranslated = [msgid for msgid, msgstr in entries.items() if not msgstr]
    assert untranslated == []


@DOMAINS
def test_the_compiled_catalogue_matches_the_source(domain):
    entries = _po_entries(LOCALE / f"{domain}.po")
    with (LOCALE / f"{domain}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in entries.items():
        if "|" in (msgstr or ""):
            continue
        context, _, text = msgid.rpartition("\x04")
        found = compiled.pgettext(context, text) if context else compiled.gettext(text)
        assert found == msgstr, f"run `make messages`: {msgid!r} is stale"


def test_pages_are_swedish_whatever_the_browser_language(client):
    response = client.get("/konto/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "<h1>Logga in</h1>" in response.content.decode()


def test_english_is_offered_and_remembered(client):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/konto/login/"}, follow=True
    )
    assert "<h1>Log in</h1>" in response.content.decode()
    assert "<h1>Log in</h1>" in client.get("/konto/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert "<h1>Logga in</h1>" in client.get("/konto/login/").content.decode()
