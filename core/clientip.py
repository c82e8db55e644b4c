"""The client's address for django-axes (``AXES_CLIENT_IP_CALLABLE``), proxies taken into account.

Each reverse proxy appends the address it received the request from to ``X-Forwarded-For``
(nginx's ``$proxy_add_x_forwarded_for``, Apache's mod_proxy, Traefik), so with
``TRUSTED_PROXY_COUNT`` proxies in front of gunicorn the client is the entry that many places
from the right; anything to its left came from the client and may be forged. With no proxy
declared the header is ignored and ``REMOTE_ADDR`` is the client.

django-ipware, axes' other option, counts the proxies themselves as entries of the header and
requires its exact length in strict mode, so a client that sends its own X-Forwarded-For either
gets no address or picks the forged entry; hence this function.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address of whoever sent the request to the nearest trusted proxy."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.headers.get("X-Forwarded-For", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
