"""The authentication backends that single sign-on puts in the settings (settings/sso.py).

They live here, above ``committees``, because they join its sign-in rules with the session's
user read of ``handlingsprogram.fastauth``.
"""

from django.conf import settings

from committees.sso import ClaimsBackend, provider_logout_url
from handlingsprogram import fastauth

__all__ = ["BreakGlassBackend", "OIDCBackend", "not_a_password_attempt", "provider_logout_url"]


class OIDCBackend(fastauth.SessionUserMixin, ClaimsBackend):
    """Signs in through the identity provider; a signed-in request reads no extra statement."""


class BreakGlassBackend(fastauth.ModelBackend):
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
