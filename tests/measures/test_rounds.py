"""Reporting rounds (årlig uppföljning): opening a round, committees reporting on their part and
marking it ready, the coordinator reopening and closing it, the frozen snapshot, the pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import RestrictedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import roles
from committees.services import membership_add
from measures.follow_up import round_selectors
from measures.follow_up.round_services import (
    round_close,
    round_open,
    round_part_mark_ready,
    round_part_reopen,
    round_part_save,
)
from measures.follow_up.services import progress_update_create
from measures.models import Measure, ProgressUpdate, ReportingRound, RoundPart
from programme.models import Programme
from tests.factories import (
    CommitteeFactory,
    MeasureFactory,
    ProgrammeFactory,
    SectionFactory,
    UserFactory,
)
from tests.programme.helpers import make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def sn():
    return CommitteeFactory(name="Socialnämnden", code="SN")


@pytest.fixture
def ks():
    return CommitteeFactory(name="Kommunstyrelsen", code="KS")


@pytest.fixture
def officer(sn):
    user = UserFactory(username="handlaggare.sn")
    membership_add(user=user, committee=sn)
    return user


@pytest.fixture
def ks_officer(ks):
    user = UserFactory(username="handlaggare.ks")
    membership_add(user=user, committee=ks)
    return user


@pytest.fixture
def coordinator():
    return make_coordinator()


@pytest.fixture
def programme(sn, ks):
    programme = ProgrammeFactory(owning_committee=ks)
    section = SectionFactory(programme=programme)
    MeasureFactory(section=section, responsible_committee=sn, indicator="Antal samtal")
    MeasureFactory(section=section, responsible_committee=sn)
    MeasureFactory(section=section, responsible_committee=ks)
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.ADOPTED)
    return Programme.objects.get(pk=programme.pk)


def _open(coordinator, programme, **fields) -> ReportingRound:
    values = {
        "name": "Uppföljning 2027",
        "period_from": date(2027, 1, 1),
        "period_to": date(2027, 12, 31),
        "deadline": date(2028, 2, 15),
    } | fields
    return round_open(actor=coordinator, programme=programme, **values)


def _part(reporting_round, committee) -> RoundPart:
    return RoundPart.objects.select_related("round__programme").get(
        round=reporting_round, committee=committee
    )


def _entries(part, **fields) -> list[dict]:
    return [
        {
            "measure": measure,
            "edit_token": measure.edit_token,
            "status": "ongoing",
            "progress": 40,
            "note": "<p>Gjort</p>",
        }
        | fields
        for measure in Measure.objects.filter(
            responsible_committee=part.committee, section__programme=part.round.programme
        ).select_related("section__programme")
    ]


def _state():
    return (
        list(ProgressUpdate.objects.values_list("pk", "round_id")),
        list(RoundPart.objects.values_list("pk", "state", "ready_at")),
        list(ReportingRound.objects.values_list("pk", "state", "snapshot")),
        list(Measure.objects.values_list("pk", "status", "progress", "edit_token")),
    )


def test_a_round_asks_every_responsible_committee_by_default(coordinator, programme, sn, ks):
    reporting_round = _open(coordinator, programme)
    assert set(reporting_round.parts.values_list("committee", flat=True)) == {sn.pk, ks.pk}
    assert set(reporting_round.parts.values_list("state", flat=True)) == {"open"}


def test_a_round_can_ask_some_committees_only(coordinator, programme, sn):
    reporting_round = _open(coordinator, programme, committees=[sn])
    assert list(reporting_round.parts.values_list("committee", flat=True)) == [sn.pk]


def test_a_round_refuses_a_committee_without_measures_and_a_reversed_period(coordinator, programme):
    other = CommitteeFactory(name="Miljönämnden", code="MN")
    with pytest.raises(ValidationError):
        _open(coordinator, programme, committees=[other])
    with pytest.raises(ValidationError):
        _open(coordinator, programme, period_to=date(2026, 1, 1))
    assert not ReportingRound.objects.exists()


def test_only_a_coordinator_opens_a_round_of_an_adopted_programme(coordinator, officer, programme):
    with pytest.raises(PermissionDenied):
        _open(officer, programme)
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.DRAFT)
    programme.refresh_from_db()
    with pytest.raises(PermissionDenied):
        _open(coordinator, programme)
    assert not ReportingRound.objects.exists()


def test_the_committee_reports_its_part_with_updates_marked_with_the_round(
    coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    part = _part(reporting_round, sn)
    updates = round_part_save(actor=officer, part=part, entries=_entries(part))
    assert len(updates) == 2
    assert {u.round_id for u in updates} == {reporting_round.pk}
    assert set(
        Measure.objects.filter(responsible_committee=sn).values_list("progress", flat=True)
    ) == {40}
    assert round_selectors.round_updated_ids(reporting_round) == {u.measure_id for u in updates}


def test_an_officer_cannot_report_on_another_committees_part(
    coordinator, officer, ks_officer, programme, sn, ks
):
    reporting_round = _open(coordinator, programme)
    before = _state()
    with pytest.raises(PermissionDenied):
        round_part_save(
            actor=ks_officer,
            part=_part(reporting_round, sn),
            entries=_entries(_part(reporting_round, sn)),
        )
    # Nor slip another committee's measure into its own part.
    with pytest.raises(PermissionDenied):
        round_part_save(
            actor=officer,
            part=_part(reporting_round, sn),
            entries=_entries(_part(reporting_round, ks)),
        )
    with pytest.raises(PermissionDenied):
        round_part_mark_ready(actor=ks_officer, part=_part(reporting_round, sn))
    assert _state() == before


def test_a_ready_part_is_locked_until_the_coordinator_reopens_it(
    coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    part = _part(reporting_round, sn)
    round_part_mark_ready(
        actor=officer,
        part=part,
        decision_date=date(2028, 2, 1),
        decision_paragraph="§ 12",
        case_number="SN 2028/4",
    )
    part = _part(reporting_round, sn)
    assert part.is_ready and part.case_number == "SN 2028/4" and part.ready_by == officer
    before = _state()
    with pytest.raises(PermissionDenied):
        round_part_save(actor=officer, part=part, entries=_entries(part))
    with pytest.raises(PermissionDenied):
        round_part_mark_ready(actor=officer, part=part)
    # The report's own service refuses too, whoever calls it.
    measure = _entries(part)[0]["measure"]
    with pytest.raises(PermissionDenied):
        progress_update_create(
            actor=officer,
            measure=measure,
            edit_token=measure.edit_token,
            status="ongoing",
            progress=1,
            reporting_round=reporting_round,
        )
    # Only the coordinator reopens.
    with pytest.raises(PermissionDenied):
        round_part_reopen(actor=officer, part=part)
    assert _state() == before
    round_part_reopen(actor=coordinator, part=part)
    part = _part(reporting_round, sn)
    assert not part.is_ready
    assert len(round_part_save(actor=officer, part=part, entries=_entries(part))) == 2


def test_closing_freezes_the_snapshot_and_a_later_update_never_changes_it(
    coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    part = _part(reporting_round, sn)
    entries = _entries(part)
    entries[0] |= {"indicator_value": Decimal("12"), "indicator_date": date(2027, 12, 31)}
    round_part_save(actor=officer, part=part, entries=entries)
    with pytest.raises(PermissionDenied):
        round_close(actor=officer, reporting_round=reporting_round)
    round_close(actor=coordinator, reporting_round=reporting_round)
    reporting_round.refresh_from_db()
    frozen = reporting_round.snapshot
    rows = {row["identifier"]: row for row in frozen["measures"]}
    assert rows["1.1"]["status"] == "ongoing" and rows["1.1"]["indicator_value"] == "12.00"
    assert rows["1.1"]["reported"] and not rows["1.3"]["reported"]
    assert {p["committee"] for p in frozen["parts"]} == {"Socialnämnden", "Kommunstyrelsen"}

    # A later update (outside the round) changes the measure, not the closed round.
    measure = entries[0]["measure"]
    measure.refresh_from_db()
    progress_update_create(
        actor=officer,
        measure=measure,
        edit_token=measure.edit_token,
        status="completed",
        progress=100,
    )
    reporting_round.refresh_from_db()
    assert reporting_round.snapshot == frozen
    assert round_selectors.round_rows(reporting_round)[0]["status"] == "ongoing"

    # A closed round takes no report, no ready mark and no second close.
    before = _state()
    part = _part(reporting_round, sn)
    with pytest.raises(PermissionDenied):
        round_part_save(actor=officer, part=part, entries=_entries(part))
    with pytest.raises(PermissionDenied):
        round_part_mark_ready(actor=officer, part=part)
    with pytest.raises(PermissionDenied):
        round_close(actor=coordinator, reporting_round=reporting_round)
    assert _state() == before


def test_rounds_compare_side_by_side(client, coordinator, officer, programme, sn):
    first = _open(
        coordinator,
        programme,
        name="Uppföljning 2026",
        period_from=date(2026, 1, 1),
        period_to=date(2026, 12, 31),
    )
    part = _part(first, sn)
    round_part_save(actor=officer, part=part, entries=_entries(part, status="delayed"))
    round_close(actor=coordinator, reporting_round=first)
    second = _open(coordinator, programme)
    part = _part(second, sn)
    round_part_save(
        actor=officer, part=part, entries=_entries(part, status="completed", progress=100)
    )
    round_close(actor=coordinator, reporting_round=second)
    first.refresh_from_db()
    second.refresh_from_db()
    rows = round_selectors.round_comparison([first, second])
    assert rows[0].cells == [
        str(Measure.Status.DELAYED.label),
        str(Measure.Status.COMPLETED.label),
    ]
    client.force_login(coordinator)
    page = client.get(reverse("rounds:programme", args=[programme.pk])).content.decode()
    assert "Uppföljning 2026" in page and "Försenad" in page and "Genomförd" in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_round_pages_query_counts_do_not_grow_with_measures(
    client, coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    part = _part(reporting_round, sn)
    urls = {
        officer: [part.get_absolute_url()],
        coordinator: [
            reporting_round.get_absolute_url(),
            part.get_absolute_url(),
            reverse("rounds:programme", args=[programme.pk]),
        ],
    }
    counts = {}
    for user, pages in urls.items():
        client.force_login(user)
        counts |= {(user.pk, url): _queries(client, url) for url in pages}
    section = programme.sections.first()
    # Measures are added in draft only; the round stays as it is meanwhile.
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.DRAFT)
    for _number in range(10):
        MeasureFactory(section=section, responsible_committee=sn, indicator="X")
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.ADOPTED)
    round_part_save(actor=officer, part=part, entries=_entries(part))
    for user, pages in urls.items():
        client.force_login(user)
        for url in pages:
            assert _queries(client, url) == counts[(user.pk, url)], url


def test_the_part_page_saves_changed_measures_only_and_keeps_bad_input(
    client, coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    part = _part(reporting_round, sn)
    first, second = _entries(part)
    first, second = first["measure"], second["measure"]
    client.force_login(officer)
    url = part.get_absolute_url()
    page = client.get(url).content.decode()
    assert f'name="m{first.pk}-status"' in page

    def data(progress):
        values = {}
        for measure in (first, second):
            values |= {
                f"m{measure.pk}-edit_token": measure.edit_token,
                f"m{measure.pk}-status": measure.status,
                f"m{measure.pk}-progress": measure.progress,
                f"m{measure.pk}-note": measure.progress_note,
            }
        values[f"m{first.pk}-progress"] = progress
        return values

    response = client.post(url, data(150))
    assert response.status_code == 400
    assert 'value="150"' in response.content.decode()
    assert not ProgressUpdate.objects.filter(round=reporting_round).exists()
    response = client.post(url, data(70))
    assert response.status_code == 302
    assert list(
        ProgressUpdate.objects.filter(round=reporting_round).values_list("measure_id", "progress")
    ) == [(first.pk, 70)]


def test_the_part_pages_refuse_others(client, coordinator, ks_officer, officer, programme, sn):
    reporting_round = _open(coordinator, programme)
    part = _part(reporting_round, sn)
    client.force_login(ks_officer)
    before = _state()
    assert client.get(part.get_absolute_url()).status_code == 403
    assert client.post(part.get_absolute_url(), {}).status_code == 403
    assert client.post(reverse("rounds:part_ready", args=[part.pk])).status_code == 403
    assert client.get(reporting_round.get_absolute_url()).status_code == 403
    assert client.post(reverse("rounds:close", args=[reporting_round.pk])).status_code == 403
    client.force_login(officer)
    assert client.post(reverse("rounds:part_reopen", args=[part.pk])).status_code == 403
    assert client.get(reverse("rounds:open", args=[programme.pk])).status_code == 403
    assert _state() == before


def test_a_draft_programmes_round_pages_are_404_for_officers(
    client, coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    part = _part(reporting_round, sn)
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.DRAFT)
    client.force_login(officer)
    assert client.get(part.get_absolute_url()).status_code == 404
    assert client.get(reverse("rounds:programme", args=[programme.pk])).status_code == 404


def test_council_members_read_the_round_but_change_nothing(client, coordinator, programme, sn):
    reporting_round = _open(coordinator, programme)
    member = UserFactory(username="ledamot")
    member.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])
    client.force_login(member)
    assert client.get(reporting_round.get_absolute_url()).status_code == 200
    assert client.post(reverse("rounds:close", args=[reporting_round.pk])).status_code == 403
    assert ReportingRound.objects.get().is_open


def test_the_coordinator_opens_a_round_through_the_form(client, coordinator, programme, sn, ks):
    client.force_login(coordinator)
    url = reverse("rounds:open", args=[programme.pk])
    page = client.get(url).content.decode()
    assert "Kommunstyrelsen" in page
    bad = {
        "name": "Uppföljning 2027",
        "period_from": "2027-12-31",
        "period_to": "2027-01-01",
        "deadline": "2028-02-01",
        "committees": [sn.pk],
    }
    response = client.post(url, bad)
    assert response.status_code == 400 and "Uppföljning 2027" in response.content.decode()
    assert not ReportingRound.objects.exists()
    response = client.post(url, bad | {"period_from": "2027-01-01", "period_to": "2027-12-31"})
    reporting_round = ReportingRound.objects.get()
    assert response.status_code == 302 and response.url == reporting_round.get_absolute_url()
    assert list(reporting_round.parts.values_list("committee", flat=True)) == [sn.pk]


def test_our_assignment_lists_the_open_part(client, coordinator, officer, programme, sn):
    client.force_login(officer)
    url = reverse("committees:assignments", args=[sn.pk])
    assert "Uppföljning 2027" not in client.get(url).content.decode()
    reporting_round = _open(coordinator, programme)
    page = client.get(url).content.decode()
    assert _part(reporting_round, sn).get_absolute_url() in page


def test_the_admin_shows_a_round_but_cannot_add_or_change_it(
    client, coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    round_part_mark_ready(actor=officer, part=_part(reporting_round, sn), case_number="SN 1")
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:measures_reportinground_changelist"))
    assert listing.status_code == 200 and "Uppföljning 2027" in listing.content.decode()
    assert client.get(reverse("admin:measures_reportinground_add")).status_code == 403
    url = reverse("admin:measures_reportinground_change", args=[reporting_round.pk])
    page = client.get(url)
    assert page.status_code == 200 and "SN 1" in page.content.decode()
    client.post(url, {"name": "Ändrad", "deadline": "2030-01-01"})
    assert ReportingRound.objects.get().name == "Uppföljning 2027"


def test_a_round_left_open_on_a_superseded_programme_can_still_be_closed(
    coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.SUPERSEDED)
    reporting_round = ReportingRound.objects.select_related("programme").get()
    part = _part(reporting_round, sn)
    with pytest.raises(PermissionDenied):
        round_part_save(actor=officer, part=part, entries=_entries(part))
    with pytest.raises(PermissionDenied):
        _open(coordinator, reporting_round.programme, name="Uppföljning 2028")
    round_close(actor=coordinator, reporting_round=reporting_round)
    assert ReportingRound.objects.get().state == ReportingRound.State.CLOSED


def test_the_measure_page_names_the_round_an_update_was_reported_in(
    client, coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    part = _part(reporting_round, sn)
    entries = _entries(part)
    round_part_save(actor=officer, part=part, entries=entries)
    client.force_login(officer)
    page = client.get(entries[0]["measure"].get_absolute_url()).content.decode()
    assert "rapporterad i Uppföljning 2027" in page


def test_an_unchanged_indicator_value_is_not_reported_again(
    client, coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    part = _part(reporting_round, sn)
    entries = _entries(part)
    entries[0] |= {"indicator_value": Decimal("12"), "indicator_date": date(2027, 6, 30)}
    round_part_save(actor=officer, part=part, entries=entries[:1])
    measure = Measure.objects.get(pk=entries[0]["measure"].pk)
    client.force_login(officer)
    prefix = f"m{measure.pk}"
    response = client.post(
        part.get_absolute_url(),
        {
            f"{prefix}-edit_token": measure.edit_token,
            f"{prefix}-status": measure.status,
            f"{prefix}-progress": measure.progress,
            f"{prefix}-note": "<p>Ny text</p>",
            f"{prefix}-indicator_value": "12.00",
            f"{prefix}-indicator_date": "",
        }
        | {
            f"m{m.pk}-{key}": value
            for m in Measure.objects.filter(responsible_committee=sn).exclude(pk=measure.pk)
            for key, value in (
                ("edit_token", m.edit_token),
                ("status", m.status),
                ("progress", m.progress),
                ("note", m.progress_note),
            )
        },
    )
    assert response.status_code == 302
    latest = ProgressUpdate.objects.filter(measure=measure).first()
    assert latest.note == "<p>Ny text</p>"
    assert (latest.indicator_value, latest.indicator_date) == (None, None)
    assert ProgressUpdate.objects.filter(indicator_value__isnull=False).count() == 1


def test_a_round_is_kept_while_reports_refer_to_it_but_goes_with_its_programme(
    coordinator, officer, programme, sn
):
    reporting_round = _open(coordinator, programme)
    part = _part(reporting_round, sn)
    round_part_save(actor=officer, part=part, entries=_entries(part))
    with pytest.raises(RestrictedError):
        reporting_round.delete()
    Programme.objects.get(pk=programme.pk).delete()
    assert not ReportingRound.objects.exists() and not ProgressUpdate.objects.exists()
