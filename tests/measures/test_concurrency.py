"""Two people save the same measure at the same moment: one save wins, the other is refused.

Real threads, each with its own PostgreSQL connection; the row lock in ``save_locked`` and the
edit_token decide. Nothing is overwritten silently.
"""

import threading

import pytest
from django.db import connection, connections

from core.editing import ConcurrentEditError
from measures.models import Measure
from measures.services import measure_update
from tests.factories import MeasureFactory, UserFactory
from tests.support import require

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_of_two_simultaneous_saves_one_wins_and_the_other_is_refused():
    require(connection.vendor == "postgresql", "row locks need PostgreSQL (set DATABASE_URL)")
    measure = MeasureFactory(title="Utbildning för taxipersonal")
    editors = {"anna": UserFactory(username="anna"), "erik": UserFactory(username="erik")}
    # Both opened the form on the same version.
    opened = {name: Measure.objects.get(pk=measure.pk) for name in editors}
    barrier = threading.Barrier(len(editors))
    outcomes = {}

    def save(name):
        try:
            barrier.wait()
            measure_update(
                actor=editors[name],
                measure=opened[name],
                edit_token=opened[name].edit_token,
                title=f"Utbildning, ändrad av {name}",
            )
            outcomes[name] = "saved"
        except ConcurrentEditError:
            outcomes[name] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(name,)) for name in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    measure.refresh_from_db()
    assert measure.title == f"Utbildning, ändrad av {winner}"
    assert measure.edit_token == opened[winner].edit_token
    changes = measure.history.filter(history_type="~", title__startswith="Utbildning, ändrad")
    assert [(c.title, c.history_user.username) for c in changes] == [(measure.title, winner)]
