"""The e-mail settings page in a real browser: Kommunstyrelsen's officer finds it in the account
menu, turns one kind off by keyboard, saves, and finds it off; axe-clean, fits 320 px."""

import pytest

from notifications.models import Kind, NotificationOptOut

from .conftest import check
from .test_workflow_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_320(page) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_officer_turns_overdue_reminders_off(live_server, page, demo):
    _log_in(page, live_server.url, "handlaggare.ks")
    page.get_by_role("link", name="E-mail notifications").click()
    page.wait_for_url("**/konto/aviseringar/")
    check(page, "notification-settings")
    _fits_320(page)

    overdue = page.get_by_label("A measure of my committee is overdue")
    assert overdue.is_checked()
    overdue.focus()
    page.keyboard.press("Space")
    assert not overdue.is_checked()
    page.get_by_role("button", name="Save").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("status").filter(has_text="Your e-mail settings are saved.").count()
    assert not page.get_by_label("A measure of my committee is overdue").is_checked()
    assert page.get_by_label("A measure of my committee is due in 14 days").is_checked()
    check(page, "notification-settings-saved")
    assert list(
        NotificationOptOut.objects.filter(user__username="handlaggare.ks").values_list(
            "kind", flat=True
        )
    ) == [Kind.MEASURE_OVERDUE]

    # In Swedish, the default language.
    with page.expect_navigation():
        page.get_by_role("link", name="Svenska").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Language"
    check(page, "language-page")
    _fits_320(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Svenska").click()
    assert page.get_by_role("heading", level=1).inner_text() == "E-postaviseringar"
    assert not page.get_by_label("en åtgärd som min nämnd ansvarar för är försenad").is_checked()
    check(page, "notification-settings-sv")
    _fits_320(page)
