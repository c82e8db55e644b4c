"""The API's answers per role, with the permission matrix's world: what the pages show, no more.

A draft is a 404 for anonymous callers, council members before submission and other committees'
officers, whether signed in by session or by a personal token."""

import pytest
from django.urls import reverse

from .conftest import ROLES, client_for

# fmt: off
DETAIL = [
    # resource,  object,                    anon   coord  resp   other  co     council
    ("programme", "programme_draft",        (404,  200,   404,   404,   404,   404)),
    ("programme", "programme_consultation", (404,  200,   200,   200,   200,   404)),
    ("programme", "programme_submitted",    (404,  200,   200,   200,   200,   200)),
    ("programme", "programme_adopted",      (200,  200,   200,   200,   200,   200)),
    ("programme", "programme_superseded",   (200,  200,   200,   200,   200,   200)),
    ("programme", "programme_withdrawn",    (404,  200,   404,   404,   404,   404)),
    ("measure",   "measure_adopted",        (200,  200,   200,   200,   200,   200)),
    ("measure",   "measure_draft",          (404,  200,   404,   404,   404,   404)),
    ("measure",   "measure_consultation",   (404,  200,   200,   200,   200,   404)),
    ("measure",   "measure_superseded",     (200,  200,   200,   200,   200,   200)),
]
# fmt: on

CASES = [
    pytest.param(role, how, resource, obj, answers[index], id=f"{role}-{how}-{resource}-{obj}")
    for resource, obj, answers in DETAIL
    for index, role in enumerate(ROLES)
    for how in ("session", "token")
    if not (role == "anonymous" and how == "token")
]


@pytest.mark.parametrize(("role", "how", "resource", "obj", "expected"), CASES)
def test_detail_answers_as_the_pages_do(world, role, how, resource, obj, expected):
    client = client_for(world, role, how=how)
    target = world.objects[obj]
    response = client.get(reverse(f"api:{resource}-detail", args=[target.pk]))
    assert response.status_code == expected


def test_a_sections_draft_is_a_404_too(world):
    section = world.objects["measure_draft"].section
    url = reverse("api:section-detail", args=[section.pk])
    assert client_for(world, "officer_other").get(url).status_code == 404
    assert client_for(world, "anonymous").get(url).status_code == 404
    assert client_for(world, "coordinator").get(url).status_code == 200


EXPECTED_STATUSES = {
    "anonymous": {"adopted", "superseded"},
    "coordinator": {"draft", "consultation", "submitted", "adopted", "superseded", "withdrawn"},
    "officer_responsible": {"consultation", "submitted", "adopted", "superseded"},
    "officer_other": {"consultation", "submitted", "adopted", "superseded"},
    "officer_co_responsible": {"consultation", "submitted", "adopted", "superseded"},
    "council_member": {"submitted", "adopted", "superseded"},
}


@pytest.mark.parametrize("how", ["session", "token"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_exactly_what_the_role_may_read(world, role, how):
    client = client_for(world, role, how=how)
    programmes = client.get(reverse("api:programme-list")).json()["results"]
    assert {p["status"] for p in programmes} == EXPECTED_STATUSES[role]
    readable = {p["id"] for p in programmes}
    measures = client.get(reverse("api:measure-list")).json()["results"]
    assert {m["programme"] for m in measures} <= readable
    sections = client.get(reverse("api:section-list")).json()["results"]
    assert {s["programme"] for s in sections} <= readable
    hidden = world.objects["measure_draft"]
    assert (hidden.pk in {m["id"] for m in measures}) == (role == "coordinator")


def test_anonymous_sees_no_internal_notes(world):
    """The public reads the programme and its decision; no status-step comments or names."""
    client = client_for(world, "anonymous")
    programme = world.objects["programme_adopted"]
    body = client.get(reverse("api:programme-detail", args=[programme.pk])).json()
    assert set(body) == {
        "id", "url", "title", "municipality", "period_from", "period_to", "status", "edition",
        "owning_committee", "based_on", "introduction", "decision", "adopted_edition",
        "updated_at", "editions",
    }  # fmt: skip


def test_a_revised_drafts_base_is_not_named_to_those_who_may_not_read_it(world):
    draft = world.objects["programme_draft"]
    adopted = world.objects["programme_adopted"]
    type(adopted).objects.filter(pk=adopted.pk).update(based_on=draft)
    url = reverse("api:programme-detail", args=[adopted.pk])
    assert client_for(world, "anonymous").get(url).json()["based_on"] is None
    assert client_for(world, "coordinator").get(url).json()["based_on"] == draft.pk


def test_a_wrong_or_revoked_token_is_refused_with_401(world):
    client = client_for(world, "coordinator", how="token")
    assert client.get(reverse("api:programme-list")).status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    response = client.get(reverse("api:programme-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


# --- The follow-up: timelines and reporting rounds (docs/permissions.md, "The API") ---------

# fmt: off
ROUND_DETAIL = [
    # round,    anon  coord  resp  other  co    council
    ("closed",  (200, 200,   200,  200,   200,  200)),
    ("open",    (404, 200,   404,  404,   404,  200)),
]
# fmt: on

ROUND_CASES = [
    pytest.param(role, how, name, answers[index], id=f"{role}-{how}-{name}")
    for name, answers in ROUND_DETAIL
    for index, role in enumerate(ROLES)
    for how in ("session", "token")
    if not (role == "anonymous" and how == "token")
]


@pytest.mark.parametrize(("role", "how", "name", "expected"), ROUND_CASES)
def test_a_round_answers_as_the_round_pages_do(world, follow_up, role, how, name, expected):
    """Closed rounds are the committees' finished reports, public with their programme; an open
    round is read by those who read the round pages (coordinators, council members)."""
    client = client_for(world, role, how=how)
    response = client.get(reverse("api:round-detail", args=[follow_up[name].pk]))
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_a_programmes_round_list_holds_the_rounds_the_role_may_read(world, follow_up, role):
    client = client_for(world, role)
    programme = world.objects["programme_adopted"]
    listed = client.get(reverse("api:programme-rounds", args=[programme.pk])).json()["results"]
    everything = client.get(reverse("api:round-list")).json()["results"]
    expected = {follow_up["closed"].pk}
    if role in ("coordinator", "council_member"):
        expected.add(follow_up["open"].pk)
    assert {r["id"] for r in listed} == {r["id"] for r in everything} == expected
    assert all(r["programme"] == programme.pk for r in listed)


@pytest.mark.parametrize("role", ROLES)
def test_a_drafts_rounds_are_a_404_to_whoever_may_not_read_the_draft(world, role):
    client = client_for(world, role)
    draft = world.objects["programme_draft"]
    response = client.get(reverse("api:programme-rounds", args=[draft.pk]))
    if role == "coordinator":
        assert response.status_code == 200
        assert response.json()["results"] == []
    else:
        assert response.status_code == 404


def test_a_round_row_left_on_a_draft_is_not_shown_even_to_a_coordinator(world, follow_up):
    """Rounds belong to a programme in force (or superseded), as on the pages."""
    reporting_round = follow_up["closed"]
    draft = world.objects["programme_draft"]
    type(reporting_round).objects.filter(pk=reporting_round.pk).update(programme=draft)
    for role in ROLES:
        client = client_for(world, role)
        assert client.get(reverse("api:round-detail", args=[reporting_round.pk])).status_code == 404
        listed = client.get(reverse("api:round-list")).json()["results"]
        assert reporting_round.pk not in {r["id"] for r in listed}


def test_a_closed_round_shows_its_parts_and_frozen_reports_without_names_to_the_public(
    world, follow_up
):
    url = reverse("api:round-detail", args=[follow_up["closed"].pk])
    public = client_for(world, "anonymous").get(url).json()
    staff = client_for(world, "coordinator").get(url).json()
    assert public["state"] == "closed" and public["closed_at"]
    sn = next(p for p in public["parts"] if p["committee"]["code"] == "SN")
    assert sn["ready"] is True
    assert sn["decision"] == {
        "date": "2026-02-10",
        "paragraph": "SN § 7",
        "case_number": "SN 2026/12",
    }
    ks = next(p for p in public["parts"] if p["committee"]["code"] == "KS")
    assert ks["ready"] is False
    measure = follow_up["measure"]
    report = next(r for r in public["reports"] if r["measure"] == measure.pk)
    assert report["reported"] is True
    assert (report["status"], report["progress"]) == ("ongoing", 40)
    assert report["note"] == "<p>Rapport 2025</p>"
    assert report["signed_by"] is None
    staff_report = next(r for r in staff["reports"] if r["measure"] == measure.pk)
    assert staff_report["signed_by"]
    # Later reports (the open round's) never change a closed round.
    assert {r["progress"] for r in public["reports"] if r["measure"] == measure.pk} == {40}


def test_the_open_rounds_reports_are_live_for_those_who_may_read_it(world, follow_up):
    url = reverse("api:round-detail", args=[follow_up["open"].pk])
    body = client_for(world, "council_member").get(url).json()
    report = next(r for r in body["reports"] if r["measure"] == follow_up["measure"].pk)
    assert (report["reported"], report["progress"]) == (True, 60)


def test_a_measures_timeline_for_the_public_holds_the_updates_without_names_or_notes(
    world, follow_up
):
    measure = follow_up["measure"]
    url = reverse("api:measure-detail", args=[measure.pk])
    timeline = client_for(world, "anonymous").get(url).json()["timeline"]
    assert [e["kind"] for e in timeline] == ["update", "update"]
    newest, oldest = timeline
    assert (newest["progress"], newest["note"]) == (60, "<p>Rapport 2026</p>")
    assert newest["committee"]["code"] == "SN"
    # The open round is not the public's; the closed one is.
    assert newest["round"] is None
    assert oldest["round"] == follow_up["closed"].pk
    assert all(e["signed_by"] is None for e in timeline)
    assert "Intern kommentar" not in str(timeline)


@pytest.mark.parametrize("how", ["session", "token"])
@pytest.mark.parametrize(
    "role", ["coordinator", "officer_other", "officer_co_responsible", "council_member"]
)
def test_a_measures_timeline_for_staff_holds_notes_and_signatures(world, follow_up, role, how):
    measure = follow_up["measure"]
    body = client_for(world, role, how=how).get(reverse("api:measure-detail", args=[measure.pk]))
    timeline = body.json()["timeline"]
    assert [e["kind"] for e in timeline] == ["update", "note", "update"]
    assert all(e["signed_by"] for e in timeline)
    assert timeline[1]["committee"]["code"] == "FN"
    # An open round is named to those who read its pages: the round's, or their committee's
    # part (Kommunstyrelsen is asked; Fritidsnämnden, responsible for nothing, is not).
    named = timeline[0]["round"] == follow_up["open"].pk
    assert named == (role != "officer_co_responsible")


def test_the_public_measure_page_shows_the_same_timeline_as_the_api(client, world, follow_up):
    measure = follow_up["measure"]
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Rapport 2026" in page and "Rapport 2025" in page
    assert "Intern kommentar" not in page
    assert "Uppföljning 2025" in page and "Uppföljning 2026" not in page
    officer = world.user("officer_responsible")
    assert officer.get_full_name() not in page
    client.force_login(world.user("coordinator"))
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Intern kommentar" in page and "Uppföljning 2026" in page
    assert officer.get_full_name() in page


def test_the_open_round_is_refused_and_nothing_changes(world, follow_up):
    """A refused read writes nothing: the round stays open with its parts as they were."""
    reporting_round = follow_up["open"]
    before = list(reporting_round.parts.values("pk", "state", "ready_at"))
    client = client_for(world, "anonymous")
    assert client.get(reverse("api:round-detail", args=[reporting_round.pk])).status_code == 404
    reporting_round.refresh_from_db()
    assert reporting_round.state == "open" and reporting_round.snapshot is None
    assert list(reporting_round.parts.values("pk", "state", "ready_at")) == before
