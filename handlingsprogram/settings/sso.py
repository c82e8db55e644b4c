"""Single sign-on (OpenID Connect, mozilla-django-oidc) from the environment (docs/operations.md).

``settings(environ, backends)`` returns the settings to add. With no ``OIDC_RP_CLIENT_ID`` they
are only the flags that say so and the backends unchanged: nothing of the library is then put in
the backends or the URL conf (handlingsprogram/urls.py asks ``OIDC_ENABLED``), and local
accounts work as they always did.
"""

import json
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.text import format_lazy

# Endpoints and the client: without any of these the library cannot sign anybody in.
REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)
OIDC_BACKEND = "committees.sso.ClaimsBackend"
LOCAL_BACKEND = "django.contrib.auth.backends.ModelBackend"
BREAK_GLASS_BACKEND = "committees.sso.BreakGlassBackend"


def _flag(environ: Mapping[str, str], name: str, default: bool) -> bool:
    value = environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def _group_map(raw: str) -> dict[str, list[str]]:
    """``OIDC_GROUP_MAP``: a JSON object from a group (as the claim names it) to one target or a
    list of targets; parsed here so that a typo stops the start, not a sign-in."""
    if not raw.strip():
        return {}
    try:
        parsed = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"OIDC_GROUP_MAP is not valid JSON: {error}") from error
    if not isinstance(parsed, dict):
        raise ImproperlyConfigured("OIDC_GROUP_MAP must be a JSON object.")
    result = {}
    for group, targets in parsed.items():
        targets = [targets] if isinstance(targets, str) else targets
        if not isinstance(targets, list) or not all(isinstance(t, str) and t for t in targets):
            raise ImproperlyConfigured(
                f"OIDC_GROUP_MAP[{group!r}] must be a text or a list of texts."
            )
        result[str(group)] = targets
    return result


def settings(environ: Mapping[str, str], backends: list[str]) -> dict:
    """The single sign-on settings for ``environ``, with ``backends`` (the local ones) adjusted."""
    enabled = bool(environ.get("OIDC_RP_CLIENT_ID", "").strip())
    local_login = _flag(environ, "LOCAL_LOGIN", True)
    break_glass = environ.get("LOCAL_LOGIN_BREAK_GLASS_USER", "").strip()
    if not enabled:
        if not local_login:
            raise ImproperlyConfigured(
                "LOCAL_LOGIN=false needs single sign-on (OIDC_RP_CLIENT_ID and the endpoints)."
            )
        return {
            "OIDC_ENABLED": False,
            "LOCAL_LOGIN": True,
            "ROLES_FROM_PROVIDER": False,
            "AUTHENTICATION_BACKENDS": backends,
        }
    missing = [name for name in REQUIRED if not environ.get(name, "").strip()]
    if missing:
        raise ImproperlyConfigured(f"Single sign-on needs {', '.join(missing)} as well.")
    if not local_login:
        # Only the named break-glass superuser may still sign in with a password.
        backends = [BREAK_GLASS_BACKEND if b == LOCAL_BACKEND else b for b in backends]
    group_map = _group_map(environ.get("OIDC_GROUP_MAP", ""))
    return {
        "OIDC_ENABLED": True,
        # With a group map the provider decides the roles at every sign-in (committees.sso).
        "ROLES_FROM_PROVIDER": bool(group_map),
        "LOCAL_LOGIN": local_login,
        "LOCAL_LOGIN_BREAK_GLASS_USER": break_glass,
        "AUTHENTICATION_BACKENDS": [*backends, OIDC_BACKEND],
        **{name: environ[name].strip() for name in REQUIRED},
        "OIDC_OP_LOGOUT_ENDPOINT": environ.get("OIDC_OP_LOGOUT_ENDPOINT", "").strip(),
        "OIDC_RP_SIGN_ALGO": environ.get("OIDC_RP_SIGN_ALGO", "").strip() or "RS256",
        "OIDC_RP_SCOPES": environ.get("OIDC_RP_SCOPES", "").strip() or "openid email profile",
        "OIDC_TOKEN_USE_BASIC_AUTH": _flag(environ, "OIDC_TOKEN_USE_BASIC_AUTH", False),
        "OIDC_USERNAME_CLAIM": environ.get("OIDC_USERNAME_CLAIM", "").strip()
        or "preferred_username",
        "OIDC_GROUPS_CLAIM": environ.get("OIDC_GROUPS_CLAIM", "").strip() or "groups",
        "OIDC_GROUP_MAP": group_map,
        # The library's own settings that this installation fixes.
        "OIDC_USE_PKCE": True,
        "OIDC_STORE_ID_TOKEN": True,  # the id_token_hint of the provider's sign-out
        "OIDC_OP_LOGOUT_URL_METHOD": "committees.sso.provider_logout_url",
        "OIDC_TIMEOUT": 10,
        "AXES_WHITELIST_CALLABLE": "committees.sso.not_a_password_attempt",
        "LOGIN_REDIRECT_URL_FAILURE": format_lazy("{}?sso=failed", reverse_lazy("login")),
    }
