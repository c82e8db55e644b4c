"""Pages that only appear in less common situations pass axe-core too.

Uses the browser harness (tests/e2e/conftest.py): the ``page`` and ``demo`` fixtures and ``check``
(axe-core's WCAG 2.1 A/AA rules, then a screenshot).
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from committees.models import Committee, Membership
from measures.models import Measure
from measures.services import measure_delete
from programme.decisions.consultation import consultation_answer_save
from programme.decisions.transitions import programme_transition
from programme.models import ConsultationInvitation, Programme

from .conftest import check
from .test_workflow_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_comments_on_a_deleted_measure_are_shown_where_the_answers_are_read(
    live_server, page, demo
):
    users = get_user_model().objects
    coordinator, officer = users.get(username="samordnare"), users.get(username="handlaggare.ks")
    programme = Programme.objects.get(status=Programme.Status.DRAFT)
    ks = Committee.objects.get(code="KS")
    programme_transition(
        actor=coordinator,
        programme=programme,
        to_status=Programme.Status.CONSULTATION,
        committees=[ks],
        deadline=timezone.localdate() + timedelta(days=14),
    )
    invitation = ConsultationInvitation.objects.get(round__programme=programme, committee=ks)
    measure = Measure.objects.filter(section__programme=programme).order_by("pk").first()
    consultation_answer_save(
        actor=officer,
        invitation=invitation,
        position=ConsultationInvitation.Position.AGREES,
        comments={measure.pk: "Den här åtgärden behövs."},
        submit=True,
    )
    programme_transition(actor=coordinator, programme=programme, to_status=Programme.Status.DRAFT)
    measure_delete(actor=coordinator, measure=measure)

    _log_in(page, live_server.url, "samordnare")
    page.goto(f"{live_server.url}/program/{programme.pk}/remiss/")
    deleted = page.get_by_role("heading", name="Comments on measures deleted since")
    assert deleted.is_visible()
    assert "Den här åtgärden behövs." in page.content()
    check(page, "deleted-measure-comments")


def test_a_refused_role_change_shows_its_message_next_to_the_row(live_server, page, demo):
    membership = Membership.objects.first()
    role = membership.role
    _log_in(page, live_server.url, "samordnare")
    page.goto(f"{live_server.url}/namnder/{membership.committee_id}/medlemmar/")
    select = page.locator(f"#role-{membership.pk}")
    # A value the page never offers, as a forged request would send it.
    select.evaluate("(el) => { el.options[0].value = 'administrator'; el.selectedIndex = 0; }")
    page.locator(f"form[action$='/{membership.pk}/roll/'] button").click()
    assert page.locator(f"#role-{membership.pk}-error").is_visible()
    check(page, "refused-role")
    membership.refresh_from_db()
    assert membership.role == role


def test_a_missing_page_is_the_site_layout_and_passes_axe_at_320_px(page):
    response = page.goto("/finns-inte/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    check(page, "not-found")
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
