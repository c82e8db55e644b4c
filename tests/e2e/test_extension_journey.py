"""Browser journey: a plan extended into a new programme is adopted, and the responsible
committee's officer follows up its own measure there (and no other committee's).

The extension's measures are copied by the measure service, which grants the responsible
committee its follow-up right (issue 12). Uses the harness in ``tests/e2e/conftest.py``.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from measures.models import Measure
from programme.models import Programme

from .conftest import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN_2019 = "Åtgärdsplan mot köp av sexuella tjänster"
OWN_MEASURE = "Samtalsstöd för personer som köper sex"  # Socialnämnden's
KS_MEASURE = "Utbildning för hotell- och taxipersonal"  # Kommunstyrelsen's
NEW_TITLE = "Åtgärdsplan mot köp av sexuella tjänster 2030–2033"


def _log_in(page, base, username):
    page.goto(f"{base}/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-losenord")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(base + reverse("programme:start"))


def _log_out(page):
    page.locator("form[action$='/konto/logout/'] button").click()


def _step(page, label):
    """Open a decision step (a disclosure) and confirm it."""
    page.locator("summary", has_text=label).click()
    page.locator("details[open] form button[type=submit]", has_text=label).click()


def test_the_officer_follows_up_its_measure_in_an_adopted_extension(live_server, page, demo):
    base = live_server.url
    plan = Programme.objects.get(title=PLAN_2019, edition=1)

    # The coordinator extends the 2019 plan into a new programme and takes it to adoption.
    _log_in(page, base, "samordnare")
    page.goto(base + plan.get_absolute_url())
    page.get_by_role("link", name="Extend into a new programme").click()
    page.locator("#id_title").fill(NEW_TITLE)
    page.locator("#id_period_from").fill("2030")
    page.locator("#id_period_to").fill("2033")
    check(page, "extension-01")
    page.locator("main form button[type=submit]").click()
    extension = Programme.objects.get(title=NEW_TITLE)
    page.wait_for_url(base + extension.get_absolute_url())
    assert extension.based_on == plan
    _step(page, "Submit to the municipal council")
    page.get_by_role("link", name="Record the council's adoption").click()
    page.get_by_label("Date of the council's decision").fill(
        (timezone.localdate() - timedelta(days=1)).isoformat()
    )
    page.get_by_label("Paragraph").fill("KF § 30")
    page.get_by_label("Case number").fill("KS 2029-000030")
    page.get_by_role("button", name="Record the adoption").click()
    assert "Adopted" in page.content()
    check(page, "extension-02")
    _log_out(page)

    own = Measure.objects.get(section__programme=extension, title=OWN_MEASURE)
    other = Measure.objects.get(section__programme=extension, title=KS_MEASURE)
    own_form = reverse("measures:follow_up", kwargs={"pk": own.pk})

    # Socialnämnden's officer finds the follow-up of its measure in the new programme.
    _log_in(page, base, "handlaggare.sn")
    page.goto(base + own.get_absolute_url())
    check(page, "extension-03")
    assert page.locator(f"main a[href='{own_form}']").count() == 1
    page.click(f"main a[href='{own_form}']")
    page.select_option("#id_status", "ongoing")
    page.fill("#id_progress", "25")
    check(page, "extension-04")
    page.click("main form button[type=submit]")
    page.wait_for_url(base + own.get_absolute_url())
    own.refresh_from_db()
    assert (own.status, own.progress) == ("ongoing", 25)

    # Kommunstyrelsen's measure in the same programme: no follow-up for this officer.
    before = Measure.objects.filter(pk=other.pk).values().get()
    page.goto(base + other.get_absolute_url())
    assert page.locator("main a[href$='/uppfoljning/']").count() == 0
    response = page.goto(base + reverse("measures:follow_up", kwargs={"pk": other.pk}))
    assert response.status == 403
    assert Measure.objects.filter(pk=other.pk).values().get() == before
