"""The Content-Security-Policy holds in a real browser: the main pages load with no refused
script, style or source (the ``page`` fixture fails a test on any CSP report on the console)."""

import pytest

from measures.models import Measure
from programme.models import Programme

from .conftest import check
from .test_drafting_journey import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_main_pages_run_under_the_policy_without_a_violation(page, demo):
    log_in(page)
    programme = Programme.objects.filter(status=Programme.Status.DRAFT).first()
    measure = Measure.objects.filter(section__programme=programme).order_by("pk").first()
    for name, url in [
        ("list", "/"),
        ("overview", programme.get_absolute_url()),
        ("measure", measure.get_absolute_url()),
        ("measure-form", f"/atgarder/{measure.pk}/redigera/"),
    ]:
        response = page.goto(url)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, name
        check(page, f"csp-{name}")


def test_the_browser_reports_an_inline_style_the_policy_refuses(browser, live_server):
    # The main pages' silence means something only if a violation does reach the console.
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    reports = []
    page.on("console", lambda message: reports.append(message.text))
    page.goto("/tillganglighet/")
    page.evaluate(
        """document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>')"""
    )
    page.wait_for_timeout(200)
    context.close()
    assert any("Content Security Policy" in text for text in reports), reports
