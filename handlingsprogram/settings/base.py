"""Settings shared by every environment, read from the environment (12-factor).

With nothing set, the app runs on the embedded default: an SQLite file in the project
folder and Celery tasks executed in-process, so a newcomer needs only Python.
"""

import os
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from . import sso, storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "simple_history",
    "axes",
    "django_prose_editor",
    "csp",
    "core",
    "committees",
    "notifications",
    "programme",
    "measures",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "core.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PrivateWhenSignedInMiddleware",
    "core.middleware.TooLargeRequestMiddleware",
]

ROOT_URLCONF = "handlingsprogram.urls"
WSGI_APPLICATION = "handlingsprogram.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.municipality",
                "core.context_processors.sign_in",
                "committees.context_processors.navigation",
                "programme.start.context_processors.navigation",
            ],
            # User text is isolated everywhere (core.bidi); no template should forget to load it.
            "builtins": ["core.templatetags.bidi"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Django checks a reused connection before a request uses it (a pooled one when the pool hands
# it out), so a connection that died with the database is replaced, not reported as an error.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# On PostgreSQL each process keeps its connections in Django's pool (psycopg_pool) unless
# DATABASE_POOL=false; then CONN_MAX_AGE keeps one connection per thread instead. Django
# refuses both at once, so with the pool CONN_MAX_AGE is 0 (docs/operations.md).
DATABASE_POOL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_POOL", default=True
)
if DATABASE_POOL:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=4),
        # Seconds a request waits for a connection: with the database down, a quick 503 (our
        # error page) rather than a request hanging for psycopg_pool's default 30 seconds.
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=3.0),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Refuses the passwords in REFUSED_PASSWORDS before any account is looked at (production).
    "core.auth.RefusedPasswordBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Passwords that sign no one in, whoever's they are (core.auth); production names the demo's.
REFUSED_PASSWORDS: list[str] = []
# Single sign-on when OIDC_RP_CLIENT_ID is set: adds the OpenID Connect backend and its settings,
# and with LOCAL_LOGIN=false keeps passwords for the break-glass superuser only (settings/sso.py).
vars().update(sso.settings(os.environ, AUTHENTICATION_BACKENDS))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Each role lands on what needs it ("Att göra"); those without a role go on to the list.
LOGIN_REDIRECT_URL = "programme:start"
LOGOUT_REDIRECT_URL = "programme:list"

# Lock-out after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind reverse proxies the client is the address the nearest trusted proxy saw, not the proxy
# (docs/operations.md, "Behind a reverse proxy"); with none declared, X-Forwarded-For is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"

# django-guardian: no anonymous user row; anonymous visitors see public documents only.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Stored files: MEDIA_ROOT, or an S3-compatible bucket with AWS_STORAGE_BUCKET_NAME set, which
# several servers share (settings/storage.py). Only ever served through the app's views.
STORAGES = {
    "default": storage.file_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Caches: "default" holds the sign-in sessions, "pages" the cached page fragments ({% cache %},
# programme.fragments).
# Each is the process's own memory (at most 300 entries, Django's default) unless its URL names
# a server shared by every process, such as redis://…; a server bounds its own memory.
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    "pages": env.cache("PAGE_CACHE_URL", default="locmemcache://pages"),
}
# A page fragment is only a saved render: with the Redis server away, render it (core/cache.py).
if CACHES["pages"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["pages"]["BACKEND"] = "core.cache.FailSoftRedisCache"
# The whole public page for anonymous visitors is also kept in each process's memory, a few
# pages for a minute at most, so that a press release's visitors are not each a read of up to
# megabytes from the shared cache (programme.fragments.anonymous_page, docs/caching.md).
CACHES["anonymous-pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "anonymous-pages",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 12},
}
ANONYMOUS_PAGE_CACHE_ALIAS = "anonymous-pages"
# Django's cached database sessions: read from the "default" cache, written to it and to the
# database, so a signed-in request costs no session query while the cache holds the session.
# Sign-out deletes both. (Production without CACHE_URL reads them from the database instead.)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "default"

PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)

# Celery: with no broker configured, tasks run in-process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A PDF render raises the worker's memory to its peak (about 1 MB per laid-out page), and Python
# keeps that memory after the render. A fresh process per task hands it back to the OS at once;
# renders are rare and take seconds, so the fork costs nothing that matters.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=1)
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# The worker logs through LOGGING above (same format, request ids), not Celery's own setup.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="handlingsprogram@localhost")
# Seconds an SMTP connection may hang: a delivery holds its row locked while it sends.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# The municipality this installation serves; shown on pages and as the PDF author.
MUNICIPALITY_NAME = env.str("MUNICIPALITY_NAME", default="Skellefteå kommun")
# The municipality's logo on the PDF's cover and the programme page: an SVG or PNG file, as a
# path inside the static files (static/…) or MEDIA_ROOT. None by default (programme.documents.logo).
MUNICIPALITY_LOGO = env.str("MUNICIPALITY_LOGO", default="")

# Upper bound for one rich-text field (characters), so a pasted 1 MB blob gets a clear message.
RICH_TEXT_MAX_LENGTH = 20000
# A larger form post is answered by core.middleware.TooLargeRequestMiddleware, which says so.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from our own
# static files, no inline script or style; the PDF templates are never served to a browser.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Inline SVG icons as data: images (Swagger UI's); an image runs no script.
        "img-src": [SELF, "data:"],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Every record carries the request id (core.requestid), in the web process and in
# the worker's tasks. LOG_FORMAT=json writes one JSON object per line (production's default).
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.requestid.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
AXES_VERBOSE = False

# Absolute address of the site, for links in e-mails.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

# Beat: consultation reminders (programme/decisions/tasks.py) and the measures' and rounds'
# reminders (measures/tasks.py), hourly, each e-mail recorded once and sent once (notifications/);
# the retry of e-mails a failed delivery left unsent; expired sign-in sessions deleted daily
# (Django's clearsessions, core/tasks.py).
CELERY_IMPORTS = [
    "programme.documents.tasks",
    "programme.decisions.tasks",
    "measures.tasks",
    "notifications.tasks",
    "core.tasks",
]
CELERY_BEAT_SCHEDULE = {
    "consultation-reminders": {
        "task": "programme.decisions.tasks.send_consultation_reminders",
        "schedule": 60 * 60,
    },
    "measure-reminders": {
        "task": "measures.tasks.send_measure_reminders",
        "schedule": 60 * 60,
    },
    "notification-retries": {
        "task": "notifications.tasks.deliver_pending_notifications",
        "schedule": 10 * 60,
    },
    "clear-expired-sessions": {
        "task": "core.tasks.clear_expired_sessions",
        "schedule": 24 * 60 * 60,
    },
}

# Programme PDFs (programme.documents.render, programme.documents.jobs): the storage alias the files go to
# (point it at an S3-compatible backend in STORAGES to keep them off the local disk) and the
# worker's time limits for one render.
PDF_STORAGE_ALIAS = env.str("PDF_STORAGE_ALIAS", default="default")
PDF_RENDER_SOFT_TIME_LIMIT = env.int("PDF_RENDER_SOFT_TIME_LIMIT", default=300)
PDF_RENDER_TIME_LIMIT = env.int("PDF_RENDER_TIME_LIMIT", default=360)
# With acks_late, a message a dead worker held returns to the queue after this many seconds
# (Redis); it must exceed the hard time limit, or a slow render would be started twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
LOGGING["filters"]["permission_denied_without_traceback"] = {
    "()": "core.errors.PermissionDeniedWithoutTraceback"
}
LOGGING["loggers"] = {
    # WeasyPrint reports every layout step at INFO; keep its progress out of the worker log.
    "weasyprint.progress": {"level": "WARNING"},
    # Django's own handlers on "django" (a console one while DEBUG, mail_admins without ADMINS)
    # printed every record a second time next to ours on the root logger: ours only.
    "django": {"level": "INFO", "handlers": []},
    # A 403 is one warning line, not a traceback (core.errors).
    "django.request": {"filters": ["permission_denied_without_traceback"]},
}

# The read-only open-data API (api/): session or personal-token sign-in, JSON only, pages of 50,
# anonymous callers rate-limited per address (API_ANON_THROTTLE_RATE, e.g. "120/minute").
API_ANON_THROTTLE_RATE = env.str("API_ANON_THROTTLE_RATE", default="120/minute")
# Where the rate limit counts: each process's memory unless a shared cache alias is named.
API_THROTTLE_CACHE = env.str("API_THROTTLE_CACHE", default="default")
REST_FRAMEWORK = {
    # The token first: its scheme is the challenge of a 401 (a wrong token is not a 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousCallerThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Handlingsprogram API",
    "DESCRIPTION": (
        "Read-only open data: action programmes against prostitution, human trafficking and the "
        "purchase of sexual services, their sections, measures and follow-up. Anonymous callers "
        "read adopted and superseded programmes; signed-in callers and personal API tokens read "
        "what their role may read."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeStatusEnum": "programme.models.Programme.Status",
        "MeasureStatusEnum": "measures.models.Measure.Status",
        "SectionKindEnum": "programme.models.Section.Kind",
        "CommitteeKindEnum": "committees.models.Committee.Kind",
        "PartnerKindEnum": "committees.models.Partner.Kind",
        "RoundStateEnum": "measures.models.ReportingRound.State",
        "TimelineEntryKindEnum": "measures.models.ProgressUpdate.Kind",
    },
    "LICENSE": {
        "name": "CC0 1.0 (the data)",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    },
}
