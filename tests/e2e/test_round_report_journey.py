"""Browser journey for the follow-up report: in the demo, the coordinator closes the open round
of the adopted 2019 plan ("Uppföljning 2026"), whose report is not offered before; then the
council member (`ledamot`) downloads the report from the programme page and finds the round, its
summary and the committees' decisions in it. Every page: axe clean; the round page at 320 px.
"""

import pytest
from django.urls import reverse
from pypdf import PdfReader

from measures.models import ReportingRound
from programme.models import Programme, RenderJob

from .conftest import check

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


def test_the_coordinator_closes_a_round_and_a_council_member_downloads_its_report(
    live_server, page, demo
):
    base = live_server.url
    plan = Programme.objects.get(title=PLAN, edition=1)
    reporting_round = ReportingRound.objects.get(programme=plan, name="Uppföljning 2026")
    report_url = reverse("programme:round_report", args=[plan.pk, reporting_round.pk])
    assert reporting_round.is_open

    # Before closing, the report is offered nowhere and its address is a 404.
    _log_in(page, base, "ledamot")
    page.goto(base + plan.get_absolute_url())
    assert page.locator(f"main a[href='{report_url}']").count() == 0
    assert page.goto(base + report_url).status == 404

    # The coordinator closes the round on its page (at 320 px); the page then offers the report.
    _log_in(page, base, "samordnare")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(base + reporting_round.get_absolute_url())
    page.locator("main form button", has_text="Close the round").click()
    page.wait_for_url(base + reporting_round.get_absolute_url())
    check(page, "round-report-01-round-closed")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator(f"main a[href='{report_url}']").count() == 1
    page.set_viewport_size({"width": 1280, "height": 900})

    # The council member downloads it from the programme page.
    _log_in(page, base, "ledamot")
    page.goto(base + plan.get_absolute_url())
    link = page.locator("#pdf").get_by_role("link", name="Follow-up report: Uppföljning 2026 (PDF)")
    link.focus()  # reachable by keyboard
    check(page, "round-report-02-programme-page")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    job = RenderJob.objects.get(kind="round_report", reporting_round=reporting_round)
    assert download.suggested_filename == job.download_name
    assert download.suggested_filename.startswith("uppfoljningsrapport-skelleftea-")
    with open(download.path(), "rb") as handle:
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(handle).pages)
    for expected in (
        "Uppföljning 2026",
        PLAN,
        "Sammanfattning",
        "Status per nämnd",
        "Försenade åtgärder",
        "Bilaga: Nämndernas rapportering",
        "SN 2027/3",
        "Inte klarmarkerad",  # Kommunstyrelsen never marked its part ready
    ):
        assert expected in text, expected

    # Once there, the programme page links the file itself.
    page.goto(base + plan.get_absolute_url())
    check(page, "round-report-03-programme-page-ready")
    assert "page" in page.locator("#pdf .pdf-panel__reports").inner_text()


@pytest.mark.worker
def test_with_a_worker_the_first_download_follows_the_render_live(
    live_server,
    page,
    demo,
    start_worker,
):
    start_worker()
    base = live_server.url
    plan = Programme.objects.get(title=PLAN, edition=1)
    closed = ReportingRound.objects.get(programme=plan, name="Uppföljning 2025")
    _log_in(page, base, "ledamot")
    page.goto(base + plan.get_absolute_url())
    page.locator("#pdf").get_by_role(
        "link", name="Follow-up report: Uppföljning 2025 (PDF)"
    ).click()
    # Rendered by the worker: the page says so and follows it until the file is there.
    status = page.locator("[data-pdf-status-label]")
    status.wait_for()
    check(page, "round-report-worker-01-being-prepared")
    link = page.locator(".pdf-panel__status a", has_text="Download PDF")
    link.wait_for(timeout=120_000)
    assert status.inner_text() == "Done"
    check(page, "round-report-worker-02-ready")
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(handle).pages)
    assert "Uppföljning 2025" in text and "SN 2026/12" in text and "KS 2026/40" in text
    job = RenderJob.objects.get(reporting_round=closed)
    assert (job.status, job.attempts) == ("done", 1)
