"""The permission matrix: every role × every page and action, GET and POST, with the expected answer.

Each row is (method, url name, object, payload) and one expected answer per role, in the order of
``ROLES``: anonymous, coordinator, officer of the responsible committee (SN), officer of another
committee (KS), officer of a co-responsible committee (FN), council member.

Answers: a status code; ``302+`` is a redirect after a change that was made. A form posted with
fields that do not belong to the user's form is invalid input: 400, with the input kept. Every other answer
must leave the database as it was (a snapshot of the tables the actions touch is compared).
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from guardian.models import GroupObjectPermission

from committees.models import Membership
from measures.models import Measure, ProgressUpdate

from .conftest import ROLES

# fmt: off
MATRIX = [
    # method, url name,                    object,                   payload       anon   coord   resp   other  co     council
    ("GET",  "programme:list",              None,                     None,        ("200", "200", "200", "200", "200", "200")),
    ("GET",  "programme:detail",            "programme_draft",        None,        ("404", "200", "404", "404", "404", "404")),
    ("GET",  "programme:detail",            "programme_consultation", None,        ("404", "200", "200", "200", "200", "404")),
    ("GET",  "programme:detail",            "programme_submitted",    None,        ("404", "200", "200", "200", "200", "200")),
    ("GET",  "programme:detail",            "programme_adopted",      None,        ("200", "200", "200", "200", "200", "200")),
    ("GET",  "programme:detail",            "programme_superseded",   None,        ("200", "200", "200", "200", "200", "200")),
    ("GET",  "programme:detail",            "programme_withdrawn",    None,        ("404", "200", "404", "404", "404", "404")),
    # The spreadsheet export follows reading the programme.
    ("GET",  "programme:measures_xlsx",     "programme_draft",        None,        ("404", "200", "404", "404", "404", "404")),
    ("GET",  "programme:measures_csv",      "programme_consultation", None,        ("404", "200", "200", "200", "200", "404")),
    ("GET",  "programme:measures_xlsx",     "programme_submitted",    None,        ("404", "200", "200", "200", "200", "200")),
    ("GET",  "programme:measures_csv",      "programme_adopted",      None,        ("200", "200", "200", "200", "200", "200")),
    ("GET",  "programme:measures_xlsx",     "programme_withdrawn",    None,        ("404", "200", "404", "404", "404", "404")),
    # The spreadsheet import: coordinators, drafts only (404 where the draft is hidden).
    ("GET",  "programme:measures_import",   "programme_draft",        None,        ("404", "200", "404", "404", "404", "404")),
    ("GET",  "programme:measures_import",   "programme_consultation", None,        ("404", "403", "403", "403", "403", "404")),
    ("GET",  "programme:measures_import",   "programme_adopted",      None,        ("403", "403", "403", "403", "403", "403")),
    ("POST", "programme:measures_import_confirm", "programme_draft",  None,        ("404", "302", "404", "404", "404", "404")),
    ("GET",  "measures:detail",             "measure_adopted",        None,        ("200", "200", "200", "200", "200", "200")),
    ("GET",  "measures:detail",             "measure_draft",          None,        ("404", "200", "404", "404", "404", "404")),
    ("GET",  "measures:detail",             "measure_consultation",   None,        ("404", "200", "200", "200", "200", "404")),
    # The follow-up form: the responsible committee's, notes for co-responsible ones.
    ("GET",  "measures:follow_up",          "measure_adopted",        None,        ("302", "200", "200", "403", "200", "403")),
    ("POST", "measures:follow_up",          "measure_adopted",        "follow_up", ("302", "302+", "302+", "403", "400", "403")),
    ("POST", "measures:follow_up",          "measure_adopted",        "note",      ("302", "400", "400", "403", "302+", "403")),
    ("POST", "measures:follow_up",          "measure_adopted",        "stale",     ("302", "409", "409", "403", "400", "403")),
    # No IDOR: SN's officer posts to KS's measure by URL.
    ("GET",  "measures:follow_up",          "measure_adopted_ks",     None,        ("302", "200", "403", "200", "403", "403")),
    ("POST", "measures:follow_up",          "measure_adopted_ks",     "follow_up", ("302", "302+", "403", "302+", "403", "403")),
    ("POST", "measures:follow_up",          "measure_adopted_ks",     "note",      ("302", "400", "403", "400", "403", "403")),
    # Before adoption only the coordinator changes the follow-up; after it is superseded nobody.
    ("POST", "measures:follow_up",          "measure_draft",          "follow_up", ("302", "302+", "404", "404", "404", "404")),
    ("POST", "measures:follow_up",          "measure_consultation",   "follow_up", ("302", "302+", "403", "403", "403", "404")),
    ("POST", "measures:follow_up",          "measure_superseded",     "follow_up", ("302", "403", "403", "403", "403", "403")),
    # Committee pages.
    ("GET",  "committees:list",             None,                     None,        ("302", "200", "200", "200", "200", "200")),
    ("GET",  "committees:assignments",      "committee_sn",           None,        ("302", "200", "200", "403", "403", "403")),
    ("GET",  "committees:members",          "committee_sn",           None,        ("302", "200", "403", "403", "403", "403")),
    ("POST", "committees:members",          "committee_sn",           "add",       ("302", "302+", "403", "403", "403", "403")),
    ("GET",  "committees:membership_change", "membership",            None,        ("302", "405", "405", "405", "405", "405")),
    ("POST", "committees:membership_change", "membership",            "chair",     ("302", "302+", "403", "403", "403", "403")),
    ("POST", "committees:membership_remove", "membership",            None,        ("302", "302+", "403", "403", "403", "403")),
    # Log-out happens on POST only.
    ("GET",  "logout",                      None,                     None,        ("405", "405", "405", "405", "405", "405")),
]
# fmt: on

CASES = [
    pytest.param(
        role,
        method,
        name,
        obj,
        payload,
        answers[index],
        id=f"{role}-{method}-{name}-{obj}-{payload}",
    )
    for method, name, obj, payload, answers in MATRIX
    for index, role in enumerate(ROLES)
]


def payload_for(kind: str | None, world, obj) -> dict:
    lock = Measure.objects.get(pk=obj.pk).edit_token if isinstance(obj, Measure) else None
    return {
        None: {},
        "follow_up": {
            "status": "ongoing",
            "progress": "55",
            # Not the note form's field name: a co-responsible committee's post of it is a 400.
            "progress_note": "<p>Halvvägs</p>",
            "indicator_value": "12",
            "edit_token": lock,
            # Crafted extras: a form that listened to them would change the text or assignment.
            "title": "Kapad",
            "responsible_committee": world.objects["committee_ks"].pk,
            "due_date": "2001-01-01",
        },
        "note": {
            "note": "Fritidsnämnden har medverkat.",
            "edit_token": lock,
            "status": "cancelled",
        },
        "stale": {"status": "ongoing", "progress": "55", "edit_token": (lock or 0) - 1},
        "add": {"user": world.objects["newcomer"].pk, "role": "officer"},
        "chair": {"role": "chair"},
    }[kind]


def snapshot() -> dict:
    """The rows that the actions in the matrix could change."""
    return {
        "measures": list(Measure.objects.order_by("pk").values()),
        "co_responsible": list(
            Measure.co_responsible_committees.through.objects.order_by("pk").values()
        ),
        "progress_updates": list(ProgressUpdate.objects.order_by("pk").values()),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "user_groups": sorted(Group.user_set.through.objects.values_list("user_id", "group_id")),
        "object_permissions": list(GroupObjectPermission.objects.order_by("pk").values()),
    }


@pytest.mark.parametrize(("role", "method", "name", "obj", "payload", "expected"), CASES)
def test_permission_matrix(client, world, role, method, name, obj, payload, expected):
    user = world.user(role)
    if user.is_authenticated:
        client.force_login(user)
    target = world.objects[obj] if obj else None
    url = reverse(name, kwargs={"pk": target.pk}) if target else reverse(name)
    before = snapshot()

    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, payload_for(payload, world, target))

    changes = expected.endswith("+")
    assert response.status_code == int(expected.rstrip("+")), response.content[:500]
    if changes:
        assert snapshot() != before
    else:
        assert snapshot() == before
    if response.status_code == 302 and not user.is_authenticated:
        assert response["Location"].startswith(reverse("login"))
