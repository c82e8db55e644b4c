"""The editor for formatted text (core.forms.RichTextField, static/js/prose_editor.js), in a real
browser: a coordinator writes bold text and a list without seeing a tag, pastes from Word and a
web page, and what is stored, shown and printed is the safe subset; it works by keyboard, passes
axe, needs no inline script under a strict Content-Security-Policy and without JavaScript is a
plain textarea."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect
from pypdf import PdfReader

from measures import services
from measures.models import Measure
from programme.documents.jobs import render_job_request
from programme.models import Programme

from .conftest import axe_check, check

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "demo-losenord"
PASTED = (
    '<p class="MsoNormal"><span style="mso-bidi-font-weight:bold;font-family:Calibri">'
    "Från Word</span><o:p></o:p></p>"
    '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
    "<script>window.pwned = true</script>"
    '<p>Webbsida med <b>fet</b> text<img src="x" onerror="window.pwned = true"></p>'
)
# A strict policy, as the one that is coming: nothing inline, everything from the app itself.
CSP = (
    "default-src 'self'; script-src 'self' 'report-sample'; style-src 'self' 'report-sample'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def log_in(page, username="samordnare"):
    page.goto("/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))


def draft_measure():
    return (
        Measure.objects.filter(section__programme__status=Programme.Status.DRAFT)
        .order_by("pk")
        .first()
    )


def editor_for(page, field_id):
    return page.locator(f".prose-editor:has(#{field_id}) .ProseMirror")


def paste_html(locator, html, text="Från Word Webbsida med fet text"):
    """A real paste event, with HTML and plain text on the clipboard as Word or a browser puts
    them there."""
    locator.evaluate(
        """(element, [html, text]) => {
            const data = new DataTransfer()
            data.setData("text/html", html)
            data.setData("text/plain", text)
            element.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true,
            }))
        }""",
        [html, text],
    )


def test_coordinator_writes_formatted_text_and_pastes_from_word(page, demo):
    measure = draft_measure()
    log_in(page)
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    page.goto(f"/atgarder/{measure.pk}/redigera/")
    editor = editor_for(page, "id_description")
    editor.wait_for()
    # The textarea is behind the editor; its label names the editable area.
    assert not page.locator("#id_description").is_visible()
    assert editor.get_attribute("role") == "textbox"
    assert page.get_by_role("textbox", name="Description").count() == 1

    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.press("Control+b")
    page.keyboard.type("Viktigt")
    page.keyboard.press("Control+b")
    page.keyboard.type(" arbete")
    page.keyboard.press("Enter")
    toolbar = page.get_by_role("toolbar", name=re.compile("Description"))
    toolbar.get_by_role("button", name="Bulleted list").click()
    page.keyboard.type("Första punkten")
    page.keyboard.press("Enter")
    page.keyboard.type("Andra punkten")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # leaves the list
    paste_html(editor, PASTED)
    # The browser refuses the pasted inline styles and handlers (the CSP working) and says so on
    # the console; the editor drops them anyway, as the stored text below shows.
    page.console_errors[:] = [
        error
        for error in page.console_errors
        if not re.search(r"inline (style|event handler)", error, re.IGNORECASE)
    ]
    # "Punktlista" clicked on a new empty line: an empty bullet, which must not be stored.
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Bulleted list").click()
    assert page.locator("#id_description").input_value().endswith("<ul><li><p></p></li></ul>")
    check(page, "measure-form-with-editor")

    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(rf"/atgarder/{measure.pk}/$"))

    measure.refresh_from_db()
    assert measure.description == (
        "<p><strong>Viktigt</strong> arbete</p>"
        "<ul><li><p>Första punkten</p></li><li><p>Andra punkten</p></li></ul>"
        "<p>Från Word</p>"
        "<p>Webbsida med <strong>fet</strong> text</p>"
    )
    richtext = page.locator("main .richtext").first
    assert richtext.locator("strong").first.inner_text() == "Viktigt"
    assert richtext.locator("ul > li").all_inner_texts() == ["Första punkten", "Andra punkten"]
    assert richtext.locator("script, img, span, [style]").count() == 0
    assert page.evaluate("window.pwned") is None
    check(page, "measure-detail-formatted")

    # The PDF prints the same text, in the same order, and nothing of the script.
    job = render_job_request(
        actor=User.objects.get(username="samordnare"),
        programme=measure.section.programme,
        kind="draft",
    )
    job.refresh_from_db()
    assert job.status == "done", job.error
    with job.file.open("rb") as handle:
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(handle).pages)
    assert (
        "Viktigt arbete Första punkten Andra punkten Från Word Webbsida med fet text "
        "Ansvarig nämnd:" in text
    )
    assert "pwned" not in text


def test_the_toolbar_works_by_keyboard_with_visible_focus_and_swedish_names(page, demo):
    measure = draft_measure()
    log_in(page)
    page.context.clear_cookies(name="django_language")
    page.goto(f"/atgarder/{measure.pk}/redigera/")
    editor_for(page, "id_description").wait_for()
    toolbar = page.get_by_role("toolbar", name="Formatering: Beskrivning")
    names = [b.get_attribute("aria-label") for b in toolbar.get_by_role("button").all()]
    assert names[:4] == ["Fet", "Kursiv", "Punktlista", "Numrerad lista"]
    assert {"Länk", "Ångra", "Gör om"} <= set(names)
    # The icon is drawn by the stylesheet, not held as text: axe (WCAG 2.5.3) would otherwise
    # compare a ligature such as "format_bold" with the name whenever the icon font is late.
    texts = [b.evaluate("b => b.textContent") for b in toolbar.get_by_role("button").all()]
    assert texts == [""] * len(names)
    glyph = toolbar.get_by_role("button", name="Fet").evaluate(
        "b => getComputedStyle(b, '::before').content"
    )
    assert glyph == '"format_bold"'

    page.focus("#id_title")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Fet"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    # Tab past the toolbar to the text, type, and make it bold from the keyboard alone.
    while page.evaluate("document.activeElement.getAttribute('role')") != "textbox":
        page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("Tangentbord")
    page.keyboard.press("Shift+Home")
    # The editor has taken the selection once "Länk" (which needs one) is enabled.
    expect(toolbar.get_by_role("button", name="Länk", exact=True)).to_have_attribute(
        "aria-disabled", "false"
    )
    page.keyboard.press("Shift+Tab")
    while page.evaluate("document.activeElement.getAttribute('aria-label')") != "Fet":
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#id_description")).to_have_value("<p><strong>Tangentbord</strong></p>")
    assert toolbar.get_by_role("button", name="Fet").get_attribute("aria-pressed") == "true"
    assert toolbar.get_by_role("button", name="Kursiv").get_attribute("aria-pressed") == "false"
    # A link, through the library's dialog, in Swedish too.
    toolbar.get_by_role("button", name="Länk", exact=True).click()
    dialog = page.get_by_role("dialog")
    assert "Redigera länk" in dialog.inner_text()
    dialog.get_by_label("Adress").fill("https://example.se/stod")
    axe_check(page)
    dialog.get_by_role("button", name="Spara").click()
    # The dialog's empty title field comes along as title=""; the sanitiser drops it on save.
    expect(page.locator("#id_description")).to_have_value(
        re.compile(
            r'^<p><a href="https://example.se/stod"( title="")?><strong>Tangentbord</strong></a></p>$'
        )
    )
    axe_check(page)
    # On a narrow phone the toolbar wraps inside the field instead of widening the page.
    page.set_viewport_size({"width": 320, "height": 700})
    toolbar_box = toolbar.bounding_box()
    assert toolbar_box["x"] >= 0 and toolbar_box["x"] + toolbar_box["width"] <= 320
    assert page.evaluate("document.querySelector('.prose-editor').scrollWidth") <= 320


def test_stored_text_opens_unchanged(page, demo):
    measure = draft_measure()
    stored = '<p>Äldre <b>fet</b> text<br>ny rad</p><ul><li>utan stycke</li></ul><p><a href="https://example.se" rel="noopener noreferrer">länk</a></p>'
    coordinator = User.objects.get(username="samordnare")
    services.measure_update(
        actor=coordinator, measure=measure, edit_token=measure.edit_token, description=stored
    )
    measure.refresh_from_db()
    assert measure.description == stored  # the sanitiser keeps this as it is
    log_in(page)
    page.goto(f"/atgarder/{measure.pk}/redigera/")
    editor = editor_for(page, "id_description")
    editor.wait_for()
    assert editor.locator("strong").inner_text() == "fet"
    assert editor.locator("ul li").inner_text() == "utan stycke"
    assert editor.locator("a").get_attribute("href") == "https://example.se"
    # Saved without a change, the text is what it was.
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(rf"/atgarder/{measure.pk}/$"))
    measure.refresh_from_db()
    assert measure.description == stored


def test_without_javascript_the_field_is_a_plain_textarea(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    try:
        log_in(page)
        measure = draft_measure()
        page.goto(f"/atgarder/{measure.pk}/redigera/")
        assert page.locator("#id_description").is_visible()
        assert page.locator(".prose-editor").count() == 0
        page.fill("#id_description", "<p>Utan <strong>skript</strong></p><ul><li></li></ul>")
        page.click("main form button[type=submit]")
        page.wait_for_url(re.compile(rf"/atgarder/{measure.pk}/$"))
        measure.refresh_from_db()
        assert measure.description == "<p>Utan <strong>skript</strong></p>"
    finally:
        context.close()


def test_the_editor_needs_no_inline_script_or_style_under_a_strict_csp(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])

    def with_csp(route):
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": CSP}
        )

    context.route("**/*", with_csp)
    # Every violation the page reports, with the start of the blocked text ('report-sample').
    context.add_init_script(
        """window.cspViolations = []
        document.addEventListener("securitypolicyviolation", (event) => window.cspViolations.push(
            {directive: event.violatedDirective, sample: event.sample}))"""
    )
    page = context.new_page()
    try:
        log_in(page)
        measure = draft_measure()
        page.goto(f"/atgarder/{measure.pk}/redigera/")
        editor = editor_for(page, "id_description")
        editor.wait_for()
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.type("Under CSP")
        page.keyboard.press("Shift+Home")
        link = page.get_by_role("button", name="Link", exact=True).first
        expect(link).to_have_attribute("aria-disabled", "false")
        page.get_by_role("button", name="Bold").first.click()
        expect(page.locator("#id_description")).to_have_value("<p><strong>Under CSP</strong></p>")
        link.click()
        page.get_by_role("dialog").get_by_label("URL").fill("https://example.se")
        page.get_by_role("dialog").get_by_role("button", name="Update").click()
        expect(page.locator("#id_description")).to_have_value(
            re.compile('href="https://example.se"')
        )
        # The editor itself (modules, styles, menu, dialog, typing) needs nothing inline.
        assert page.evaluate("window.cspViolations") == []

        paste_html(editor, PASTED)
        assert "Från Word" in page.locator("#id_description").input_value()
        # Parsing the pasted HTML, the browser meets Word's style attribute and the web page's
        # onerror: the policy blocks exactly those, which the editor drops anyway.
        blocked = page.evaluate("window.cspViolations")
        assert {v["directive"] for v in blocked} <= {"style-src-attr", "script-src-attr"}
        assert all(v["sample"] and v["sample"] in PASTED for v in blocked)
    finally:
        context.close()
