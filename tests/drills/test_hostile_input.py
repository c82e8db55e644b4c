"""Drill: hostile input in every form the demo offers, through Django's test client.

The test crawls the demo as the coordinator (and the login page as a visitor), collects every
POST form on the pages it reaches, and posts hypothesis-generated values into each field: very
long texts, control characters, mixed scripts, HTML, SQL-looking text, impossible dates and
numbers. Every answer must be 2xx, 3xx or 4xx, never a 500, and afterwards the data must still
hold its invariants (dense positions, no NUL characters, a history row for every measure).
"""

import importlib
import io
import re
import time
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from measures.models import FocusArea, Measure
from programme.models import Programme, Section
from tests.support import require

from .support import post_forms

pytestmark = pytest.mark.django_db

EXAMPLES_PER_FORM = 5
MAX_PAGES = 120
PAGES_PER_KIND = 3
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x07\x1b[31mröd\x1b[0m",
    "\u202eevil\u202c",
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "<p>ok</p><iframe src=//example.com></iframe>",
    "' OR '1'='1' --",
    "'; DROP TABLE measures_measure; --",
    "Åtgärd ÄÖ ɐ ℌ𝔢𝔩𝔩𝔬 мир 世界 שלום مرحبا 🙂",
    "2026-02-30",
    "0000-00-00",
    "99999-12-31",
    "31/12/2026",
    "-1",
    "0",
    "1e309",
    "NaN",
    "-Infinity",
    "99999999999999999999999999999",
    "0x1F",
    "١٢٣",
    "12,5",
    "../../etc/passwd",
    "%00",
]

hostile = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=200, max_value=30_000).map(lambda n: "å" * n),
    st.integers().map(str),
)


def _demo() -> None:
    focus_areas = importlib.import_module("measures.migrations.0002_focus_areas").FOCUS_AREAS
    for number, name in focus_areas:
        FocusArea.objects.get_or_create(number=number, defaults={"name": name})
    call_command("seed_demo", force=True, stdout=io.StringIO())


def _crawl(client: Client, start: str) -> dict[str, list]:
    """Every POST form reachable from ``start``: {action path: [(name, value), ...]}."""
    seen, kinds, queue, forms = set(), defaultdict(int), [start], {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        # A few pages per kind of URL (a draft's and an adopted programme's differ), not all.
        kind = re.sub(r"\d+", "N", path)
        if path in seen or kinds[kind] >= PAGES_PER_KIND:
            continue
        seen.add(path)
        kinds[kind] += 1
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for action, fields in post_forms(response.content):
            action = action or path
            forms.setdefault(re.sub(r"\d+", "N", urlsplit(action).path), (action, fields))
        for link in re.findall(rb'href="(/[^"#?]*)', response.content):
            link = link.decode()
            if not link.startswith(("/static/", "/media/", "/admin/", "/konto/logout")):
                queue.append(link)
    return dict(forms.values())


def _fuzz(client: Client, action: str, fields: list, answers: list) -> None:
    original = defaultdict(list)
    for name, value in fields:
        original[name].append(value)
    names = sorted(original)
    strategy = st.fixed_dictionaries(
        {
            name: st.one_of(
                st.just(original[name]), hostile.map(lambda v: [v]), st.lists(hostile, max_size=3)
            )
            for name in names
        }
    )

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        # No shrinking: a failure is reported as generated, which keeps the drill bounded.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def post(data):
        response = client.post(action, data)
        answers.append((action, response.status_code))
        assert response.status_code < 500, (action, data)

    post()


def _assert_consistent() -> None:
    for programme in Programme.objects.all():
        orders = list(programme.sections.order_by("order").values_list("order", flat=True))
        assert orders == list(range(1, len(orders) + 1)), programme
    for section in Section.objects.all():
        orders = list(section.measures.order_by("order").values_list("order", flat=True))
        assert orders == list(range(1, len(orders) + 1)), section
    for measure in Measure.objects.all():
        assert Measure.history.filter(id=measure.pk).exists()
        for value in (measure.title, measure.description, measure.progress_note):
            assert "\x00" not in value


def test_no_form_answers_500_to_hostile_input_and_the_data_stays_consistent():
    # Production's database; SQLite cannot even bind the integers past 64 bits sent here.
    require(connection.vendor == "postgresql", "DATABASE_URL must point at PostgreSQL")
    _demo()
    started = time.monotonic()
    answers: list = []

    visitor = Client(raise_request_exception=False)
    _fuzz(visitor, "/konto/login/", [("username", ""), ("password", "")], answers)

    user = get_user_model().objects.get(username="samordnare")
    coordinator = Client(raise_request_exception=False)
    coordinator.force_login(user)
    forms = _crawl(coordinator, "/")
    assert len(forms) >= 10, sorted(forms)
    # Deleting and withdrawing last, so the other forms still have something to work on.
    for action in sorted(forms, key=lambda a: ("ta-bort" in a or "status" in a, a)):
        if "/i18n/" in action:
            continue
        _fuzz(coordinator, action, forms[action], answers)
        coordinator.force_login(user)  # in case a form logged the session out

    # The overview's filters come from the query string.
    programme = Programme.objects.order_by("pk").first()
    for q in NASTY:
        response = coordinator.get(
            f"/program/{programme.pk}/",
            {"q": q, "section": q, "committee": q, "status": q, "focus_area": q, "overdue": q},
        )
        assert response.status_code < 500, q

    assert all(status < 500 for _, status in answers)
    _assert_consistent()
    assert time.monotonic() - started < 240
