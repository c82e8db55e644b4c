"""What the dashboard counts: statuses per section and committee, overdue (the follow-up's own
rule), no update for six months, and progress across closed rounds (from their snapshots)."""

from datetime import date
from decimal import Decimal

import pytest

from measures.follow_up.chart import stacked_bar_chart
from measures.follow_up.round_services import round_open
from measures.selectors import months_before
from programme.dashboard import selectors
from programme.models import Programme

from .conftest import close_round, set_status, update

pytestmark = pytest.mark.django_db


def _statuses(row) -> dict[str, int]:
    return {value: count for value, _label, count in row.by_status if count}


def test_counts_per_section_list_every_section_in_order_with_statuses_overdue_and_stale(world):
    rows = selectors.counts_by_section(programme=world.programme)
    assert [row.label for row in rows] == ["1. Förebygga", "2. Stöd", "3. Övrigt"]
    first, second, empty = rows
    assert _statuses(first) == {"ongoing": 2, "completed": 1}
    assert (first.total, first.overdue, first.stale) == (3, 1, 1)
    assert _statuses(second) == {"delayed": 1, "cancelled": 1}
    assert (second.total, second.overdue, second.stale) == (2, 0, 1)
    assert (empty.total, empty.overdue, empty.stale, _statuses(empty)) == (0, 0, 0, {})
    total = selectors.totals(rows)
    assert (total.total, total.overdue, total.stale) == (5, 1, 2)


def test_counts_per_committee_are_by_responsible_committee_in_name_order(world):
    kommunstyrelsen, socialnamnden = selectors.counts_by_committee(programme=world.programme)
    assert (kommunstyrelsen.label, socialnamnden.label) == ("Kommunstyrelsen", "Socialnämnden")
    assert _statuses(kommunstyrelsen) == {"ongoing": 1, "delayed": 1, "cancelled": 1}
    assert (kommunstyrelsen.overdue, kommunstyrelsen.stale) == (0, 1)
    assert _statuses(socialnamnden) == {"ongoing": 1, "completed": 1}
    assert (socialnamnden.overdue, socialnamnden.stale) == (1, 1)


def test_overdue_is_past_due_and_not_done_and_only_in_the_programme_in_force(world):
    overdue = selectors.overdue_measures(programme=world.programme, internal=True)
    assert [m.title for m in overdue] == ["Sen rutin"]
    assert overdue[0].last_update_by == "Olle Officer"
    # Completing it takes it off the list at once: derived, nothing stored.
    update(world.officer, world.measures.overdue, status="completed", progress=100)
    assert selectors.overdue_measures(programme=world.programme, internal=True) == []
    # A superseded programme is history: its late measures are no one's task now.
    update(world.officer, world.measures.completed, status="ongoing", progress=90)
    assert len(selectors.overdue_measures(programme=world.programme, internal=True)) == 1
    superseded = set_status(world.programme, Programme.Status.SUPERSEDED)
    assert selectors.overdue_measures(programme=superseded, internal=True) == []


def test_stale_means_not_done_and_no_update_within_six_months_a_note_does_not_count(world):
    stale = selectors.stale_measures(programme=world.programme, internal=False)
    assert [m.title for m in stale] == ["Sen rutin", "Tyst mottagning"]
    # The public variant reads no names.
    assert not hasattr(stale[0], "last_update_by")
    assert stale[0].last_update_at.date() < stale[1].last_update_at.date()
    update(world.officer, world.measures.overdue, status="ongoing", progress=30)
    assert [
        m.title for m in selectors.stale_measures(programme=world.programme, internal=False)
    ] == ["Tyst mottagning"]


def test_six_months_are_calendar_months_and_the_31st_falls_back_to_the_months_last_day():
    assert months_before(date(2026, 12, 1), 6) == date(2026, 6, 1)
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)


def test_round_progress_comes_from_the_closed_rounds_snapshots_oldest_first(world, users):
    m = world.measures
    close_round(
        users.coordinator, world.programme, "Uppföljning 2025", 2025, {m.fresh: ("ongoing", 60)}
    )
    close_round(
        users.coordinator,
        world.programme,
        "Uppföljning 2026",
        2026,
        {m.fresh: ("completed", 100), m.overdue: ("ongoing", 40)},
    )
    # Later updates do not change a closed round.
    update(users.coordinator, m.stale, status="completed", progress=100)
    first, second = selectors.rounds_progress(programme=world.programme)
    assert (first.name, second.name) == ("Uppföljning 2025", "Uppföljning 2026")
    assert (first.measures, first.reported, first.completed) == (5, 1, 1)
    # 20 + 100 + 60 + 10 + 0 over five measures; then 40 + 100 + 100 + 10 + 0.
    assert first.average_progress == Decimal("38.0")
    assert (second.reported, second.completed, second.average_progress) == (2, 2, Decimal("50.0"))
    assert (first.parts, first.parts_ready) == (2, 0)


def test_an_open_round_is_not_counted(world, users):
    round_open(
        actor=users.coordinator,
        programme=world.programme,
        name="Pågående",
        period_from=date(2026, 1, 1),
        period_to=date(2026, 12, 31),
        deadline=date(2027, 2, 1),
    )
    assert selectors.rounds_progress(programme=world.programme) == []


def test_the_whole_dashboard_draws_one_bar_per_row_on_one_scale(world):
    dashboard = selectors.programme_dashboard(programme=world.programme, internal=True)
    assert [bar.total for bar in dashboard.section_chart.bars] == [3, 2, 0]
    widest = dashboard.section_chart.bars[0]
    assert sum(s.width for s in widest.segments) == pytest.approx(
        dashboard.section_chart.track_width, abs=0.5
    )
    assert dashboard.section_chart.bars[2].segments == []
    assert dashboard.rounds_chart is None
    assert stacked_bar_chart([]) is None
