"""Browser: each role signs in and lands on its start page ("Att göra"), axe-clean, usable at 320 px."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from committees.models import Committee
from programme.decisions.transitions import programme_transition
from programme.models import Programme

from .conftest import check
from .test_workflow_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("username", "heading", "link"),
    [
        ("samordnare", "Open consultations", "Handlingsprogram"),
        ("handlaggare.ks", "Consultations to answer", "Answer for Kommunstyrelsen"),
        ("ledamot", "Recently adopted", "PDF"),
    ],
)
def test_each_role_lands_on_what_needs_it(live_server, page, demo, username, heading, link):
    coordinator = get_user_model().objects.get(username="samordnare")
    draft = Programme.objects.get(status=Programme.Status.DRAFT)
    programme_transition(
        actor=coordinator,
        programme=draft,
        to_status=Programme.Status.CONSULTATION,
        committees=list(Committee.objects.filter(code__in=["KS", "SN"])),
        deadline=timezone.localdate() + timedelta(days=14),
    )
    base = live_server.url

    _log_in(page, base, username)
    page.wait_for_url(f"{base}/att-gora/")
    assert page.get_by_role("heading", name=heading).is_visible()
    assert page.locator("main").get_by_role("link", name=link).first.is_visible()
    assert page.get_by_role("link", name="All programmes").is_visible()
    check(page, f"start-{username}")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    check(page, f"start-{username}-320")
