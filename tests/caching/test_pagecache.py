"""The most-read pages' fragments come from the cache, and never show what they should not.

Each test reads a page once (so its fragments are cached), changes or varies one thing the page
depends on, and reads it again through the real URL, as a user would.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import roles
from committees.services import membership_add, membership_remove
from measures import services as measure_services
from measures.models import Measure
from programme.drafting import services
from programme.models import Programme
from tests.factories import MeasureFactory, SectionFactory, UserFactory
from tests.steps import adopt, send_to_consultation


def overview(programme):
    return reverse("programme:detail", kwargs={"pk": programme.pk})


def first_measure(programme) -> Measure:
    return Measure.objects.filter(section__programme=programme).order_by("section__order", "order")[
        0
    ]


def logged_in(user, language="en") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


def without_tokens(response) -> str:
    return re.sub(r'csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_an_edit_shows_on_every_cached_page_at_once(programme, coordinator, ks):
    client = logged_in(coordinator)
    measure = first_measure(programme)
    pages = [
        overview(programme),
        reverse("measures:detail", kwargs={"pk": measure.pk}),
        reverse("committees:assignments", kwargs={"pk": ks.pk}),
    ]
    for url in pages:
        assert "Rutiner mellan socialtjänst och polis" in client.get(url).content.decode()
    measure_services.measure_update(
        actor=coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        title="Gemensamma rutiner med polisen",
    )
    for url in pages:
        page = client.get(url).content.decode()
        assert "Gemensamma rutiner med polisen" in page, url
        assert "Rutiner mellan socialtjänst och polis" not in page, url


def test_a_cached_page_runs_fewer_queries_and_as_many_for_few_and_many_measures(
    coordinator, programme
):
    client = logged_in(coordinator)
    big = Programme.objects.get(pk=programme.pk)
    section = SectionFactory(actor=coordinator, programme=big, title="Fler åtgärder")
    for n in range(20):
        MeasureFactory(actor=coordinator, section=section, title=f"Åtgärd {n}")
    small = services.programme_create(
        actor=coordinator,
        title="Litet program",
        municipality="Skellefteå kommun",
        period_from=2026,
        period_to=2029,
        owning_committee=big.owning_committee,
    )
    first = queries(client, overview(small))
    hit_small = queries(client, overview(small))
    queries(client, overview(big))  # rendered and cached
    hit_big = queries(client, overview(big))
    assert hit_small < first
    assert hit_small == hit_big
    # The user (the session comes from the cache), the user's roles, the programme; then what
    # the reader's own forms need, rendered on every request: the PDF panel (the newest job,
    # none here). The decision panel's record (status history, rounds, editions) is cached.
    assert hit_small == 4


def test_each_cached_page_makes_a_fixed_number_of_queries(programme, coordinator, officer, ks):
    """The numbers docs/caching.md gives, for an adopted programme."""
    adopt(Programme.objects.get(pk=programme.pk), coordinator)
    measure = reverse("measures:detail", kwargs={"pk": first_measure(programme).pk})
    public = reverse("programme:public", kwargs={"pk": programme.pk})
    committee = reverse("committees:assignments", kwargs={"pk": ks.pk})
    expected = [
        (Client(), measure, 1),
        (Client(), public, 1),
        # The PDF panel also asks for the closed reporting rounds (their follow-up reports).
        (Client(), overview(programme), 4),
        (logged_in(officer), measure, 3),
        (logged_in(officer), public, 3),
        (logged_in(officer), committee, 4),
        (logged_in(coordinator), committee, 4),
        # The decision panel also asks for a revision in progress (its record, with the reader's
        # invitations, is cached).
        (logged_in(officer), overview(programme), 6),
    ]
    for client, url, count in expected:
        rendered = queries(client, url)
        assert (url, queries(client, url)) == (url, count)
        assert count < rendered


def test_readers_in_the_same_roles_share_the_cached_fragments(programme, coordinator, officer, ks):
    adopt(Programme.objects.get(pk=programme.pk), coordinator)
    colleague = UserFactory(username="handlaggare2.ks", first_name="Kim", last_name="Kollega")
    membership_add(user=colleague, committee=ks)
    measure_url = reverse("measures:detail", kwargs={"pk": first_measure(programme).pk})
    rendered = queries(logged_in(officer), measure_url)
    hit = queries(logged_in(officer), measure_url)
    assert hit < rendered
    # The user, their roles, the measure's number, title and programme version: nothing else.
    assert hit == 3
    # Another person in the same committee: the same entry (as few queries as a hit), with
    # her own name in the header and her own token in the sign-out form.
    client = logged_in(colleague)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(measure_url).content.decode()
    assert len(captured) == hit
    assert "Kim Kollega" in page
    assert "handlaggare.ks" not in page
    assert reverse("measures:follow_up", kwargs={"pk": first_measure(programme).pk}) in page


def test_the_fragment_key_holds_roles_not_the_person(officer, ks, fn, coordinator):
    colleague = UserFactory(username="handlaggare2.ks")
    membership_add(user=colleague, committee=ks)
    other_committee = UserFactory(username="handlaggare.fn")
    membership_add(user=other_committee, committee=fn)
    assert roles.signature(colleague) == roles.signature(officer)
    assert roles.signature(other_committee) != roles.signature(officer)
    assert roles.signature(coordinator) != roles.signature(officer)
    assert officer.get_username() not in repr(roles.signature(officer))


def test_a_stored_fragment_holds_nothing_of_the_person_reading(programme, coordinator, ks):
    coordinator.first_name, coordinator.last_name = "Sara", "Samordnare"
    coordinator.save()
    fragments = {
        "programme-overview": overview(programme),
        "measure": reverse("measures:detail", kwargs={"pk": first_measure(programme).pk}),
        "committee-assignments": reverse("committees:assignments", kwargs={"pk": ks.pk}),
    }
    client = logged_in(coordinator)
    for name, url in fragments.items():
        response = client.get(url)
        assert "Sara Samordnare" in response.content.decode()  # in the header
        key = make_template_fragment_key(name, [response.context["fragment"]["key"]])
        stored = caches[settings.PAGE_CACHE_ALIAS].get(key)
        assert stored and "Rutiner mellan socialtjänst och polis" in stored, name
        for personal in ("Sara Samordnare", "samordnare", "csrfmiddlewaretoken"):
            assert personal not in stored.lower(), (name, personal)


def test_a_coordinators_buttons_are_never_shown_to_an_officer(programme, coordinator, officer, ks):
    send_to_consultation(Programme.objects.get(pk=programme.pk), coordinator, [ks])
    measure = first_measure(programme)
    measure_url = reverse("measures:detail", kwargs={"pk": measure.pk})
    follow_up = reverse("measures:follow_up", kwargs={"pk": measure.pk})
    # In consultation the coordinator keeps the follow-up current; the officer reads.
    assert follow_up in logged_in(coordinator).get(measure_url).content.decode()
    assert follow_up not in logged_in(officer).get(measure_url).content.decode()
    history = reverse("measures:history", kwargs={"pk": measure.pk})
    assert history not in logged_in(officer).get(measure_url).content.decode()


def test_an_officers_follow_up_button_is_never_shown_to_another_committees_officer(
    programme, coordinator, officer, fn
):
    adopt(Programme.objects.get(pk=programme.pk), coordinator)
    measure = first_measure(programme)
    measure_url = reverse("measures:detail", kwargs={"pk": measure.pk})
    follow_up = reverse("measures:follow_up", kwargs={"pk": measure.pk})
    assert follow_up in logged_in(officer).get(measure_url).content.decode()
    stranger = UserFactory(username="handlaggare.fn")
    membership_add(user=stranger, committee=fn)
    page = logged_in(stranger).get(measure_url).content.decode()
    assert "Rutiner mellan socialtjänst och polis" in page
    assert follow_up not in page


def test_text_that_looks_like_a_csrf_field_is_shown_and_the_rest_of_the_page_too(
    programme, coordinator
):
    """It once cut the page: the old page cache spliced tokens in wherever this text appeared."""
    measure = first_measure(programme)
    text = 'Skriv name="csrfmiddlewaretoken" value=" i fältet'
    measure_services.measure_update(
        actor=coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        description=f"<p>{text}</p>",
        expected_outcome="<p>Färre offer för människohandel</p>",
    )
    url = reverse("measures:detail", kwargs={"pk": measure.pk})
    client = logged_in(coordinator)
    client.get(url)  # cached
    for page in (
        client.get(url).content.decode(),
        logged_in(coordinator).get(url).content.decode(),
    ):
        assert text in page or text.replace('"', "&quot;") in page
        assert "Färre offer för människohandel" in page
        assert "Accessibility statement" in page  # the footer, after everything
        tokens = re.findall(
            r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"', page
        )
        assert tokens and all(len(token) == 64 for token in tokens)


def test_each_measure_of_a_programme_has_its_own_cached_page(programme, coordinator):
    client = logged_in(coordinator)
    measures = Measure.objects.filter(section__programme=programme)
    for measure in measures:  # the first caches its page; the others must not be given it
        page = client.get(reverse("measures:detail", kwargs={"pk": measure.pk})).content.decode()
        assert f"{measure.title}</bdi></h1>" in page


def test_a_renamed_committee_shows_on_cached_pages(programme, coordinator, ks):
    client = logged_in(coordinator)
    assert "Kommunstyrelsen" in client.get(overview(programme)).content.decode()
    ks.name = "Kommunstyrelsen (ny)"
    ks.save()
    assert "Kommunstyrelsen (ny)" in client.get(overview(programme)).content.decode()


def test_a_draft_cached_for_a_coordinator_stays_404_for_others(programme, coordinator, officer):
    assert logged_in(coordinator).get(overview(programme)).status_code == 200
    measure_url = reverse("measures:detail", kwargs={"pk": first_measure(programme).pk})
    assert logged_in(coordinator).get(measure_url).status_code == 200
    anonymous = Client()
    council = UserFactory(username="ledamot.kf")
    council.groups.add(Group.objects.get_or_create(name=roles.COUNCIL_MEMBERS)[0])
    for client in (anonymous, logged_in(officer), logged_in(council)):
        assert client.get(overview(programme)).status_code == 404
        assert client.get(measure_url).status_code == 404


def test_losing_the_coordinator_role_hides_a_cached_draft(programme, coordinator):
    client = logged_in(coordinator)
    assert client.get(overview(programme)).status_code == 200
    coordinator.groups.clear()
    assert client.get(overview(programme)).status_code == 404


def test_people_in_different_roles_never_share_a_page(programme, coordinator, officer, ks):
    adopt(Programme.objects.get(pk=programme.pk), coordinator)
    measure_url = reverse("measures:detail", kwargs={"pk": first_measure(programme).pk})
    follow_up = reverse("measures:follow_up", kwargs={"pk": first_measure(programme).pk})
    coordinator_page = logged_in(coordinator).get(measure_url).content.decode()
    officer_page = logged_in(officer).get(measure_url).content.decode()
    reader = UserFactory(username="lasare")
    reader_page = logged_in(reader).get(measure_url).content.decode()
    assert "samordnare" not in officer_page  # the header names the signed-in user
    assert follow_up in officer_page  # the responsible committee's officer reports
    assert follow_up not in reader_page
    assert "handlaggare.ks" not in reader_page
    # The officer leaves the committee: the follow-up button goes with the seat.
    membership_remove(actor=coordinator, membership=officer.memberships.get(committee=ks))
    assert follow_up not in logged_in(officer).get(measure_url).content.decode()
    assert coordinator_page != officer_page


def test_each_language_has_its_own_page(programme, coordinator):
    english = logged_in(coordinator, "en").get(overview(programme)).content.decode()
    swedish = logged_in(coordinator, "sv").get(overview(programme)).content.decode()
    assert "Measures per status" in english
    assert "Åtgärder per status" in swedish


def test_filters_are_part_of_the_key(programme, coordinator):
    client = logged_in(coordinator)
    everything = client.get(overview(programme)).content.decode()
    found = client.get(overview(programme), {"q": "hotell"}).content.decode()
    assert "Stödmottagning" in everything
    assert "Stödmottagning" not in found
    assert "Utbildning för hotellpersonal" in found


def test_a_cached_page_carries_the_readers_own_working_csrf_token(programme, coordinator):
    other = UserFactory(username="samordnare2")
    other.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    assert logged_in(coordinator).get(overview(programme)).status_code == 200  # now cached
    client = Client(enforce_csrf_checks=True)
    client.force_login(other)
    page = client.get(overview(programme)).content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert len(tokens) == 1 and "%" not in next(iter(tokens))
    measure = first_measure(programme)
    response = client.post(
        reverse("measures:move", kwargs={"pk": measure.pk}),
        {"csrfmiddlewaretoken": tokens.pop(), "section": measure.section_id, "position": 2},
    )
    assert response.status_code == 302
    assert Measure.objects.get(pk=measure.pk).order == 2
    # Without the token the same request is refused, and nothing moves.
    response = client.post(
        reverse("measures:move", kwargs={"pk": measure.pk}),
        {"section": measure.section_id, "position": 1},
    )
    assert response.status_code == 403
    assert Measure.objects.get(pk=measure.pk).order == 2


def test_a_message_is_shown_once_and_never_cached(programme, coordinator):
    client = logged_in(coordinator)
    client.get(overview(programme))
    response = client.post(
        reverse("programme:edit", kwargs={"pk": programme.pk}),
        {
            "title": "Nytt namn",
            "municipality": "Skellefteå kommun",
            "period_from": 2026,
            "period_to": 2029,
            "owning_committee": programme.owning_committee_id,
            "introduction": "",
            "edit_token": Programme.objects.get(pk=programme.pk).edit_token,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "The programme is saved." in response.content.decode()
    again = client.get(overview(programme)).content.decode()
    assert "Nytt namn" in again
    assert "The programme is saved." not in again


def test_the_public_page_is_cached_and_follows_a_new_adoption(programme, coordinator):
    adopt(Programme.objects.get(pk=programme.pk), coordinator)
    url = reverse("programme:public", kwargs={"pk": programme.pk})
    anonymous = Client()
    first = anonymous.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        second = anonymous.get(url)
    assert without_tokens(second) == without_tokens(first)
    assert "Rutiner mellan socialtjänst och polis" in second.content.decode()
    assert len(captured) == 1  # the programme's head; no session for an anonymous reader


def test_first_time_visitors_without_cookies_share_one_cached_public_page(programme, coordinator):
    """What the page benchmark's anonymous line measures: each visitor comes without cookies;
    all of them are served the one fragment entry anonymous visitors share (one query), never
    what a signed-in reader was served."""
    adopt(Programme.objects.get(pk=programme.pk), coordinator)
    url = reverse("programme:public", kwargs={"pk": programme.pk})
    coordinator.first_name, coordinator.last_name = "Sam", "Ordnare"
    coordinator.save()
    assert "Sam Ordnare" in logged_in(coordinator, language="sv").get(url).content.decode()
    Client().get(url)
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = Client().get(url)
        body = response.content.decode()
        assert response.status_code == 200 and len(captured) == 1
        assert "Sam Ordnare" not in body and "Logga ut" not in body
        assert "Rutiner mellan socialtjänst och polis" in body
        # The page names no one, so shared caches keep answers apart by cookie only.
        assert "private" not in response.get("Cache-Control", "")
        assert "Cookie" in response["Vary"]


@pytest.mark.django_db
def test_pages_are_answered_when_the_cache_server_is_unreachable(programme, coordinator, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "core.cache.FailSoftRedisCache",  # what PAGE_CACHE_URL=redis://… gives
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        },
    }
    client = logged_in(coordinator)
    for _ in range(2):
        response = client.get(overview(programme))
        assert response.status_code == 200
        assert "Rutiner mellan socialtjänst och polis" in response.content.decode()


def test_a_restore_empties_the_page_cache(programme, coordinator):
    from ops.backup import _forget_cached_pages

    client = logged_in(coordinator)
    rendered = queries(client, overview(programme))
    cached = queries(client, overview(programme))
    assert cached < rendered
    _forget_cached_pages()
    assert queries(client, overview(programme)) == rendered
