"""Rate limit for anonymous callers, conditional requests on adopted programmes, filters, bad input."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils.http import http_date
from rest_framework.test import APIClient

from measures.follow_up.services import progress_update_create
from measures.models import Measure
from programme.models import Programme

from .conftest import client_for


@pytest.mark.parametrize("cache", ["default", "pages"])
def test_anonymous_callers_are_rate_limited(settings, world, cache):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    settings.API_THROTTLE_CACHE = cache
    anonymous = client_for(world, "anonymous")
    url = reverse("api:committee-list")
    assert [anonymous.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = anonymous.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # Counted in the cache the setting names, and only there.
    other = "pages" if cache == "default" else "default"
    assert len(caches[cache].get("throttle_anon_127.0.0.1")) == 3
    assert caches[other].get("throttle_anon_127.0.0.1") is None
    # Signed-in callers are not throttled by the anonymous rate.
    signed_in = client_for(world, "council_member", how="token")
    assert [signed_in.get(url).status_code for _ in range(5)] == [200] * 5


def test_an_adopted_programme_answers_304_to_a_matching_conditional_request(adopted):
    programme, coordinator = adopted
    url = reverse("api:programme-detail", args=[programme.pk])
    api = APIClient()
    first = api.get(url)
    assert first.status_code == 200
    body = first.json()
    assert body["decision"]["paragraph"] == "KF § 123"
    assert body["decision"]["case_number"] == "KS 2025-000123"
    assert [edition["programme"] for edition in body["editions"]] == [programme.pk]
    etag, modified = first["ETag"], first["Last-Modified"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    # The follow-up moves on: the same ETag no longer matches.
    measure = Measure.objects.get(section__programme=programme)
    progress_update_create(
        actor=coordinator,
        measure=measure,
        edit_token=measure.edit_token,
        status=measure.status,
        progress=40,
    )
    again = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_a_programme_not_yet_adopted_has_no_validators(world):
    coordinator = client_for(world, "coordinator")
    draft = world.objects["programme_draft"]
    response = coordinator.get(reverse("api:programme-detail", args=[draft.pk]))
    assert response.status_code == 200
    assert not response.has_header("ETag") and not response.has_header("Last-Modified")


def test_a_conditional_request_reveals_no_draft(world):
    draft = world.objects["programme_draft"]
    response = APIClient().get(
        reverse("api:programme-detail", args=[draft.pk]),
        HTTP_IF_MODIFIED_SINCE=http_date(4102444800),
        HTTP_IF_NONE_MATCH="*",
    )
    assert response.status_code == 404


def test_the_measures_are_filtered_as_on_the_overview(world):
    coordinator = client_for(world, "coordinator")
    adopted = world.objects["measure_adopted"]
    url = reverse("api:measure-list")

    def ids(**params):
        response = coordinator.get(url, params)
        assert response.status_code == 200
        return {m["id"] for m in response.json()["results"]}

    programme = adopted.section.programme_id
    in_programme = set(
        Measure.objects.filter(section__programme_id=programme).values_list("pk", flat=True)
    )
    assert ids(programme=programme) == in_programme
    assert ids(programme=programme, committee=world.objects["committee_sn"].pk) == {adopted.pk}
    assert ids(programme=programme, q=adopted.title) == {adopted.pk}
    assert ids(programme=programme, status="completed") == set()
    assert ids(section=adopted.section_id) == in_programme


@pytest.mark.parametrize(
    "params",
    [{"status": "nonsense"}, {"programme": "x"}, {"committee": "-1"}, {"programme": "9" * 30}],
)
def test_bad_filters_answer_400(world, params):
    response = client_for(world, "anonymous").get(reverse("api:measure-list"), params)
    assert response.status_code == 400


@pytest.mark.parametrize("pk", ["9" * 30, "abc", "0"])
def test_ids_no_row_can_have_answer_404(world, pk):
    response = APIClient().get(f"/api/v1/programmes/{pk}/")
    assert response.status_code == 404


def test_a_page_past_the_end_answers_404(world):
    response = APIClient().get(reverse("api:committee-list"), {"page": 99})
    assert response.status_code == 404


def test_statuses_are_codes(world):
    body = APIClient().get(reverse("api:programme-list")).json()
    assert {p["status"] for p in body["results"]} <= set(Programme.Status.values)
