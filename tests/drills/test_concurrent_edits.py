"""Drill: 20 people edit the same few measures at once, through the live server on PostgreSQL.

Each client loops for a bounded time: open the measure's edit form or its follow-up form, change
one text, save. A save either lands (302) or is refused as a conflict (409); nothing else is
acceptable. Afterwards every accepted change is in the history, no refused one is anywhere, and
each measure's lock version counts exactly its accepted saves: no update was lost.
"""

import random
import threading
import time
from collections import Counter, defaultdict

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from committees import roles
from measures.models import Measure
from tests.factories import MeasureFactory, SectionFactory, UserFactory
from tests.support import require

from .support import HttpClient, post_forms

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 20
MEASURES = 4
SECONDS = 6.0


def _form(html: bytes) -> dict:
    _action, fields = next(
        form for form in post_forms(html) if any(n == "edit_token" for n, _ in form[1])
    )
    data = defaultdict(list)
    for name, value in fields:
        data[name].append(value)
    return dict(data)


def _client_loop(base_url: str, number: int, measures: list[int], deadline: float, results: list):
    rng = random.Random(number)
    client = HttpClient(base_url, timeout=60)
    client.login("samordnare")
    attempt = 0
    while time.monotonic() < deadline:
        attempt += 1
        pk = rng.choice(measures)
        marker = f"c{number}-{attempt}"
        if rng.random() < 0.5:
            kind, path = "edit", f"/atgarder/{pk}/redigera/"
        else:
            kind, path = "follow_up", f"/atgarder/{pk}/uppfoljning/"
        status, page, _ = client.get(path)
        if status != 200:
            results.append((pk, kind, marker, status))
            continue
        data = _form(page)
        if kind == "edit":
            data["title"] = [f"Åtgärd {marker}"]
        else:
            data["note"] = [f"<p>Lägesrapport {marker}</p>"]
            data["progress"] = [str(rng.randint(0, 100))]
        time.sleep(rng.random() * 0.05)  # a person reads before saving
        status, _, _ = client.post(path, data)
        results.append((pk, kind, marker, status))


def test_twenty_clients_editing_the_same_measures_lose_nothing(live_server):
    require(connection.vendor == "postgresql", "DATABASE_URL must point at PostgreSQL")
    coordinator = UserFactory(username="samordnare")
    coordinator.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    section = SectionFactory(actor=coordinator)
    measures = [
        MeasureFactory(actor=coordinator, section=section, title=f"Åtgärd {n}").pk
        for n in range(MEASURES)
    ]

    results: list = []
    deadline = time.monotonic() + SECONDS
    threads = [
        threading.Thread(
            target=_client_loop, args=(live_server.url, n, measures, deadline, results)
        )
        for n in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)

    statuses = Counter(status for *_, status in results)
    assert set(statuses) <= {302, 409}, statuses
    saves = [r for r in results if r[3] in (302, 409)]
    accepted = [r for r in saves if r[3] == 302]
    refused = [r for r in saves if r[3] == 409]
    assert accepted and refused, statuses  # the drill really overlapped
    assert len(results) - len(saves) == 0, "every form opened (GET 200) and was posted"

    for pk in measures:
        measure = Measure.objects.get(pk=pk)
        history = list(Measure.history.filter(id=pk).order_by("history_id"))
        titles = {h.title for h in history}
        notes = " ".join(h.progress_note for h in history)
        mine = [r for r in accepted if r[0] == pk]
        for _, kind, marker, _ in mine:
            if kind == "edit":
                assert f"Åtgärd {marker}" in titles, marker
            else:
                assert f"Lägesrapport {marker}<" in notes, marker
        for _, _kind, marker, _ in (r for r in refused if r[0] == pk):
            assert f"{marker}<" not in notes and f"Åtgärd {marker}" not in titles, marker
        # Each accepted save moved the version on by one: none was overwritten unseen.
        assert measure.edit_token == 1 + len(mine)
        versions = [h.edit_token for h in history if h.history_type == "~"]
        assert sorted(set(versions)) == list(range(2, 2 + len(mine)))
        latest = max(history, key=lambda h: (h.edit_token, h.history_id))
        assert (measure.title, measure.progress_note) == (latest.title, latest.progress_note)
