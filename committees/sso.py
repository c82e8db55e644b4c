"""Single sign-on: who a user is and which roles they hold, from the identity provider's claims.

The sign-in itself is mozilla-django-oidc's (state, nonce, PKCE and the token's signature are
checked there); this module fills in the library's documented hooks. It is used only when
``OIDC_ENABLED`` (handlingsprogram/settings/sso.py), which names the backends below.

Roles come from the provider when ``OIDC_GROUP_MAP`` is set: at every sign-in the user's
coordinator and council-member groups and committee seats are made to match the mapped groups
of the claim, so that a group taken away at the provider is access taken away at the next
sign-in. Without a map the provider only says who the user is, and the coordinator's membership
page (and the admin) keep deciding the roles.
"""

import logging
from collections.abc import Iterable
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db.models import Q
from django.shortcuts import resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import roles, services
from .models import Committee, Membership

logger = logging.getLogger(__name__)

# The words of OIDC_GROUP_MAP for the organisation-wide roles; anything else names a committee
# by its code or name, optionally followed by ":chair" (or ":officer", the default).
ORGANISATION_ROLES = {"coordinator": roles.COORDINATORS, "council_member": roles.COUNCIL_MEMBERS}


def access_from_groups(
    groups: Iterable[str], group_map: dict[str, list[str]]
) -> tuple[frozenset[str], dict[Committee, str]]:
    """The organisation-wide groups and the committee seats (committee → role) that ``groups``
    (the claim's values) map to; a target that names no committee is logged and left out."""
    organisation, seat_targets = set(), {}
    for target in (target for group in groups for target in group_map.get(group, ())):
        if target in ORGANISATION_ROLES:
            organisation.add(ORGANISATION_ROLES[target])
            continue
        name, _sep, role = target.rpartition(":")
        if not name or role not in Membership.Role.values:
            name, role = target, Membership.Role.OFFICER
        # A chair's seat outranks an officer's when two groups name the same committee.
        if seat_targets.get(name) != Membership.Role.CHAIR:
            seat_targets[name] = role
    seats = {}
    if seat_targets:
        found = Committee.objects.filter(Q(code__in=seat_targets) | Q(name__in=seat_targets))
        for committee in found:
            named = {seat_targets.get(committee.code), seat_targets.get(committee.name)}
            chair = Membership.Role.CHAIR in named
            seats[committee] = Membership.Role.CHAIR if chair else Membership.Role.OFFICER
        known = {c.code for c in seats} | {c.name for c in seats}
        for name in sorted(set(seat_targets) - known):
            logger.warning("OIDC_GROUP_MAP names %r, which is no committee's code or name", name)
    return frozenset(organisation), seats


def _names(claims: dict) -> tuple[str, str]:
    first, last = claims.get("given_name") or "", claims.get("family_name") or ""
    if not (first or last) and claims.get("name"):
        first, _sep, last = str(claims["name"]).rpartition(" ")
        first, last = (first, last) if first else (last, "")
    return str(first)[:150], str(last)[:150]


class ClaimsBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend: users matched and created by the configured username
    claim, their name and e-mail kept from the claims, their roles from the group claim."""

    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as error:
            # The provider unreachable or refusing the code (a made-up one, say): a failed
            # sign-in with its message on the login page, not a server error.
            logger.warning("Sign-in through the identity provider failed: %s", error)
            return None

    def get_userinfo(self, access_token, id_token, payload):
        """The claims: the userinfo response over the verified ID token's (``payload``), for
        Entra ID sends the groups and preferred_username in the ID token only."""
        userinfo = super().get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core 5.3.2: a userinfo response about another subject is not used.
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo response is about another subject.")
        return {**payload, **userinfo}

    def username(self, claims: dict) -> str:
        value = claims.get(settings.OIDC_USERNAME_CLAIM)
        return value.strip() if isinstance(value, str) else ""

    def verify_claims(self, claims):
        username = self.username(claims)
        if not username:
            logger.warning("Sign-in refused: the claims have no %s", settings.OIDC_USERNAME_CLAIM)
            return False
        # The break-glass account stays a local account, whoever the provider says it is.
        if username.casefold() == settings.LOCAL_LOGIN_BREAK_GLASS_USER.casefold():
            logger.warning("Sign-in refused: %r is the break-glass account", username)
            return False
        return True

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=self.username(claims))

    def create_user(self, claims):
        return self.save_user(None, claims)

    def update_user(self, user, claims):
        return self.save_user(user, claims)

    def save_user(self, user, claims):
        """Create or update ``user`` from ``claims``, with the mapped roles when there is a map."""
        organisation_groups = seats = None
        if settings.OIDC_GROUP_MAP:
            groups = claims.get(settings.OIDC_GROUPS_CLAIM)
            if groups is None:
                logger.warning(
                    "The claims have no %s: no role is granted", settings.OIDC_GROUPS_CLAIM
                )
            # A list as a rule; one group may come as a text; anything else names no group.
            groups = [groups] if isinstance(groups, str) else groups
            groups = groups if isinstance(groups, list) else []
            organisation_groups, seats = access_from_groups(
                [str(group) for group in groups], settings.OIDC_GROUP_MAP
            )
        first_name, last_name = _names(claims)
        try:
            return services.identity_user_save(
                user=user,
                username=self.username(claims),
                email=str(claims.get("email") or ""),
                first_name=first_name,
                last_name=last_name,
                organisation_groups=organisation_groups,
                seats=seats,
            )
        except ValidationError as error:
            # The library turns this into a failed sign-in (its documented refusal).
            raise SuspiciousOperation(f"The claims do not make a valid user: {error}") from error

    def get_user(self, user_id):
        # The library's get_user does not look at is_active; a deactivated user is signed out.
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def provider_logout_url(request) -> str:
    """Where sign-out sends the browser (the library's OIDC_OP_LOGOUT_URL_METHOD): the provider's
    end-session endpoint (RP-initiated logout) when it has one and the user came from it, which
    sends the browser back to LOGOUT_REDIRECT_URL; else LOGOUT_REDIRECT_URL at once."""
    back = resolve_url(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    if not settings.OIDC_OP_LOGOUT_ENDPOINT or not id_token:
        return back
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(back),
        }
    )
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}"


class BreakGlassBackend(ModelBackend):
    """With LOCAL_LOGIN=false: a password signs in the named break-glass superuser, nobody else
    (and a password session of anybody else ends)."""

    def user_can_authenticate(self, user):
        name = settings.LOCAL_LOGIN_BREAK_GLASS_USER
        return (
            super().user_can_authenticate(user)
            and bool(name)
            and user.get_username() == name
            and user.is_superuser
        )


def not_a_password_attempt(request, credentials) -> bool:
    """django-axes' AXES_WHITELIST_CALLABLE: only password attempts count towards a lock-out.

    A provider's callback carries no user name, so axes would count its failures against the
    client's address alone, and a few broken callbacks behind the municipality's one outgoing
    address would lock everybody out of single sign-on; the provider guards its own passwords.
    """
    return not (credentials or {}).get("password")
