"""The authentication backends that single sign-on puts in the settings (settings/sso.py).

They live here, above ``committees``, because they join its sign-in rules with the session's
user read of ``handlingsprogram.fastauth``.
"""

from django.conf import settings

from committees.sso import ClaimsBackend, provider_logout_url
from handlingsprogram import fastauth

__all__ = ["BreakGlassBackend", "OIDCBackend", "provider_logout_url"]


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
