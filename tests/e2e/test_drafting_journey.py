"""The coordinator's afternoon, in a real browser: every page visited passes axe's WCAG 2.1 A/AA
rules, and each step leaves a screenshot under test-artifacts/e2e/."""

import re

import pytest
from playwright.sync_api import expect

from measures.models import Measure
from programme.models import Programme

from .conftest import check, editor, shot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "demo-losenord"


def log_in(page, username="samordnare"):
    page.goto("/")
    check(page, "start")
    page.click("header a[href^='/konto/login/']")
    check(page, "login")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))
    assert page.locator(".user-name").inner_text() == "Anna Lindqvist"


def add_section(page, title, kind):
    page.click("a[href$='/avsnitt/nytt/']")
    page.fill("#id_title", title)
    page.select_option("#id_kind", kind)
    editor(page, "id_goals").click()
    page.get_by_role("toolbar", name="Goals").get_by_role("button", name="Bulleted list").click()
    page.keyboard.type(f"Mål för {title.lower()}")
    check(page, f"section-form-{kind}")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/program/\d+/#section-\d+$"))


def add_measure(page, section_heading, title, committee, co=(), partners=()):
    # By the heading's accessible name: the title inside it is a <bdi> (core.bidi).
    heading = page.get_by_role("heading", name=section_heading, exact=True)
    section = page.locator("section.section", has=heading)
    section.locator("a[href*='/atgarder/avsnitt/']").click()
    page.fill("#id_title", title)
    page.select_option("#id_responsible_committee", label=committee)
    for name in co:
        page.locator("#id_co_responsible_committees").get_by_label(name, exact=True).check()
    for name in partners:
        page.locator("#id_partners").get_by_label(name, exact=True).check()
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/atgarder/\d+/$"))
    page.click("nav.breadcrumbs a[href^='/program/']")


def identifiers(page):
    return [
        (row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text())
        for row in page.locator("table.measures-table tbody tr:not(.message-row)").all()
    ]


def test_coordinator_builds_a_programme_from_scratch(page, demo):
    log_in(page)
    check(page, "programme-list")

    page.click("main a[href='/program/nytt/']")
    check(page, "programme-form")
    page.fill("#id_title", "Handlingsprogram mot människohandel")
    page.fill("#id_period_from", "2026")
    page.fill("#id_period_to", "2029")
    page.select_option("#id_owning_committee", label="Socialnämnden")
    editor(page, "id_introduction").click()
    page.keyboard.type("Ett ")
    page.keyboard.press("Control+i")
    page.keyboard.type("nytt")
    page.keyboard.press("Control+i")
    page.keyboard.type(" program.")
    assert page.locator("#id_introduction").input_value() == "<p>Ett <em>nytt</em> program.</p>"
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/program/\d+/$"))
    check(page, "programme-created")
    programme = Programme.objects.get(title="Handlingsprogram mot människohandel")

    add_section(page, "Prostitution", "prostitution")
    add_section(page, "Människohandel", "trafficking")
    add_section(page, "Köp av sexuella tjänster", "sex_purchase")

    add_measure(page, "1. Prostitution", "Uppsökande arbete", "Socialnämnden", partners=["Talita"])
    add_measure(
        page,
        "1. Prostitution",
        "Rutiner med polisen",
        "Socialnämnden",
        co=["Kommunstyrelsen"],
        partners=["Polisen"],
    )
    add_measure(page, "2. Människohandel", "Utbildning för hotellpersonal", "Kommunstyrelsen")
    add_measure(page, "3. Köp av sexuella tjänster", "Förbud i resepolicyn", "Kommunstyrelsen")
    check(page, "overview-with-measures")
    assert identifiers(page)[:2] == [("1.1", "Uppsökande arbete"), ("1.2", "Rutiner med polisen")]

    # Reorder without drag and drop: move the second measure up, the third section up.
    page.get_by_role("button", name="Move up: Rutiner med polisen").click()
    page.wait_for_load_state("load")
    assert identifiers(page)[:2] == [("1.1", "Rutiner med polisen"), ("1.2", "Uppsökande arbete")]
    page.get_by_role("button", name="Move up Köp av sexuella tjänster").click()
    page.wait_for_load_state("load")
    headings = page.locator("section.section h2").all_inner_texts()
    assert headings == ["1. Prostitution", "2. Köp av sexuella tjänster", "3. Människohandel"]
    assert ("3.1", "Utbildning för hotellpersonal") in identifiers(page)
    check(page, "overview-reordered")

    # Edit with formatted text, using the toolbar on a selection.
    page.get_by_role("link", name="Edit Rutiner med polisen").click()
    check(page, "measure-form")
    description = editor(page, "id_description")
    description.click()
    # One input, as a paste or an input method gives it: typed key by key into the new editor,
    # CI once ended up with another selection than the word (not reproduced in six runs).
    # Waiting for the text makes a failure say which step went wrong.
    page.keyboard.insert_text("Skriftliga rutiner")
    expect(description).to_have_text("Skriftliga rutiner")
    page.keyboard.press("Home")
    for _ in range(10):
        page.keyboard.press("Shift+ArrowRight")
    toolbar = page.get_by_role("toolbar", name="Description")
    # Wait until the whole word is selected: "Link" is enabled by the first character already,
    # and a slow machine made Bold land on "Sk" alone.
    page.wait_for_function("() => window.getSelection().toString() === 'Skriftliga'")
    link = toolbar.get_by_role("button", name="Link", exact=True)
    expect(link).to_have_attribute("aria-disabled", "false")
    toolbar.get_by_role("button", name="Bold").click()
    page.fill("#id_title", "")
    page.click("main form button[type=submit]")
    check(page, "measure-form-error")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert (
        page.locator("#id_description").input_value()
        == "<p><strong>Skriftliga</strong> rutiner</p>"
    )
    page.fill("#id_title", "Rutiner med polisen")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/atgarder/\d+/$"))
    check(page, "measure-detail")
    assert page.locator("main .richtext strong").inner_text() == "Skriftliga"
    measure = Measure.objects.get(title="Rutiner med polisen")
    assert measure.identifier == "1.1"
    assert [c.name for c in measure.co_responsible_committees.all()] == ["Kommunstyrelsen"]

    page.click("main a[href$='/historik/']")
    check(page, "measure-history")
    assert "Anna Lindqvist" in page.locator("main").inner_text()
    assert "<strong>Skriftliga</strong> rutiner" in page.locator("main").inner_text()

    page.click("nav.breadcrumbs a[href^='/program/']")
    page.click("main a[href$='/historik/']")
    check(page, "programme-history")

    page.click("header button:text-is('Log out')")
    page.wait_for_url(re.compile(r"/$"))
    check(page, "logged-out")
    assert page.locator(".user-name").count() == 0
    assert programme.sections.count() == 3


def test_coordinator_extends_the_2019_plan(page, demo):
    log_in(page)
    plan = Programme.objects.get(title__startswith="Åtgärdsplan mot köp")
    page.click(f"main a[href='/program/nytt/?based_on={plan.pk}']")
    check(page, "extend-form")
    assert page.locator("#id_based_on").input_value() == str(plan.pk)
    page.fill("#id_title", "Handlingsprogram 2027–2030")
    page.fill("#id_period_from", "2027")
    page.fill("#id_period_to", "2030")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/program/\d+/$"))
    check(page, "extended-overview")
    new = Programme.objects.get(title="Handlingsprogram 2027–2030")
    assert new.based_on == plan
    assert (
        Measure.objects.filter(section__programme=new).count()
        == Measure.objects.filter(section__programme=plan).count()
    )

    # Delete a measure, find it under Deleted items, restore it.
    page.get_by_role("link", name=re.compile(r"^Delete Utbildning")).click()
    check(page, "delete-confirm")
    page.click("main form button.button--danger")
    page.click("main a[href$='/borttaget/']")
    check(page, "deleted-items")
    page.get_by_role("button", name=re.compile(r"^Restore Utbildning")).click()
    page.wait_for_url(re.compile(r"/atgarder/\d+/$"))
    assert Measure.objects.filter(section__programme=new, title__startswith="Utbildning").exists()


def test_the_measure_form_works_with_the_keyboard_alone(page, demo):
    log_in(page)
    programme = Programme.objects.get(title__startswith="Handlingsprogram mot prostitution")
    section = programme.sections.get(order=1)
    page.goto(f"/atgarder/avsnitt/{section.pk}/ny/")
    page.focus("#id_title")
    page.keyboard.type("Tangentbordsåtgärd")
    visited = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return {id: e.id || e.getAttribute('aria-labelledby') || '', tag: e.tagName,"
            " type: e.type || '', text: e.textContent.trim()}; }"
        )
        visited.append(focused["id"] or focused["text"])
        if focused["id"] == "id_responsible_committee":
            page.keyboard.press("ArrowDown")  # choose the first committee
        if focused["id"] == "id_co_responsible_committees_0":
            page.keyboard.press("Space")
        if focused["id"] == "id_indicator":
            page.keyboard.type("Antal utbildade")
        if focused["tag"] == "BUTTON" and focused["type"] == "submit":
            break
    for field in (
        "id_description_label",  # the editor's editable area, named by the field's label
        "id_responsible_committee",
        "id_co_responsible_committees_0",
        "id_partners_0",
        "id_start_date",
        "id_due_date",
        "id_indicator",
        "id_indicator_target",
    ):
        assert field in visited, f"{field} is not reachable with Tab: {visited}"
    assert visited.index("id_description_label") < visited.index("id_due_date")
    shot(page, "keyboard-at-submit")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/atgarder/\d+/$"))
    measure = Measure.objects.get(title="Tangentbordsåtgärd")
    assert measure.co_responsible_committees.count() == 1
    assert measure.indicator == "Antal utbildade"
