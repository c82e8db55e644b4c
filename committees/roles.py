"""The organisation-wide roles, held as auth groups, and the questions "which roles does this user have".

Committee roles (officer, chair) live in ``Membership``; the rules that use these answers are in
``programme.permissions`` (see its docstring for the whole table).
"""

from django.db.models import CharField, IntegerField, Value

COORDINATORS = "Samordnare"
COUNCIL_MEMBERS = "Ledamöter i kommunfullmäktige"
ADMINISTRATORS = "Administratörer"

ALL_GROUPS = (COORDINATORS, COUNCIL_MEMBERS, ADMINISTRATORS)


def _load(user) -> None:
    """Read ``user``'s groups and seats in one statement (a UNION of the two reads)."""
    from django.contrib.auth.models import Group

    from .models import Membership

    groups = (
        Group.objects.filter(user=user)
        .order_by()
        .annotate(
            kind=Value("group", output_field=CharField()), committee_id=Value(None, IntegerField())
        )
        .values_list("kind", "name", "committee_id")
    )
    seats = (
        Membership.objects.filter(user=user)
        .order_by()
        .annotate(kind=Value("seat", output_field=CharField()))
        .values_list("kind", "role", "committee_id")
    )
    rows = list(groups.union(seats, all=True))
    user._group_names_cache = {text for kind, text, _committee in rows if kind == "group"}
    user._seats_cache = frozenset(
        (committee, text) for kind, text, committee in rows if kind == "seat"
    )


def group_names(user) -> set[str]:
    """The names of ``user``'s groups; asked once per user object (with the seats), then cached."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_group_names_cache"):
        _load(user)
    return user._group_names_cache


def seats(user) -> frozenset[tuple[int, str]]:
    """(committee id, role) of each of ``user``'s seats; asked once per user object, then cached."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_seats_cache"):
        _load(user)
    return user._seats_cache


def committee_ids(user) -> frozenset[int]:
    """The ids of the committees ``user`` has a seat in."""
    return frozenset(committee_id for committee_id, _role in seats(user))


def signature(user) -> tuple:
    """What decides which parts of a page ``user`` is shown: their flags, organisation-wide groups
    and committee seats (committee groups follow from the seats), never who they are.

    Cached page fragments are keyed on it (docs/caching.md), so readers in the same roles share
    one entry; a fragment must therefore hold nothing else about the reader (their name, their
    CSRF token and their flash messages stay outside it).
    """
    if not user.is_authenticated:
        return ("anonymous",)
    return (
        user.is_active,
        user.is_staff,
        user.is_superuser,
        tuple(sorted(group_names(user))),
        tuple(sorted(seats(user))),
    )


def forget(user) -> None:
    """Drop the cached answers, after a membership or group change within one request."""
    for name in ("_group_names_cache", "_seats_cache"):
        user.__dict__.pop(name, None)


def is_coordinator(user) -> bool:
    """Is ``user`` a coordinator (social services) or a superuser?"""
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or COORDINATORS in group_names(user))
    )


def is_council_member(user) -> bool:
    """Is ``user`` a member of the municipal council?"""
    return user.is_authenticated and user.is_active and COUNCIL_MEMBERS in group_names(user)


def is_committee_officer(user) -> bool:
    """Does ``user`` hold a seat (officer or chair) in at least one committee?"""
    return user.is_authenticated and user.is_active and bool(committee_ids(user))
