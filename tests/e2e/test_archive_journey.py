"""Browser: a coordinator downloads an adopted edition's e-archive package from the versions page."""

import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from programme.decisions.transitions import programme_transition
from programme.models import ArchivePackage, Programme

from .conftest import check
from .test_workflow_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_downloads_the_archive_package(live_server, page, demo, tmp_path):
    coordinator = get_user_model().objects.get(username="samordnare")
    programme = Programme.objects.get(status=Programme.Status.DRAFT)
    programme_transition(
        actor=coordinator, programme=programme, to_status=Programme.Status.SUBMITTED
    )
    programme_transition(
        actor=coordinator,
        programme=programme,
        to_status=Programme.Status.ADOPTED,
        decision_date=timezone.localdate(),
        decision_paragraph="KF § 45",
        case_number="KS 2026-000045",
    )
    package = ArchivePackage.objects.get(adopted_edition__programme=programme)
    base = live_server.url

    _log_in(page, base, "samordnare")
    page.goto(f"{base}/program/{programme.pk}/versioner/")
    link = page.get_by_role("link", name="Archive package for the e-archive, version 1 (ZIP)")
    check(page, "archive-01-versions")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    check(page, "archive-02-versions-320")

    with page.expect_download() as download:
        link.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith("-v1-arkivpaket.zip")
    with zipfile.ZipFile(saved) as zipped:
        assert f"{package.package_id}/METS.xml" in zipped.namelist()
