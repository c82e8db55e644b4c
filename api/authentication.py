"""Signs an API caller in by a personal token: ``Authorization: Bearer <token>``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken
from .services import hash_token

KEYWORD = "Bearer"


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """Looks the token up by its hash; the raw value is never stored or compared."""

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode("latin-1").lower() != KEYWORD.lower():
            return None  # not ours: anonymous, or another scheme
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from exc
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        return token.user, token

    def authenticate_header(self, request):
        # A 401 with a challenge, not a 403, when the token is wrong.
        return KEYWORD
