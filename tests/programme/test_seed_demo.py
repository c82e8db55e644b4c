import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from committees.models import Committee, Membership, Partner
from measures.models import Measure, ProgressUpdate, ReportingRound
from programme.models import Programme

pytestmark = pytest.mark.django_db

DEMO_LOGINS = ["samordnare", "handlaggare.sn", "handlaggare.ks", "ledamot"]


def _state():
    return {
        "committees": list(Committee.objects.values_list("code", "name", "active")),
        "partners": list(Partner.objects.values_list("name", flat=True)),
        "programmes": list(Programme.objects.values_list("title", "status", "edition", "based_on")),
        "measures": list(
            Measure.objects.values_list(
                "title", "responsible_committee__code", "status", "edit_token"
            )
        ),
        "memberships": list(
            Membership.objects.values_list("user__username", "committee__code", "role")
        ),
        "history": Measure.history.count(),
        "timeline": ProgressUpdate.objects.count(),
    }


def test_seed_demo_creates_the_promised_programme_and_logins(client):
    call_command("seed_demo", "--force")
    programme = Programme.objects.get(title__startswith="Handlingsprogram mot prostitution")
    assert programme.status == Programme.Status.DRAFT
    assert programme.based_on.title == "Åtgärdsplan mot köp av sexuella tjänster"
    kinds = list(programme.sections.order_by("order").values_list("kind", flat=True))
    assert kinds == ["prostitution", "trafficking", "sex_purchase"]
    measures = Measure.objects.filter(section__programme=programme)
    assert measures.count() >= 20
    assert measures.values("responsible_committee").distinct().count() >= 6
    assert not measures.filter(due_date__isnull=True).exists()
    assert not measures.filter(indicator="").exists()
    plan = programme.based_on
    for username in DEMO_LOGINS:
        response = client.post(
            reverse("login"), {"username": username, "password": "demo-losenord"}
        )
        assert response.status_code == 302, username
        # Everyone reads the adopted plan; only the coordinator sees the draft before consultation.
        assert client.get(plan.get_absolute_url()).status_code == 200
        expected = 200 if username == "samordnare" else 404
        assert client.get(programme.get_absolute_url()).status_code == expected, username
        client.post(reverse("logout"))
    assert Membership.objects.filter(user__username="handlaggare.sn", committee__code="SN").exists()
    assert Membership.objects.filter(user__username="handlaggare.ks", committee__code="KS").exists()


def test_running_seed_demo_twice_changes_nothing():
    call_command("seed_demo", "--force")
    before = _state()
    call_command("seed_demo", "--force")
    assert _state() == before


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not Programme.objects.exists()


def test_the_adopted_2019_plan_has_a_follow_up_timeline_by_the_committees_officers():
    call_command("seed_demo", "--force")
    plan = Programme.objects.get(title="Åtgärdsplan mot köp av sexuella tjänster")
    assert plan.status == Programme.Status.ADOPTED
    for measure in Measure.objects.filter(section__programme=plan):
        timeline = list(measure.progress_updates.select_related("author", "committee"))
        # Two or three entries of its own, then its reports in the follow-up rounds.
        assert 2 <= len([e for e in timeline if e.round_id is None]) <= 3, measure.title
        assert {(e.author.username, e.committee) for e in timeline} == {
            (
                f"handlaggare.{measure.responsible_committee.code.lower()}",
                measure.responsible_committee,
            )
        }
        # The measure's current follow-up is its latest update's.
        assert (measure.status, measure.progress) == (timeline[0].status, timeline[0].progress)
        assert measure.status == Measure.Status.COMPLETED


def test_the_adopted_2019_plan_has_a_closed_and_an_open_follow_up_round():
    call_command("seed_demo", "--force")
    plan = Programme.objects.get(title="Åtgärdsplan mot köp av sexuella tjänster")
    closed = ReportingRound.objects.get(programme=plan, name="Uppföljning 2025")
    assert closed.state == ReportingRound.State.CLOSED
    assert all(row["reported"] for row in closed.snapshot["measures"])
    assert all(part["ready"] for part in closed.snapshot["parts"])
    current = ReportingRound.objects.get(programme=plan, name="Uppföljning 2026")
    assert current.is_open
    parts = {part.committee.code: part for part in current.parts.select_related("committee")}
    assert parts["SN"].is_ready and parts["SN"].case_number == "SN 2027/3"
    assert not parts["KS"].is_ready
    reported = set(current.updates.values_list("committee__code", flat=True))
    assert reported == {"SN"}
