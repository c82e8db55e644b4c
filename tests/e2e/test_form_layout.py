"""The consultation forms look finished and feedback appears where the user is: checkboxes of a
readable size beside their labels, "Cancel" apart from the button, room before the footer, each
comment box under its measure's title and description, the status badge clear of the version,
and after a move the message next to the moved measure, with focus on it. Axe-clean, 320 px."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from measures.models import Measure
from programme.models import Programme

from .conftest import check

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, username):
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.base}])
    page.goto("/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-losenord")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))


def box(locator):
    return locator.bounding_box()


def overlaps(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def assert_send_form_layout(page):
    checkbox = page.get_by_label("Kommunstyrelsen")
    label = page.locator("label", has_text="Kommunstyrelsen").first
    assert box(checkbox)["width"] >= 18
    assert abs(box(checkbox)["y"] - box(label)["y"]) < 12  # on the label's line
    button = page.get_by_role("button", name="Send to consultation")
    cancel = page.locator("main form").get_by_role("link", name="Cancel")
    gap_x = box(cancel)["x"] - (box(button)["x"] + box(button)["width"])
    gap_y = box(cancel)["y"] - (box(button)["y"] + box(button)["height"])
    assert gap_x >= 12 or gap_y >= 8
    footer = page.locator("footer.site-footer")
    assert box(footer)["y"] - (box(cancel)["y"] + box(cancel)["height"]) >= 24


def test_consultation_forms_status_and_move_feedback(live_server, page, demo):
    page.base = live_server.url
    programme = Programme.objects.get(status=Programme.Status.DRAFT)
    log_in(page, "samordnare")

    # The status badge never covers the version beside it, in Swedish (longer labels) too.
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.SUBMITTED)
    page.context.add_cookies([{"name": "django_language", "value": "sv", "url": page.base}])
    for width in (1280, 700, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(programme.get_absolute_url())
        status = page.locator(".facts .status").first
        version = page.locator(".facts div", has_text="Version").locator("dd").first
        assert not overlaps(box(status), box(version)), width
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.DRAFT)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.base}])

    # Moving a measure: back at the measure, the message beside it and focused.
    page.set_viewport_size({"width": 1280, "height": 700})
    measure = Measure.objects.filter(section__programme=programme, section__order=2).first()
    page.goto(programme.get_absolute_url())
    row = page.locator(f"#measure-{measure.pk}")
    row.get_by_role("button", name=re.compile("Move down")).click()
    page.wait_for_url(re.compile(rf"#measure-{measure.pk}$"))
    message = page.locator(f"#measure-{measure.pk} + tr.message-row .message")
    message.wait_for()
    assert "is now measure" in message.inner_text()
    page.wait_for_load_state("load")
    assert message.evaluate("m => m === document.activeElement"), message.evaluate(
        "m => m.outerHTML"
    )
    top = box(message)["y"]
    assert 0 <= top <= 700, "the message is in view"
    assert abs(top - box(page.locator(f"#measure-{measure.pk}"))["y"]) < 400
    check(page, "moved")

    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/program/{programme.pk}/remiss/skicka/")
        assert_send_form_layout(page)
        check(page, f"send-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_label("Kommunstyrelsen").check()
    deadline = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Answer deadline").fill(deadline.isoformat())
    page.get_by_role("button", name="Send to consultation").click()
    assert "In consultation" in page.content()

    log_in(page, "handlaggare.ks")
    page.goto(programme.get_absolute_url())
    page.get_by_role("link", name="Consultation answer from Kommunstyrelsen").click()
    measures = Measure.objects.filter(section__programme=programme).order_by(
        "section__order", "order"
    )
    for measure in measures[:3]:
        field = page.locator(f"textarea[name=comment_{measure.pk}]")
        block = page.locator(".comment-measure", has=field)
        text = block.inner_text()
        assert measure.title in text
        first_words = re.sub(r"<[^>]+>", " ", measure.description).split()[:4]
        assert " ".join(first_words) in " ".join(text.split())
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        check(page, f"answer-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        button = page.get_by_role("button", name="Submit the answer")
        footer = page.locator("footer.site-footer")
        assert box(footer)["y"] - (box(button)["y"] + box(button)["height"]) >= 24
