"""Browser journey through a year of follow-up (issue 13), on a phone-sized screen: the
coordinator opens "Uppföljning 2027" for the adopted 2019 plan, Socialnämnden's officer reports
on its part and marks it ready under its decision, Kommunstyrelsen's officer is reminded by mail
a week before the deadline (the beat task's run), the coordinator sees Socialnämnden ready and
closes the round, the round shows up in the round-against-round comparison, and the council
member downloads the round's follow-up report from the programme page and finds the round on
the dashboard. Every page: axe clean, 320 px wide.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from measures.models import Measure, ProgressUpdate, ReportingRound
from measures.reminders import ROUND_DEADLINE_DAYS, reminders_send
from programme.models import Programme

from .conftest import check, editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = "Åtgärdsplan mot köp av sexuella tjänster"


def _log_in(page, base, username):
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(f"{base}/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-losenord")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}{reverse('programme:start')}")


def _narrow(page, name):
    check(page, name)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, name


def test_a_round_is_opened_reported_marked_ready_and_closed(live_server, page, demo):
    base = live_server.url
    page.set_viewport_size({"width": 320, "height": 800})
    plan = Programme.objects.get(title=PLAN, edition=1)

    # The coordinator opens the round from the programme's round page.
    _log_in(page, base, "samordnare")
    page.goto(base + plan.get_absolute_url())
    page.locator("main a", has_text="Follow-up rounds").click()
    _narrow(page, "round-01-programme-rounds")
    assert "Uppföljning 2025" in page.locator("#comparison-caption").locator("..").inner_text()
    page.locator("main a", has_text="Open a follow-up round").click()
    _narrow(page, "round-02-open-form")
    page.fill("#id_name", "Uppföljning 2027")
    page.fill("#id_period_from", "2027-01-01")
    page.fill("#id_period_to", "2027-12-31")
    page.fill("#id_deadline", "2028-02-15")
    page.locator("main form button[type=submit]").click()
    reporting_round = ReportingRound.objects.get(name="Uppföljning 2027")
    page.wait_for_url(base + reporting_round.get_absolute_url())
    _narrow(page, "round-03-round-page")
    rows = page.locator("main tbody tr")
    assert rows.count() == 2
    assert "Not ready" in rows.filter(has_text="Socialnämnden").inner_text()

    # Socialnämnden's officer finds the round under "Our assignment" and reports.
    _log_in(page, base, "handlaggare.sn")
    sn_part = reporting_round.parts.get(committee__code="SN")
    page.goto(base + reverse("committees:assignments", args=[sn_part.committee_id]))
    _narrow(page, "round-04a-our-assignment")
    page.locator(f"main a[href='{sn_part.get_absolute_url()}']").click()
    _narrow(page, "round-04-part-form")
    measure = Measure.objects.filter(
        section__programme=plan, responsible_committee=sn_part.committee
    ).first()
    prefix = f"#id_m{measure.pk}"
    assert page.input_value(f"{prefix}-progress") == str(measure.progress)
    page.select_option(f"{prefix}-status", "ongoing")
    page.fill(f"{prefix}-progress", "80")
    editor(page, f"id_m{measure.pk}-note").fill("Arbetet har fortsatt under 2027.")
    page.locator("main form button", has_text="Save the updates").click()
    page.wait_for_url(base + sn_part.get_absolute_url())
    assert "1 update was saved." in page.locator("body").inner_text()
    assert list(
        ProgressUpdate.objects.filter(round=reporting_round).values_list("measure_id", "progress")
    ) == [(measure.pk, 80)]
    page.fill("#id_case_number", "SN 2028/7")
    page.fill("#id_decision_paragraph", "§ 21")
    page.locator("main form button", has_text="Mark our part ready").click()
    page.wait_for_url(base + sn_part.get_absolute_url())
    _narrow(page, "round-05-part-ready")
    assert page.locator("main form button", has_text="Save the updates").count() == 0

    # A week before the deadline the hourly beat run reminds Kommunstyrelsen, whose part is not
    # ready; Socialnämnden, ready, hears nothing.
    mail.outbox.clear()
    reminders_send(today=reporting_round.deadline - timedelta(days=ROUND_DEADLINE_DAYS))
    reminded = [m.to for m in mail.outbox if "Uppföljning 2027" in m.subject]
    assert reminded == [["handlaggare.ks@example.se"]]

    # The coordinator sees the part ready and closes the round.
    _log_in(page, base, "samordnare")
    page.goto(base + reporting_round.get_absolute_url())
    row = page.locator("main tbody tr").filter(has_text="Socialnämnden")
    assert "Ready" in row.inner_text() and "SN 2028/7" in row.inner_text()
    assert (
        "Not ready" in page.locator("main tbody tr").filter(has_text="Kommunstyrelsen").inner_text()
    )
    page.locator("main form button", has_text="Close the round").click()
    page.wait_for_url(base + reporting_round.get_absolute_url())
    _narrow(page, "round-06-closed")
    reporting_round.refresh_from_db()
    assert reporting_round.state == ReportingRound.State.CLOSED
    page.locator("nav.breadcrumbs a", has_text="Follow-up rounds").click()
    _narrow(page, "round-07-comparison")
    header = page.locator("#comparison-caption").locator("..").locator("thead").inner_text()
    assert "Uppföljning 2025" in header and "Uppföljning 2027" in header

    # The council member downloads the round's follow-up report from the programme page …
    _log_in(page, base, "ledamot")
    page.goto(base + plan.get_absolute_url())
    _narrow(page, "round-08-programme-page")
    with page.expect_download() as info:
        page.locator("#pdf").get_by_role(
            "link", name="Follow-up report: Uppföljning 2027 (PDF)"
        ).click()
    with open(info.value.path(), "rb") as handle:
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(handle).pages)
    assert "Uppföljning 2027" in text and "SN 2028/7" in text
    assert "Arbetet har fortsatt under 2027." in text
    # … and finds the round on the dashboard, beside the earlier one.
    page.locator("main a", has_text="Follow-up dashboard").first.click()
    page.wait_for_url(base + reverse("programme:dashboard", args=[plan.pk]))
    _narrow(page, "round-09-dashboard")
    rounds = page.locator("#rounds-heading").locator("xpath=..").inner_text()
    assert "Uppföljning 2025" in rounds and "Uppföljning 2027" in rounds
