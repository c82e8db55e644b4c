"""Pasting a 10,000-character title: the field keeps all of it, the counter under it says how far
over the limit it is (static/js/char-counter.js), and saving is refused next to the field with
the text kept. Axe-clean and 320 px wide."""

import re

import pytest

from measures.models import Measure
from programme.models import Programme

from .conftest import check

pytestmark = pytest.mark.django_db(transaction=True)

PASTED = "Utbildning för taxiförare " * 385  # 10,010 characters


def test_a_pasted_long_title_is_counted_kept_and_refused(page, demo):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/konto/login/")
    page.fill("#id_username", "samordnare")
    page.fill("#id_password", "demo-losenord")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))
    measure = Measure.objects.filter(section__programme__status=Programme.Status.DRAFT).first()
    title = measure.title
    page.goto(f"/atgarder/{measure.pk}/redigera/")
    count = page.locator("#id_title_count")
    assert count.get_attribute("aria-live") == "polite"
    assert count.inner_text() == f"{len(title)} of 250 characters"
    assert "id_title_count" in page.locator("#id_title").get_attribute("aria-describedby")

    page.locator("#id_title").fill(PASTED)
    assert page.locator("#id_title").input_value() == PASTED  # not cut at 250
    assert count.inner_text() == f"{len(PASTED)} of 250 characters – {len(PASTED) - 250} too many"
    check(page, "counter-over")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.click("main form button.button[type=submit]")
    page.locator("#id_title_error").wait_for()
    assert "the limit is 250 characters" in page.locator("#id_title_error").inner_text()
    assert page.locator("#id_title").input_value() == PASTED
    check(page, "refused")
    assert Measure.objects.get(pk=measure.pk).title == title
