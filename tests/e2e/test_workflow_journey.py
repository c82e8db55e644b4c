"""Browser journey: draft → consultation → answer → submission → adoption → public page.

Uses the browser harness (tests/e2e/conftest.py): the ``page`` and ``demo`` fixtures and ``check``
(axe-core's WCAG 2.1 A/AA rules, then a screenshot).
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from committees.models import Committee
from measures.models import Measure
from measures.services import measure_update
from programme.decisions.consultation import consultation_answer_save
from programme.decisions.transitions import programme_transition
from programme.models import ConsultationInvitation, Programme

from .conftest import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
User = get_user_model()


def _log_in(page, base, username):
    page.goto(f"{base}/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-losenord")
    page.locator("main").get_by_role("button", name="Log in").click()


def step(page, label):
    """Open a decision step (a disclosure) and confirm it."""
    page.locator("summary", has_text=label).click()
    page.locator("details[open] form button[type=submit]", has_text=label).click()


def _log_out(page):
    page.locator("form[action$='/konto/logout/'] button").click()


def test_a_programme_goes_from_draft_through_consultation_to_a_public_adopted_edition(
    live_server, page, demo
):
    programme = Programme.objects.get(status=Programme.Status.DRAFT)
    base = live_server.url
    page.goto(base + "/")

    # The coordinator sends the draft to Kommunstyrelsen.
    _log_in(page, base, "samordnare")
    page.goto(base + programme.get_absolute_url())
    page.get_by_role("link", name="Send to consultation").click()
    page.get_by_label("Kommunstyrelsen").check()
    deadline = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Answer deadline").fill(deadline.isoformat())
    check(page, "workflow-01")
    page.get_by_role("button", name="Send to consultation").click()
    assert "In consultation" in page.content()
    _log_out(page)

    # Kommunstyrelsen's officer answers with a comment on one measure.
    _log_in(page, base, "handlaggare.ks")
    page.goto(base + programme.get_absolute_url())
    page.get_by_role("link", name="Consultation answer from Kommunstyrelsen").click()
    page.get_by_label("Agrees with remarks").check()
    page.get_by_label("Answer", exact=True).fill("Kommunstyrelsen tillstyrker med synpunkter.")
    page.locator("textarea[name^=comment_]").first.fill("Lägg till taxibolagen.")
    check(page, "workflow-02")
    # Submitting is final: without the confirmation the answer is not sent, and nothing is lost.
    page.get_by_role("button", name="Submit the answer").click()
    assert "Confirm that the answer is final before you submit it." in page.content()
    assert page.get_by_label("Answer", exact=True).input_value() == (
        "Kommunstyrelsen tillstyrker med synpunkter."
    )
    page.get_by_label("I understand that the answer cannot be changed").check()
    page.get_by_role("button", name="Submit the answer").click()
    assert "Your committee's answer has been submitted." in page.content()
    assert page.locator("textarea").count() == 0
    _log_out(page)

    # The coordinator reads the answers, closes the round, submits and records the adoption.
    _log_in(page, base, "samordnare")
    page.goto(base + programme.get_absolute_url())
    page.get_by_role("link", name="Consultation answers").click()
    assert "Lägg till taxibolagen." in page.content()
    check(page, "workflow-03")
    page.goto(base + programme.get_absolute_url())
    step(page, "Close the consultation and return to draft")
    step(page, "Submit to the municipal council")
    page.get_by_role("link", name="Record the council's adoption").click()
    page.get_by_label("Date of the council's decision").fill(
        (timezone.localdate() - timedelta(days=1)).isoformat()
    )
    page.get_by_label("Paragraph").fill("KF § 123")
    page.get_by_label("Case number").fill("KS 2019-000123")
    check(page, "workflow-04")
    page.get_by_role("button", name="Record the adoption").click()
    assert "Adopted" in page.content()
    check(page, "workflow-05")
    _log_out(page)

    # Anyone can read the adopted version.
    page.goto(f"{base}/publikt/{programme.pk}/")
    assert "KF § 123" in page.content()
    assert "KS 2019-000123" in page.content()
    check(page, "workflow-06")


def test_after_the_round_closes_the_officer_reads_the_text_as_sent_at_320_px(
    live_server, page, demo
):
    programme = Programme.objects.get(status=Programme.Status.DRAFT)
    coordinator = User.objects.get(username="samordnare")
    officer = User.objects.get(username="handlaggare.ks")
    ks = Committee.objects.get(code="KS")
    measure = Measure.objects.filter(section__programme=programme).order_by("pk").first()
    sent_title = measure.title
    programme_transition(
        actor=coordinator,
        programme=programme,
        to_status=Programme.Status.CONSULTATION,
        committees=[ks],
        deadline=timezone.localdate() + timedelta(days=14),
    )
    invitation = ConsultationInvitation.objects.get(round__programme=programme, committee=ks)
    consultation_answer_save(
        actor=officer,
        invitation=invitation,
        position="agrees_with_remarks",
        text="Kommunstyrelsen tillstyrker.",
        comments={measure.pk: "Lägg till taxibolagen."},
        submit=True,
    )
    programme_transition(actor=coordinator, programme=programme, to_status=Programme.Status.DRAFT)
    measure.refresh_from_db()
    measure_update(
        actor=coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        title="Omarbetad efter remissen",
    )

    base = live_server.url
    page.set_viewport_size({"width": 320, "height": 800})
    _log_in(page, base, "handlaggare.ks")
    page.goto(base + reverse("programme:consultation_answer", args=[invitation.pk]))
    content = page.content()
    assert sent_title in content and "Lägg till taxibolagen." in content
    assert "Omarbetad efter remissen" not in content
    assert page.get_by_role("heading", name="The text sent for consultation").is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    check(page, "answer-as-sent-320")
