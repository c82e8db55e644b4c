"""Browser journey through the follow-up dashboard of the adopted 2019 plan (demo data): a
council member opens it from the programme page, then anyone reads the public variant from the
public page. Every page: axe clean, and at 320 px wide nothing scrolls sideways but the tables'
own regions."""

import pytest
from django.urls import reverse

from programme.models import Programme

from .conftest import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = "Åtgärdsplan mot köp av sexuella tjänster"


def _log_in(page, base, username):
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(f"{base}/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-losenord")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}{reverse('programme:start')}")


def _both_widths(page, name):
    check(page, name)
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, f"{name}-320")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_council_member_opens_the_dashboard_and_anyone_reads_the_public_one(
    live_server, page, demo
):
    base = live_server.url
    plan = Programme.objects.get(title=PLAN, status=Programme.Status.ADOPTED)

    _log_in(page, base, "ledamot")
    # The list of programmes links each adopted one's dashboard too, and still fits 320 px.
    page.goto(base + reverse("programme:list"))
    _both_widths(page, "dashboard-00-programme-list")
    assert (
        page.locator(f"main a[href='{reverse('programme:dashboard', args=[plan.pk])}']").count()
        == 1
    )
    page.goto(base + plan.get_absolute_url())
    # By keyboard: the link is reached and followed with Enter.
    link = page.locator("main a", has_text="Follow-up dashboard")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(base + reverse("programme:dashboard", args=[plan.pk]))
    _both_widths(page, "dashboard-01-council-member")
    main = page.locator("main")
    assert main.get_by_role("img").count() == 3
    sections = page.locator("#by-section-caption").locator("xpath=..")
    assert "Köp av sexuella tjänster" in sections.inner_text()
    rounds = page.locator("#rounds-caption").locator("xpath=..").inner_text()
    # The demo's closed round, frozen; the open "Uppföljning 2026" is not counted yet.
    assert "Uppföljning 2025" in rounds and "Uppföljning 2026" not in rounds
    assert "2 of 2" in rounds

    # Anyone, signed in or not, reads the public variant from the public page.
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(base + reverse("programme:public", args=[plan.pk]))
    page.locator("main a", has_text="How the measures stand").click()
    page.wait_for_url(base + reverse("programme:public_dashboard", args=[plan.pk]))
    _both_widths(page, "dashboard-02-public")
    text = page.locator("main").inner_text()
    assert "Progress note" not in text and "Uppföljning 2025" in text
