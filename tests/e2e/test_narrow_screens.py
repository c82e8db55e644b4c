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
        assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")


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


def test_every_other_page_fits_a_phone(live_server, page, demo):
    """The pages not walked above, each as the role that uses it: history and the bin, the
    forms, the editions, the consultation, the rounds, the dashboards, the committees, the
    account pages, the API's documentation and the accessibility statement."""
    from django.urls import reverse

    from measures.models import ReportingRound
    from programme.models import Section

    base = live_server.url
    draft = Programme.objects.get(status=Programme.Status.DRAFT)
    adopted = Programme.objects.get(status=Programme.Status.ADOPTED)
    section = Section.objects.filter(programme=draft).first()
    measure = Measure.objects.filter(section=section).first()
    open_round = ReportingRound.objects.get(state=ReportingRound.State.OPEN)
    ks_part = open_round.parts.get(committee__code="KS")
    committee = Committee.objects.get(code="KS")
    page.set_viewport_size({"width": WIDTH, "height": 800})

    def walk(pages):
        for name, url in pages:
            response = page.goto(base + url)
            assert response.status == 200, (name, response.status)
            fits(page, name)
            scroll_regions_are_labelled_and_focusable(page)

    _log_in(page, base, "samordnare")
    walk(
        [
            ("programme-history", reverse("programme:history", args=[draft.pk])),
            ("programme-bin", reverse("programme:deleted", args=[draft.pk])),
            ("programme-form", reverse("programme:edit", args=[draft.pk])),
            ("programme-create", reverse("programme:create")),
            ("section-form", reverse("programme:section_edit", args=[section.pk])),
            ("section-history", reverse("programme:section_history", args=[section.pk])),
            ("measure-form", reverse("measures:edit", args=[measure.pk])),
            ("measure-create", reverse("measures:create", args=[section.pk])),
            ("measure-history", reverse("measures:history", args=[measure.pk])),
            ("measure-move", reverse("measures:move", args=[measure.pk])),
            ("import", reverse("programme:measures_import", args=[draft.pk])),
            ("consultation", reverse("programme:consultation", args=[draft.pk])),
            ("editions", reverse("programme:editions", args=[adopted.pk])),
            ("rounds", reverse("rounds:programme", args=[adopted.pk])),
            ("round-open", reverse("rounds:open", args=[adopted.pk])),
            ("round", reverse("rounds:detail", args=[open_round.pk])),
            ("dashboard", reverse("programme:dashboard", args=[adopted.pk])),
            ("committees", reverse("committees:list")),
            ("committee-members", reverse("committees:members", args=[committee.pk])),
            ("api-tokens", reverse("api_tokens:list")),
            ("notification-settings", reverse("notifications:settings")),
        ]
    )
    _log_in(page, base, "handlaggare.ks")
    walk([("round-part", reverse("rounds:part", args=[ks_part.pk]))])
    page.context.clear_cookies()
    walk(
        [
            ("public-dashboard", reverse("programme:public_dashboard", args=[adopted.pk])),
            ("api-docs", reverse("api:docs")),
            ("accessibility", reverse("accessibility")),
            ("login", reverse("login")),
        ]
    )
