"""Production: refuses to start without a strong secret; refuses the demo accounts' published
password; hardened cookies, HTTPS and headers."""

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
# Django's own rule for a strong key (check security.W009, a mere warning) refuses to start here:
# gunicorn and the worker run no system checks.
if (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
):
    raise ImproperlyConfigured(
        f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} characters long, random (at least "
        f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} different characters) and not start with "
        f"'{SECRET_KEY_INSECURE_PREFIX}'. Make one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(60))'"
    )

# The demo accounts' password (programme/demo_data.py, printed in the README) signs no one in,
# should a seeded database ever be served with these settings.
REFUSED_PASSWORDS = ["demo-losenord"]

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Only a declared proxy (TRUSTED_PROXY_COUNT, base) may say the request came over HTTPS; without
# one, anyone reaching gunicorn could claim it with a header.
if TRUSTED_PROXY_COUNT:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# One JSON object per log line for the log collector, unless LOG_FORMAT says otherwise.
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405
# Without the pool (DATABASE_POOL=false, base), keep each thread's connection for a minute; a
# top-level CONN_MAX_AGE is no Django setting. CONN_HEALTH_CHECKS (base) replaces one that died.
if not DATABASE_POOL:  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
# Sessions are cached in "default" (base). Each process's own memory cannot see a sign-out in
# another process, which would keep a signed-out session alive there: without a shared cache
# (CACHE_URL), production reads every session from the database.
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":  # noqa: F405
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
STORAGES = {
    **STORAGES,  # noqa: F405  (the files' storage: local or the bucket, settings/storage.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
