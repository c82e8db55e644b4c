"""The organisation-wide roles, held as auth groups, and the questions "which roles does this user have".

Committee roles (officer, chair) live in ``Membership``; the rules that use these answers are in
``programme.permissions`` (see its docstring for the whole table).
"""

COORDINATORS = "Samordnare"
COUNCIL_MEMBERS = "Ledamöter i kommunfullmäktige"
ADMINISTRATORS = "Administratörer"

ALL_GROUPS = (COORDINATORS, COUNCIL_MEMBERS, ADMINISTRATORS)


def group_names(user) -> set[str]:
    """The names of ``user``'s groups; one query per user object, then cached on it."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_group_names_cache"):
        user._group_names_cache = set(user.groups.values_list("name", flat=True))
    return user._group_names_cache


def committee_ids(user) -> frozenset[int]:
    """The ids of the committees ``user`` has a seat in; one query per user object, then cached."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_committee_ids_cache"):
        user._committee_ids_cache = frozenset(
            user.memberships.values_list("committee_id", flat=True)
        )
    return user._committee_ids_cache


def forget(user) -> None:
    """Drop the cached answers, after a membership or group change within one request."""
    for name in ("_group_names_cache", "_committee_ids_cache"):
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
