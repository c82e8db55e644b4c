"""Second browser journey: Socialnämnden's officer updates their own measure and nothing else.

Uses the harness in ``tests/e2e/conftest.py``: the ``page`` and ``demo`` fixtures and ``check``
(axe-core's WCAG 2.1 A/AA rules, then a screenshot). Selectors are URLs and form ids, not visible text, so the journey
holds in Swedish and English. Crafted POSTs are covered by ``tests/permissions/test_matrix.py``.
"""

import pytest
from django.urls import reverse

from measures.models import Measure

from .conftest import check, editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWN_MEASURE = "Samtalsstöd för personer som köper sex"  # SN, in the adopted 2019 plan
KS_MEASURE = "Utbildning för hotell- och taxipersonal"  # KS, in the same plan


def test_an_officer_updates_their_committees_measure_and_cannot_edit_another_committees(
    live_server, page, demo
):
    own = Measure.objects.get(title=OWN_MEASURE)
    ks = Measure.objects.get(title=KS_MEASURE)
    own_form = reverse("measures:follow_up", kwargs={"pk": own.pk})

    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "handlaggare.sn")
    page.fill("#id_password", "demo-losenord")
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + reverse("programme:start"))

    # The menu leads to the committee's assignment: only Socialnämnden's measures are editable.
    page.click(f"nav a[href='{reverse('committees:list')}']")
    check(page, "officer-01")
    page.click("main table a")
    check(page, "officer-02")
    editable = page.locator("main a[href$='/uppfoljning/']")
    assert {editable.nth(i).get_attribute("href") for i in range(editable.count())} == {own_form}
    assert KS_MEASURE not in page.content()

    # Update status and progress with a note.
    page.click(f"main a[href='{own_form}']")
    check(page, "officer-03")
    page.select_option("#id_status", "ongoing")
    page.fill("#id_progress", "60")
    editor(page, "id_note").fill("Samtalsstödet har fler besök än väntat.")
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + own.get_absolute_url())
    check(page, "officer-04")
    own.refresh_from_db()
    assert (own.status, own.progress) == ("ongoing", 60)
    assert "Samtalsstödet har fler besök än väntat." in page.content()

    # Kommunstyrelsen's measure: no way to edit it, neither on its page nor by URL.
    page.goto(live_server.url + ks.get_absolute_url())
    check(page, "officer-05")
    assert page.locator("main a[href$='/uppfoljning/']").count() == 0
    response = page.goto(live_server.url + reverse("measures:follow_up", kwargs={"pk": ks.pk}))
    assert response.status == 403
    check(page, "officer-06")
