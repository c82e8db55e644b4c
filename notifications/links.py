"""What e-mails share: absolute links and the language they are written in."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def absolute_url(view_name: str, **kwargs) -> str:
    """The page's address for a link in an e-mail: ``SITE_URL`` (``make run`` follows ``PORT``)."""
    return settings.SITE_URL.rstrip("/") + reverse(view_name, kwargs=kwargs or None)


def mail_language():
    """E-mails are written in the site's language (Swedish), whatever the sender's page showed."""
    return translation.override(settings.LANGUAGE_CODE)
