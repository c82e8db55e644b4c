"""Issue 14 (9): every page is usable on a phone (WCAG 1.4.10 reflow, 320 CSS px).

At 390 px the start page, the programme overview and "Vårt uppdrag" were 723–952 px wide, and
the officer's "Update follow-up" link sat off-screen in the last column of a table. Now the
measure tables reflow into one block per measure on a narrow screen, other wide tables scroll
inside their own focusable, labelled region, and no page scrolls sideways.
"""

import pytest
from django.contrib.auth import get_user_model

from committees.models import Committee
from measures.models import Measure
from programme.models import Programme

from .conftest import check
from .test_workflow_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320

# The elements reaching past the viewport, to say in a failure what pushed the page wide.
WIDE_ELEMENTS = """(width) => [...document.querySelectorAll('body *')]
  .filter((el) => {
    const box = el.getBoundingClientRect();
    return box.right > width + 1 && !el.parentElement.closest('.table-scroll');
  })
  .slice(0, 8)
  .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(el.getBoundingClientRect().right)}`)"""


def fits(page, name: str) -> None:
    """The page does not scroll sideways at 320 px, and passes axe there."""
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.wait_for_load_state("networkidle")  # the editor and the scripts have laid out
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= WIDTH, (name, width, page.evaluate(WIDE_ELEMENTS, WIDTH))
    check(page, f"{name}-320")


def scroll_regions_are_labelled_and_focusable(page) -> None:
    regions = page.locator(".table-scroll")
    for index in range(regions.count()):
        region = regions.nth(index)
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label")


def test_an_officers_pages_fit_a_phone_and_the_update_link_is_on_screen(live_server, page, demo):
    base = live_server.url
    committee = Committee.objects.get(code="KS")
    adopted = Programme.objects.get(status=Programme.Status.ADOPTED)
    measure = Measure.objects.filter(
        section__programme=adopted, responsible_committee=committee
    ).first()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    _log_in(page, base, "handlaggare.ks")
    page.wait_for_url(f"{base}/att-gora/")
    fits(page, "start-officer")

    page.goto(f"{base}/namnder/{committee.pk}/uppdrag/")
    fits(page, "our-assignment")
    scroll_regions_are_labelled_and_focusable(page)
    update = page.locator("main").get_by_role("link", name="Update follow-up").first
    # Where it is without scrolling sideways (a table scrolled inside its own box would hide it).
    box = update.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, box
    update.click()
    page.wait_for_url(f"{base}/atgarder/*/uppfoljning/")
    fits(page, "follow-up-form")

    page.goto(f"{base}/atgarder/{measure.pk}/")
    fits(page, "measure-page")


def test_a_coordinators_pages_fit_a_phone(live_server, page, demo):
    base = live_server.url
    draft = Programme.objects.get(status=Programme.Status.DRAFT)
    adopted = Programme.objects.get(status=Programme.Status.ADOPTED)
    measure = Measure.objects.filter(section__programme=draft).first()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    _log_in(page, base, "samordnare")
    page.wait_for_url(f"{base}/att-gora/")
    fits(page, "start-coordinator")
    for name, url in [
        ("programme-list", "/"),
        ("overview-draft", draft.get_absolute_url()),
        ("overview-adopted", adopted.get_absolute_url()),
        ("measure-page-draft", measure.get_absolute_url()),
    ]:
        page.goto(base + url)
        fits(page, name)
        scroll_regions_are_labelled_and_focusable(page)


def test_a_council_members_and_the_publics_pages_fit_a_phone(live_server, page, demo):
    base = live_server.url
    adopted = Programme.objects.get(status=Programme.Status.ADOPTED)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    for name, url in [
        ("public-list", "/"),
        ("public-overview", adopted.get_absolute_url()),
        ("public-page", f"/publikt/{adopted.pk}/"),
    ]:
        page.goto(base + url)
        fits(page, name)
    _log_in(page, base, "ledamot")
    page.wait_for_url(f"{base}/att-gora/")
    fits(page, "start-council")
    assert get_user_model().objects.filter(username="ledamot").exists()
