from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class UserSession(AbstractBaseSession):
    """Django's database session, plus the id of the user signed in with it.

    The column lets a request read its session and its user in one statement
    (``handlingsprogram.fastauth``), and deleting a user ends their sessions.
    The session store fills it in from the session data on every save.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    @classmethod
    def get_session_store_class(cls):
        from handlingsprogram.fastauth import SessionStore

        return SessionStore
