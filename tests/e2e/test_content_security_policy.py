"""The Content-Security-Policy holds in a real browser: the main pages load with no refused
script, style or source (the ``page`` fixture fails a test on any CSP report on the console)."""

import re

import pytest
from django.contrib.auth import get_user_model

from measures.models import Measure
from programme.models import Programme

from .conftest import check, editor
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


def test_a_too_large_text_is_refused_before_sending_and_stays_in_the_form(page, demo, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4_000
    log_in(page)
    measure = Measure.objects.filter(section__programme__status=Programme.Status.DRAFT).first()
    form_url = f"/atgarder/{measure.pk}/redigera/"
    page.goto(form_url)
    long_text = "Mycket lång text. " * 300
    editor(page, "id_description").fill(long_text)
    page.click("main form button[type=submit]")

    notice = page.locator("#post-too-large")
    notice.wait_for(state="visible")
    assert "larger than 3.9\xa0KB" in notice.inner_text()
    assert page.url.endswith(form_url)
    assert long_text.strip() in editor(page, "id_description").inner_text()
    check(page, "post-too-large")
    measure.refresh_from_db()
    assert "Mycket lång text" not in measure.description


def test_the_admin_runs_under_the_policy_without_a_violation(page, demo):
    get_user_model().objects.create_superuser("csp-admin", "admin@example.se", "admin-lösenord-9")
    measure = Measure.objects.order_by("pk").first()
    page.goto("/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "admin-lösenord-9")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    for url in (
        "/admin/",
        "/admin/measures/measure/",
        f"/admin/measures/measure/{measure.pk}/change/",
    ):
        page.goto(url)
        page.wait_for_load_state("load")
