"""Which programmes each role reads, on the list page and as a queryset."""

import pytest
from django.urls import reverse

from programme.permissions import programmes_visible_to

from .conftest import ROLES

pytestmark = pytest.mark.django_db

VISIBLE = {
    "anonymous": {"adopted", "superseded"},
    "coordinator": {"draft", "consultation", "submitted", "adopted", "superseded", "withdrawn"},
    "officer_responsible": {"consultation", "submitted", "adopted", "superseded"},
    "officer_other": {"consultation", "submitted", "adopted", "superseded"},
    "officer_co_responsible": {"consultation", "submitted", "adopted", "superseded"},
    "council_member": {"submitted", "adopted", "superseded"},
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_the_programmes_the_rules_give_it(client, world, role):
    user = world.user(role)
    assert set(programmes_visible_to(user).values_list("status", flat=True)) == VISIBLE[role]
    if user.is_authenticated:
        client.force_login(user)
    page = client.get(reverse("programme:list")).content.decode()
    for status in VISIBLE["coordinator"]:
        assert (f"Program {status}<" in page) == (status in VISIBLE[role]), status


def test_a_signed_in_user_without_a_role_reads_only_public_programmes(world):
    user = world.objects["newcomer"]
    assert set(programmes_visible_to(user).values_list("status", flat=True)) == {
        "adopted",
        "superseded",
    }
