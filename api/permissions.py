"""Who may hold and revoke API tokens. What a token's holder may *read* through the API is
decided by ``programme.permissions`` and ``measures.permissions``, as on the pages."""

from django.db.models import QuerySet

from .models import ApiToken


def can_create_token(user) -> bool:
    """Every active, signed-in user may have tokens: a token reads only what its owner may."""
    return bool(user.is_authenticated and user.is_active)


def can_revoke_token(user, token: ApiToken) -> bool:
    """Only the owner revokes a token (an administrator deactivates the user instead)."""
    return user.is_authenticated and token.user_id == user.pk


def tokens_of(user) -> QuerySet[ApiToken]:
    """The tokens ``user`` sees and manages: their own."""
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)
