"""Two coordinators edit the same measure in two browsers: the second save merges instead of
undoing the first (core.forms.LockedForm.rebase). Anna adds a paragraph, Bertil changes the
indicator and presses Save twice: both changes stay. Then both change the title: Bertil sees
the two titles side by side and chooses. The conflict page passes axe and fits 320 px."""

import re

import pytest
from django.contrib.auth.models import Group

from committees import roles
from measures.models import Measure
from programme.models import Programme

from .conftest import check, editor

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "demo-losenord"


def log_in(page, username):
    page.goto("/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))


def second_coordinator(django_user_model):
    user = django_user_model.objects.create_user("bertil", password=PASSWORD, first_name="Bertil")
    user.groups.add(Group.objects.get(name=roles.COORDINATORS))


def test_a_second_save_keeps_the_first_editors_change(
    page, browser, live_server, demo, django_user_model
):
    second_coordinator(django_user_model)
    measure = (
        Measure.objects.filter(section__programme__status=Programme.Status.DRAFT)
        .order_by("pk")
        .first()
    )
    url = f"/atgarder/{measure.pk}/redigera/"
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    other = context.new_page()
    other.artifact_dir, other.shot_count = page.artifact_dir, 10  # screenshots beside page's
    try:
        log_in(page, "samordnare")
        log_in(other, "bertil")
        page.goto(url)
        other.goto(url)

        area = editor(page, "id_description")
        area.click()
        page.keyboard.press("Control+End")
        page.keyboard.press("Enter")
        page.keyboard.type("Även hotellpersonal.")
        page.click("main form button[type=submit]")
        page.wait_for_url(re.compile(rf"/atgarder/{measure.pk}/$"))

        other.fill("#id_indicator", "Andel utbildade")
        other.click("main form button.button[type=submit]")
        other.locator("#conflict-title").wait_for()
        check(other, "conflict-merged")
        assert other.evaluate("document.documentElement.scrollWidth") <= 320
        assert "Även hotellpersonal." in editor(other, "id_description").inner_text()
        other.click("main form button.button[type=submit]")
        other.wait_for_url(re.compile(rf"/atgarder/{measure.pk}/$"))
        measure.refresh_from_db()
        assert "Även hotellpersonal." in measure.description
        assert measure.indicator == "Andel utbildade"

        # Both change the title: Bertil chooses.
        page.goto(url)
        other.goto(url)
        page.fill("#id_title", "Annas titel")
        page.click("main form button[type=submit]")
        page.wait_for_url(re.compile(rf"/atgarder/{measure.pk}/$"))
        other.fill("#id_title", "Bertils titel")
        other.click("main form button.button[type=submit]")
        other.locator("#conflict-title").wait_for()
        clash = other.locator(".clash")
        assert "Annas titel" in clash.inner_text() and "Bertils titel" in clash.inner_text()
        check(other, "conflict-choice")
        assert other.evaluate("document.documentElement.scrollWidth") <= 320
        other.get_by_label("Use the saved one").check()
        other.click("main form button.button[type=submit]")
        other.wait_for_url(re.compile(rf"/atgarder/{measure.pk}/$"))
        measure.refresh_from_db()
        assert measure.title == "Annas titel"
        assert measure.indicator == "Andel utbildade"
    finally:
        context.close()
