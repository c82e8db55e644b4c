"""Browser journey: Socialnämnden's officer records a progress update on a phone-sized screen and
finds it at the top of the measure's timeline, with the indicator's chart and table beside it.

Uses the harness in ``tests/e2e/conftest.py`` (``page``, ``demo``, ``check``: axe-core's WCAG 2.1
A/AA rules, then a screenshot). The page is 320 px wide, the narrowest the house supports.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from committees.models import Committee
from committees.services import membership_add
from measures.models import Measure, ProgressUpdate

from .conftest import check, editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWN_MEASURE = "Samtalsstöd för personer som köper sex"  # SN, adopted 2019 plan, with an indicator


def test_an_officer_records_an_update_and_sees_it_first_in_the_timeline(live_server, page, demo):
    page.set_viewport_size({"width": 320, "height": 800})
    measure = Measure.objects.get(title=OWN_MEASURE)
    form_url = reverse("measures:follow_up", kwargs={"pk": measure.pk})

    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "handlaggare.sn")
    page.fill("#id_password", "demo-losenord")
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + reverse("programme:start"))

    # The measure page: the seeded timeline, the chart with its table, no horizontal scrolling.
    page.goto(live_server.url + measure.get_absolute_url())
    check(page, "timeline-01-measure")
    assert page.locator("main svg[role=img] title").count() == 1
    assert page.locator("main .indicator__table tbody tr").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.click(f"main a[href='{form_url}']")
    check(page, "timeline-02-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.select_option("#id_status", "ongoing")
    page.fill("#id_progress", "70")
    editor(page, "id_note").fill("Samtalsstödet har fått fler samtal i år.")
    page.fill("#id_indicator_value", "33")
    page.fill("#id_indicator_date", "2021-06-30")
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + measure.get_absolute_url())
    check(page, "timeline-03-updated")

    first = page.locator("main .timeline__entry").first
    assert "Samtalsstödet har fått fler samtal i år." in first.inner_text()
    assert "Erik Nilsson, Socialnämnden" in first.inner_text()
    # The seeded entries (its own and its reports in the demo's follow-up rounds), then this one.
    assert page.locator("main .timeline__entry").count() == measure.progress_updates.count()
    assert measure.progress_updates.filter(round__isnull=True).count() == 3
    assert page.locator("main .indicator__table tbody tr").last.inner_text().split() == [
        "2021-06-30",
        "33",
    ]
    latest = ProgressUpdate.objects.filter(measure=measure).first()
    assert (latest.status, latest.progress, latest.author.username) == (
        "ongoing",
        70,
        "handlaggare.sn",
    )


def test_a_co_responsible_officer_adds_a_signed_note_without_changing_the_status(
    live_server, page, demo
):
    page.set_viewport_size({"width": 320, "height": 800})
    measure = Measure.objects.get(title=OWN_MEASURE)
    fn = Committee.objects.get(code="FN")
    # The 2019 plan names no co-responsible committee, and its adopted text cannot change through
    # the services; the link is set here as an earlier edition would have set it.
    measure.co_responsible_committees.add(fn)
    officer = get_user_model().objects.create_user(
        "handlaggare.fn", password="demo-losenord", first_name="Lisa", last_name="Ek"
    )
    membership_add(user=officer, committee=fn)
    before = (measure.status, measure.progress)

    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "handlaggare.fn")
    page.fill("#id_password", "demo-losenord")
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + reverse("programme:start"))
    page.goto(live_server.url + reverse("measures:follow_up", kwargs={"pk": measure.pk}))
    check(page, "note-01-form")
    assert page.locator("#id_status").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    editor(page, "id_note").fill("Fritidsgårdarna sprider information om samtalsstödet.")
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + measure.get_absolute_url())
    check(page, "note-02-measure")

    first = page.locator("main .timeline__entry").first.inner_text()
    assert "Fritidsgårdarna sprider information om samtalsstödet." in first
    assert "Lisa Ek, Fritidsnämnden" in first
    measure.refresh_from_db()
    assert (measure.status, measure.progress) == before
