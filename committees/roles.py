"""The organisation-wide roles, held as auth groups, and the questions "which roles does this user have".

Committee roles (officer, chair) live in ``Membership``; the rules that use these answers are in
``programme.permissions`` (see its docstring for the whole table).
"""

from handlingsprogram import prepared

COORDINATORS = "Samordnare"
COUNCIL_MEMBERS = "Ledamöter i kommunfullmäktige"
ADMINISTRATORS = "Administratörer"

ALL_GROUPS = (COORDINATORS, COUNCIL_MEMBERS, ADMINISTRATORS)


# Every signed-in request asks for these, so the statement is written out: the ORM took ten
# times longer to build it than the database to answer it (docs/benchmarks.md). Its rows have
# four columns (kind, text, number, number) so that a page can ask for its own rows in the same
# statement (fetch_with); tests/caching/test_raw_reads.py checks the answers against the ORM.


def _roles_part(user_id) -> tuple[str, list]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from .models import Membership

    user_groups = get_user_model().groups.through._meta.db_table
    sql = (
        f"SELECT 'group', g.name, NULL, NULL FROM {Group._meta.db_table} g "  # noqa: S608
        f"JOIN {user_groups} ug ON ug.group_id = g.id WHERE ug.user_id = %s "
        f"UNION ALL SELECT 'seat', role, committee_id, NULL FROM {Membership._meta.db_table} "
        "WHERE user_id = %s"
    )
    return sql, [user_id, user_id]


def fetch_with(user, parts: list[tuple[str, list]]) -> list[tuple]:
    """The rows of ``parts`` (SELECTs of four columns: kind, text, number, number), in one
    statement with ``user``'s groups and seats when those are not known yet (one round trip to
    the database instead of two)."""
    parts = list(parts)
    loading = user.is_authenticated and not hasattr(user, "_seats_cache")
    if loading:
        parts.append(_roles_part(user.pk))
    if not parts:
        return []
    sql = " UNION ALL ".join(part_sql for part_sql, _params in parts)
    with prepared.cursor() as cursor:
        cursor.execute(sql, [param for _sql, params in parts for param in params])
        rows = cursor.fetchall()
    if loading:
        user._group_names_cache = {text for kind, text, _n, _m in rows if kind == "group"}
        user._seats_cache = frozenset(
            (number, text) for kind, text, number, _m in rows if kind == "seat"
        )
    return [row for row in rows if row[0] not in ("group", "seat")]


def _load(user) -> None:
    fetch_with(user, [])


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
    """Everything about ``user`` that decides what a page shows them: who they are, their flags,
    organisation-wide groups and committee seats (committee groups follow from the seats)."""
    if not user.is_authenticated:
        return ("anonymous",)
    return (
        user.pk,
        user.get_username(),
        user.get_full_name(),
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
