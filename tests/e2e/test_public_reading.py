"""Browser: the public reads an adopted programme from the list; the coordinator sees the decision
and is told why an adopted text cannot be edited. Each page axe-clean and usable at 320 px."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from programme.decisions.transitions import programme_transition
from programme.models import Programme

from .conftest import check
from .test_narrow_screens import WIDE_ELEMENTS
from .test_workflow_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _narrow(page, name):
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    check(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_public_and_the_coordinator_read_an_adopted_programme(live_server, page, demo):
    coordinator = get_user_model().objects.get(username="samordnare")
    programme = Programme.objects.get(status=Programme.Status.DRAFT)
    programme_transition(
        actor=coordinator, programme=programme, to_status=Programme.Status.SUBMITTED
    )
    programme_transition(
        actor=coordinator,
        programme=programme,
        to_status=Programme.Status.ADOPTED,
        decision_date=timezone.localdate(),
        decision_paragraph="KF § 45",
        case_number="KS 2026-000045",
    )
    base = live_server.url

    # The public: from the list to the public page, target values as in the PDF, the PDF itself.
    page.goto(base + "/")
    page.locator("main table").get_by_role("link", name=programme.title).click()
    page.wait_for_url(f"{base}/publikt/{programme.pk}/")
    content = page.content()
    assert "40 personer" in content and "40.00" not in content
    check(page, "public-01")
    # What lets the page be stored once for every visitor (programme.fragments.anonymous_page):
    # a second visit reads the same, and neither visit set a cookie of ours (no CSRF token, no
    # session). tests/caching/test_anonymous_pages.py shows the second is the stored page.
    page.reload()
    assert page.content() == content
    assert {c["name"] for c in page.context.cookies()} == {"django_language"}
    _narrow(page, "public-02-320")
    link = page.get_by_role("link", name="Download the programme as PDF")
    response = page.request.get(base + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"

    # The coordinator: the decision on the programme page; an adopted text says why it is locked.
    _log_in(page, base, "samordnare")
    page.wait_for_url(f"{base}/att-gora/")
    page.goto(base + programme.get_absolute_url())
    decision = page.get_by_role("region", name="Document details")
    assert "KF § 45" in decision.inner_text() and "KS 2026-000045" in decision.inner_text()
    check(page, "programme-01")
    # The measure tables further down reflow at 320 px (issue 14, fault 9): nothing overflows.
    page.set_viewport_size({"width": 320, "height": 800})
    box = decision.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, (width, page.evaluate(WIDE_ELEMENTS, 320))
    check(page, "programme-02-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + f"/program/{programme.pk}/redigera/")
    assert "The adopted text is not changed." in page.content()
    assert "Your role does not allow" not in page.content()
    check(page, "locked-01")
    _narrow(page, "locked-02-320")
