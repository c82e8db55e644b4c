"""Creating and revoking personal API tokens: the only writes of this app."""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ApiToken
from .permissions import can_create_token, can_revoke_token

# At most this many live tokens per user: enough for a few integrations, few enough to review.
MAX_TOKENS_PER_USER = 10


def hash_token(raw: str) -> str:
    """The stored form of a raw token (SHA-256, hex). The raw value has 256 bits of randomness,
    so a fast hash is enough: there is nothing to guess."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """A new token for ``actor``; returns the row and the raw value, which is never stored."""
    if not can_create_token(actor):
        raise PermissionDenied
    if ApiToken.objects.filter(user=actor).count() >= MAX_TOKENS_PER_USER:
        raise ValidationError(
            {
                "name": ValidationError(
                    _("You have %(count)s tokens already; revoke one first."),
                    code="too_many_tokens",
                    params={"count": MAX_TOKENS_PER_USER},
                )
            }
        )
    raw = secrets.token_urlsafe(32)
    token = ApiToken(user=actor, name=name.strip(), key_hash=hash_token(raw), prefix=raw[:6])
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> None:
    """Delete ``token``; only its owner may."""
    if not can_revoke_token(actor, token):
        raise PermissionDenied
    token.delete()
