"""The follow-up report's pages: offered on the programme page and the round page once the round
is closed (404 before), downloaded by whoever may read the programme, rendered once."""

import pytest
from django.db import connection
from django.urls import reverse

from measures.follow_up.round_services import round_close, round_open
from measures.models import ReportingRound
from programme.documents import jobs
from programme.models import Programme, RenderJob
from tests.factories import ProgrammeFactory

from .round_report_support import close, round_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return round_world()


def _url(world, round_pk=None, programme_pk=None):
    return reverse(
        "programme:round_report",
        args=[programme_pk or world.programme.pk, round_pk or world.reporting_round.pk],
    )


def _state():
    return (
        list(RenderJob.objects.values_list("pk", "status", "file")),
        list(ReportingRound.objects.values_list("pk", "state")),
    )


def test_an_open_round_offers_no_report_and_its_url_is_404(client, world):
    client.force_login(world.coordinator)
    before = _state()
    page = client.get(world.programme.get_absolute_url()).content.decode()
    assert _url(world) not in page
    round_page = client.get(world.reporting_round.get_absolute_url()).content.decode()
    assert _url(world) not in round_page
    assert client.get(_url(world)).status_code == 404
    assert _state() == before


def test_a_council_member_downloads_the_report_from_the_programme_page(
    client, django_capture_on_commit_callbacks, world
):
    close(world)
    client.force_login(world.council_member)
    page = client.get(world.programme.get_absolute_url()).content.decode()
    assert _url(world) in page
    assert "Uppföljningsrapport: Uppföljning 2026 (PDF)" in page
    with django_capture_on_commit_callbacks(execute=True):
        pending = client.get(_url(world))
    # The first download asks for the render and follows it (the worker's part runs on commit).
    assert pending.status_code == 202
    response = client.get(_url(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    assert 'filename="uppfoljningsrapport-' in response["Content-Disposition"]
    job = RenderJob.objects.get()
    assert (job.kind, job.reporting_round_id, job.status) == (
        "round_report",
        world.reporting_round.pk,
        "done",
    )
    assert job.requested_by == world.council_member
    # Asked again (by anyone who may read it): the same file, no second render.
    client.logout()
    again = client.get(_url(world))
    assert again.status_code == 200 and b"".join(again.streaming_content) == content
    assert RenderJob.objects.count() == 1
    page = client.get(world.programme.get_absolute_url()).content.decode()
    assert _url(world) in page  # public programme: the public reads its report too
    # The job's own address (the live status links it) hands readers the file too: a closed
    # round's report never goes out of date as the programme changes.
    client.force_login(world.council_member)
    direct = client.get(reverse("programme:pdf_download", args=[world.programme.pk, job.pk]))
    assert direct.status_code == 200 and b"".join(direct.streaming_content) == content


def test_equal_content_renders_once_a_second_request_reuses_the_file(
    client, django_capture_on_commit_callbacks, world
):
    close(world)
    with django_capture_on_commit_callbacks(execute=True):
        first = jobs.round_report_request(actor=None, reporting_round=world.reporting_round)
    second = jobs.round_report_request(
        actor=world.coordinator, reporting_round=world.reporting_round
    )
    first.refresh_from_db()
    assert first.status == "done" and second.reused_from == first
    assert second.file.name == first.file.name and second.status == "done"


def test_a_queued_report_shows_its_live_status_on_the_programme_page(
    client, django_capture_on_commit_callbacks, world
):
    close(world)
    client.force_login(world.council_member)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.get(_url(world))
    assert response.status_code == 202  # being prepared: the page follows it
    job = RenderJob.objects.get()
    status_url = reverse("programme:pdf_status", args=[world.programme.pk, job.pk])
    assert status_url in response.content.decode()
    page = client.get(world.programme.get_absolute_url()).content.decode()
    assert status_url in page and 'aria-live="polite"' in page and "js/pdf-status.js" in page
    assert client.get(status_url).json()["status"] == "queued"


def test_the_round_page_links_the_report_once_closed(client, world):
    close(world)
    client.force_login(world.coordinator)
    page = client.get(world.reporting_round.get_absolute_url()).content.decode()
    assert _url(world) in page


def test_a_round_of_another_programme_or_an_unknown_round_is_404(client, world):
    close(world)
    other = ProgrammeFactory()
    Programme.objects.filter(pk=other.pk).update(status=Programme.Status.ADOPTED)
    client.force_login(world.coordinator)
    before = _state()
    assert client.get(_url(world, programme_pk=other.pk)).status_code == 404
    assert client.get(_url(world, round_pk=world.reporting_round.pk + 1000)).status_code == 404
    assert _state() == before


def test_a_programme_the_reader_may_not_read_hides_its_report(client, world):
    close(world)
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.WITHDRAWN)
    before = _state()
    client.force_login(world.council_member)
    assert client.get(_url(world)).status_code == 404
    client.logout()
    assert client.get(_url(world)).status_code == 404
    assert _state() == before


def _queries(client, url) -> tuple[int, str]:
    """The queries one page view makes (counted as they run: the debug log is a bounded deque)."""
    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        page = client.get(url)
    assert page.status_code == 200
    return count, page.content.decode()


def test_the_programme_page_query_count_does_not_grow_with_rounds(client, world):
    close(world)
    client.force_login(world.council_member)
    url = world.programme.get_absolute_url()
    client.get(url)
    one, _page = _queries(client, url)
    coordinator = world.coordinator
    for year in (2027, 2028, 2029):
        extra = round_open(
            actor=coordinator,
            programme=world.programme,
            name=f"Uppföljning {year}",
            period_from=world.reporting_round.period_from.replace(year=year),
            period_to=world.reporting_round.period_to.replace(year=year),
            deadline=world.reporting_round.deadline.replace(year=year + 1),
        )
        round_close(actor=coordinator, reporting_round=extra)
    client.get(url)  # the closings moved the programme's cached fragments on
    four, page = _queries(client, url)
    assert four <= one
    assert page.count("Uppföljningsrapport:") == 4
