"""Second browser journey: Socialnämnden's officer updates their own measure and nothing else.

Uses the harness fixtures ``live_server`` (pytest-django), ``browser_page`` and ``axe_check(page)``
from ``tests/e2e/conftest.py``. Selectors are URLs and form ids, not visible text, so the journey
holds in Swedish and English. Crafted POSTs are covered by ``tests/permissions/test_matrix.py``.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from measures.models import Measure
from tests.support import require

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path("/usr/bin/chromium")
OWN_MEASURE = "Samtalsstöd för personer som köper sex"  # SN, in the adopted 2019 plan
KS_MEASURE = "Utbildning för hotell- och taxipersonal"  # KS, in the same plan


def _accessible(axe_check, page):
    violations = axe_check(page)
    assert not violations, violations


def test_an_officer_updates_their_committees_measure_and_cannot_edit_another_committees(
    live_server, request
):
    require(CHROMIUM.exists(), "Chromium is not installed at /usr/bin/chromium")
    try:
        page = request.getfixturevalue("browser_page")
        axe_check = request.getfixturevalue("axe_check")
    except pytest.FixtureLookupError:
        require(False, "the browser harness (browser_page, axe_check) is not in this branch")
    call_command("seed_demo", force=True, stdout=StringIO())
    own = Measure.objects.get(title=OWN_MEASURE)
    ks = Measure.objects.get(title=KS_MEASURE)
    own_form = reverse("measures:follow_up", kwargs={"pk": own.pk})

    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "handlaggare.sn")
    page.fill("#id_password", "demo-losenord")
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + reverse("programme:list"))

    # The menu leads to the committee's assignment: only Socialnämnden's measures are editable.
    page.click(f"nav a[href='{reverse('committees:list')}']")
    _accessible(axe_check, page)
    page.click("main table a")
    _accessible(axe_check, page)
    editable = page.locator("main a[href$='/uppfoljning/']")
    assert {editable.nth(i).get_attribute("href") for i in range(editable.count())} == {own_form}
    assert KS_MEASURE not in page.content()

    # Update status and progress with a note.
    page.click(f"main a[href='{own_form}']")
    _accessible(axe_check, page)
    page.select_option("#id_status", "ongoing")
    page.fill("#id_progress", "60")
    page.fill("#id_progress_note", "Samtalsstödet har fler besök än väntat.")
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + own.get_absolute_url())
    _accessible(axe_check, page)
    own.refresh_from_db()
    assert (own.status, own.progress) == ("ongoing", 60)
    assert "Samtalsstödet har fler besök än väntat." in page.content()

    # Kommunstyrelsen's measure: no way to edit it, neither on its page nor by URL.
    page.goto(live_server.url + ks.get_absolute_url())
    _accessible(axe_check, page)
    assert page.locator("main a[href$='/uppfoljning/']").count() == 0
    response = page.goto(live_server.url + reverse("measures:follow_up", kwargs={"pk": ks.pk}))
    assert response.status == 403
    _accessible(axe_check, page)
