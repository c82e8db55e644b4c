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
from django.contrib import messages
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.http import HttpResponse
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


def anonymous_page(request, fragment: dict, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The whole page for a visitor who is not signed in, from the shared page cache.

    Such a page is the same for every anonymous visitor: it names no one and holds no CSRF token
    (the header's language choice is a link, ``core.language``). So its body is stored once,
    under the key of the page's fragments (``fragment``, from :func:`fragment_context`: the
    content generation moves with every change, so no entry is ever stale), and served to all
    of them: a press release sends the public to one page at once. Each process also keeps the
    few pages it serves most in its own memory for a minute (``ANONYMOUS_PAGE_CACHE_ALIAS``),
    so that not every visitor costs a read of the whole page from the shared cache.

    A signed-in reader, a visitor with a message to be shown once, and a request with a query
    string (each would get an entry of its own, for anyone to fill the cache with) get the page
    built as usual.
    """
    if request.user.is_authenticated or request.GET or len(messages.get_messages(request)):
        return build()
    key = make_template_fragment_key("anonymous-page", [fragment["key"]])
    local, shared = caches[settings.ANONYMOUS_PAGE_CACHE_ALIAS], caches[fragment["cache"]]
    content = local.get(key)
    if content is None:
        content = shared.get(key)
        if content is not None:
            local.set(key, content)
    if content is not None:
        return HttpResponse(content)
    response = build()
    if response.status_code == 200:
        shared.set(key, response.content, fragment["seconds"])
        local.set(key, response.content)
    return response
