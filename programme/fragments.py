"""What the most-read pages' cached fragments are keyed on, and their data, read only on a miss.

The overview, the measure page, a committee's assignment page and the public page wrap their
expensive parts in Django's ``{% cache %}`` tag (docs/caching.md)::

    {% cache fragment.seconds name fragment.key using=fragment.cache %}…{% endcache %}

``fragment.key`` holds the page's path (which object it shows), the versions of the data shown (``Programme.content_generation``, which
``programme.cache_generation`` moves in the same transaction as any change), the reader's
``committees.roles.signature`` (roles, not the person: readers in the same roles share one
entry), the language and today's date (pages mark overdue measures). So a fragment holds only
what follows from those: the reader's name, CSRF tokens and flash messages stay outside it.

The view reads the versions first and hands the fragment's data over as lazy objects
(:func:`lazily`), so a fragment found in the cache costs none of its queries.
"""

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from committees import roles


def fragment_context(request, *versions) -> dict:
    """The ``fragment`` context entry for the page at ``request.path``, whose fragments show
    data of ``versions`` (and anything else they vary on, such as filters)."""
    key = (
        request.path,
        versions,
        roles.signature(request.user),
        get_language(),
        timezone.localdate(),
    )
    return {
        "fragment": {
            "seconds": settings.PAGE_CACHE_SECONDS,
            "cache": settings.PAGE_CACHE_ALIAS,
            "key": key,
        }
    }


def lazily(build: Callable[[], dict], *names: str) -> dict:
    """Context entries ``names`` of ``build()``, which runs once, when the template first reads one.

    A number a template counts with (``{% blocktranslate count %}``) must be a real number: read
    it through a lazy dict entry (``page.total``), not as an entry of its own.
    """
    built = cache(build)
    return {name: SimpleLazyObject(lambda name=name: built()[name]) for name in names}
