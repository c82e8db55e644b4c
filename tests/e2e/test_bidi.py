"""A programme title with an unclosed right-to-left override, in a real browser: the period the
heading prints after the title stays after it, left to right, and the page title keeps the
municipality's name in order (core.bidi)."""

import re

import pytest

from programme.models import Programme

from .conftest import check

pytestmark = pytest.mark.django_db(transaction=True)

RLO = "\u202e"


def test_an_unclosed_override_in_a_title_reverses_only_the_title(page, demo):
    programme = Programme.objects.get(status=Programme.Status.DRAFT)
    Programme.objects.filter(pk=programme.pk).update(title=f"Handlingsprogram {RLO}ABC")
    page.goto("/konto/login/")
    page.fill("#id_username", "samordnare")
    page.fill("#id_password", "demo-losenord")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))
    page.goto(programme.get_absolute_url())
    heading = page.locator("h1")
    assert heading.locator("bdi").count() == 1
    # The period is a text node after the <bdi>: laid out to its right, digits in order.
    order = heading.evaluate(
        """h => {
            const bdi = h.querySelector('bdi');
            const range = document.createRange();
            range.selectNodeContents(bdi.nextSibling);
            const rects = [...range.getClientRects()].filter(r => r.width > 0);
            return {title: bdi.getBoundingClientRect().right, period: rects[0].left,
                    text: bdi.nextSibling.textContent};
        }"""
    )
    assert order["period"] >= order["title"] - 1, order
    assert re.fullmatch(r"\s*\d{4}–\d{4}", order["text"])
    assert page.title().endswith("\u2069 – Skellefteå kommun")
    check(page, "override-isolated")
