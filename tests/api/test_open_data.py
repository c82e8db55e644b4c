"""The public page of an adopted programme links its data, states the licence, and describes the
dataset as DCAT-AP-SE in JSON-LD for the national data portal to harvest."""

import json
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from programme.decisions.open_data import CC0


def dataset_of(page: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert block, "no JSON-LD block on the page"
    return json.loads(block.group(1))


def test_the_public_page_links_the_data_and_describes_the_dataset(adopted, client):
    programme, _coordinator = adopted
    page = client.get(reverse("programme:public", args=[programme.pk])).content.decode()
    api_url = "http://testserver" + reverse("api:programme-detail", args=[programme.pk])
    assert f'href="{api_url}"' in page
    rounds_url = "http://testserver" + reverse("api:programme-rounds", args=[programme.pk])
    assert f'href="{rounds_url}"' in page
    assert f'href="{CC0}" rel="license"' in page

    dataset = dataset_of(page)
    assert dataset["@type"] == "dcat:Dataset"
    assert dataset["dct:title"].startswith(programme.title)
    assert dataset["dct:publisher"]["foaf:name"] == programme.municipality
    assert dataset["dct:issued"]["@value"] == programme.adopted_edition.decision_date.isoformat()
    assert dataset["dct:modified"]["@value"]
    assert dataset["dct:license"]["@id"] == CC0
    types = {d["dcat:mediaType"] for d in dataset["dcat:distribution"]}
    assert types == {
        "application/json",
        "application/pdf",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    # Each JSON distribution answers an anonymous caller.
    for item in dataset["dcat:distribution"]:
        if item["dcat:mediaType"] == "application/json":
            url = item["dcat:accessURL"]["@id"].removeprefix("http://testserver")
            assert APIClient().get(url).status_code == 200


@pytest.mark.parametrize(
    "adopted", ["Program </script><script>alert(1)</script> & co"], indirect=True
)
def test_a_title_cannot_break_out_of_the_json_ld_block(adopted, client):
    programme, _coordinator = adopted
    page = client.get(reverse("programme:public", args=[programme.pk])).content.decode()
    assert "</script><script>alert(1)" not in page
    assert dataset_of(page)["dct:title"].startswith(programme.title)
