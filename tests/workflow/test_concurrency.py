"""Two simultaneous transitions on one programme: the row lock lets exactly one through."""

import threading
import time

import pytest
from django.db import connection, connections

from programme.decisions import transitions as workflow
from programme.decisions.transitions import TransitionRefused, programme_transition
from programme.models import Programme, StatusChange
from tests.support import require

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
S = Programme.Status


@pytest.mark.parametrize(
    "targets", [(S.SUBMITTED, S.SUBMITTED), (S.SUBMITTED, S.WITHDRAWN)], ids=["same", "different"]
)
def test_only_one_of_two_simultaneous_transitions_succeeds(
    programme, coordinator, monkeypatch, targets
):
    require(connection.vendor == "postgresql", "row locks need PostgreSQL (set DATABASE_URL)")
    original = workflow._apply

    def slow_apply(**kwargs):
        change = original(**kwargs)
        time.sleep(0.5)  # hold the row lock while the other request arrives
        return change

    monkeypatch.setattr(workflow, "_apply", slow_apply)
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(to_status):
        try:
            barrier.wait()
            programme_transition(
                actor=coordinator,
                programme=Programme.objects.get(pk=programme.pk),
                to_status=to_status,
                expected_status=S.DRAFT,
            )
            outcomes.append("ok")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "refused"]
    assert StatusChange.objects.filter(programme=programme).count() == 1
    programme.refresh_from_db()
    assert programme.status == StatusChange.objects.get(programme=programme).to_status
