"""An authentication backend that refuses passwords everybody knows (``settings.REFUSED_PASSWORDS``).

Production lists the demo accounts' password there: it is printed in the README, so a seeded
database served by mistake must not let anyone in with it. Raising ``PermissionDenied`` is
Django's documented way for a backend to stop ``authenticate()`` before the backends after it;
the attempt is reported as a failed login (``user_login_failed``), which django-axes counts.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied


class RefusedPasswordBackend:
    """Only ``authenticate``: no ``get_user``, so it never signs anyone in, and Django (and the
    test client's ``force_login``) keep using the backends that do; no permission methods."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is not None and password in settings.REFUSED_PASSWORDS:
            raise PermissionDenied
        return None
