"""Test settings: fast hashing, in-memory e-mail, tasks in-process unless a test asks for a worker."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "insecure-test-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory (django.core.mail.outbox); a worker that a test starts against its SMTP sink sets
# TEST_SMTP=true and keeps base's EMAIL_URL backend (tests/notifications/test_smtp_worker.py).
if not env.bool("TEST_SMTP", default=False):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# The files stay on the local disk (a test's own tmp folder) whatever the environment names:
# the object storage tests point a storage at the server they start themselves.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the source folders (the live-server browser tests need them).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
